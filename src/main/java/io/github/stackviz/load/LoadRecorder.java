package io.github.stackviz.load;

import io.github.stackviz.export.ExportLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Records the machine's load into dstat CSV files, with one sampling thread per JVM however many modules ask (a
 * multi-module or {@code -T} build runs every module in one JVM, and the plugin's classes are loaded once per
 * build, so {@link #jvm()} is shared by all of them). Each module that asks gets its own file: it starts with the
 * latest sample and gets every sample until that module's export {@linkplain #finish finishes} it, or until the
 * JVM ends. The thread ends when no file is left; the JVM's end takes a last sample into the files still open.
 */
public final class LoadRecorder {
    private static final LoadRecorder JVM = new LoadRecorder();

    private final Object lock = new Object();
    private Sampler sampler;
    private boolean warnedNotLinux;
    private boolean hooked;

    /** What {@link #start} did. */
    public enum Outcome {
        /** Started the sampler, recording into the file. */
        STARTED,
        /** The sampler was running: the file now gets its samples too. */
        JOINED,
        /** The file was being recorded already (and still exists). */
        ALREADY,
        /** No {@code /proc/stat}: nothing recorded. */
        NOT_LINUX,
        /** The file could not be created: nothing recorded into it. */
        FAILED
    }

    /** The outcome, and the interval the JVM's sampler really uses (the first module's). */
    public record Started(Outcome outcome, int intervalSeconds) {
    }

    /** The recorder of this JVM. */
    public static LoadRecorder jvm() {
        return JVM;
    }

    /** A recorder of its own (tests). */
    static LoadRecorder separate() {
        return new LoadRecorder();
    }

    /** Starts recording into {@code config.file()}: starts the JVM's sampler, or adds the file to it. */
    public Started start(LoadConfig config, ExportLog log) {
        synchronized (lock) {
            if (!Files.isReadable(config.procRoot().resolve("stat"))) {
                if (!warnedNotLinux) {
                    warnedNotLinux = true;
                    log.warn("Machine load recording needs Linux's /proc (" + config.procRoot().resolve("stat")
                            + " cannot be read): no load is recorded, the build goes on");
                }
                return new Started(Outcome.NOT_LINUX, config.intervalSeconds());
            }
            Outcome outcome = Outcome.JOINED;
            if (sampler == null) {
                sampler = new Sampler(config, log);
                sampler.start();
                outcome = Outcome.STARTED;
                hook();
            } else if (sampler.records(config.file())) {
                if (Files.exists(config.file())) {
                    return new Started(Outcome.ALREADY, sampler.config().intervalSeconds());
                }
                // deleted since (mvn clean in a JVM that outlives a build, as Maven's daemon does): anew
                sampler.remove(config.file());
            }
            try {
                sampler.add(config.file());
            } catch (IOException e) {
                log.warn("Cannot create the load file " + config.file() + ": " + e + "; no load is recorded into it");
                if (outcome == Outcome.STARTED) {
                    sampler.stop();
                    sampler = null;
                }
                return new Started(Outcome.FAILED, config.intervalSeconds());
            }
            return new Started(outcome, sampler.config().intervalSeconds());
        }
    }

    /**
     * Takes a last sample into {@code file}, stops recording into it and closes it (the sampler stops when no file
     * is left).
     *
     * @return {@code file}, or {@code null} when this JVM was not recording into it
     */
    public Path finish(Path file, ExportLog log) {
        synchronized (lock) {
            if (sampler == null || !sampler.records(file)) {
                return null;
            }
            sampler.sample();
            boolean others = sampler.remove(file);
            log.debug("Load recording into " + file + " finished: " + sampler.cost() + " (this JVM's sampler)");
            if (!others) {
                sampler.stop();
                sampler = null;
            }
            return file;
        }
    }

    /** Takes a last sample into every open file and stops the sampler (the JVM's end). */
    void stopAll() {
        synchronized (lock) {
            if (sampler != null) {
                sampler.sample();
                sampler.stop();
                sampler = null;
            }
        }
    }

    private void hook() {
        if (!hooked) {
            hooked = true;
            Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "stackviz-record-load-end"));
        }
    }
}
