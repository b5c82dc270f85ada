import groovy.json.JsonSlurper

def config = new JsonSlurper().parse(new File(basedir, 'target/stackviz/config.json'))
assert config.tempest*.name == ['Subunit File: a-tap.subunit', 'Subunit File: b-edge.subunit']
assert config.tempest*.stats*.count == [7, 31]
