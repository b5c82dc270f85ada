import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('@ standalone-pom ---')
def config = new JsonSlurper().parse(new File(basedir, 'target/stackviz/config.json'))
assert config.tempest*.name == ['Subunit File: edge-parallel.subunit', 'Subunit File: tap.subunit']
assert config.tempest*.stats*.count == [31, 7]
