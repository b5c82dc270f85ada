package io.github.stackviz.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.stackviz.dstat.DstatLog;
import io.github.stackviz.dstat.LoadLogs;
import io.github.stackviz.export.ExportLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two modules' load logs of one real sampler, merged into one: the aggregate report's machine load. */
class LoadLogsTest {
    private static final Path PROC = Path.of("/proc");

    @TempDir
    Path dir;

    @Test
    void theModulesLogsOfOneSamplerMergeIntoItsWholeRecordInTimeOrder() throws Exception {
        assumeTrue(Files.isReadable(PROC.resolve("stat")), "needs Linux's /proc");
        Path alpha = dir.resolve("alpha.csv");
        Path beta = dir.resolve("beta.csv");
        LoadRecorder recorder = LoadRecorder.separate();
        recorder.start(new LoadConfig(alpha, 1, PROC, ZoneOffset.UTC, false), ExportLog.SILENT);
        Thread.sleep(2200);
        recorder.start(new LoadConfig(beta, 1, PROC, ZoneOffset.UTC, false), ExportLog.SILENT);
        Thread.sleep(1200);
        recorder.finish(alpha, ExportLog.SILENT); // alpha's export ends its recording; beta's goes on
        Thread.sleep(1200);
        recorder.finish(beta, ExportLog.SILENT);

        Path merged = dir.resolve("merged.csv");
        LoadLogs.merge(List.of(beta, alpha), merged);

        List<String> alphaRows = samples(alpha);
        List<String> betaRows = samples(beta);
        assertFalse(alphaRows.containsAll(betaRows), "beta recorded after alpha ended");
        assertFalse(betaRows.containsAll(alphaRows), "alpha recorded before beta began");
        Set<String> union = new LinkedHashSet<>(alphaRows);
        union.addAll(betaRows);
        List<String> rows = samples(merged);
        assertEquals(union.size(), rows.size(), "each sample once");
        assertTrue(rows.containsAll(union));
        List<Double> epochs = new ArrayList<>();
        for (String row : rows) {
            epochs.add(Double.parseDouble(row.split(",")[1]));
        }
        List<Double> sorted = new ArrayList<>(epochs);
        sorted.sort(null);
        assertEquals(sorted, epochs, "in time order");
        // the header block is the first log's, blank line after Cmdline included, and the export reads it
        List<String> header = Files.readAllLines(beta, StandardCharsets.ISO_8859_1).subList(0, 7);
        assertEquals(header, Files.readAllLines(merged, StandardCharsets.ISO_8859_1).subList(0, 7));
        DstatLog.open(merged);
        assertTrue(LoadLogs.recordedByPlugin(alpha));
    }

    @Test
    void aDstatLogIsNotTheSamplersOwn() throws IOException {
        assertFalse(LoadLogs.recordedByPlugin(Path.of(System.getProperty("basedir", "."),
                "src/test/fixtures/dstat/devstack.csv")));
    }

    private static List<String> samples(Path log) throws IOException {
        return Files.readAllLines(log, StandardCharsets.ISO_8859_1).stream()
                .filter(line -> !line.isEmpty() && Character.isDigit(line.charAt(0))).toList();
    }

    @Test
    void theSpanOfALogIsItsFirstAndLastSampleByItsEpochColumn() throws IOException {
        // a real build's log (examples/junit with record-load): samples from 08:19:15.190 to 08:19:32.004 UTC
        assertArrayEquals(new double[] {1796285955.190, 1796285972.004},
                LoadLogs.span(Path.of("src/test/fixtures/junit/with-load/stackviz-load.csv")), 1e-9);
        // dstat's own log has no epoch column: no span
        assertNull(LoadLogs.span(Path.of("src/test/fixtures/dstat/devstack.csv")));
    }
}
