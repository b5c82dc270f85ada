import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('stackviz-maven-plugin:0.1.0-SNAPSHOT:export (default) @ lifecycle-verify')
assert log =~ /Exported 31 tests \(13 failed, 4 skipped\) from .*edge-parallel\.subunit in [0-9.]+ s/
def out = new File(basedir, 'target/stackviz')
assert log.contains("Wrote StackViz data for 1 run to ${out.canonicalPath}")
def config = new JsonSlurper().parse(new File(out, 'config.json'))
assert config.tempest.size() == 1
def entry = config.tempest[0]
assert entry.name == 'Subunit File: edge-parallel.subunit'
assert entry.dstat == 'dstat_log.csv'
assert entry.stats.count == 31
assert entry.stats.failures.size() == 13
assert new File(out, entry.raw).isFile() && new File(out, entry.tree).isFile() && new File(out, entry.details).isFile()
assert new File(out, 'index.html').text.contains("default-src 'self'")
// the log as it was, with the blank line after its header's Cmdline row that the StackViz front-end needs
def dstat = new String(new File(basedir, 'results/devstack.csv').bytes, 'ISO-8859-1')
def afterCmdline = dstat.indexOf('\n', dstat.indexOf('"Cmdline:"')) + 1
assert new String(new File(out, 'dstat_log.csv').bytes, 'ISO-8859-1') ==
        dstat.substring(0, afterCmdline) + '\n' + dstat.substring(afterCmdline)
// nothing of the work folder is left beside the output
assert new File(basedir, 'target').list().toList() == ['stackviz']
