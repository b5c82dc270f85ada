def log = new File(basedir, 'build.log').text
def here = basedir.canonicalPath
assert log.contains("on project standalone-pom: The output directory ${here} holds files that are not a StackViz export's (")
assert log.contains("the export replaces its output directory whole, and would delete them.")
assert new File(basedir, 'notes.txt').text == 'my own notes: the export must not delete this folder\n'
assert new File(basedir, 'tap.subunit').length() > 0
assert new File(basedir, 'invoker.properties').exists()
assert !new File(basedir, 'config.json').exists()
// no work folder left beside it
assert !basedir.parentFile.list().any { it.startsWith('.foreign-output.tmp-') }
