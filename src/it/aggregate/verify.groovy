import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def slurper = new JsonSlurper()
def prefix = 'stackviz-maven-plugin:0.1.0-SNAPSHOT'

// each module exports its own reports; the root and gamma (no tests) have none, which is no failure in the lifecycle
assert log.contains('Skipping the StackViz export: no input is configured and none of the project\'s test report folders exists (target/surefire-reports, target/failsafe-reports, target/junit-platform)')
assert !log.contains('BUILD FAILURE')
['alpha', 'beta'].each { module ->
    def config = slurper.parse(new File(basedir, "${module}/target/stackviz/config.json"))
    assert config.tempest*.name == ["Surefire: ${module}"]
}
assert !new File(basedir, 'gamma/target/stackviz').exists()

// the reactor's report: one run per module input, named after its module, none for gamma
def out = new File(basedir, 'target/stackviz')
def config = slurper.parse(new File(out, 'config.json'))
assert config.tempest*.name == ['alpha: Surefire', 'beta: Surefire']
assert config.tempest*.raw == ['tempest_alpha_junit_surefire-reports_0_raw.json',
                               'tempest_beta_junit_surefire-reports_0_raw.json']
def raw = { entry -> slurper.parse(new File(out, entry.raw)).collectEntries { [(it.name): it] } }
def alpha = raw(config.tempest[0])
def beta = raw(config.tempest[1])
assert alpha.keySet() == ['demo.alpha.PricesTest.addsTax', 'demo.alpha.PricesTest.roundsDown',
                          'demo.alpha.PricesTest.discountsMembers'] as Set
assert beta.keySet() == ['demo.beta.StockTest.countsItems', 'demo.beta.StockTest.reordersBelowMinimum'] as Set
// the second build (-Dit.flip=true): one test broke, one was fixed
assert alpha['demo.alpha.PricesTest.discountsMembers'].status == 'fail'
assert beta['demo.beta.StockTest.reordersBelowMinimum'].status == 'success'
(alpha.values() + beta.values()).each { record ->
    assert record.timestamps.every { it != null }
    assert record.tags.any { it ==~ /worker-\d+/ }
}
assert log.count("Wrote StackViz data for 2 runs to ${out.canonicalPath}") == 2
assert new File(out, 'index.html').isFile()

// the second build compared with the first (previous = the root's target/stackviz, read before it was replaced)
def index = new File(out, 'viewer-data/index.js').text
def json = slurper.parseText(index.substring(index.indexOf('{'), index.lastIndexOf(')')))
assert json.previous.runs*.name == ['alpha: Surefire', 'beta: Surefire']
assert json.previous.problems == []
// in the first build discountsMembers passed and reordersBelowMinimum failed
assert new File(out, 'viewer-data/prev-0.js').text.contains('["demo.alpha.PricesTest.discountsMembers","success",')
assert new File(out, 'viewer-data/prev-1.js').text.contains('["demo.beta.StockTest.reordersBelowMinimum","fail",')
