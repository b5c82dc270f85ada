package io.github.stackviz.viewer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.stackviz.export.ExportConfig;
import io.github.stackviz.export.ExportLog;
import io.github.stackviz.export.Exporter;
import io.github.stackviz.load.LoadConfig;
import io.github.stackviz.load.LoadRecorder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What record-load writes is exported and charted as it is: the export finishes the JVM's recording (a last
 * sample), copies the file as dstat_log.csv, and the report's dstat reading (DstatData) finds the charted columns
 * and takes each sample's time from its epoch column.
 */
class RecordedLoadTest {
    private static final Path EDGE = Exports.FIXTURES.resolve("streams/edge-parallel.subunit");

    @TempDir
    Path tmp;

    private static void awaitLines(Path file, int count) throws Exception {
        for (int i = 0; i < 200 && Files.readAllLines(file).size() < count; i++) {
            Thread.sleep(100);
        }
    }

    @Test
    void theExportFinishesTheRecordingAndChartsIt() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/stat")), "needs Linux's /proc");
        Path load = tmp.resolve("target/stackviz-load.csv");
        assertEquals(LoadRecorder.Outcome.STARTED, LoadRecorder.jvm().start(LoadConfig.of(load, 1), ExportLog.SILENT)
                .outcome());
        awaitLines(load, 9);
        int recorded = Files.readAllLines(load).size();
        Path out = tmp.resolve("target/stackviz");
        new Exporter(ExportConfig.builder(out).streamFile(EDGE).recordedLoad(load).build(), ExportLog.SILENT).export();

        List<String> lines = Files.readAllLines(load, StandardCharsets.UTF_8);
        assertEquals(recorded + 1, lines.size(), "the export's last sample");
        assertArrayEquals(Files.readAllBytes(load), Files.readAllBytes(out.resolve("dstat_log.csv")));
        assertNull(LoadRecorder.jvm().finish(load, ExportLog.SILENT), "the recording is finished");
        Thread.sleep(1500);
        assertEquals(lines, Files.readAllLines(load, StandardCharsets.UTF_8), "nothing appended after the export");

        JsonNode d = Exports.data(out.resolve("viewer-data/dstat-0.js")).value();
        assertEquals(0, d.get("problems").size(), d.toString());
        assertEquals(0, d.get("skipped").asInt());
        assertEquals(1, d.get("blocks").size());
        JsonNode block = d.get("blocks").get(0);
        List<String> columns = new ArrayList<>();
        block.get("columns").forEach(c -> columns.add(c.get(0).asText() + "/" + c.get(1).asText()));
        assertEquals(List.of("total cpu usage/usr", "total cpu usage/sys", "total cpu usage/idl",
                "total cpu usage/wai", "total cpu usage/stl", "memory usage/used", "memory usage/free",
                "memory usage/buff", "memory usage/cach", "net/total/recv", "net/total/send", "dsk/total/read",
                "dsk/total/writ"), columns);
        assertEquals(lines.size() - 7, block.get("rows").size());
        for (int i = 0; i < block.get("rows").size(); i++) {
            String[] cells = lines.get(7 + i).split(",");
            JsonNode row = block.get("rows").get(i);
            assertEquals(Double.parseDouble(cells[1]), row.get(0).asDouble(), 1e-9, "the time is the epoch column's");
            assertEquals(Double.parseDouble(cells[2]), row.get(1).asDouble(), 1e-9, "usr");
            assertEquals(Double.parseDouble(cells[8]), row.get(7).asDouble(), 1e-9, "free");
        }
        JsonNode config = Exports.MAPPER.readTree(out.resolve("config.json").toFile());
        assertEquals("dstat_log.csv", config.get("tempest").get(0).get("dstat").asText());
    }

    @Test
    void aDstatLogGivenIsExportedAndTheRecordingStillFinished() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/stat")), "needs Linux's /proc");
        Path load = tmp.resolve("target/stackviz-load.csv");
        LoadRecorder.jvm().start(LoadConfig.of(load, 1), ExportLog.SILENT);
        Path out = tmp.resolve("target/stackviz");
        Path devstack = Exports.DSTAT.resolve("devstack.csv");
        new Exporter(ExportConfig.builder(out).streamFile(EDGE).dstat(devstack).recordedLoad(load).build(),
                ExportLog.SILENT).export();
        // the log given, copied as every dstat log is (with the blank line after Cmdline the front-end needs)
        assertArrayEquals(io.github.stackviz.Fixtures.withBlankLineAfterCmdline(Files.readAllBytes(devstack)),
                Files.readAllBytes(out.resolve("dstat_log.csv")));
        assertNull(LoadRecorder.jvm().finish(load, ExportLog.SILENT), "the recording is finished");
        assertTrue(Files.readAllLines(load).size() >= 9, "first and last samples");
    }

    /** A log that keeps what it is told. */
    private static ExportLog kept(List<String> lines) {
        return new ExportLog() {
            @Override
            public void info(String message) {
                lines.add(message);
            }

            @Override
            public void warn(String message) {
                lines.add("WARN " + message);
            }
        };
    }

    /** A real build's load log (record-load's) where a later export finds it: the project's target folder. */
    private Path earlierLoad() throws Exception {
        Path load = tmp.resolve("target/stackviz-load.csv");
        Files.createDirectories(load.getParent());
        Files.copy(Exports.FIXTURES.resolve("junit/with-load/stackviz-load.csv"), load);
        return load;
    }

    /** Exports a fixture's reports as a later export on its own would: {@code load} lies where record-load wrote it. */
    private Path exportLater(String reports, Path load, List<String> log) throws Exception {
        Path out = tmp.resolve("target/stackviz");
        new Exporter(ExportConfig.builder(out).junitReports(List.of(Exports.FIXTURES.resolve(reports)))
                .recordedLoad(load).build(), kept(log)).export();
        return out;
    }

    @Test
    void anEarlierBuildsRecordingIsExportedWhenItWasRecordedWhileTheTestsRan() throws Exception {
        Path load = earlierLoad();
        List<String> log = new ArrayList<>();
        // the same build's reports, exported later by another JVM (mvn stackviz:export on its own)
        Path out = exportLater("junit/with-load/surefire-reports", load, log);
        assertTrue(log.contains("Machine load: " + load + " (recorded by record-load in an earlier build, while these"
                + " tests ran)"), log.toString());
        assertArrayEquals(Files.readAllBytes(load), Files.readAllBytes(out.resolve("dstat_log.csv")));
        JsonNode config = Exports.MAPPER.readTree(out.resolve("config.json").toFile());
        assertEquals("dstat_log.csv", config.get("tempest").get(0).get("dstat").asText());
    }

    @Test
    void anEarlierBuildsRecordingOfOtherTimesIsLeftOut() throws Exception {
        Path load = earlierLoad();
        List<String> log = new ArrayList<>();
        // reports of another build (07:29:59 to 07:30:04), the load of a later one (08:19:15 to 08:19:32)
        Path out = exportLater("junit/parallel/surefire-reports", load, log);
        assertTrue(log.contains("Machine load: " + load + " (recorded by record-load in an earlier build, from"
                + " 2026-12-03T08:19:15.190000+00:00 to 2026-12-03T08:19:32.004000+00:00, not while these tests ran,"
                + " from 2026-12-03T07:29:59.903000+00:00 to 2026-12-03T07:30:04.891000+00:00): left out"),
                log.toString());
        assertTrue(Files.notExists(out.resolve("dstat_log.csv")));
        JsonNode config = Exports.MAPPER.readTree(out.resolve("config.json").toFile());
        assertTrue(config.get("tempest").get(0).get("dstat") == null
                || config.get("tempest").get(0).get("dstat").isNull(), config.toString());
    }

    @Test
    void aLoadLogNotRecordedByRecordLoadIsNotTakenForOne() throws Exception {
        Path load = tmp.resolve("target/stackviz-load.csv");
        Files.createDirectories(load.getParent());
        Files.copy(Exports.DSTAT.resolve("devstack.csv"), load); // dstat's own, at record-load's path
        List<String> log = new ArrayList<>();
        Path out = exportLater("junit/with-load/surefire-reports", load, log);
        assertTrue(Files.notExists(out.resolve("dstat_log.csv")));
        assertTrue(log.stream().noneMatch(line -> line.startsWith("Machine load")), log.toString());
    }

    @Test
    void aDamagedEarlierRecordingIsLeftOutWithAWarningAndTheExportGoesOn() throws Exception {
        Path load = earlierLoad();
        List<String> lines = new ArrayList<>(Files.readAllLines(load, StandardCharsets.ISO_8859_1));
        lines.set(0, "\u0000\u0000garbage"); // its first row damaged, its Cmdline row still record-load's
        Files.write(load, lines, StandardCharsets.ISO_8859_1);
        List<String> log = new ArrayList<>();
        Path out = exportLater("junit/with-load/surefire-reports", load, log);
        assertTrue(log.stream().anyMatch(line -> line.startsWith("WARN Machine load: " + load
                + " is not a dstat CSV log") && line.endsWith(": left out")), log.toString());
        assertTrue(Files.notExists(out.resolve("dstat_log.csv")));
        assertTrue(Files.isRegularFile(out.resolve("config.json")));
    }
}
