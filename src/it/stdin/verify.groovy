import groovy.json.JsonSlurper

// cat edge-parallel.subunit | mvn ...:export -Dstackviz.stdin, offline on the ITs' repository (-llr: the
// artifacts there were fetched through the ITs' settings, which this run does not use)
def mvn = new File(System.getProperty('maven.home'), 'bin/mvn').path
def command = [mvn, '-B', '-o', '-llr', '-ntp', "-Dmaven.repo.local=${localRepositoryPath}",
               'io.github.stackviz:stackviz-maven-plugin:0.1.0-SNAPSHOT:export', '-Dstackviz.stdin']
def logFile = new File(basedir, 'stdin-build.log')
def process = new ProcessBuilder(command.collect { it.toString() })
        .directory(basedir)
        .redirectInput(new File(basedir, 'edge-parallel.subunit'))
        .redirectErrorStream(true)
        .redirectOutput(logFile)
        .start()
assert process.waitFor() == 0 : logFile.text
def log = logFile.text
assert log =~ /Exported 31 tests \(13 failed, 4 skipped\) from stdin in [0-9.]+ s/
def config = new JsonSlurper().parse(new File(basedir, 'target/stackviz/config.json'))
assert config.tempest*.name == ['Subunit Stream (stdin)']
assert config.tempest[0].raw == 'tempest_stdin_0_raw.json'
assert config.tempest[0].stats.count == 31
