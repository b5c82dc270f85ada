package io.github.stackviz.load;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Objects;

/**
 * What {@code record-load} records: into which file, how often, from which {@code /proc} (another folder in tests),
 * with times in which zone (dstat writes local time), and whether to find the most expensive processes.
 */
public record LoadConfig(Path file, int intervalSeconds, Path procRoot, ZoneId zone, boolean processes) {

    public LoadConfig {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(procRoot, "procRoot");
        Objects.requireNonNull(zone, "zone");
        if (intervalSeconds < 1) {
            throw new IllegalArgumentException("The load interval must be at least 1 second: " + intervalSeconds);
        }
    }

    /** Recording this machine's load ({@code /proc}, local time, process columns). */
    public static LoadConfig of(Path file, int intervalSeconds) {
        return new LoadConfig(file.toAbsolutePath().normalize(), intervalSeconds, Path.of("/proc"),
                ZoneId.systemDefault(), true);
    }
}
