package io.github.stackviz.viewer;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.stackviz.Fixtures;
import io.github.stackviz.export.ExportConfig;
import io.github.stackviz.export.ExportLog;
import io.github.stackviz.export.Exporter;
import io.github.stackviz.subunit.StreamHandler;
import io.github.stackviz.subunit.SubunitStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real client: the 2016 StackViz front-end ({@link FrontEnd2016}, built from its own sources) shows our exports.
 * A server on 127.0.0.1 serves the built app with an export as its {@code data/}, headless Chromium opens the
 * timeline of each run, and the test asserts on what the app drew: its time axis lies within the times the run's
 * stream carried (not 1970), every test with times has its bar drawn in the timeline, and the dstat lanes are drawn.
 * The timeline is all canvas (no SVG), so a probe installed before the app's scripts records what is drawn on its
 * offscreen canvases: {@code fillRect} with the record it draws (found through the record's {@code status}, which
 * the app reads just before drawing its bar), and {@code fillText} (axis ticks, lane labels). Screenshots go to
 * {@code target/screenshots/frontend-2016-*.png}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FrontEnd2016Test {

    private static final Path STREAMS = Fixtures.path("streams");
    private static final Path DSTAT = Fixtures.path("dstat/devstack.csv");
    private static final Path REPOSITORY = Fixtures.path("repos");

    /** The lane labels the app draws for a dstat log with dstat's devstack options (devstack.csv). */
    private static final List<String> DSTAT_LANES = List.of("CPU wait", "CPU (user+sys)", "Memory", "Net Down",
            "Net Up", "Disk Read", "Disk Write");

    /** The time-of-day forms of d3 3's axis labels (.mmm, :ss, hh:mm, hh AM); a span of years shows "1971"... */
    private static final Pattern TIME_OF_DAY = Pattern.compile("\\.\\d{3}|:\\d{2}|\\d{2}:\\d{2}|\\d{2} [AP]M");

    /**
     * Recorded on every page before its own scripts: what is drawn on the app's offscreen canvases, told apart by
     * their CSS height (the timeline's regions 220 px, its worker lanes 260 px, the overview 80 px, dstat 140 px).
     */
    private static final String PROBE = """
            window.__fe = {draws: [], texts: [], entry: null};
            (function () {
              var C = CanvasRenderingContext2D.prototype, fillRect = C.fillRect, fillText = C.fillText;
              var roles = {'220px': 'timeline', '260px': 'workers', '80px': 'overview', '140px': 'dstat'};
              function role(canvas) {
                return canvas && !canvas.isConnected ? roles[canvas.style.height] : undefined;
              }
              C.fillRect = function (x, y, w, h) {
                var r = role(this.canvas), fe = window.__fe;
                if (r && fe.entry !== null) {
                  fe.draws.push({role: r, entry: fe.entry, x: x, w: w});
                }
                fe.entry = null;
                return fillRect.apply(this, arguments);
              };
              C.fillText = function (text) {
                var r = role(this.canvas);
                if (r) {
                  window.__fe.texts.push({role: r, text: String(text), font: this.font});
                }
                return fillText.apply(this, arguments);
              };
            })();
            """;

    /** The timeline is loaded: its data read, the dstat log read (or failed), the progress bar gone, no animation. */
    private static final String LOADED = """
            var el = document.querySelector('timeline');
            var ctrl = el && window.angular && angular.element(el).controller('timeline');
            return !!ctrl && ctrl.dataRaw.length > 0 && !document.getElementById('nprogress') && !ctrl.animateId;
            """;

    /** A test's page is loaded: its status shown, the progress bar gone. */
    private static final String DETAILS_LOADED = """
            var status = Array.from(document.querySelectorAll('td')).find(function (td) {
              return td.textContent.trim() === 'Status';
            });
            return !!status && status.nextElementSibling.textContent.trim() !== ''
                && !document.getElementById('nprogress');
            """;

    /**
     * Redraws the timeline as it is shown on opening (the run's first eighth), then as a user shows the whole run
     * (the overview's brush over all of it), and returns what was drawn each time.
     */
    private static final String OBSERVE = """
            var done = arguments[arguments.length - 1];
            var el = document.querySelector('timeline');
            var ctrl = angular.element(el).controller('timeline');
            var scope = angular.element(el).isolateScope();
            var fe = window.__fe;
            ctrl.dataRaw.forEach(function (d, i) {
              var status = d.status;
              Object.defineProperty(d, 'status', {configurable: true, enumerable: true,
                get: function () { fe.entry = i; return status; }, set: function (v) { status = v; }});
            });
            function frames(n, then) {
              requestAnimationFrame(function () { if (n > 1) { frames(n - 1, then); } else { then(); } });
            }
            function settled(then) {
              frames(3, function () { if (ctrl.animateId) { settled(then); } else { then(); } });
            }
            function observe(then) {
              fe.draws = []; fe.texts = []; fe.entry = null;
              scope.$broadcast('update');
              settled(function () {
                then({
                  timeExtents: [+ctrl.timeExtents[0], +ctrl.timeExtents[1]],
                  viewExtents: [+ctrl.viewExtents[0], +ctrl.viewExtents[1]],
                  width: ctrl.width,
                  records: ctrl.dataRaw.length,
                  dstat: ctrl.dstat && ctrl.dstat.entries ? ctrl.dstat.entries.map(function (e) {
                    return +e.system_time;
                  }) : [],
                  draws: fe.draws.slice(),
                  texts: fe.texts.slice()
                });
              });
            }
            observe(function (opened) {
              ctrl.setViewExtents([new Date(+ctrl.timeExtents[0]), new Date(+ctrl.timeExtents[1])]);
              settled(function () {
                observe(function (whole) {
                  done(JSON.stringify({opened: opened, whole: whole, errors: window.__sv ? window.__sv.errors : []}));
                });
              });
            });
            """;

    /** An export the front-end is shown, and where each of its runs' times come from. */
    record Case(String name, Consumer<ExportConfig.Builder> inputs, List<Path> runs) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** One run of a case: run {@code id} of its config.json, whose stream is {@code stream}. */
    record Run(Case export, int id, Path stream) {
        @Override
        public String toString() {
            return export.name() + " #" + id;
        }
    }

    static final List<Case> CASES = List.of(
            stream("clean", "edge-parallel.subunit"),
            stream("killed", "killed-raw.subunit"),
            stream("damaged-flip-byte", "damaged/flip-byte.subunit"),
            stream("damaged-truncate-mid", "damaged/truncate-mid.subunit"),
            new Case("repository", c -> c.repository(REPOSITORY).dstat(DSTAT),
                    List.of(REPOSITORY.resolve(".testrepository/0"), REPOSITORY.resolve(".testrepository/1"))));

    private static Case stream(String name, String file) {
        Path stream = STREAMS.resolve(file);
        return new Case(name, c -> c.streamFile(stream).dstat(DSTAT), List.of(stream));
    }

    static Stream<Run> runs() {
        return CASES.stream().flatMap(c -> Stream.iterate(0, i -> i < c.runs().size(), i -> i + 1)
                .map(i -> new Run(c, i, c.runs().get(i))));
    }

    @TempDir
    static Path tmp;

    private Browser browser;
    private HttpServer server;
    private Path site;
    private final Map<String, Path> mounts = new HashMap<>();
    private final Map<String, Observed> observed = new HashMap<>();

    @BeforeAll
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // the first build installs the npm packages
    void start() throws IOException, InterruptedException {
        FrontEnd2016.sources();
        browser = Browser.start(tmp.resolve("profile"));
        browser.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", PROBE));
        site = FrontEnd2016.site();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::serve);
        server.start();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.stop(0);
        }
        if (browser != null) {
            browser.close();
        }
    }

    // ---------------------------------------------------------------- the checks

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void timeAxisLiesWithinTheRunsTimes(Run run) throws Exception {
        Observed o = observe(run);
        long[] real = realTimes(run.stream());
        for (View view : List.of(o.opened(), o.whole())) {
            assertWithin(real, view.timeExtents(), "the time axis (the overview's extents) of " + run);
            assertWithin(real, view.viewExtents(), "the timeline's view of " + run);
        }
        assertTrue(o.opened().timeExtents()[1] > o.opened().timeExtents()[0], run + ": the axis spans no time");
        List<String> ticks = o.whole().texts("timeline", "9px sans-serif");
        assertTrue(ticks.size() >= 2, run + ": the timeline's axis has " + ticks + " for ticks");
        for (String tick : ticks) {
            assertTrue(TIME_OF_DAY.matcher(tick).matches(), run + ": a tick of the run's axis reads " + tick
                    + " (ticks " + ticks + "), not a time of day");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void everyTestWithTimesHasItsBarDrawn(Run run) throws Exception {
        Observed o = observe(run);
        List<long[]> records = records(run);
        assertEquals(records.size(), o.opened().records(), run + ": records the app read");
        Set<Integer> timed = new TreeSet<>();
        Set<Integer> lasting = new TreeSet<>();
        for (int i = 0; i < records.size(); i++) {
            long[] r = records.get(i);
            if (r != null) {
                timed.add(i);
                if (r[1] > r[0]) {
                    lasting.add(i);
                }
            }
        }
        assertFalse(timed.isEmpty(), run + " has no record with times");

        // on opening (the run's first eighth): the bars of the tests in view. A run of a few milliseconds opens on a
        // view narrower than a Date's millisecond, which shows nothing: the whole run below still does.
        long[] view = o.opened().viewExtents();
        Set<Integer> opened = o.opened().drawn("timeline");
        assertTrue(timed.containsAll(opened), run + ": bars drawn on opening " + opened + " for records without times");
        if (view[1] > view[0]) {
            Set<Integer> inView = overlapping(records, timed, view);
            assertFalse(inView.isEmpty(), run + ": no test in the opening view " + Instant.ofEpochMilli(view[0])
                    + " .. " + Instant.ofEpochMilli(view[1]));
            assertTrue(opened.containsAll(inView), run + ": bars drawn on opening " + opened + ", tests in view " + inView);
        }

        // the whole run (the overview's brush over all of it): the bar of every record with times that the app's
        // own rule shows (ends after the view starts, starts before it ends: all but zero-length ones at the very
        // ends), which includes every test that lasted a millisecond
        Set<Integer> expected = overlapping(records, timed, o.whole().viewExtents());
        Set<Integer> whole = o.whole().drawn("timeline");
        assertTrue(expected.containsAll(lasting), run + ": tests that lasted " + lasting + ", shown " + expected);
        assertEquals(expected, whole, run + ": " + whole.size() + " bars drawn over the whole run, for "
                + timed.size() + " records with times");
        assertTrue(o.whole().drawn("overview").containsAll(timed), run + ": the overview's bars "
                + o.whole().drawn("overview") + ", records with times " + timed);
        assertFalse(o.whole().texts("workers", null).isEmpty(), run + ": no worker lane labelled");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void dstatLanesAreDrawn(Run run) throws Exception {
        Observed o = observe(run);
        assertEquals(List.of(), o.console(), run + ": console messages");
        assertEquals(List.of(), o.errors(), run + ": errors in the page");
        // the rows it keeps are those about the run's time, dated in the run's year (taken from its first record)
        List<Long> rows = o.whole().dstat();
        assertFalse(rows.isEmpty(), run + ": the app kept no dstat row");
        long[] logged = dstatTimes(Instant.ofEpochMilli(realTimes(run.stream())[0]).atZone(ZoneOffset.UTC).getYear());
        for (long row : List.of(rows.get(0), rows.get(rows.size() - 1))) {
            assertTrue(logged[0] <= row && row <= logged[1], run + ": a dstat row the app kept is dated "
                    + Instant.ofEpochMilli(row) + ", the log's rows " + Instant.ofEpochMilli(logged[0]) + " .. "
                    + Instant.ofEpochMilli(logged[1]));
        }
        assertEquals(DSTAT_LANES, o.whole().texts("dstat", null), run + ": the dstat lanes' labels");
    }

    /**
     * The clean cases, as the issue found them: the 2016 front-end draws our export of a stream and the reference
     * tool's output of it pixel for pixel the same: the timeline as it opens, and for edge-parallel a test's page too.
     * Both screenshots are kept ({@code frontend-2016-reference-CASE-PAGE.png}, {@code frontend-2016-ours-...}).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"edge-parallel", "edge-tags", "duplicate-ids", "edge-frozen-time",
            "damaged-truncate-boundary"})
    void showsOurExportAsItShowsTheReferenceOutput(String name) throws Exception {
        Path stream = STREAMS.resolve(name.replaceFirst("^damaged-", "damaged/") + ".subunit");
        Path ours = export(new Case("ours-" + name, c -> c.streamFile(stream), List.of()));
        mounts.put("reference-" + name, Fixtures.path("reference-output").resolve(name).resolve("old"));
        List<String> pages = name.equals("edge-parallel")
                ? List.of("timeline", "test-details/realedge.test_outcomes.TestcaseOutcomes.test_fail_assert_equal")
                : List.of("timeline");
        for (String page : pages) {
            String shot = name + "-" + page.replaceFirst("/.*", "");
            BufferedImage expected = screenshot("reference-" + name, page, "frontend-2016-reference-" + shot);
            BufferedImage actual = screenshot(ours.getFileName().toString(), page, "frontend-2016-ours-" + shot);
            assertEquals(expected.getWidth(), actual.getWidth());
            assertEquals(expected.getHeight(), actual.getHeight());
            int differ = 0;
            for (int y = 0; y < expected.getHeight(); y++) {
                for (int x = 0; x < expected.getWidth(); x++) {
                    if (expected.getRGB(x, y) != actual.getRGB(x, y)) {
                        differ++;
                    }
                }
            }
            assertEquals(0, differ, shot + ": pixels that differ between the reference's and our export");
        }
    }

    // ---------------------------------------------------------------- what the app drew

    record View(long[] timeExtents, long[] viewExtents, double width, int records, List<Long> dstat, JsonNode draws,
                JsonNode texts) {
        static View of(JsonNode v) {
            return new View(new long[]{v.get("timeExtents").get(0).asLong(), v.get("timeExtents").get(1).asLong()},
                    new long[]{v.get("viewExtents").get(0).asLong(), v.get("viewExtents").get(1).asLong()},
                    v.get("width").asDouble(), v.get("records").asInt(),
                    Exports.MAPPER.convertValue(v.get("dstat"), new TypeReference<List<Long>>() { }), v.get("draws"),
                    v.get("texts"));
        }

        /** The records (indexes into raw.json) whose bars were drawn on the canvases of {@code role}. */
        Set<Integer> drawn(String role) {
            Set<Integer> out = new TreeSet<>();
            for (JsonNode d : draws) {
                if (d.get("role").asText().equals(role)) {
                    out.add(d.get("entry").asInt());
                }
            }
            return out;
        }

        /** The texts drawn on the canvases of {@code role} (in {@code font}, when given), in order. */
        List<String> texts(String role, String font) {
            List<String> out = new ArrayList<>();
            for (JsonNode t : texts) {
                if (t.get("role").asText().equals(role) && (font == null || t.get("font").asText().equals(font))) {
                    out.add(t.get("text").asText());
                }
            }
            return out;
        }
    }

    record Observed(View opened, View whole, List<String> console, List<String> errors) {
    }

    /** Opens the timeline of {@code run} once, and what it drew on opening and over the whole run. */
    private Observed observe(Run run) throws Exception {
        Observed o = observed.get(run.toString());
        if (o == null) {
            String mount = export(run.export()).getFileName().toString();
            open(mount, run.id() + "/timeline");
            JsonNode json = Exports.MAPPER.readTree((String) browser.driver.executeAsyncScript(OBSERVE));
            List<String> console = new ArrayList<>();
            for (LogEntry e : browser.driver.manage().logs().get(LogType.BROWSER)) {
                if (e.getLevel().intValue() >= Level.WARNING.intValue()) {
                    console.add(e.getLevel() + " " + e.getMessage());
                }
            }
            List<String> errors = new ArrayList<>();
            json.get("errors").forEach(e -> errors.add(e.asText()));
            o = new Observed(View.of(json.get("opened")), View.of(json.get("whole")), console, errors);
            browser.screenshot("frontend-2016-" + run.export().name() + "-" + run.id());
            observed.put(run.toString(), o);
        }
        return o;
    }

    /** Opens {@code #/<route>} of the app with the export mounted as {@code mount}, and waits until it is drawn. */
    private void open(String mount, String route) {
        browser.driver.get("about:blank");
        browser.driver.manage().logs().get(LogType.BROWSER);
        browser.driver.get("http://127.0.0.1:" + server.getAddress().getPort() + "/" + mount + "/index.html#/" + route);
        String loaded = route.endsWith("/timeline") ? LOADED : DETAILS_LOADED;
        new WebDriverWait(browser.driver, Duration.ofSeconds(30)).until(d -> Boolean.TRUE.equals(browser.js(loaded)));
    }

    private BufferedImage screenshot(String mount, String route, String name) throws IOException {
        open(mount, "0/" + route);
        browser.js("return new Promise(function (r) { requestAnimationFrame(function () { setTimeout(r, 100); }); })");
        browser.screenshot(name);
        return ImageIO.read(new ByteArrayInputStream(browser.driver.getScreenshotAs(OutputType.BYTES)));
    }

    // ---------------------------------------------------------------- exports, times, the server

    /** The export of {@code c}, made once; it is served as {@code /<its name>/data/}. */
    private Path export(Case c) throws Exception {
        Path out = mounts.get(c.name());
        if (out == null) {
            out = tmp.resolve("exports").resolve(c.name());
            ExportConfig.Builder config = ExportConfig.builder(out).viewer(false);
            c.inputs().accept(config);
            new Exporter(config.build(), ExportLog.SILENT).export();
            JsonNode tempest = Exports.contract(out.resolve("config.json")).get("tempest");
            assertEquals(c.runs().isEmpty() ? 1 : c.runs().size(), tempest.size(), c + ": runs in config.json");
            mounts.put(c.name(), out);
        }
        return out;
    }

    /**
     * Each record of the run's raw.json as the app reads it ({@code new Date(timestamp)}, to the millisecond):
     * {@code [start, end]}, or {@code null} where a time is missing.
     */
    private List<long[]> records(Run run) throws Exception {
        Path dir = export(run.export());
        JsonNode entry = Exports.contract(dir.resolve("config.json")).get("tempest").get(run.id());
        List<long[]> out = new ArrayList<>();
        for (JsonNode r : Exports.contract(dir.resolve(entry.get("raw").asText()))) {
            JsonNode t = r.get("timestamps");
            out.add(t.get(0).isNull() || t.get(1).isNull() ? null
                    : new long[]{millis(t.get(0).asText()), millis(t.get(1).asText())});
        }
        return out;
    }

    /** The records with times that overlap {@code view}, as the app picks what to draw. */
    private static Set<Integer> overlapping(List<long[]> records, Set<Integer> timed, long[] view) {
        Set<Integer> out = new TreeSet<>();
        for (int i : timed) {
            if (records.get(i)[1] > view[0] && records.get(i)[0] < view[1]) {
                out.add(i);
            }
        }
        return out;
    }

    private static long millis(String time) {
        return Instant.parse(time).toEpochMilli();
    }

    /** The first and last row of {@link #DSTAT} (dstat writes no year: it is given). */
    private static long[] dstatTimes(int year) throws IOException {
        DateTimeFormatter format = DateTimeFormatter.ofPattern("dd-MM HH:mm:ss uuuu");
        List<Long> times = new ArrayList<>();
        for (String line : Files.readAllLines(DSTAT)) {
            if (!line.isEmpty() && Character.isDigit(line.charAt(0))) {
                String time = line.substring(0, line.indexOf(','));
                times.add(LocalDateTime.parse(time + " " + year, format).toInstant(ZoneOffset.UTC).toEpochMilli());
            }
        }
        return new long[]{times.get(0), times.get(times.size() - 1)};
    }

    /** The first and last time the run's stream carried, to the millisecond (as a browser reads them). */
    private static long[] realTimes(Path stream) throws IOException {
        long[] range = {Long.MAX_VALUE, Long.MIN_VALUE};
        try (InputStream in = Files.newInputStream(stream)) {
            SubunitStreams.read(in, (StreamHandler) event -> {
                if (event.timestamp() != null) {
                    long ms = event.timestamp().toEpochMilli();
                    range[0] = Math.min(range[0], ms);
                    range[1] = Math.max(range[1], ms);
                }
            });
        }
        assertTrue(range[0] <= range[1], stream + " carries no time");
        return range;
    }

    private static void assertWithin(long[] real, long[] extents, String what) {
        assertTrue(real[0] <= extents[0] && extents[1] <= real[1] && extents[0] <= extents[1],
                what + " is " + Instant.ofEpochMilli(extents[0]) + " .. " + Instant.ofEpochMilli(extents[1])
                        + ", not within the stream's " + Instant.ofEpochMilli(real[0]) + " .. "
                        + Instant.ofEpochMilli(real[1]));
    }

    /** {@code /<mount>/data/...} from the export mounted there, {@code /<mount>/...} from the built app. */
    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String[] parts = path.substring(1).split("/", 2);
            Path data = mounts.get(parts[0]);
            Path file = null;
            if (data != null && parts.length == 2) {
                file = parts[1].startsWith("data/") ? resolve(data, parts[1].substring("data/".length()))
                        : resolve(site, parts[1]);
            }
            if (file == null || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(path.equals("/favicon.ico") ? 204 : 404, -1);
                return;
            }
            String name = file.getFileName().toString();
            exchange.getResponseHeaders().set("Content-Type", name.endsWith(".html") ? "text/html; charset=utf-8"
                    : name.endsWith(".js") ? "text/javascript; charset=utf-8" : name.endsWith(".css") ? "text/css"
                    : name.endsWith(".json") ? "application/json" : name.endsWith(".csv") ? "text/csv"
                    : name.endsWith(".svg") ? "image/svg+xml" : "application/octet-stream");
            exchange.sendResponseHeaders(200, Files.size(file));
            try (OutputStream out = exchange.getResponseBody()) {
                Files.copy(file, out);
            }
        }
    }

    private static Path resolve(Path root, String relative) {
        Path file = root.resolve(relative).normalize();
        return file.startsWith(root) ? file : null;
    }
}
