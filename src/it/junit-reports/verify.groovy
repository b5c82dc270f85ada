import groovy.json.JsonSlurper
import groovy.xml.XmlSlurper
import java.time.Duration
import java.time.Instant
import java.time.OffsetDateTime
import java.util.zip.GZIPInputStream

// The project's own Surefire and Failsafe reports are the truth; the export must hold every testcase
// of them as a record, with its times and status, in worker-N lanes that only real concurrency opens.

// Surefire's testcase timestamps jitter: in a sequential run consecutive tests overlap by up to
// ~100 ms, so a lane may hold tests that overlap by up to the tolerance docs/junit-reports.md
// ("Lanes: measured") chose from real reports.
final long JITTER_MS = 200

// ---- 1. the reports ---------------------------------------------------------------------------

/** Every testcase of a reports folder: names the reader may give it, times, expected status, output. */
List<Map> testcases(File folder) {
    def files = (folder.listFiles() ?: []).findAll { it.name ==~ /TEST-.*\.xml/ }.sort { it.name }
    assert files : "no TEST-*.xml in ${folder}"
    def cases = []
    files.each { f ->
        def suite = new XmlSlurper(false, false).parse(f)
        suite.testcase.each { tc ->
            String cls = tc.@classname.text()
            String method = tc.@name.text()
            def has = { String element -> tc."${element}".size() > 0 }
            String status = (has('failure') || has('error') || has('rerunFailure') || has('rerunError')) ? 'fail'
                    : has('skipped') ? 'skip' : 'success'
            boolean flaky = status == 'success' && (has('flakyFailure') || has('flakyError'))
            Instant start = tc.@timestamp.text() ? OffsetDateTime.parse(tc.@timestamp.text()).toInstant() : null
            long micros = Math.round(Double.parseDouble(tc.@time.text() ?: '0') * 1_000_000d)
            // output: the test's own <system-out>/<system-err>, and those of its failed attempts
            def own = [stdout: tc.'system-out'.text(), stderr: tc.'system-err'.text()]
            def attempts = tc.depthFirst().findAll { it.name() in ['system-out', 'system-err'] }*.text()
            cases << [file: f.name, cls: cls, method: method,
                      // issue 18: class and method dotted; a nested class Outer$Inner may keep its $
                      // or be dotted (Outer.Inner): the tree check below asks for the nesting itself
                      names: ["${cls}.${method}", "${cls.replace('$', '.')}.${method}"].collect { it.toString() }.unique(),
                      status: status, flaky: flaky, start: start,
                      end: start == null ? null : start.plus(Duration.ofNanos(micros * 1000)),
                      own: own, outputs: attempts.findAll { it.trim() }]
        }
    }
    return cases
}

def surefire = testcases(new File(basedir, 'target/surefire-reports'))
def failsafe = testcases(new File(basedir, 'target/failsafe-reports'))

// the project ran as designed: otherwise the checks below would check nothing
assert surefire.size() == 12 && failsafe.size() == 3
assert surefire.count { it.status == 'fail' } == 2 && surefire.count { it.status == 'skip' } == 1
assert surefire.count { it.flaky } == 1
assert (surefire + failsafe).every { it.start != null } : 'reportTestTimestamp is on: every testcase has a timestamp'
// where Surefire puts a parallel test's output varies from run to run (docs/junit-reports.md): the
// output checks below follow whatever the reports hold
println "reports: ${surefire.size()} Surefire and ${failsafe.size()} Failsafe testcases, " +
        "${(surefire + failsafe).count { it.outputs }} with output"

// ---- 2. the export ------------------------------------------------------------------------------

def log = new File(basedir, 'build.log').text
assert log =~ /stackviz-maven-plugin:[^:]+:export \(default\) @ junit-reports/
// Maven's own folders hold more than reports (failsafe-summary.xml, *.txt): a plain build must not warn about them
def summaryWarnings = log.readLines().findAll { it.contains('WARNING') && it.contains('failsafe-summary.xml') }
assert !summaryWarnings : "failsafe-summary.xml is part of every Failsafe folder, not a damaged report: ${summaryWarnings}"
def out = new File(basedir, 'target/stackviz')
def json = { String name ->
    def file = new File(out, name)
    assert file.isFile() : "${name} is missing"
    InputStream input = file.newInputStream()
    if (name.endsWith('.gz')) {
        input = new GZIPInputStream(input)
    }
    input.withCloseable { new JsonSlurper().parse(it, 'UTF-8') }
}
def config = json('config.json')
assert config.tempest.size() == 2 : "one run for Surefire and one for Failsafe: ${config.tempest*.name}"
def surefireRun = config.tempest.find { it.name =~ /(?i)surefire/ }
def failsafeRun = config.tempest.find { it.name =~ /(?i)failsafe/ }
assert surefireRun && failsafeRun && !surefireRun.is(failsafeRun) : config.tempest*.name

Instant instant(String iso) { OffsetDateTime.parse(iso).toInstant() }
long millis(Instant a, Instant b) { Duration.between(a, b).toMillis() }

def check = { Map run, List<Map> cases, String what ->
    List raw = json(run.raw)
    Map details = json(run.details)
    assert run.stats.count == cases.size()
    assert raw.size() == cases.size() : "${what}: ${raw.size()} records for ${cases.size()} testcases"
    assert run.stats.failures.size() == cases.count { it.status == 'fail' }
    assert run.stats.skips.size() == cases.count { it.status == 'skip' }
    Map byName = raw.collectEntries { [(it.name): it] }
    assert byName.size() == raw.size() : "${what}: record names are distinct: ${raw*.name}"
    cases.each { tc ->
        def name = tc.names.find { byName.containsKey(it) }
        assert name : "${what}: no record for ${tc.names[0]} in ${raw*.name}"
        def record = byName[name]
        assert record.status == tc.status : "${name}: ${record.status}, the report says ${tc.status}"
        assert ('flaky' in record.tags) == tc.flaky : "${name}: tags ${record.tags}"
        assert record.timestamps?.size() == 2 && record.timestamps.every { it } : "${name}: times ${record.timestamps}"
        Instant start = instant(record.timestamps[0]), end = instant(record.timestamps[1])
        assert start == tc.start : "${name}: starts ${start}, the report says ${tc.start}"
        assert Math.abs(millis(tc.end, end)) <= 1 : "${name}: ends ${end}, the report says ${tc.end}"
        def attachments = details[name] ?: [:]
        if (tc.status == 'fail') {
            assert attachments.traceback : "${name}: the failure's trace is the traceback attachment: ${attachments.keySet()}"
        }
        if (tc.status == 'skip') {
            assert attachments.reason : "${name}: the skip message is the reason: ${attachments.keySet()}"
        }
        if (tc.flaky) {
            assert attachments.values().any { it.contains('AssertionFailedError') } : "${name}: the failed attempt's trace is kept"
        }
        tc.own.each { key, text ->
            if (text.trim()) {
                assert attachments[key]?.contains(text.trim()) : "${name}: ${key} attachment"
            }
        }
        tc.outputs.each { text ->
            assert attachments.values().any { it.contains(text.trim()) } : "${name}: output of an attempt is kept: ${text}"
        }
        tc.record = record
    }
    // lanes: every timed record in one worker-N lane; no lane holds tests overlapping beyond the jitter
    Map lanes = [:].withDefault { [] }
    cases.each { tc ->
        def workers = tc.record.tags.findAll { it ==~ /worker-\d+/ }
        assert workers.size() == 1 : "${tc.record.name}: one worker-N tag, not ${tc.record.tags}"
        lanes[workers[0]] << tc
    }
    lanes.each { lane, members ->
        Instant busyUntil = null
        String last = null
        members.sort { a, b -> a.start <=> b.start ?: a.end <=> b.end }.each { tc ->
            if (busyUntil != null) {
                long overlap = millis(tc.start, busyUntil)
                assert overlap <= JITTER_MS : "${what} ${lane}: ${tc.record.name} starts ${overlap} ms before ${last} ends"
            }
            if (busyUntil == null || tc.end.isAfter(busyUntil)) {
                busyUntil = tc.end
                last = tc.record.name
            }
        }
    }
    // no more lanes than the overlap needs: at most as many as tests that run at one instant
    def events = cases.collectMany { [[it.start, 1], [it.end, -1]] }.sort { a, b -> a[0] <=> b[0] ?: a[1] <=> b[1] }
    int running = 0, concurrency = 0
    events.each { running += it[1]; concurrency = Math.max(concurrency, running) }
    assert lanes.size() <= concurrency : "${what}: ${lanes.size()} lanes where at most ${concurrency} tests overlap"
    println "${what}: ${raw.size()} records in lanes ${lanes.keySet().sort()}, at most ${concurrency} tests at once"
    return lanes
}

def surefireLanes = check(surefireRun, surefire, 'Surefire')
check(failsafeRun, failsafe, 'Failsafe')
// two forks with two threads each: the tests overlap by 100s of ms, far beyond the jitter
assert surefireLanes.size() > 1 : 'the parallel run has more than one lane'

// the named cases of issue 18
def surefireRaw = json(surefireRun.raw)
def flaky = surefireRaw.find { it.name == 'demo.RetryTest.passesOnRerun' }
assert flaky?.status == 'success' && 'flaky' in flaky.tags
assert surefireRaw*.name.containsAll(['demo.TotalTest.repeatsOneItem(int)[1]', 'demo.TotalTest.repeatsOneItem(int)[2]',
                                      'demo.TotalTest.repeatsOneItem(int)[3]', 'demo.TotalTest.addsPrices'])
// nested classes appear nested in the tree: demo > DiscountTest > InRange > halfPrice
def tree = json(surefireRun.tree)
def path = { node, List<String> parts ->
    parts.inject(node) { n, part -> n?.children?.find { it.name == part } }
}
def root = tree.name == 'demo' ? [children: [tree]] : tree
assert path(root, ['demo', 'DiscountTest', 'InRange', 'halfPrice']) : "nested class in the tree: ${groovy.json.JsonOutput.toJson(tree)}"
assert path(root, ['demo', 'DiscountTest', 'noDiscount'])
