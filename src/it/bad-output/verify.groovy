def log = new File(basedir, 'build.log').text
def taken = new File(basedir, 'taken').canonicalPath
assert log.contains("[ERROR] Failed to execute goal io.github.stackviz:stackviz-maven-plugin:0.1.0-SNAPSHOT:export (default-cli) on project standalone-pom: The output directory ${taken} is a file, not a directory")
assert new File(basedir, 'taken').text == 'this file is in the way\n'
