package io.github.stackviz.export;

import io.github.stackviz.sources.Source;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Progress lines for long exports: every few seconds, for an input over 50 MB (or stdin, whose size is
 * unknown), the bytes read (of the total), the tests so far and the rate.
 */
final class Progress implements AutoCloseable {
    static final Duration EVERY = Duration.ofSeconds(5);
    static final long LARGE = 50L << 20;

    private final ScheduledExecutorService timer;

    private Progress(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    static Progress start(ExportLog log, Source source, LongSupplier bytes, LongSupplier tests, Duration every) {
        long size = source.size();
        if (size >= 0 && size <= LARGE) {
            return new Progress(null);
        }
        long started = System.nanoTime();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "stackviz-progress");
            thread.setDaemon(true);
            return thread;
        });
        long period = every.toMillis();
        timer.scheduleAtFixedRate(() -> log.info(line(source.label(), bytes.getAsLong(), size, tests.getAsLong(),
                (System.nanoTime() - started) / 1e9)), period, period, TimeUnit.MILLISECONDS);
        return new Progress(timer);
    }

    static String line(String label, long bytes, long size, long tests, double seconds) {
        double mb = bytes / 1048576.0;
        String read = size >= 0
                ? String.format(Locale.ROOT, "%.0f of %.0f MB read (%.0f%%)", mb, size / 1048576.0,
                        size == 0 ? 100.0 : 100.0 * bytes / size)
                : String.format(Locale.ROOT, "%.0f MB read", mb);
        return String.format(Locale.ROOT, "%s: %s, %d tests so far, %.1f MB/s", label, read, tests,
                seconds > 0 ? mb / seconds : 0);
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
