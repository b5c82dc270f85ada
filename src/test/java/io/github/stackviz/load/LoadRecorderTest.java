package io.github.stackviz.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.stackviz.dstat.DstatLog;
import io.github.stackviz.export.ExportLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recorder on this machine's /proc (skipped elsewhere), and its way without one. */
class LoadRecorderTest {
    private static final Path PROC = Path.of("/proc");

    @TempDir
    Path dir;

    private final Log log = new Log();

    private static LoadConfig config(Path file) {
        return new LoadConfig(file, 1, PROC, ZoneOffset.UTC, true);
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    /** Waits (at most 20 s) for the sampler to append rows to {@code file} until it has {@code count} lines. */
    private static void awaitLines(Path file, int count) throws Exception {
        for (int i = 0; i < 200 && lines(file).size() < count; i++) {
            Thread.sleep(100);
        }
    }

    private static long samplerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("stackviz-record-load") && t.isAlive()).count();
    }

    @Test
    void recordsADstatLogThatEndsWithTheLastSample() throws Exception {
        assumeTrue(Files.isReadable(PROC.resolve("stat")), "needs Linux's /proc");
        LoadRecorder recorder = LoadRecorder.separate();
        Path file = dir.resolve("target/stackviz-load.csv");
        assertEquals(LoadRecorder.Outcome.STARTED, recorder.start(config(file), log).outcome());
        awaitLines(file, 9); // header (7 lines), the first sample, one by the thread
        assertEquals(file, recorder.finish(file, log));
        List<String> lines = lines(file);
        assertEquals("\"Dstat 0.7.4 CSV output\"", lines.get(0));
        assertTrue(lines.get(3).startsWith("\"Cmdline:\""), lines.get(3));
        assertEquals("", lines.get(4), "a blank line after Cmdline: groups and columns are lines 6 and 7");
        assertTrue(lines.get(5).startsWith("\"system\",\"epoch\",\"total cpu usage\",,,,,\"memory usage\""));
        assertTrue(lines.get(6).startsWith("\"time\",\"epoch\",\"usr\",\"sys\",\"idl\",\"wai\",\"stl\",\"used\""));
        assertTrue(lines.size() >= 10, "first sample, the thread's, the last: " + lines.size());
        for (String row : lines.subList(7, lines.size())) {
            assertEquals(DstatRow.COLUMNS.length, row.split(",", -1).length, row);
            assertTrue(row.matches("\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d+\\.?\\d*,\\d.*"), row);
        }
        assertTrue(Files.readString(file).endsWith("\n"));
        DstatLog.open(file); // the export's check
        assertEquals(0, samplerThreadsAfterStop());
        assertEquals(List.of(), log.warnings);
    }

    private static long samplerThreadsAfterStop() throws InterruptedException {
        for (int i = 0; i < 50 && samplerThreads() > 0; i++) {
            Thread.sleep(100);
        }
        return samplerThreads();
    }

    @Test
    void aSecondModuleGetsItsOwnFileFromTheSameSampler() throws Exception {
        assumeTrue(Files.isReadable(PROC.resolve("stat")), "needs Linux's /proc");
        LoadRecorder recorder = LoadRecorder.separate();
        Path a = dir.resolve("a/target/stackviz-load.csv");
        Path b = dir.resolve("b/target/stackviz-load.csv");
        assertEquals(LoadRecorder.Outcome.STARTED, recorder.start(config(a), log).outcome());
        LoadRecorder.Started second = recorder.start(new LoadConfig(b, 5, PROC, ZoneOffset.UTC, true), log);
        assertEquals(LoadRecorder.Outcome.JOINED, second.outcome());
        assertEquals(1, second.intervalSeconds(), "the JVM's sampler keeps the first module's interval");
        assertEquals(LoadRecorder.Outcome.ALREADY, recorder.start(config(a), log).outcome());
        Files.delete(b); // mvn clean, in a JVM that outlives a build
        assertEquals(LoadRecorder.Outcome.JOINED, recorder.start(config(b), log).outcome());
        assertTrue(Files.isRegularFile(b), "created anew");
        assertEquals(1, samplerThreads());
        assertEquals(8, lines(b).size(), "b starts with the latest sample");
        assertEquals(lines(a).get(7), lines(b).get(7));
        assertEquals(a, recorder.finish(a, log));
        int aLines = lines(a).size();
        awaitLines(b, aLines + 2);
        assertEquals(aLines, lines(a).size(), "a is finished: nothing more is appended");
        assertEquals(1, samplerThreads(), "b still records");
        assertEquals(b, recorder.finish(b, log));
        assertEquals(0, samplerThreadsAfterStop());
        assertNull(recorder.finish(b, log), "finished already");
    }

    @Test
    void theJvmsEndTakesALastSampleIntoTheFilesLeft() throws Exception {
        assumeTrue(Files.isReadable(PROC.resolve("stat")), "needs Linux's /proc");
        LoadRecorder recorder = LoadRecorder.separate();
        Path file = dir.resolve("stackviz-load.csv");
        recorder.start(config(file), log);
        int before = lines(file).size();
        recorder.stopAll();
        assertEquals(before + 1, lines(file).size());
        assertEquals(0, samplerThreadsAfterStop());
    }

    @Test
    void withoutProcStatOneWarningAndNothingWritten() {
        LoadRecorder recorder = LoadRecorder.separate();
        Path file = dir.resolve("target/stackviz-load.csv");
        LoadConfig notLinux = new LoadConfig(file, 1, dir.resolve("no-proc"), ZoneOffset.UTC, true);
        assertEquals(LoadRecorder.Outcome.NOT_LINUX, recorder.start(notLinux, log).outcome());
        assertEquals(LoadRecorder.Outcome.NOT_LINUX, recorder.start(notLinux, log).outcome());
        assertEquals(1, log.warnings.size(), log.warnings.toString());
        assertTrue(log.warnings.get(0).startsWith("Machine load recording needs Linux's /proc"), log.warnings.get(0));
        assertFalse(Files.exists(file));
        assertNull(recorder.finish(file, log));
        assertEquals(0, samplerThreads());
    }

    @Test
    void aFileThatCannotBeCreatedIsAWarning() throws IOException {
        assumeTrue(Files.isReadable(PROC.resolve("stat")), "needs Linux's /proc");
        LoadRecorder recorder = LoadRecorder.separate();
        Files.writeString(dir.resolve("target"), "a file, not a folder");
        Path file = dir.resolve("target/stackviz-load.csv");
        assertEquals(LoadRecorder.Outcome.FAILED, recorder.start(config(file), log).outcome());
        assertEquals(1, log.warnings.size());
        assertTrue(log.warnings.get(0).startsWith("Cannot create the load file " + file), log.warnings.get(0));
        assertEquals(0, samplerThreads());
    }

    /** Keeps the warnings (the sampler thread may log too). */
    private static final class Log implements ExportLog {
        final List<String> warnings = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void info(String message) {
        }

        @Override
        public void warn(String message) {
            warnings.add(message);
        }
    }
}
