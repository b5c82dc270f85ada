import groovy.json.JsonSlurper

// the build, then a later export on its own: both export the load file record-load wrote in the build
def log = new File(basedir, 'build.log').text
assert log.count('BUILD SUCCESS') == 2
def load = new File(basedir, 'target/stackviz-load.csv')
assert load.isFile()
assert log.contains('Machine load: ' + load.canonicalPath + ' (recorded by record-load in this build)')
assert log.contains('Machine load: ' + load.canonicalPath + ' (recorded by record-load in an earlier build,'
        + ' while these tests ran)')
[new File(basedir, 'target/stackviz'), new File(basedir, 'target/stackviz-later')].each { out ->
    assert new File(out, 'dstat_log.csv').bytes == load.bytes
    def config = new JsonSlurper().parse(new File(out, 'config.json'))
    assert config.tempest*.name == ['Surefire: record-load-later-export']
    assert config.tempest.every { it.dstat == 'dstat_log.csv' }
}
true
