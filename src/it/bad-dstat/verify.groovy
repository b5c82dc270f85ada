// A dstat file that is not a dstat log fails the build before any work, saying what it found.
def log = new File(basedir, 'build.log').text
def csv = new File(basedir, 'load.csv').canonicalPath
assert log.contains("on project standalone-pom: ${csv} is not a dstat CSV log: its first row should be \"Dstat <version> CSV output\" (dstat --output FILE writes it), but it is \"time\"")
assert !new File(basedir, 'target').exists()
