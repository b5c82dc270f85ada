import groovy.json.JsonSlurper
import java.time.OffsetDateTime

// record-load and export in one execution, nothing configured: the load file covers the build, the export
// copies it and names it in every entry, and its samples cover the tests' time span.
def log = new File(basedir, 'build.log').text
assert log =~ /Recording the machine load every 1 s into .*stackviz-load\.csv/
def load = new File(basedir, 'target/stackviz-load.csv')
assert load.isFile()
def lines = load.readLines()
assert lines[0] == '"Dstat 0.7.4 CSV output"'
assert lines[4] == ''
assert lines[6].startsWith('"time","epoch","usr","sys","idl","wai","stl","used","free","buff","cach","recv","send"')
def samples = lines.drop(7).collect { it.split(',', -1) }
assert samples.size() >= 5 // the tests take 4 s
assert samples.every { it.size() == 29 }
def epochs = samples.collect { it[1] as double }
assert epochs == epochs.sort(false)
// both cores busy for 4 s: at least one sample says so
assert samples.any { (it[2] as double) + (it[3] as double) > 80 }

// the export: the load file as dstat_log.csv, in every entry
assert log.contains('Machine load: ' + load.canonicalPath + ' (recorded by record-load in this build)')
def out = new File(basedir, 'target/stackviz')
assert new File(out, 'dstat_log.csv').bytes == load.bytes
def config = new JsonSlurper().parse(new File(out, 'config.json'))
assert config.tempest.size() >= 1
assert config.tempest.every { it.dstat == 'dstat_log.csv' }

// the samples cover the tests: first no later than the first test's start, last no earlier than the last's end
def times = config.tempest.collectMany { entry ->
    new JsonSlurper().parse(new File(out, entry.raw)).collect { it.timestamps }
}
assert times.size() == 2
def seconds = { String iso -> def t = OffsetDateTime.parse(iso); t.toEpochSecond() + t.nano / 1e9 }
def firstStart = times.collect { seconds(it[0]) }.min()
def lastEnd = times.collect { seconds(it[1]) }.max()
assert epochs.first() <= firstStart
assert epochs.last() >= lastEnd
