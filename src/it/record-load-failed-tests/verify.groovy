// A test fails: the build ends before post-integration-test, so no export finishes the recording. The JVM's end
// takes a last sample, and the file is a whole dstat log whose rows cover the tests.
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 1, Failures: 1')
assert !log.contains('stackviz-maven-plugin:0.1.0-SNAPSHOT:export')
assert !new File(basedir, 'target/stackviz').exists()
def load = new File(basedir, 'target/stackviz-load.csv')
def text = load.text
assert text.endsWith('\n')
def lines = text.readLines()
assert lines[0] == '"Dstat 0.7.4 CSV output"'
def samples = lines.drop(7).collect { it.split(',', -1) }
assert samples.size() >= 3 // the test takes 3 s
assert samples.every { it.size() == 29 && it[0] ==~ /\d\d-\d\d \d\d:\d\d:\d\d/ }
def epochs = samples.collect { it[1] as double }
// the suite's start and duration, from its report's <testsuite ... time="4.2" timestamp="...Z">
def suite = (new File(basedir, 'target/surefire-reports/TEST-it.FailingTest.xml').text =~ /<testsuite [^>]*>/)[0]
def start = java.time.Instant.parse((suite =~ / timestamp="([^"]+)"/)[0][1])
def seconds = start.epochSecond + start.nano / 1e9
assert epochs.first() <= seconds
assert epochs.last() >= seconds + ((suite =~ / time="([^"]+)"/)[0][1] as double)
