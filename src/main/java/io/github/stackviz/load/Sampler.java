package io.github.stackviz.load;

import io.github.stackviz.dstat.LoadLogs;
import io.github.stackviz.export.ExportLog;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The sampling thread: reads {@code /proc} every interval and appends the row to every file it records into (one
 * per module that asked). A daemon thread: it never keeps the JVM alive. Samples at a fixed rate, like dstat: a
 * sample that comes late does not shift the ones after it, and one more than an interval late is skipped (the
 * file shows the gap). {@link #sample()} may also be called from other threads (a module's last sample).
 */
final class Sampler {
    private final LoadConfig config;
    private final ExportLog log;
    private final int pageSize;
    private final int cpus;
    private final String host;
    private final List<DstatCsv> outputs = new ArrayList<>();
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;
    private ProcSnapshot last;
    private long lastNanos;
    private List<String> lastRow;
    private long samples;
    private long sampleNanos;

    Sampler(LoadConfig config, ExportLog log) {
        this.config = config;
        this.log = log;
        this.pageSize = pageSize(config.procRoot());
        this.cpus = cpus(config.procRoot());
        this.host = host(config.procRoot());
        this.thread = new Thread(this::run, "stackviz-record-load");
        thread.setDaemon(true);
    }

    LoadConfig config() {
        return config;
    }

    /** Takes the first sample (rates since boot, as dstat's first row) and starts the thread. */
    synchronized void start() {
        sample();
        thread.start();
    }

    /** Creates {@code file} with its header and the latest row, and appends every sample from now on to it. */
    synchronized void add(Path file) throws IOException {
        String cmdline = LoadLogs.RECORDED_BY + ", as dstat -tTcmndrylpg --top-cpu-adv --top-io-adv --output "
                + file + " " + config.intervalSeconds();
        DstatCsv csv = DstatCsv.create(file, host, System.getProperty("user.name", ""), cmdline,
                ZonedDateTime.now(config.zone()));
        if (lastRow != null) {
            csv.row(lastRow);
        }
        outputs.add(csv);
    }

    synchronized boolean records(Path file) {
        return outputs.stream().anyMatch(o -> o.path().equals(file));
    }

    /** Stops appending to {@code file} and closes it; whether any file is left. */
    synchronized boolean remove(Path file) {
        for (Iterator<DstatCsv> it = outputs.iterator(); it.hasNext(); ) {
            DstatCsv csv = it.next();
            if (csv.path().equals(file)) {
                it.remove();
                close(csv);
            }
        }
        return !outputs.isEmpty();
    }

    /** Takes a sample now and appends its row to every file. */
    synchronized void sample() {
        long started = System.nanoTime();
        ProcSnapshot now = ProcSnapshot.read(config.procRoot(), config.processes(),
                System.currentTimeMillis() / 1000.0);
        long nanos = System.nanoTime();
        lastRow = DstatRow.compute(last, now, (nanos - lastNanos) / 1e9, pageSize, cpus, config.zone());
        last = now;
        lastNanos = nanos;
        for (Iterator<DstatCsv> it = outputs.iterator(); it.hasNext(); ) {
            DstatCsv csv = it.next();
            try {
                csv.row(lastRow);
            } catch (IOException e) {
                log.warn("Cannot write the load file " + csv.path() + ": " + e.getMessage()
                        + "; load recording into it stops");
                it.remove();
                close(csv);
            }
        }
        samples++;
        sampleNanos += System.nanoTime() - started;
    }

    /** Samples taken and their mean cost, for the log. */
    synchronized String cost() {
        return samples + " samples, " + String.format(java.util.Locale.ROOT, "%.1f", sampleNanos / 1e6 / samples)
                + " ms each";
    }

    /** Stops the thread (after the sample it may be taking) and closes every file. */
    void stop() {
        stop.countDown();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            outputs.forEach(Sampler::close);
            outputs.clear();
        }
    }

    private void run() {
        long interval = TimeUnit.SECONDS.toNanos(config.intervalSeconds());
        long next = System.nanoTime() + interval;
        try {
            while (!stop.await(next - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                long late = System.nanoTime() - next;
                if (late <= interval) {
                    sample();
                }
                next += interval * (1 + Math.max(0, late) / interval);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            log.warn("Load recording stopped: " + e);
        }
    }

    private static void close(DstatCsv csv) {
        try {
            csv.close();
        } catch (IOException e) {
            // every row was flushed when it was written
        }
    }

    /** The kernel's page size, from this process's first mapping ({@code KernelPageSize}); 4096 if not found. */
    private static int pageSize(Path root) {
        try (BufferedReader in = Files.newBufferedReader(root.resolve("self/smaps"), StandardCharsets.ISO_8859_1)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("KernelPageSize:")) {
                    return Integer.parseInt(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the usual size
        }
        return 4096;
    }

    /** The CPUs {@code /proc/stat} lists ({@code cpu0}, {@code cpu1}, ...), as dstat counts them. */
    static int cpus(Path root) {
        try (var lines = Files.lines(root.resolve("stat"), StandardCharsets.ISO_8859_1)) {
            return (int) Math.max(1, lines.filter(l -> l.length() > 3 && l.startsWith("cpu")
                    && Character.isDigit(l.charAt(3))).count());
        } catch (IOException | RuntimeException e) {
            return Math.max(1, Runtime.getRuntime().availableProcessors());
        }
    }

    private static String host(Path root) {
        try {
            return Files.readString(root.resolve("sys/kernel/hostname"), StandardCharsets.ISO_8859_1).trim();
        } catch (IOException | RuntimeException e) {
            String host = System.getenv("HOSTNAME");
            return host == null ? "" : host;
        }
    }
}
