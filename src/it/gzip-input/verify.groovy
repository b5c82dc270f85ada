import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def stream = new File(basedir, 'results.subunit.gz').canonicalPath
assert log.contains("[INFO] Exported 31 tests (13 failed, 4 skipped) from ${stream} in ")
assert !log.contains('[WARNING]')
def config = new JsonSlurper().parse(new File(basedir, 'target/stackviz/config.json'))
assert config.tempest*.raw == ['tempest_file_results.subunit.gz_0_raw.json']
assert config.tempest[0].stats.count == 31
assert config.tempest[0].warnings == null
