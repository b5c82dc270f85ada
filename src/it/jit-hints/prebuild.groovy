// A stream of 79 MB, well over the 20 MB from which the export hints the JIT: the project's real
// bulk-logging fixture (1.3 MB of logs) sixty times over (concatenated subunit v2 streams are a stream).
def fixture = new File(basedir, '../../../src/test/fixtures/streams/bulk-logging.subunit').bytes
new File(basedir, 'large.subunit').withOutputStream { out ->
    60.times { out.write(fixture) }
}
return true
