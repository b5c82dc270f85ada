def log = new File(basedir, 'build.log').text
assert new File(basedir, 'large.subunit').length() >= 20L << 20
// first run: the directive is added while the run is exported, and removed when the export ends
def added = log.indexOf('[DEBUG] Compiler directive added for the export (stackviz.jitHints)')
def removed = log.indexOf('[DEBUG] Compiler directive removed')
assert added >= 0 && removed > added
assert log.contains('(f) jitHints = true')
// second run: jitHints=false reaches the export, which leaves the JIT alone
assert log.contains('(f) jitHints = false')
assert log.count('Compiler directive added') == 1
assert log.count('Compiler directive removed') == 1
assert log.count('[INFO] Exported ') == 2
assert new File(basedir, 'target/stackviz/config.json').isFile()
assert new File(basedir, 'off/config.json').isFile()
