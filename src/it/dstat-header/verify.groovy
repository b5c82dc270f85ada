// dstat_log.csv is the log as it was, with a blank line after each header block's Cmdline row (dstat 0.7.4 and
// later write none; the StackViz front-end reads the 6th and 7th lines as the group and column names): here a
// log with two header blocks, appended by two recordings.
def out = new File(basedir, 'target/stackviz')
def input = new String(new File(basedir, 'appended.csv').bytes, 'ISO-8859-1')
def copy = new String(new File(out, 'dstat_log.csv').bytes, 'ISO-8859-1')
def inLines = input.split('\n', -1).toList()
def expected = []
inLines.eachWithIndex { line, i ->
    expected << line
    if (line.startsWith('"Cmdline:"')) {
        assert inLines[i + 1] != '' : 'the fixture was recorded without the blank line'
        expected << ''
    }
}
assert copy.split('\n', -1).toList() == expected
assert copy.length() == input.length() + 2
def lines = copy.split('\n', -1)
assert lines[4] == '' && lines[5].startsWith('"system"') && lines[6].startsWith('"time"')
assert new File(basedir, 'build.log').text.contains('BUILD SUCCESS')
