import groovy.json.JsonSlurper
import java.util.zip.GZIPInputStream

def out = new File(basedir, 'target/stackviz')
def config = new JsonSlurper().parse(new File(out, 'config.json'))
def entry = config.tempest[0]
assert entry.raw == 'tempest_file_edge-parallel.subunit_0_raw.json.gz'
assert entry.details.endsWith('.json.gz') && entry.tree.endsWith('.json.gz')
assert entry.dstat == 'dstat_log.csv.gz'
def gunzip = { name -> new GZIPInputStream(new FileInputStream(new File(out, name))).bytes }
// the log as it was, with the blank line after its header's Cmdline row that the StackViz front-end needs
def log = new String(new File(basedir, 'rich.csv').bytes, 'ISO-8859-1')
assert !log.contains('\n\n')
def cmdline = log.indexOf('\n', log.indexOf('"Cmdline:"')) + 1
def expected = log.substring(0, cmdline) + '\n' + log.substring(cmdline)
assert new String(gunzip('dstat_log.csv.gz'), 'ISO-8859-1') == expected
assert new JsonSlurper().parse(gunzip(entry.raw)).size() == 31
assert out.list().toList().sort() == ['config.json', 'dstat_log.csv.gz', entry.details, entry.raw, entry.tree,
                                      'index.html', 'viewer', 'viewer-data'].sort()
// the report's own data files are never gzipped: a browser cannot inflate a script on file://
assert new File(out, 'viewer-data').list().every { it.endsWith('.js') }
