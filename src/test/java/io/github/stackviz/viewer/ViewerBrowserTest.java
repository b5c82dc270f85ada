package io.github.stackviz.viewer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report in a real browser: headless Chromium opens {@code file://.../index.html} of exports written by
 * {@link ViewerWriter} (and once over HTTP), and every page is checked for CSP violations and errors.
 * Screenshots go to {@code target/screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ViewerBrowserTest {

    @TempDir
    static Path tmp;

    Browser browser;

    @BeforeAll
    void start() throws IOException {
        browser = Browser.start(tmp.resolve("profile"));
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    // ---------------------------------------------------------------- exports

    private final Map<String, Path> exports = new TreeMap<>();

    /** A reference export with the viewer written into a copy. */
    Path reference(String name) throws IOException {
        Path dir = exports.get(name);
        if (dir == null) {
            dir = Exports.copyCase(name, tmp.resolve("exports").resolve(name));
            ViewerWriter.write(dir);
            exports.put(name, dir);
        }
        return dir;
    }

    /** A reference export with {@code dstat} added as dstat_log.csv, named in every entry. */
    Path withDstat(String name, String dstat) throws IOException {
        String key = name + "+" + dstat;
        Path dir = exports.get(key);
        if (dir == null) {
            dir = Exports.copyCase(name, tmp.resolve("exports").resolve(key));
            Files.copy(Exports.DSTAT.resolve(dstat), dir.resolve("dstat_log.csv"));
            ObjectNode config = (ObjectNode) Exports.contract(dir.resolve("config.json"));
            config.get("tempest").forEach(e -> ((ObjectNode) e).put("dstat", "dstat_log.csv"));
            Exports.MAPPER.writeValue(dir.resolve("config.json").toFile(), config);
            ViewerWriter.write(dir);
            exports.put(key, dir);
        }
        return dir;
    }

    static JsonNode raw(Path export, int run) throws IOException {
        JsonNode entry = Exports.contract(export.resolve("config.json")).get("tempest").get(run);
        return Exports.contract(export.resolve(entry.get("raw").asText()));
    }

    static int count(JsonNode raw, String status) {
        int n = 0;
        for (JsonNode r : raw) {
            n += r.get("status").asText().equals(status) ? 1 : 0;
        }
        return n;
    }

    String text(String css) {
        return browser.driver.findElement(By.cssSelector(css)).getText();
    }

    List<WebElement> all(String css) {
        return browser.driver.findElements(By.cssSelector(css));
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // ---------------------------------------------------------------- Runs

    @Test
    void runSummaryShowsTheCountsOfTheRaw() throws IOException {
        Path dir = reference("edge-parallel");
        JsonNode raw = raw(dir, 0);
        browser.open(dir, "#run=0&view=summary");

        List<WebElement> tiles = all("#summary-tiles .tile-value");
        assertEquals("31", tiles.get(0).getText());
        assertEquals(String.valueOf(count(raw, "fail")), tiles.get(1).getText());
        assertEquals(String.valueOf(count(raw, "skip")), tiles.get(2).getText());
        assertEquals("31", browser.js("return document.getElementById('status-counts').dataset.total"));
        for (String status : List.of("success", "fail", "skip", "xfail", "uxsuccess")) {
            WebElement chip = browser.driver.findElement(By.cssSelector(".count-chip[data-status='" + status + "'] .count-n"));
            assertEquals(String.valueOf(count(raw, status)), chip.getText(), status);
        }
        assertEquals(count(raw, "fail"), all("#failures tbody tr").size());
        assertEquals(count(raw, "skip"), all("#skips tbody tr").size());
        assertTrue(text("#failures").contains("RuntimeError: setUpModule failed: service not reachable"));
        assertTrue(text("#skips").contains("needs a GPU (no accelerator here)"));
        assertEquals(10, all("#slowest tbody tr").size());
        browser.assertClean();
        browser.fullScreenshot("runs-edge-parallel");
    }

    @Test
    void everyRunOfAGzippedRepositoryIsSelectable() throws IOException {
        Path dir = reference("repo-dot-z");
        browser.open(dir, "#run=0&view=summary");
        assertEquals(2, all("table.runs tbody tr").size());
        // (the reference tool wrote the latest run twice: both entries hold 285 tests)
        assertEquals(String.valueOf(raw(dir, 0).size()), all("#summary-tiles .tile-value").get(0).getText());
        browser.js("document.documentElement.dataset.state = 'routing'");
        new Select(browser.driver.findElement(By.id("run-select"))).selectByValue("1");
        browser.waitReady();
        assertTrue(browser.driver.getCurrentUrl().contains("run=1"));
        assertEquals(String.valueOf(raw(dir, 1).size()), all("#summary-tiles .tile-value").get(0).getText());
        assertEquals(String.valueOf(count(raw(dir, 1), "fail")), all("#summary-tiles .tile-value").get(1).getText());
        // a failure's attachments come from the (plain JavaScript) chunks of a gzipped export
        browser.js("document.documentElement.dataset.state = 'routing'");
        all("#failures a.test-link").get(0).click();
        browser.waitReady();
        waitForAttachments();
        assertTrue(text(".attachment[data-key='traceback'] pre").contains("RuntimeError"));
        browser.assertClean();
    }

    @Test
    void anEmptyDamagedRunOpens() throws IOException {
        Path dir = reference("damaged-empty");
        browser.open(dir, "#run=0&view=summary");
        assertEquals("0", all("#summary-tiles .tile-value").get(0).getText());
        assertTrue(text("#status-counts").contains("No test records."));
        browser.go("#run=0&view=timeline");
        assertTrue(text(".tl-empty").contains("no test records"));
        browser.go("#run=0&view=find");
        assertEquals("0", browser.js("return document.getElementById('find-results').dataset.count"));
        browser.assertClean();
    }

    @Test
    void warningsOfTheExportAreShown() throws IOException {
        Path dir = tmp.resolve("exports/warned");
        new SyntheticExport(dir).run("Subunit File: damaged.subunit", 2, i -> new SyntheticExport.Rec("t" + i, "success",
                List.of(), 0L, 5L, Map.of()), List.of("37 bytes that are not subunit at offset 4724 were skipped",
                "a corrupt packet at offset 7830 (bad CRC) was skipped")).finish();
        ViewerWriter.write(dir);
        browser.open(dir, "#run=0");
        assertTrue(text(".warnings").contains("offset 4724"));
        assertTrue(text(".warnings").contains("bad CRC"));
        assertEquals(2, all(".warnings li").size());
        // tests without a worker-N tag share a lane of their own
        browser.go("#run=0&view=timeline");
        assertEquals("1", browser.js("return document.getElementById('timeline').dataset.lanes"));
        assertEquals("no worker tag", browser.js("return StackViz.views.timeline.lanes[0].label"));
        browser.assertClean();
    }

    @Test
    void unreadableFilesAreReportedNotFatal() throws IOException {
        Path dir = tmp.resolve("exports/unreadable");
        new SyntheticExport(dir).run("Subunit File: cut.subunit", 40, i -> new SyntheticExport.Rec("pkg.test_" + i,
                "success", List.of(), 1000L * i, 1000L * i + 500, Map.of("log", "line " + i)), List.of()).finish();
        Path raw = dir.resolve("tempest_file_synthetic0.subunit_0_raw.json");
        Files.write(raw, java.util.Arrays.copyOf(Files.readAllBytes(raw), (int) Files.size(raw) / 2));
        ViewerWriter.write(dir);
        browser.open(dir, "#run=0");
        assertTrue(text(".run-panel .warnings").contains("Could not read tempest_file_synthetic0.subunit_0_raw.json"));
        browser.assertClean();
        // a data file lost after writing: the test still opens, and says what is missing
        Files.delete(dir.resolve("viewer-data/run-0-d0.js"));
        browser.open(dir, "#run=0&test=pkg.test_1");
        waitForAttachments();
        assertTrue(text("#attachments").contains("could not be loaded"), text("#attachments"));
        assertEquals(Boolean.TRUE, browser.js("return window.__sv.errors.some(function (e) { return e.indexOf('run-0-d0.js') >= 0; })"));
    }

    // ---------------------------------------------------------------- Timeline and machine load

    @Test
    void timelineHasOneLanePerWorkerAndOpensTheTestClicked() throws IOException {
        Path dir = reference("edge-parallel");
        JsonNode raw = raw(dir, 0);
        browser.open(dir, "#run=0&view=timeline");
        assertEquals("2", browser.js("return document.getElementById('timeline').dataset.lanes"));
        assertTrue(text("#tl-info").contains("31 tests on 2 lanes"));
        int zero = 0;
        for (JsonNode r : raw) {
            zero += r.get("duration").asDouble() == 0 ? 1 : 0;
        }
        assertTrue(text("#tl-zero summary").contains("(" + zero + ")"), text("#tl-zero summary"));
        browser.screenshot("timeline-edge-parallel");

        // hover, then click, the bar of a failing test
        int index = -1;
        for (int i = 0; i < raw.size(); i++) {
            if (raw.get(i).get("name").asText().endsWith("test_fail_assert_equal")) {
                index = i;
            }
        }
        String name = raw.get(index).get("name").asText();
        hover(index);
        assertEquals(name, text(".tl-tip-name"));
        assertTrue(text(".tl-tip-meta").contains("fail"));
        browser.js("document.documentElement.dataset.state = 'routing'");
        new Actions(browser.driver).click().perform();
        browser.waitReady();
        assertEquals(name, text("#test-name"));
        waitForAttachments();
        assertTrue(text(".attachment[data-key='traceback'] pre").contains("MismatchError: 1 != 2"));
        browser.assertClean();
    }

    /** Our own export of a fixture stream (the reference crashes on these), with its report. */
    Path ourExport(String stream) throws Exception {
        Path dir = tmp.resolve("exports/ours-" + stream.replace('/', '-'));
        new io.github.stackviz.export.Exporter(io.github.stackviz.export.ExportConfig.builder(dir)
                .streamFile(io.github.stackviz.Fixtures.path("streams/" + stream)).build(),
                io.github.stackviz.export.ExportLog.SILENT).export();
        return dir;
    }

    static int indexOf(JsonNode raw, String name) {
        for (int i = 0; i < raw.size(); i++) {
            if (raw.get(i).get("name").asText().equals(name)) {
                return i;
            }
        }
        throw new AssertionError("no record " + name);
    }

    /** Hovers the timeline entry of test {@code index}; returns where it is drawn (CSS pixels of the canvas). */
    Map<String, Number> hover(int index) {
        @SuppressWarnings("unchecked")
        Map<String, Number> p = (Map<String, Number>) browser.js("return StackViz.views.timeline.pointOf(arguments[0])", index);
        assertNotNull(p);
        WebElement canvas = browser.driver.findElement(By.cssSelector("canvas.tl-main"));
        int x = (int) Math.round(p.get("x").doubleValue() - canvas.getSize().getWidth() / 2.0);
        int y = (int) Math.round(p.get("y").doubleValue() - canvas.getSize().getHeight() / 2.0);
        new Actions(browser.driver).moveToElement(canvas, x, y).perform();
        return p;
    }

    /** The colour [r, g, b, a] of the main canvas at (x, y) CSS pixels. */
    @SuppressWarnings("unchecked")
    List<Number> pixel(double x, double y) {
        return (List<Number>) browser.js("var c = document.querySelector('canvas.tl-main'), d = window.devicePixelRatio || 1;"
                + " return Array.from(c.getContext('2d').getImageData(Math.round(arguments[0] * d),"
                + " Math.round(arguments[1] * d), 1, 1).data);", x, y);
    }

    @Test
    void aTestStillRunningWhenTheStreamEndedHasAnOpenEnd() throws Exception {
        Path dir = ourExport("killed-raw.subunit");
        JsonNode raw = raw(dir, 0);
        int hung = indexOf(raw, "realhang.test_hang.Hang.test_c_hangs");
        assertEquals("inprogress", raw.get(hung).get("status").asText());
        browser.open(dir, "#run=0&view=timeline");
        assertTrue(text("#tl-open summary").contains("Still running when the stream ended (1)"), text("#tl-open summary"));
        Map<String, Number> p = hover(hung);
        assertTrue(text(".tl-tip-meta").contains("the bar ends where the stream stopped, not where the test ended"),
                text(".tl-tip-meta"));
        // dashes past the bar's end, in the bar's colour (inprogress: orange), where a closed bar leaves the lane empty
        double end = ((Number) browser.js("var tl = StackViz.views.timeline, t = tl.run.tests[arguments[0]];"
                + " return Math.ceil(Math.max(tl.xOf(t.eu / 1000 - tl.origin), tl.xOf(t.su / 1000 - tl.origin) + 2));",
                hung)).doubleValue();
        List<Number> dash = pixel(end + 2, p.get("y").doubleValue());
        assertTrue(dash.get(3).intValue() > 0 && dash.get(0).intValue() > dash.get(2).intValue() + 60, dash.toString());
        browser.screenshot("timeline-killed-raw");
        browser.go("#run=0&test=" + enc("realhang.test_hang.Hang.test_c_hangs"));
        assertTrue(text("#test-end").contains("where the stream stopped"), text("#test-end"));
        browser.assertClean();
    }

    @Test
    void aParserErrorIsAMarkerOnItsLaneNotATestBar() throws Exception {
        Path dir = ourExport("damaged/flip-byte.subunit");
        JsonNode raw = raw(dir, 0);
        int parser = indexOf(raw, "subunit.parser");
        browser.open(dir, "#run=0&view=timeline");
        assertTrue(text("#tl-markers summary").contains("Parser errors (1)"), text("#tl-markers summary"));
        assertFalse(text("#tl-zero").contains("subunit.parser"), "not listed as a zero-duration test");
        Map<String, Number> p = hover(parser);
        assertEquals("subunit.parser", text(".tl-tip-name"));
        assertTrue(text(".tl-tip-meta").startsWith("Parser error, not a test"), text(".tl-tip-meta"));
        // a red line across the whole lane, where a bar (inset from the lane's edges) would leave it empty
        double x = ((Number) browser.js("var tl = StackViz.views.timeline, t = tl.run.tests[arguments[0]];"
                + " return Math.round(tl.xOf(t.su / 1000 - tl.origin));", parser)).doubleValue();
        double laneTop = p.get("y").doubleValue() - ((Number) browser.js("return StackViz.views.timeline.laneH")).doubleValue() / 2;
        List<Number> line = pixel(x, laneTop + 2);
        assertTrue(line.get(3).intValue() > 200 && line.get(0).intValue() > 180 && line.get(1).intValue() < 120,
                line.toString());
        browser.screenshot("timeline-flip-byte");
        browser.assertClean();
    }

    @Test
    void machineLoadOnItsOwnAxisWhenRecordedOutsideTheRun() throws IOException {
        Path dir = withDstat("edge-parallel", "devstack.csv");
        browser.open(dir, "#run=0&view=timeline");
        assertEquals("37", browser.js("return document.getElementById('machine').dataset.samples"));
        assertEquals(Boolean.FALSE, browser.js("return StackViz.views.machine.shared"));
        assertTrue(text("#machine").contains("outside this run"));
        assertCharts(4);
        browser.assertClean();
    }

    @Test
    void machineLoadSharesTheTimeAxisWhenItOverlapsTheRun() throws IOException {
        Path dir = demo();
        browser.open(dir, "#run=0&view=timeline");
        assertEquals("37", browser.js("return document.getElementById('machine').dataset.samples"));
        assertEquals(Boolean.TRUE, browser.js("return StackViz.views.machine.shared"));
        assertEquals("4", browser.js("return document.getElementById('timeline').dataset.lanes"));
        assertCharts(4);
        // the charts follow the timeline's zoom
        browser.js("var t = StackViz.views.timeline; t.setRel(t.vMin + 5000, t.vMin + 15000);");
        new WebDriverWait(browser.driver, Duration.ofSeconds(5)).until(d -> Boolean.TRUE.equals(browser.js(
                "var t = StackViz.views.timeline, v = t.view(), u = StackViz.views.machine.plots[0];"
                        + "return Math.abs(u.scales.x.min * 1000 - v[0]) < 1 && Math.abs(u.scales.x.max * 1000 - v[1]) < 1;")));
        // same pixels for the same time, also after the window changed size
        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1100, 900));
        new WebDriverWait(browser.driver, Duration.ofSeconds(5)).until(d -> Boolean.TRUE.equals(browser.js(
                "var t = StackViz.views.timeline, u = StackViz.views.machine.plots[0], v = t.view(), at = (v[0] + v[1]) / 2;"
                        + "var x1 = t.canvas.getBoundingClientRect().left + t.xOf(at - t.origin);"
                        + "var x2 = u.over.getBoundingClientRect().left + u.valToPos(at / 1000, 'x');"
                        + "return u.bbox.width / devicePixelRatio < 1000 && Math.abs(x1 - x2) < 2.5;")));
        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1000));
        browser.js("StackViz.views.timeline.reset()");
        browser.fullScreenshot("timeline-machine-load");
        browser.assertClean();
    }

    @Test
    void dstatWithoutRunsAndGzippedDstat() throws IOException {
        for (String name : List.of("dstat-only", "dstat-rich-z", "dstat-appended")) {
            Path dir = reference(name);
            browser.open(dir, "#view=timeline");
            String samples = (String) browser.js("return document.getElementById('machine').dataset.samples");
            assertEquals(Map.of("dstat-only", "37", "dstat-rich-z", "41", "dstat-appended", "6").get(name), samples, name);
            assertCharts(name.equals("dstat-appended") ? 2 : 4);
            browser.go("#view=summary");
            assertTrue(text("#no-runs").contains("no test runs"));
            browser.assertClean();
        }
    }

    private void assertCharts(int n) {
        List<WebElement> charts = all("#machine .ml-chart");
        assertEquals(n, charts.size());
        for (WebElement c : charts) {
            assertTrue(Integer.parseInt(c.getAttribute("data-points")) > 0, c.getAttribute("data-chart"));
            assertFalse(c.findElements(By.cssSelector("canvas")).isEmpty());
        }
        // the CPU chart has drawn something
        Object painted = browser.js("var c = document.querySelector('#machine .ml-chart canvas');"
                + "var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + "for (var i = 3; i < d.length; i += 4) if (d[i] !== 0) return true; return false;");
        assertEquals(Boolean.TRUE, painted);
    }

    // ---------------------------------------------------------------- Test details

    void waitForAttachments() {
        new WebDriverWait(browser.driver, Duration.ofSeconds(20)).until(d ->
                browser.js("return document.getElementById('attachments').dataset.count") != null);
    }

    @Test
    void testDetailsPutTracebacksFirstAndArrowKeysWalkTheRun() throws IOException {
        Path dir = reference("edge-parallel");
        JsonNode raw = raw(dir, 0);
        int i = -1;
        for (int k = 0; k < raw.size(); k++) {
            if (raw.get(k).get("name").asText().endsWith("test_logging_then_fail")) {
                i = k;
            }
        }
        String name = raw.get(i).get("name").asText();
        browser.open(dir, "#run=0&test=" + enc(name));
        waitForAttachments();
        assertEquals(name, text("#test-name"));
        assertEquals("fail", text("#test-status"));
        List<WebElement> atts = all(".attachment");
        assertEquals("traceback", atts.get(0).getAttribute("data-key")); // pythonlogging comes first in the file
        assertEquals("pythonlogging", atts.get(1).getAttribute("data-key"));
        assertTrue(text(".test-meta").contains("worker-1"));
        browser.screenshot("test-traceback");

        browser.js("document.documentElement.dataset.state = 'routing'");
        new Actions(browser.driver).sendKeys(Keys.ARROW_RIGHT).perform();
        browser.waitReady();
        assertEquals(raw.get(i + 1).get("name").asText(), text("#test-name"));
        browser.js("document.documentElement.dataset.state = 'routing'");
        new Actions(browser.driver).sendKeys(Keys.ARROW_LEFT).perform();
        browser.waitReady();
        assertEquals(name, text("#test-name"));
        browser.assertClean();
    }

    @Test
    void deepLinksOpenTestsWithAnyName() throws IOException {
        Path dir = reference("edge-parallel");
        for (String name : List.of("realedge.test_outcomes.TestcaseOutcomes.test_ünïcödé_name",
                "realedge.test_scenarios.Scenarios.test_format(with space)")) {
            browser.open(dir, "#run=0&test=" + enc(name));
            assertEquals(name, text("#test-name"));
        }
        browser.assertClean();
    }

    /** The test of bulk-logging with the longest log, and the log's length. */
    record Biggest(String name, int size, JsonNode details) {
        static Biggest of(Path export) throws IOException {
            JsonNode details = Exports.contract(export.resolve("tempest_file_bulk-logging.subunit_0_details.json"));
            String biggest = null;
            int size = 0;
            for (var it = details.fields(); it.hasNext();) {
                var e = it.next();
                int n = e.getValue().get("pythonlogging").asText().length();
                if (n > size) {
                    size = n;
                    biggest = e.getKey();
                }
            }
            return new Biggest(biggest, size, details);
        }
    }

    long shownLength() {
        return ((Number) browser.js("return document.querySelector('.attachment pre').textContent.length")).longValue();
    }

    @Test
    void theBiggestLogOfBulkLoggingLoadsWhole() throws IOException {
        Path dir = reference("bulk-logging");
        Biggest b = Biggest.of(dir);
        String biggest = b.name();
        JsonNode details = b.details();
        browser.open(dir, "#run=0&test=" + enc(biggest));
        waitForAttachments();
        assertEquals(b.size(), shownLength());
        assertEquals(0, all(".att-cut").size());
        // search inside the text
        WebElement search = browser.driver.findElement(By.cssSelector(".att-search"));
        search.sendKeys("servers/7", Keys.ENTER);
        new WebDriverWait(browser.driver, Duration.ofSeconds(5)).until(d -> !text(".att-count").isEmpty());
        String expected = String.valueOf(countOf(details.get(biggest).get("pythonlogging").asText(), "servers/7"));
        assertEquals(expected, browser.js("return document.querySelector('.att-count').dataset.matches"));
        assertEquals(1, all("mark.current").size());
        browser.assertClean();
    }

    @Test
    void anAttachmentTooLongForTheBrowserIsCutWithANote() throws IOException {
        // the limit is 2^28 characters; lowered here so that a real log of 780 KB goes over it
        Path dir = reference("bulk-logging");
        Biggest b = Biggest.of(dir);
        browser.open(dir, "#run=0&view=find");
        browser.js("StackViz.MAX_TEXT = 50000; document.documentElement.dataset.state = 'routing';"
                + " location.hash = arguments[0]", "#run=0&test=" + enc(b.name()));
        browser.waitReady();
        waitForAttachments();
        assertEquals(b.name(), text("#test-name"));
        assertEquals(50000, shownLength());
        assertEquals(String.format(Locale.ROOT, "%,d characters", b.size()), text(".att-size"));
        assertEquals("The report holds the first 50,000 of these characters: a browser cannot hold more in one piece."
                + " The whole text is in the run's details.json.", text(".att-cut"));
        assertEquals(b.details().get(b.name()).get("pythonlogging").asText().substring(0, 50000),
                browser.js("return document.querySelector('.attachment pre').textContent"));
        browser.assertClean();
    }

    @Test
    void aLogInManyPartsSaysHowManyHaveLoaded() throws IOException {
        Path dir = tmp.resolve("exports").resolve("many-parts");
        String log = "2026-01-01 00:00:00,000 INFO [big] a log line of a long log\n".repeat(60_000); // 3.7 M chars
        new SyntheticExport(dir).run("Subunit File: long-log.subunit", 1, i -> new SyntheticExport.Rec("pkg.T.test_long",
                "success", List.of(), 0L, 1000L, Map.of("log", log)), List.of()).finish();
        ViewerWriter.write(dir);
        browser.open(dir, "#run=0&view=find");
        // every text the loading line shows, as it shows it
        browser.js("window.loadingTexts = []; new MutationObserver(function () {"
                + " var p = document.getElementById('attachments-loading');"
                + " if (p) window.loadingTexts.push(p.textContent); })"
                + ".observe(document.body, {subtree: true, childList: true, characterData: true});"
                + " document.documentElement.dataset.state = 'routing'; location.hash = arguments[0]",
                "#run=0&test=" + enc("pkg.T.test_long"));
        browser.waitReady();
        waitForAttachments();
        assertEquals(log.length(), shownLengthAll());
        @SuppressWarnings("unchecked")
        List<String> texts = (List<String>) browser.js("return window.loadingTexts");
        long parts;
        try (var files = Files.list(dir.resolve("viewer-data"))) {
            parts = files.filter(f -> f.getFileName().toString().matches("run-0-d\\d+\\.js")).count();
        }
        assertTrue(parts >= 3, "the log is in several parts: " + parts);
        assertTrue(texts.contains("Loading attachments… " + parts + " of " + parts + " parts"), texts.toString());
        browser.assertClean();
    }

    /** The whole text of the first attachment, past the 2 million characters shown first. */
    long shownLengthAll() {
        browser.js("var b = document.querySelector('.attachment .more'); if (b && !b.hidden) b.click();");
        return shownLength();
    }

    static int countOf(String text, String needle) {
        int n = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length())) {
            n++;
        }
        return n;
    }

    @Test
    void logLevelFilter() throws IOException {
        Path dir = demo();
        browser.open(dir, "#run=0&test=" + enc(demoFailure));
        waitForAttachments();
        WebElement log = browser.driver.findElement(By.cssSelector(".attachment[data-key='pythonlogging']"));
        String before = log.findElement(By.cssSelector("pre")).getText();
        assertTrue(before.contains(" DEBUG "));
        browser.screenshot("test-logging");
        log.findElement(By.cssSelector("input[data-level='DEBUG']")).click();
        String after = log.findElement(By.cssSelector("pre")).getText();
        assertFalse(after.contains(" DEBUG "), after);
        assertTrue(after.contains(" ERROR "));
        assertTrue(after.contains("    continuation of the error"), "continuation lines follow their record");
        browser.assertClean();
    }

    // ---------------------------------------------------------------- Find

    @Test
    void findFiltersByNameAndStatusWithFailuresFirst() throws IOException {
        Path dir = reference("edge-parallel");
        browser.open(dir, "#run=0&view=find");
        assertEquals("31", browser.js("return document.getElementById('find-results').dataset.count"));
        assertEquals("fail", all("#find-results .vrow .badge").get(0).getText());
        WebElement q = browser.driver.findElement(By.id("find-q"));
        q.sendKeys("scenarios");
        new WebDriverWait(browser.driver, Duration.ofSeconds(5)).until(d ->
                "5".equals(browser.js("return document.getElementById('find-results').dataset.count")));
        assertEquals("fail", all("#find-results .vrow .badge").get(0).getText());
        browser.screenshot("find");
        browser.driver.findElement(By.cssSelector("#find-status input[data-status='success']")).click();
        assertEquals("2", browser.js("return document.getElementById('find-results').dataset.count"));
        browser.js("document.documentElement.dataset.state = 'routing'");
        all("#find-results .vrow").get(0).click();
        browser.waitReady();
        assertTrue(text("#test-name").contains("Scenarios") || text("#test-name").contains("TempestStyle"));
        assertTrue(text(".test-nav").contains("in Find results"));
        browser.assertClean();
    }

    @Test
    void findLooksInAllRuns() throws IOException {
        Path dir = reference("repo-dot");
        browser.open(dir, "#run=0&view=find&scope=all&q=TestFilterCommand");
        new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(d -> text("#find-summary").contains("in 2 runs"));
        int n = Integer.parseInt((String) browser.js("return document.getElementById('find-results').dataset.count"));
        int expected = 0;
        for (int run = 0; run < 2; run++) {
            for (JsonNode r : raw(dir, run)) {
                expected += r.get("name").asText().contains("TestFilterCommand") ? 1 : 0;
            }
        }
        assertEquals(expected, n);
        browser.assertClean();
    }

    // ---------------------------------------------------------------- hostile data

    static final String IMG = "<img src=x onerror=\"window.__pwned='img'\">";
    static final String SCRIPT = "<script>window.__pwned='script'</script>";
    static final String SVG = "<svg onload=\"window.__pwned='svg'\"></svg>";

    @Test
    void hostileNamesAndAttachmentsAreShownAsText() throws IOException {
        Path dir = tmp.resolve("exports/hostile");
        // U+2028 and U+2029 stand raw in the data files (JSON's escapes): the browser must still load them
        List<String> names = List.of(IMG, SCRIPT, "pkg.Cls.test_" + SVG, "javascript:alert(1)", "__proto__", "</pre>" + IMG,
                "pkg.Cls.test_lines\u2028</script>\u2029end");
        Map<String, String> att = new LinkedHashMap<>();
        att.put("traceback", "Traceback (most recent call last):\n" + SCRIPT + "\nValueError: " + IMG);
        att.put("pythonlogging", "2026-01-01 00:00:00 1 ERROR x " + SVG + "\n" + IMG);
        att.put("__proto__", "<b>bold</b>\u2028</script>\u2029");
        new SyntheticExport(dir).run("Subunit File: " + IMG, names.size(), i -> new SyntheticExport.Rec(names.get(i),
                i == 0 ? "fail" : i == 1 ? "<b>st</b>" : "success", List.of("worker-" + (i % 2), SCRIPT), 1000L * i,
                1000L * i + 800, att), List.of(IMG, SCRIPT)).finish();
        ViewerWriter.write(dir);

        browser.open(dir, "#run=0&view=summary");
        assertTrue(text(".run-title").contains(IMG));
        assertTrue(text(".warnings").contains(SCRIPT));
        assertTrue(text("#failures").contains(IMG));
        browser.go("#run=0&view=timeline");
        browser.go("#run=0&view=find&q=" + enc("<"));
        assertTrue(Integer.parseInt((String) browser.js("return document.getElementById('find-results').dataset.count")) >= 3);
        for (int i = 0; i < names.size(); i++) {
            browser.go("#run=0&test=" + enc(names.get(i)));
            waitForAttachments();
            // textContent: WebDriver's getText() would show U+2028 as a line break
            assertEquals(names.get(i), browser.js("return document.getElementById('test-name').textContent"));
            assertEquals(3, all(".attachment").size());
            assertTrue(text(".attachment[data-key='traceback'] pre").contains(SCRIPT));
            assertTrue(text(".tags").contains(SCRIPT));
        }
        browser.screenshot("hostile");
        assertEquals(null, browser.js("return window.__pwned === undefined ? null : window.__pwned"));
        assertEquals(0L, browser.js("return document.querySelectorAll('img, svg, b, iframe, object, embed').length"));
        // only our own scripts: the viewer's files and index.js (data scripts are removed once they ran)
        @SuppressWarnings("unchecked")
        List<String> scripts = (List<String>) browser.js("return Array.from(document.scripts).map(function (s) { return s.getAttribute('src'); })");
        for (String s : scripts) {
            assertNotNull(s, "an inline script");
            assertTrue(s.startsWith("viewer/") || s.equals("viewer-data/index.js"), s);
        }
        browser.assertClean();
    }

    @Test
    void theMonitorSeesViolationsAndErrors() throws IOException {
        // the checks above would pass on a monitor that sees nothing: show that it sees these
        browser.open(reference("edge-parallel"), "#run=0");
        browser.js("var s = document.createElement('script'); s.textContent = 'window.__inline = 1'; document.body.appendChild(s);"
                + "var d = document.createElement('div'); d.setAttribute('style', 'color: red'); document.body.appendChild(d);"
                + "setTimeout(function () { throw new Error('boom'); }, 0);");
        new WebDriverWait(browser.driver, Duration.ofSeconds(5)).until(d -> ((Number) browser.js(
                "return window.__sv.violations.length + window.__sv.errors.length")).intValue() >= 3);
        assertEquals(null, browser.js("return window.__inline === undefined ? null : window.__inline"));
        AssertionError e = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, browser::assertClean);
        assertTrue(e.getMessage().contains("CSP violations"), e.getMessage());
    }

    // ---------------------------------------------------------------- over HTTP

    @Test
    void alsoWorksOverHttp() throws IOException {
        Path dir = withDstat("edge-parallel", "devstack.csv");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            Path file = dir.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
            if (!file.startsWith(dir) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            String name = file.getFileName().toString();
            exchange.getResponseHeaders().set("Content-Type", name.endsWith(".html") ? "text/html; charset=utf-8"
                    : name.endsWith(".js") ? "text/javascript; charset=utf-8" : name.endsWith(".css") ? "text/css"
                    : name.endsWith(".svg") ? "image/svg+xml" : "application/octet-stream");
            exchange.sendResponseHeaders(200, Files.size(file));
            try (OutputStream out = exchange.getResponseBody()) {
                Files.copy(file, out);
            }
        });
        server.start();
        try {
            browser.open("http://127.0.0.1:" + server.getAddress().getPort() + "/index.html#run=0&view=timeline");
            assertEquals("2", browser.js("return document.getElementById('timeline').dataset.lanes"));
            assertEquals("37", browser.js("return document.getElementById('machine').dataset.samples"));
            browser.go("#run=0&test=" + enc("realedge.test_module_fixture.setUpModule"));
            waitForAttachments();
            assertTrue(text(".attachment[data-key='traceback'] pre").contains("setUpModule failed"));
            browser.assertClean();
        } finally {
            server.stop(0);
        }
    }

    // ---------------------------------------------------------------- speed

    /** A run of n tests on w workers, timestamps one after another per worker. */
    Path generated(String name, int n, int workers, int logChars) throws IOException {
        Path dir = tmp.resolve("exports").resolve(name);
        long base = Instant.parse("2026-11-28T09:00:00Z").getEpochSecond() * 1_000_000L;
        Random random = new Random(n);
        long[] clock = new long[workers];
        String log = "2026-11-28 09:00:00.000 1 INFO tempest.lib.common.rest_client Request: GET /servers 200\n"
                .repeat(Math.max(1, logChars / 90));
        new SyntheticExport(dir).run("Subunit File: generated-" + n, n, i -> {
            int w = i % workers;
            long start = base + clock[w];
            long duration = (long) (random.nextDouble() * random.nextDouble() * 4_000_000L);
            clock[w] += duration + random.nextInt(20_000);
            String status = i % 97 == 0 ? "fail" : i % 53 == 0 ? "skip" : "success";
            return new SyntheticExport.Rec("tempest.api.compute.servers.test_generated.GeneratedTest.test_" + i, status,
                    List.of("worker-" + w), start, start + duration, status.equals("fail")
                            ? Map.of("traceback", "Traceback (most recent call last):\nAssertionError: " + i, "pythonlogging", log)
                            : Map.of("pythonlogging", log));
        }, List.of()).finish();
        ViewerWriter.write(dir);
        return dir;
    }

    @Test
    void firstPaintOf10000Tests() throws IOException {
        Path dir = generated("ten-thousand", 10_000, 8, 2_000);
        for (String view : List.of("summary", "timeline")) {
            browser.open(dir, "#run=0&view=" + view);
            @SuppressWarnings("unchecked")
            Map<String, Number> m = (Map<String, Number>) browser.js("var p = performance.getEntriesByName('first-contentful-paint')[0];"
                    + "return {fcp: p ? p.startTime : -1, ready: StackViz.metrics.ready, timeline: StackViz.metrics.firstTimeline || -1,"
                    + " draw: StackViz.metrics.timelineDraw || -1};");
            System.out.printf("VIEWER-FIRST-PAINT 10000 tests, %s view: first contentful paint %.0f ms, view ready %.0f ms%s%n",
                    view, m.get("fcp").doubleValue(), m.get("ready").doubleValue(), view.equals("timeline")
                            ? String.format(", first timeline frame %.0f ms (drawn in %.1f ms)", m.get("timeline").doubleValue(),
                                    m.get("draw").doubleValue()) : "");
            browser.assertClean();
        }
    }

    @Test
    void panning100000Tests() throws IOException {
        Path dir = generated("hundred-thousand", 100_000, 16, 0);
        browser.open(dir, "#run=0&view=timeline");
        assertEquals("16", browser.js("return document.getElementById('timeline').dataset.lanes"));
        @SuppressWarnings("unchecked")
        Map<String, Number> m = (Map<String, Number>) browser.js("var t = StackViz.views.timeline, times = [];"
                + "for (var k = 0; k < 40; k++) {"
                + "  var span = (t.dMax - t.dMin) / Math.pow(1.15, k); var a = t.dMin + (t.dMax - t.dMin - span) * (k % 7) / 7;"
                + "  var s = performance.now(); t.setRel(a, a + span); t.draw(); times.push(performance.now() - s); }"
                + "times.sort(function (a, b) { return a - b; });"
                + "return {median: times[20], max: times[39], ready: StackViz.metrics.ready};");
        System.out.printf("VIEWER-PAN 100000 tests: view ready %.0f ms, frame median %.1f ms, worst %.1f ms%n",
                m.get("ready").doubleValue(), m.get("median").doubleValue(), m.get("max").doubleValue());
        browser.screenshot("timeline-100000");
        browser.assertClean();
    }

    // ---------------------------------------------------------------- the demo export (README screenshots)

    static final java.time.format.DateTimeFormatter LOG_TIME = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(java.time.ZoneOffset.UTC);

    String demoFailure;
    private Path demo;

    /**
     * A tempest-like run recorded while dstat ran (devstack.csv, 09:01:07-09:01:43): 4 workers, ~500 tests,
     * levelled logging, tracebacks, skips, one test still in progress.
     */
    Path demo() throws IOException {
        if (demo != null) {
            return demo;
        }
        Path dir = tmp.resolve("exports/demo");
        long base = Instant.parse("2026-11-28T09:01:09Z").getEpochSecond() * 1_000_000L;
        long end = Instant.parse("2026-11-28T09:01:41Z").getEpochSecond() * 1_000_000L;
        Random random = new Random(7);
        List<SyntheticExport.Rec> recs = new ArrayList<>();
        String[] modules = {"compute.servers.test_servers.ServersTestJSON", "compute.images.test_images.ImagesTestJSON",
            "network.test_networks.NetworksTest", "volume.test_volumes_actions.VolumesActionsTest",
            "identity.v3.test_users.UsersV3TestJSON", "object_storage.test_container_services.ContainerTest"};
        String[] verbs = {"create", "list", "show", "update", "delete", "rebuild", "resize", "attach", "detach"};
        for (int w = 0; w < 4; w++) {
            long t = base + random.nextInt(300_000);
            int k = 0;
            while (t < end) {
                long d = (long) (Math.pow(random.nextDouble(), 3) * 2_500_000L) + 5_000;
                String module = modules[random.nextInt(modules.length)];
                String name = "tempest.api." + module + ".test_" + verbs[random.nextInt(verbs.length)] + "_" + w + "_" + k++;
                double r = random.nextDouble();
                String status = r < 0.03 ? "fail" : r < 0.07 ? "skip" : r < 0.08 ? "xfail" : "success";
                StringBuilder log = new StringBuilder();
                String cls = module.substring(module.lastIndexOf('.') + 1);
                for (int l = 0; l < 12; l++) {
                    String level = l == 11 && status.equals("fail") ? "ERROR" : l % 5 == 4 ? "INFO" : l == 7 ? "WARNING" : "DEBUG";
                    log.append(LOG_TIME.format(Instant.ofEpochMilli((t + l * 1000L) / 1000))).append(" 4242 ").append(level)
                            .append(" tempest.lib.common.rest_client [req-").append(w).append('-').append(k).append("] Request (")
                            .append(cls).append(':').append(name.substring(name.lastIndexOf('.') + 1)).append("): 200 GET https://10.0.0.5/compute/v2.1/servers/")
                            .append(l).append(" 0.0").append(l).append("s\n");
                    if (level.equals("ERROR")) {
                        log.append("    continuation of the error: Body: {\"badRequest\": {\"code\": 400}}\n");
                    }
                }
                Map<String, String> atts = new LinkedHashMap<>();
                atts.put("pythonlogging", log.toString());
                if (status.equals("fail")) {
                    atts.put("traceback", "Traceback (most recent call last):\n  File \"tempest/api/" + module.replace('.', '/')
                            + ".py\", line 120, in test\n    self.assertEqual(200, resp.status)\n"
                            + "testtools.matchers._impl.MismatchError: 200 != 400");
                    if (demoFailure == null) {
                        demoFailure = name;
                    }
                } else if (status.equals("skip")) {
                    atts.put("reason", "Feature " + verbs[k % verbs.length] + " is not enabled in this cloud");
                }
                recs.add(new SyntheticExport.Rec(name, status, List.of("worker-" + w), t, Math.min(t + d, end), atts));
                t += d + random.nextInt(40_000);
            }
        }
        recs.sort((a, b) -> Long.compare(a.endUs(), b.endUs()));
        recs.add(new SyntheticExport.Rec("tempest.api.compute.servers.test_servers.ServersTestJSON.test_reboot_hard",
                "inprogress", List.of("worker-2"), null, null, Map.of()));
        new SyntheticExport(dir).dstat(Exports.DSTAT.resolve("devstack.csv"))
                .run("Subunit File: tempest.subunit", recs.size(), recs::get, List.of()).finish();
        ViewerWriter.write(dir);
        demo = dir;
        return dir;
    }

    @Test
    void tempestScreenshots() throws IOException {
        Path dir = demo();
        browser.open(dir, "#run=0&view=summary");
        browser.fullScreenshot("tempest-runs");
        browser.go("#run=0&view=timeline");
        assertTrue(text("#tl-untimed summary").contains("(1)"));
        browser.fullScreenshot("tempest-timeline");
        browser.go("#run=0&view=find&q=network");
        browser.screenshot("tempest-find");
        browser.go("#run=0&test=" + enc(demoFailure));
        waitForAttachments();
        browser.screenshot("tempest-test");
        browser.assertClean();
    }

    /**
     * The README's screenshots: a real build of examples/junit (its Surefire, Failsafe and Open Test Reporting
     * reports and the load record-load sampled meanwhile), exported as the plugin exports a project's reports.
     */
    @Test
    void demoScreenshots() throws Exception {
        Path recorded = Path.of("src/test/fixtures/junit/with-load");
        Path target = tmp.resolve("junit/target");
        for (String folder : List.of("surefire-reports", "failsafe-reports", "junit-platform")) {
            copyTree(recorded.resolve(folder), target.resolve(folder));
        }
        Path dir = target.resolve("stackviz");
        new io.github.stackviz.export.Exporter(io.github.stackviz.export.ExportConfig.builder(dir)
                .junitReports(List.of(target.resolve("surefire-reports"), target.resolve("failsafe-reports"),
                        target.resolve("junit-platform")))
                .dstat(recorded.resolve("stackviz-load.csv")).build(), io.github.stackviz.export.ExportLog.SILENT)
                .export();
        browser.open(dir, "#run=0&view=summary");
        assertTrue(text("body").contains("Surefire: junit"));
        browser.fullScreenshot("demo-runs");
        browser.go("#run=0&view=timeline");
        assertTrue(text("body").matches("(?s).*22 tests on [2-4] lanes.*"), "the parallel run has several lanes");
        browser.fullScreenshot("demo-timeline");
        browser.go("#run=0&view=find&q=Calculator");
        browser.screenshot("demo-find");
        browser.go("#run=0&test=" + enc("demo.FlakyTest.passesOnRetry"));
        waitForAttachments();
        assertTrue(text("body").contains("flaky"));
        browser.screenshot("demo-test");
        browser.assertClean();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var walk = Files.walk(from)) {
            for (Path path : walk.toList()) {
                Path copy = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(path, copy);
                }
            }
        }
    }
}
