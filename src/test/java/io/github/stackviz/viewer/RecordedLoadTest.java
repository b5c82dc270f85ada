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
}
