package io.github.stackviz.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export of real Surefire, Failsafe and Open Test Reporting reports: config.json, raw, details, tree. */
class JunitExportTest {
    static final Path JUNIT = Path.of("src/test/fixtures/junit");
    static final Path PARALLEL = JUNIT.resolve("parallel");

    @TempDir
    Path temp;

    final RecordingLog log = new RecordingLog();

    private Exporter.Summary export(ExportConfig.Builder config) throws ExportException {
        return new Exporter(config.build(), log).export();
    }

    private static JsonNode leaf(JsonNode tree, String... path) {
        JsonNode node = tree;
        for (String part : path) {
            JsonNode next = null;
            for (JsonNode child : node.get("children")) {
                if (child.get("name").asText().equals(part)) {
                    next = child;
                }
            }
            assertTrue(next != null, part + " under " + node.get("name"));
            node = next;
        }
        return node;
    }

    @Test
    void aReportsFolderIsARunLikeAStream() throws Exception {
        Path out = temp.resolve("out");
        Exporter.Summary summary = export(ExportConfig.builder(out)
                .junitReports(List.of(PARALLEL.resolve("surefire-reports").toAbsolutePath())).threads(1));
        assertEquals(1, summary.runs());
        assertEquals(22, summary.tests());
        JsonNode entry = ExporterTest.config(out).get("tempest").get(0);
        assertEquals("Surefire: parallel", entry.get("name").asText());
        assertEquals("tempest_junit_surefire-reports_0_raw.json", entry.get("raw").asText());
        assertEquals(22, entry.get("stats").get("count").asInt());
        assertEquals(2, entry.get("stats").get("failures").size());
        assertEquals(1, entry.get("stats").get("skips").size());
        assertEquals("rounding mode not decided yet", entry.get("stats").get("skips").get(0).get("details").asText());
        JsonNode hex = null;
        for (JsonNode failure : entry.get("stats").get("failures")) {
            if (failure.get("name").asText().equals("demo.ParserTest.formatsHex")) {
                hex = failure;
            }
        }
        assertEquals("org.opentest4j.AssertionFailedError: hex formatting is off by one ==> expected: <ff> but was: <fe>",
                hex.get("details").get(hex.get("details").size() - 1).asText(), "the message is the last line");

        JsonNode raw = ReferenceParityTest.read(out.resolve("tempest_junit_surefire-reports_0_raw.json"));
        assertEquals(22, raw.size());
        JsonNode flaky = null;
        List<String> names = new ArrayList<>();
        for (JsonNode record : raw) {
            names.add(record.get("name").asText());
            if (record.get("name").asText().equals("demo.FlakyTest.passesOnRetry")) {
                flaky = record;
            }
        }
        assertTrue(names.contains("demo.MathTest.squares(int)[4]"), names.toString());
        assertEquals("success", flaky.get("status").asText());
        assertEquals("flaky", flaky.get("tags").get(0).asText());
        assertTrue(flaky.get("tags").get(1).asText().startsWith("worker-"));
        assertEquals("2026-12-03T07:30:04.665000+00:00", flaky.get("timestamps").get(0).asText());
        assertEquals("2026-12-03T07:30:04.891000+00:00", flaky.get("timestamps").get(1).asText());
        assertEquals(0.226, flaky.get("duration").asDouble(), 1e-9);

        JsonNode details = ReferenceParityTest.read(out.resolve("tempest_junit_surefire-reports_0_details.json"));
        assertEquals("attempt 1\n", details.get("demo.FlakyTest.passesOnRetry").get("stdoutrerun1").asText());
        assertEquals("parsing 42 and -7\n", details.get("demo.ParserTest.formatsHex").get("stdout").asText());

        JsonNode tree = ReferenceParityTest.read(out.resolve("tempest_junit_surefire-reports_0_tree.json"));
        assertEquals("demo", tree.get("name").asText());
        JsonNode nested = leaf(tree, "CalculatorTest", "Division", "rejectsZero");
        assertEquals("demo.CalculatorTest.Division.rejectsZero", nested.get("name_full").asText());
        assertEquals(4, leaf(tree, "MathTest").get("children").size() - 3, "squares [1]..[4] and 3 repetitions");
        assertTrue(Files.exists(out.resolve("index.html")), "the report is written as for any run");
    }

    /** The rerun rounds' logs are merged: the same counts, failures and flaky test as Surefire's XML of the run. */
    @Test
    void anOpenTestReportingRunCountsEachTestOnceAsSurefiresXmlDoes() throws Exception {
        Path out = temp.resolve("out");
        Exporter.Summary summary = export(ExportConfig.builder(out)
                .junitReports(List.of(PARALLEL.resolve("junit-platform").toAbsolutePath(),
                        PARALLEL.resolve("surefire-reports").toAbsolutePath(),
                        PARALLEL.resolve("failsafe-reports").toAbsolutePath())).viewer(false));
        assertEquals(2 * (22 + 5), summary.tests(), "22 + 5 tests in the logs (27 + 7 finished before the attempts are merged), as many in the XML");
        JsonNode tempest = ExporterTest.config(out).get("tempest");
        for (int[] pair : new int[][] {{1, 2}, {0, 3}}) { // JUnit (surefire) and Surefire, JUnit (failsafe) and Failsafe
            JsonNode otr = tempest.get(pair[0]).get("stats");
            JsonNode xml = tempest.get(pair[1]).get("stats");
            assertEquals(xml.get("count"), otr.get("count"));
            List<String> otrFailures = new ArrayList<>();
            otr.get("failures").forEach(f -> otrFailures.add(f.get("name").asText()));
            List<String> xmlFailures = new ArrayList<>();
            xml.get("failures").forEach(f -> xmlFailures.add(f.get("name").asText()));
            assertEquals(xmlFailures.stream().sorted().toList(), otrFailures.stream().sorted().toList());
        }
        JsonNode raw = ReferenceParityTest.read(out.resolve("tempest_junit_junit-platform_1_raw.json"));
        assertEquals(22, raw.size());
        JsonNode details = ReferenceParityTest.read(out.resolve("tempest_junit_junit-platform_1_details.json"));
        JsonNode flaky = details.get("demo.FlakyTest.passesOnRetry");
        assertTrue(flaky.get("tracebackrerun1").asText().contains("attempt 1 fails"), flaky.toString());
        assertNull(flaky.get("traceback"), "it passed in the end");
        JsonNode hex = details.get("demo.ParserTest.formatsHex");
        for (String attempt : List.of("traceback", "tracebackrerun1", "tracebackrerun2")) {
            assertTrue(hex.get(attempt).asText().contains("hex formatting is off by one"), attempt + ": " + hex);
        }
        assertTrue(log.warnings.isEmpty(), log.warnings.toString());
    }

    @Test
    void reportsComeAfterStreamFilesAndBeforeStdinAndAFolderOfRunsIsSeveral() throws Exception {
        Path out = temp.resolve("out");
        byte[] stream = Files.readAllBytes(ExporterTest.EDGE);
        export(ExportConfig.builder(out).stdin(new ByteArrayInputStream(stream))
                .junitReports(List.of(PARALLEL.resolve("junit-platform").toAbsolutePath(),
                        PARALLEL.resolve("failsafe-reports").toAbsolutePath()))
                .streamFile(ExporterTest.EDGE).viewer(false));
        List<String> names = new ArrayList<>();
        List<String> raws = new ArrayList<>();
        for (JsonNode entry : ExporterTest.config(out).get("tempest")) {
            names.add(entry.get("name").asText());
            raws.add(entry.get("raw").asText());
        }
        assertEquals(List.of("Subunit File: edge-parallel.subunit", "JUnit: parallel (failsafe)",
                "JUnit: parallel (surefire)", "Failsafe: parallel", "Subunit Stream (stdin)"), names);
        assertEquals(List.of("tempest_file_edge-parallel.subunit_0_raw.json",
                "tempest_junit_junit-platform_0_raw.json", "tempest_junit_junit-platform_1_raw.json",
                "tempest_junit_failsafe-reports_0_raw.json", "tempest_stdin_0_raw.json"), raws);
        assertTrue(log.warnings.isEmpty(), log.warnings.toString());
    }

    @Test
    void reportsWithoutTimesExportWithNullTimesAndTheWarning() throws Exception {
        Path out = temp.resolve("out");
        Path reports = JUNIT.resolve("no-timestamps/surefire-reports").toAbsolutePath();
        export(ExportConfig.builder(out).junitReports(List.of(reports)).viewer(false));
        JsonNode raw = ReferenceParityTest.read(out.resolve("tempest_junit_surefire-reports_0_raw.json"));
        assertEquals(22, raw.size());
        for (JsonNode record : raw) {
            assertTrue(record.get("timestamps").get(0).isNull());
            assertTrue(record.get("duration").isNull());
        }
        JsonNode stats = ExporterTest.config(out).get("tempest").get(0).get("stats");
        assertTrue(stats.get("start").isNull());
        assertEquals(1, log.warnings.size(), log.warnings.toString());
        assertTrue(log.warnings.get(0).startsWith(reports + ": 22 of 22 tests have no times"));
        assertTrue(log.warnings.get(0).contains("-DreportTestTimestamp=true"));
    }

    @Test
    void aMissingReportsFolderIsAMissingInput() throws Exception {
        Path out = temp.resolve("out");
        Path missing = temp.resolve("nowhere/surefire-reports");
        export(ExportConfig.builder(out).junitReports(List.of(missing)).streamFile(ExporterTest.EDGE));
        assertEquals(List.of("Test report " + missing + " does not exist: skipped"), log.warnings);
        assertNull(ExporterTest.config(out).get("tempest").get(1));
        assertFalse(ExportConfig.builder(out).build().hasInputs());
        assertTrue(ExportConfig.builder(out).junitReports(List.of(missing)).build().hasInputs());
    }
}
