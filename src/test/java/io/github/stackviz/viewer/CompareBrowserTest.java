package io.github.stackviz.viewer;

import io.github.stackviz.export.ExportConfig;
import io.github.stackviz.export.ExportException;
import io.github.stackviz.export.ExportLog;
import io.github.stackviz.export.Exporter;
import io.github.stackviz.sources.RunSelection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The compare view, flaky tests and a test's history in headless Chromium, on the real stestr repository
 * {@code repos-changes} (three runs of one suite whose outcomes change; see its README), and with a previous export.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompareBrowserTest {

    static final String T = "suite.test_changes.";

    @TempDir
    static Path tmp;

    Browser browser;
    Path repo;

    @BeforeAll
    void start() throws IOException, ExportException {
        browser = Browser.start(tmp.resolve("profile"));
        repo = export(PreviousExportTest.CHANGES, RunSelection.ALL, tmp.resolve("repo"), null);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    static Path export(Path repository, RunSelection runs, Path out, Path previous) throws ExportException {
        new Exporter(ExportConfig.builder(out).repository(repository).repositoryRuns(runs).previous(previous).threads(1)
                .build(), ExportLog.SILENT).export();
        return out;
    }

    List<WebElement> all(String css) {
        return browser.driver.findElements(By.cssSelector(css));
    }

    /** The names of the rows of a compare list, in order. */
    List<String> names(String rowCss) {
        List<String> out = new ArrayList<>();
        for (WebElement row : all(rowCss)) {
            out.add(row.findElement(By.cssSelector("a.test-link")).getText());
        }
        return out;
    }

    String count(String kind) {
        return browser.driver.findElement(By.cssSelector(".compare-chip[data-kind='" + kind + "']")).getDomAttribute("data-count");
    }

    String href(String rowCss) {
        return browser.driver.findElement(By.cssSelector(rowCss + " a.test-link")).getDomAttribute("href");
    }

    @Test
    void theRunsPageOffersTheLatestTwoRunsOfTheRepository() {
        browser.open(repo, "#run=0&view=summary");
        List<WebElement> links = all("#compare-links a.compare-link");
        assertEquals(1, links.size());
        assertEquals("#compare=1,2", links.get(0).getDomAttribute("href"));
        assertEquals("Repository: repos-changes (1) → Repository: repos-changes (2)", links.get(0).getText());
        // a link per pair in the table: each run with the run before it
        List<WebElement> rows = all("table.runs tbody tr");
        assertEquals(0, rows.get(0).findElements(By.cssSelector("a.compare-pred")).size());
        assertEquals("#compare=0,1", rows.get(1).findElement(By.cssSelector("a.compare-pred")).getDomAttribute("href"));
        assertEquals("#compare=1,2", rows.get(2).findElement(By.cssSelector("a.compare-pred")).getDomAttribute("href"));
        assertEquals("#compare=1,2", browser.driver.findElement(By.id("tab-compare")).getDomAttribute("href"));
        browser.js("document.documentElement.dataset.state = 'routing'");
        links.get(0).click();
        browser.waitReady();
        assertEquals("compare", browser.js("return document.documentElement.dataset.view"));
        assertEquals("1", count("new-failure"));
        // any other pair, chosen with the two lists
        new Select(browser.driver.findElement(By.id("compare-a"))).selectByValue("0");
        browser.js("document.documentElement.dataset.state = 'routing'");
        browser.driver.findElement(By.id("compare-go")).click();
        browser.waitReady();
        assertTrue(browser.driver.getCurrentUrl().endsWith("#compare=0,2"), browser.driver.getCurrentUrl());
        assertEquals(List.of(T + "Changes.test_breaks"), names("tr[data-change='new-failure']"));
        assertEquals(List.of(T + "Changes.test_fixed"), names("tr[data-change='fixed']")); // flaky was success in run 0
        // no such run: said so, nothing listed
        browser.go("#compare=9,p0");
        assertEquals(1, all("#compare-none").size());
        assertEquals(0, all("tr[data-change]").size());
        browser.assertClean();
    }

    @Test
    void theCompareViewListsEachChangeOnce() throws IOException {
        browser.open(repo, "#compare=1,2");
        assertEquals("Repository: repos-changes (1)", browser.js("return document.getElementById('compare-a').value === '1'"
                + " ? 'Repository: repos-changes (1)' : 'wrong'"));
        assertEquals(List.of(T + "Changes.test_breaks"), names("tr[data-change='new-failure']"));
        assertEquals(List.of(T + "Changes.test_fixed", T + "Changes.test_flaky"), names("tr[data-change='fixed']"));
        assertEquals(List.of(T + "Changes.test_still_failing"), names("tr[data-change='still-failing']"));
        assertEquals(List.of(T + "Changes.test_added"), names("tr[data-change='added']"));
        assertEquals(List.of(T + "Changes.test_removed"), names("tr[data-change='removed']"));
        assertEquals(List.of(T + "Changes.test_slower"), names("tr[data-change='slower']"));
        assertEquals(List.of(), names("tr[data-change='faster']"));
        assertEquals(List.of(T + "Changes.test_skipped_later"), names("tr[data-change='changed']"));
        assertEquals(8, all("tr[data-change]").size());
        for (String[] kc : new String[][] {{"new-failure", "1"}, {"fixed", "2"}, {"still-failing", "1"}, {"added", "1"},
                {"removed", "1"}, {"slower", "1"}, {"faster", "0"}, {"changed", "1"}, {"flaky", "1"}}) {
            assertEquals(kc[1], count(kc[0]), kc[0]);
        }
        // flaky: marked where it is listed, and listed once more on its own, without a change
        assertEquals(List.of(T + "Changes.test_flaky"), names("tr[data-change][data-flaky]"));
        assertEquals(List.of(T + "Changes.test_flaky"), names("tr[data-flaky]:not([data-change])"));
        List<String> strip = new ArrayList<>();
        for (WebElement cell : all("#compare-flaky tr[data-flaky] .hist-cell")) {
            strip.add(cell.getDomAttribute("data-run") + ":" + cell.getDomAttribute("data-status"));
        }
        assertEquals(List.of("0:success", "1:fail", "2:success"), strip);
        // each test links to its details: in B, or in A for a removed test
        assertEquals("#run=2&test=" + T + "Changes.test_breaks", href("tr[data-change='new-failure']"));
        assertEquals("#run=1&test=" + T + "Changes.test_removed", href("tr[data-change='removed']"));
        browser.fullScreenshot("demo-compare"); // docs/screenshots/compare.png
        browser.js("document.documentElement.dataset.state = 'routing'");
        browser.driver.findElement(By.cssSelector("tr[data-change='removed'] a.test-link")).click();
        browser.waitReady();
        assertEquals(T + "Changes.test_removed", browser.driver.findElement(By.id("test-name")).getText());
        assertEquals("success", browser.driver.findElement(By.cssSelector("#test-status .badge")).getText());
        browser.assertClean();
    }

    /** The test's status in every run of its source, from its details page. */
    List<String> history(String hash) {
        return history(repo, hash);
    }

    List<String> history(Path export, String hash) {
        browser.open(export, hash);
        new WebDriverWait(browser.driver, Duration.ofSeconds(30)).until(d ->
                "done".equals(browser.js("return document.getElementById('test-history').dataset.state")));
        List<String> out = new ArrayList<>();
        for (WebElement row : all("#test-history tbody tr")) {
            out.add(row.getDomAttribute("data-run") + ":" + row.getDomAttribute("data-status"));
        }
        return out;
    }

    @Test
    void theDetailsPageShowsTheStatusInEveryRun() {
        assertEquals(List.of("0:success", "1:fail", "2:success"), history("#run=2&test=" + T + "Changes.test_flaky"));
        assertEquals(1, all("#test-flaky").size());
        assertEquals(List.of("0:", "1:", "2:success"), history("#run=2&test=" + T + "Changes.test_added"));
        assertEquals(0, all("#test-flaky").size());
        assertEquals(List.of("0:success", "1:success", "2:fail"), history("#run=0&test=" + T + "Changes.test_breaks"));
        assertEquals(0, all("#test-flaky").size());
        // the other runs link to the test there
        assertEquals("#run=2&test=" + T + "Changes.test_breaks", browser.driver.findElement(
                By.cssSelector("#test-history tr[data-run='2'] a")).getDomAttribute("href"));
        browser.assertClean();
    }

    @Test
    void aPreviousExportIsComparedWithThisOne() throws Exception {
        // the previous build's repository held runs 0 and 1; this build exports only its latest run
        Path older = tmp.resolve("older/repos-changes");
        Path stestr = Files.createDirectories(older.resolve(".stestr"));
        for (String f : List.of("0", "1", "format")) {
            Files.copy(PreviousExportTest.CHANGES.resolve(".stestr").resolve(f), stestr.resolve(f));
        }
        Files.writeString(stestr.resolve("next-stream"), "2\n");
        Path previous = export(older, RunSelection.ALL, tmp.resolve("previous"), null);
        Path now = export(PreviousExportTest.CHANGES, RunSelection.parse("latest"), tmp.resolve("now"), previous);

        browser.open(now, "#run=0&view=summary");
        assertEquals(1, all("table.runs tbody tr").size());
        assertTrue(browser.driver.findElement(By.id("previous-export")).getText().contains("2 runs"));
        List<WebElement> links = all("#compare-links a.compare-link");
        assertEquals(1, links.size());
        assertEquals("#compare=p1,0", links.get(0).getDomAttribute("href"));

        browser.open(now, "#compare=p0,0");
        assertEquals(List.of(T + "Changes.test_breaks"), names("tr[data-change='new-failure']"));
        assertEquals(List.of(T + "Changes.test_fixed"), names("tr[data-change='fixed']"));
        assertEquals(List.of(T + "Changes.test_added"), names("tr[data-change='added']"));
        assertEquals(List.of(T + "Changes.test_removed"), names("tr[data-change='removed']"));
        assertEquals(List.of(T + "Changes.test_slower"), names("tr[data-change='slower']"));
        assertEquals(7, all("tr[data-change]").size());
        // flaky across the previous export's two runs and this one
        assertEquals(List.of(T + "Changes.test_flaky"), names("tr[data-flaky]:not([data-change])"));
        assertEquals("#run=p0&test=" + T + "Changes.test_removed", href("tr[data-change='removed']"));
        browser.js("document.documentElement.dataset.state = 'routing'");
        browser.driver.findElement(By.cssSelector("tr[data-change='removed'] a.test-link")).click();
        browser.waitReady();
        assertEquals(T + "Changes.test_removed", browser.driver.findElement(By.id("test-name")).getText());
        assertTrue(browser.driver.findElement(By.id("attachments")).getText().contains("previous export"));
        browser.assertClean();
        // a test's history runs through the previous export's runs of its source
        assertEquals(List.of("p0:success", "p1:fail", "0:success"), history(now, "#run=0&test=" + T + "Changes.test_flaky"));
        assertEquals(1, all("#test-flaky").size());
        browser.assertClean();
    }

    @Test
    void aRecordTaggedFlakyIsFlakyAndHostileNamesStayText() throws IOException {
        // two runs of a source (too few for the success/fail rule): a rerun's record tagged flaky makes a test flaky
        Path dir = tmp.resolve("tagged");
        String hostile = "t.<img src=x onerror=\"window.__pwned=1\">.test_<script>window.__pwned=2</script>";
        SyntheticExport export = new SyntheticExport(dir);
        for (int run = 0; run < 2; run++) {
            int r = run;
            export.run("Subunit File: results.subunit (" + run + ")", 3, i -> new SyntheticExport.Rec(
                    i == 0 ? hostile : "t.test_" + i, r == 1 && i == 0 ? "fail" : "success",
                    r == 1 && i == 1 ? List.of("flaky", "worker-0") : List.of("worker-0"), 1_000L * i, 1_000L * i + 5, Map.of()),
                    List.of());
        }
        export.finish();
        ViewerWriter.write(dir);
        browser.open(dir, "#compare=0,1");
        assertEquals(List.of(hostile), names("tr[data-change='new-failure']"));
        assertEquals(List.of("t.test_1"), names("tr[data-flaky]:not([data-change])"));
        assertEquals(1, all("tr[data-flaky]").size()); // t.test_1 did not change: it is listed once, as flaky
        assertEquals(null, browser.js("return window.__pwned === undefined ? null : window.__pwned"));
        assertEquals(0, all("#view-compare img, #view-compare script").size());
        browser.go("#run=1&test=" + URLEncoder.encode("t.test_1", StandardCharsets.UTF_8));
        new WebDriverWait(browser.driver, Duration.ofSeconds(30)).until(d ->
                "done".equals(browser.js("return document.getElementById('test-history').dataset.state")));
        assertEquals(1, all("#test-flaky").size());
        browser.assertClean();
    }

    @Test
    void comparing100000TestsWithTheirPreviousRun() throws IOException {
        Path dir = tmp.resolve("big");
        long base = Instant.parse("2026-11-28T09:00:00Z").getEpochSecond() * 1_000_000L;
        SyntheticExport export = new SyntheticExport(dir);
        for (int run = 0; run < 2; run++) {
            int r = run;
            export.run("Repository: big (" + run + ")", 100_000, i -> {
                String status = (i + r) % 97 == 0 ? "fail" : i % 53 == 0 ? "skip" : "success";
                long start = base + r * 3_600_000_000L + i * 1_000L;
                long duration = i % 1000 == 0 && r == 1 ? 500_000 : 900;
                String name = "tempest.api.compute.servers.test_generated.GeneratedTest.test_" + (i + r * 10);
                return new SyntheticExport.Rec(name, status, List.of("worker-" + i % 8), start, start + duration, Map.of());
            }, List.of());
        }
        export.finish();
        ViewerWriter.write(dir);
        browser.open(dir, "#compare=0,1");
        @SuppressWarnings("unchecked")
        Map<String, Number> m = (Map<String, Number>) browser.js("return StackViz.metrics.compare");
        assertEquals("10", count("added"));
        assertEquals("10", count("removed"));
        // a long list shows its first 100 rows, the rest on request
        int newFailures = Integer.parseInt(count("new-failure"));
        assertTrue(newFailures > 1000, newFailures + " new failures");
        assertEquals(100, all("tr[data-change='new-failure']").size());
        browser.driver.findElement(By.cssSelector("#compare-new-failure button.more")).click();
        assertEquals(newFailures, all("tr[data-change='new-failure']").size());
        System.out.printf("VIEWER-COMPARE %d tests in 2 runs: runs loaded in %.0f ms, compared in %.0f ms, lists shown in"
                        + " %.0f ms, flaky tests in %.0f ms (%.0f ms in all)%n", m.get("tests").intValue(),
                m.get("load").doubleValue(), m.get("compare").doubleValue(), m.get("render").doubleValue(),
                m.get("history").doubleValue(), m.get("total").doubleValue());
        System.out.printf("VIEWER-COMPARE of which building the two run models: %.0f ms%n",
                ((Number) browser.js("return StackViz.metrics.buildRun")).doubleValue());
        browser.assertClean();
    }
}
