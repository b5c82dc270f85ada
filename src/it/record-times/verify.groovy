import groovy.json.JsonSlurper

// raw.json carries no null time where the stream carried any (issue 21): a test still running when a killed
// run's stream ended ends at the stream's last time; a listed test that never ran takes the nearest time (here
// the stream's first: the listing came before any time), duration 0; a parser error sits at the last time
// before the damage, duration 0. Only a stream without any time (TAP) keeps null.
def out = new File(basedir, 'target/stackviz')
def config = new JsonSlurper().parse(new File(out, 'config.json'))
def runs = [:]
config.tempest.each { entry ->
    def stream = entry.raw.replaceAll(/^tempest_file_(.*)_0_raw\.json$/, '$1')
    runs[stream] = [entry: entry, raw: new JsonSlurper().parse(new File(out, entry.raw))]
}
assert runs.keySet() == ['killed-raw.subunit', 'edge-raw-subunit-run.subunit', 'flip-byte.subunit', 'tap.subunit'] as Set
def record = { stream, name -> runs[stream].raw.find { it.name == name } }

// a record with this status, placed at this time, with duration 0
def placed = { r, status, time ->
    assert r.status == status && r.timestamps == [time, time] && r.duration == 0 : r
}
// the hung test's inprogress packet is the stream's last time: it had run 0 s by then
placed(record('killed-raw.subunit', 'realhang.test_hang.Hang.test_c_hangs'), 'inprogress',
        '2026-11-28T09:02:20.503751+00:00')
// listed before any time: the stream's first
placed(record('killed-raw.subunit', 'realhang.test_hang.Hang.test_d_never_starts'), 'exists',
        '2026-11-28T09:02:20.501422+00:00')
assert runs['killed-raw.subunit'].entry.stats.end == '2026-11-28T09:02:20.503751+00:00'
def neverRan = runs['edge-raw-subunit-run.subunit'].raw.findAll { it.status == 'exists' }
assert neverRan.size() == 5
neverRan.each { placed(it, 'exists', '2026-11-28T09:01:59.475969+00:00') }
// the last time before the damage at byte 7830
placed(record('flip-byte.subunit', 'subunit.parser'), 'fail', '2026-11-28T09:01:57.585145+00:00')

['killed-raw.subunit', 'edge-raw-subunit-run.subunit', 'flip-byte.subunit'].each { stream ->
    runs[stream].raw.each { r ->
        assert r.timestamps.every { it != null } && r.duration instanceof Number : "${stream}: ${r.name}"
    }
}
assert runs['tap.subunit'].raw.size() == 7
runs['tap.subunit'].raw.each { assert it.timestamps == [null, null] && it.duration == null }
assert runs['tap.subunit'].entry.stats.start == null

def log = new File(basedir, 'build.log').text
assert log.contains("killed-raw.subunit: test realhang.test_hang.Hang.test_c_hangs never finished (status inprogress):"
        + " kept as running until the stream's last time, 2026-11-28T09:02:20.503751Z")
assert log.contains('BUILD SUCCESS')
