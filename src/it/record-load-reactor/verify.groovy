// Two modules, -T 2: the plugin's classes are shared by the build, so one sampler serves both modules' files.
def log = new File(basedir, 'build.log').text
def started = (log =~ /Recording the machine load every 1 s into (.*)stackviz-load\.csv/).collect { it[1] }
def joined = (log =~ /Recording the machine load into (.*)stackviz-load\.csv too \(this build's sampler, every 1 s\)/)
        .collect { it[1] }
assert started.size() == 1 && joined.size() == 1
def names = [started[0], joined[0]].collect { new File(it).parentFile.name }.sort()
assert names == ['a', 'b']
def first = new File(started[0], 'stackviz-load.csv').readLines()
def second = new File(joined[0], 'stackviz-load.csv').readLines()
[first, second].each { lines ->
    assert lines[0] == '"Dstat 0.7.4 CSV output"'
    assert lines[4] == ''
    assert lines[6].startsWith('"time","epoch","usr"')
    assert lines.size() >= 9 // a first sample and the build's end
}
// the same samples: the joining module's file starts with the sampler's latest row, and both end with the
// sample the JVM's end took
assert first.drop(7).contains(second[7])
assert first.last() == second.last()
