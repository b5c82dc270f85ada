import groovy.json.JsonSlurper

def out = new File(basedir, 'target/stackviz')
def log = new File(basedir, 'build.log').text
def previous = new File(basedir, 'target/stackviz').canonicalPath
// the first build: nothing there yet, a warning and no failure
assert log.contains("[WARNING] Previous export ${previous}: the folder does not exist; nothing to compare with.")
assert log.count('[WARNING] Previous export') == 1
assert log.count('BUILD SUCCESS') == 2
// the second build: config.json holds only its own run (the StackViz contract is unchanged) ...
def config = new JsonSlurper().parse(new File(out, 'config.json'))
assert config.tempest*.name == ['Repository: previous-export']
// ... and the report holds the first build's two runs to compare with
def index = new File(out, 'viewer-data/index.js').text
def json = new JsonSlurper().parseText(index.substring(index.indexOf('{'), index.lastIndexOf(')')))
assert json.previous.folder == 'stackviz'
assert json.previous.runs*.name == ['Repository: previous-export (0)', 'Repository: previous-export (1)']
assert json.previous.runs*.stats*.count == [11, 11]
assert json.previous.problems == []
// the previous runs' tests, from the first build's raw files: the repository's runs 1 and 2
assert new File(out, 'viewer-data/prev-0.js').text.contains('["suite.test_changes.Changes.test_breaks","success",')
assert new File(out, 'viewer-data/prev-1.js').text.contains('["suite.test_changes.Changes.test_breaks","fail",')
assert !new File(out, 'viewer-data/prev-2.js').exists()
