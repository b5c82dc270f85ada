import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('--- stackviz-maven-plugin:0.1.0-SNAPSHOT:export (default-cli) @ cli-export ---')
def missing = new File(basedir, 'missing.subunit').canonicalPath
assert log.contains("[WARNING] Stream file ${missing} does not exist: skipped")
def config = new JsonSlurper().parse(new File(basedir, 'report/config.json'))
assert config.tempest*.raw == ['tempest_file_run.subunit_0_raw.json', 'tempest_file_run.subunit-2_0_raw.json']
assert config.tempest*.stats*.count == [31, 3]
assert !new File(basedir, 'target/stackviz').exists()
