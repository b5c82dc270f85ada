import groovy.json.JsonSlurper

def out = new File(basedir, 'target/stackviz')
def config = new JsonSlurper().parse(new File(out, 'config.json'))
// every run, oldest first, named after the folder that holds the repository
assert config.tempest*.name == ['Repository: repository (0)', 'Repository: repository (1)']
assert config.tempest*.raw == ['tempest_repo_repository_0_raw.json', 'tempest_repo_repository_1_raw.json']
assert config.tempest*.stats*.count == [290, 285]
assert config.tempest*.stats*.failures*.size() == [1, 11]
def run1 = new JsonSlurper().parse(new File(out, config.tempest[1].raw))
assert run1.countBy { it.status } == [success: 266, fail: 11, skip: 2, xfail: 6]
def log = new File(basedir, 'build.log').text
assert log =~ /Exported 290 tests \(1 failed, 0 skipped\) from .*\.stestr.0 in/
assert log =~ /Exported 285 tests \(11 failed, 2 skipped\) from .*\.stestr.1 in/
