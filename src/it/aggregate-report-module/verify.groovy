import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('stackviz-maven-plugin:0.1.0-SNAPSHOT:aggregate (default) @ report')
// the report module reports on what it depends on: alpha (and itself, which has no tests)
def out = new File(basedir, 'report/target/stackviz')
def config = new JsonSlurper().parse(new File(out, 'config.json'))
assert config.tempest*.name == ['alpha: Surefire']
assert config.tempest[0].stats.count == 2
assert log.contains("Wrote StackViz data for 1 run to ${out.canonicalPath}")
assert !new File(basedir, 'target/stackviz').exists()
