def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] Skipping the StackViz export (stackviz.skip)')
assert !new File(basedir, 'target/stackviz').exists()
