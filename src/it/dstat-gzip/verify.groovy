import groovy.json.JsonSlurper
import java.util.zip.GZIPInputStream

def out = new File(basedir, 'target/stackviz')
def config = new JsonSlurper().parse(new File(out, 'config.json'))
def entry = config.tempest[0]
assert entry.raw == 'tempest_file_edge-parallel.subunit_0_raw.json.gz'
assert entry.details.endsWith('.json.gz') && entry.tree.endsWith('.json.gz')
assert entry.dstat == 'dstat_log.csv.gz'
def gunzip = { name -> new GZIPInputStream(new FileInputStream(new File(out, name))).bytes }
assert gunzip('dstat_log.csv.gz') == new File(basedir, 'rich.csv').bytes
assert new JsonSlurper().parse(gunzip(entry.raw)).size() == 31
assert out.list().toList().sort() == ['config.json', 'dstat_log.csv.gz', entry.details, entry.raw, entry.tree,
                                      'index.html', 'viewer', 'viewer-data'].sort()
// the report's own data files are never gzipped: a browser cannot inflate a script on file://
assert new File(out, 'viewer-data').list().every { it.endsWith('.js') }
