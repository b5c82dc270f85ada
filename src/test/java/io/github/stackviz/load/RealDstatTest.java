package io.github.stackviz.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.stackviz.Fixtures;
import io.github.stackviz.export.ExportLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * record-load and real dstat side by side for about twelve seconds, while this test keeps every core busy (then
 * one, then none) and writes 200 MB with fsync: the same seconds agree (cpu usr+sys within 10 points on average, memory free within
 * 5 %, the bytes written within 10 %). Real dstat is Debian's 0.7.4 ({@code apt-get install dstat}), run from a
 * copy in the test's folder whose CSV writer is fixed for Python 3 ({@link #patched}); the test is skipped, with a
 * message, where dstat or python3 is missing.
 */
class RealDstatTest {
    private static final Path DSTAT = Path.of("/usr/bin/dstat");
    private static final int WRITE_MB = 200;

    @TempDir
    Path tmp;

    /**
     * dstat's CSV writer, {@code showcsv}, tests its values with {@code types.ListType}, {@code types.TupleType} and
     * {@code types.StringType}, which Python 3 has not (and the script does not import {@code types}): every CSV row
     * fails with "NameError: name 'types' is not defined". The copy names the types themselves.
     */
    static String patched(String dstat) {
        return dstat.replace("types.ListType", "list").replace("types.TupleType", "tuple")
                .replace("types.StringType", "str");
    }

    @Test
    void agreesWithRealDstatOnTheSameSeconds() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/stat")), "needs Linux's /proc");
        assumeTrue(Files.isRegularFile(DSTAT), "dstat is not installed (apt-get install dstat): comparison skipped");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "python3 is missing: comparison skipped");
        Path script = tmp.resolve("dstat");
        Files.writeString(script, patched(Files.readString(DSTAT, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        Path real = tmp.resolve("dstat.csv");
        Path ours = tmp.resolve("stackviz-load.csv");
        // the file written goes to the project's disk (target/), not to a temporary folder that may be in memory
        Path big = Files.createTempFile(Files.createDirectories(Fixtures.basedir().resolve("target")), "written", ".bin");

        Process dstat = new ProcessBuilder("/usr/bin/python3", script.toString(), "-tcmndrylpg", "--nocolor",
                "--output", real.toString(), "1", "14").redirectErrorStream(true)
                .redirectOutput(tmp.resolve("dstat.out").toFile()).start();
        LoadRecorder recorder = LoadRecorder.separate();
        try {
            recorder.start(new LoadConfig(ours, 1, Path.of("/proc"), ZoneId.systemDefault(), false), ExportLog.SILENT);
            // every core for 5 s, one core 4 s more, then none: the cpu columns go 100, 50, ~0 %
            List<Thread> busy = spin(Runtime.getRuntime().availableProcessors() - 1, 5_000);
            busy.addAll(spin(1, 9_000));
            Thread.sleep(3000);
            write(big, WRITE_MB);
            for (Thread t : busy) {
                t.join();
            }
            assertTrue(dstat.waitFor(30, TimeUnit.SECONDS), "dstat ends after its 14 samples");
        } finally {
            recorder.finish(ours, ExportLog.SILENT);
            dstat.destroy();
            Files.deleteIfExists(big);
        }
        Map<String, String[]> theirs = rows(real);
        Map<String, String[]> mine = rows(ours);
        assertTrue(theirs.size() >= 10, "dstat's rows: " + theirs.size() + "; its output: "
                + Files.readString(tmp.resolve("dstat.out")));
        // the same seconds, but the first of each (since boot) and the last of ours (taken out of step)
        List<String> seconds = new ArrayList<>(theirs.keySet());
        seconds.remove(0);
        seconds.retainAll(new ArrayList<>(mine.keySet()).subList(1, mine.size() - 1));
        assertTrue(seconds.size() >= 8, "seconds in both: " + seconds);

        double cpu = 0;
        double cpuTheirs = 0;
        double freeRatio = 0;
        for (String s : seconds) {
            String[] a = mine.get(s);
            String[] b = theirs.get(s);
            // ours: time, epoch, usr, sys, idl, wai, stl, used, free; dstat's: time, usr, sys, idl, wai, stl, used, free
            cpu += Math.abs(d(a[2]) + d(a[3]) - d(b[1]) - d(b[2]));
            cpuTheirs += d(b[1]) + d(b[2]);
            freeRatio = Math.max(freeRatio, Math.abs(d(a[8]) / d(b[7]) - 1));
        }
        cpu /= seconds.size();
        cpuTheirs /= seconds.size();
        double written = written(mine, 14, true);
        double writtenTheirs = written(theirs, 13, false);
        String summary = String.format(java.util.Locale.ROOT, "%d seconds compared: usr+sys %.1f (dstat), differing"
                        + " %.1f points on average; free memory at most %.2f %% apart; written %.1f MB (dstat %.1f MB)",
                seconds.size(), cpuTheirs, cpu, freeRatio * 100, written / 1e6, writtenTheirs / 1e6);
        System.out.println("RealDstatTest: " + summary);
        assertTrue(cpuTheirs > 40, "the cores were busy: " + summary);
        assertTrue(cpu <= 10, summary);
        assertTrue(freeRatio <= 0.05, summary);
        assertTrue(writtenTheirs >= WRITE_MB * 1e6 * 0.95, "dstat saw the write: " + summary);
        assertEquals(1, written / writtenTheirs, 0.10, summary);
    }

    /** Keeps {@code cores} cores busy for {@code millis}. */
    private static List<Thread> spin(int cores, long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < cores; i++) {
            Thread t = new Thread(() -> {
                long n = 0;
                while (System.nanoTime() < end) {
                    n++;
                }
                if (n == 42) {
                    System.out.print("");
                }
            });
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        return threads;
    }

    private static void write(Path file, int megabytes) throws IOException {
        ByteBuffer mb = ByteBuffer.allocate(1 << 20);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
            for (int i = 0; i < megabytes; i++) {
                mb.clear();
                out.write(mb);
            }
            out.force(true);
        }
    }

    /** Rows by their time column (dd-mm HH:MM:SS), in file order; a second seen twice keeps its first row. */
    private static Map<String, String[]> rows(Path csv) throws IOException {
        Map<String, String[]> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
            if (line.matches("\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,.*")) {
                String[] cells = line.split(",", -1);
                rows.putIfAbsent(cells[0], cells);
            }
        }
        return rows;
    }

    /** Bytes written over all rows but the first: each row's rate times its interval (ours: from the epoch column). */
    private static double written(Map<String, String[]> rows, int column, boolean epoch) {
        List<String[]> list = new ArrayList<>(rows.values());
        double bytes = 0;
        for (int i = 1; i < list.size(); i++) {
            double seconds = epoch ? d(list.get(i)[1]) - d(list.get(i - 1)[1]) : 1;
            bytes += d(list.get(i)[column]) * seconds;
        }
        return bytes;
    }

    private static double d(String cell) {
        return Double.parseDouble(cell);
    }
}
