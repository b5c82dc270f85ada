import groovy.json.JsonSlurper

// A damaged stream does not fail the build: it exports what can be saved and says what was lost.
def log = new File(basedir, 'build.log').text
def flip = new File(basedir, 'flip-byte.subunit').canonicalPath
assert log.contains("[WARNING] ${flip}: corrupt packet at byte 7830: bad CRC")
assert log.contains("Exported 32 tests (14 failed, 4 skipped) from ${flip}")
assert log.contains('text-lines.subunit: ... and 5 more runs of non-subunit data')
assert log.contains("[WARNING] ${flip}: kept 32 tests; skipped 1 corrupt packet (94 bytes)")
assert log.contains('BUILD SUCCESS')
def out = new File(basedir, 'target/stackviz')
def config = new JsonSlurper().parse(new File(out, 'config.json'))
assert config.tempest*.stats*.count == [32, 31]
assert config.tempest[0].warnings.size() == 2
assert config.tempest[0].warnings[1] == 'kept 32 tests; skipped 1 corrupt packet (94 bytes)'
assert config.tempest[0].warnings[0].startsWith('corrupt packet at byte 7830: bad CRC')
config.tempest.each { entry -> [entry.raw, entry.tree, entry.details].each { assert new File(out, it).length() > 2 } }
def details = new JsonSlurper().parse(new File(out, config.tempest[0].details))
assert details['subunit.parser'].ParserError.startsWith('corrupt packet at byte 7830')
