package io.github.stackviz.export;

import io.github.stackviz.sources.ModuleInputs;
import io.github.stackviz.sources.RunSelection;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What to export and where: the inputs (absolute paths), the options, the output folder.
 * Immutable; build it with {@link #builder(Path)}.
 */
public record ExportConfig(List<Path> repositories, RunSelection repositoryRuns, List<Path> streamFiles,
                           List<Path> junitReports, boolean stdin, InputStream stdinStream, Path dstat, boolean gzip,
                           Path outputDirectory, boolean failOnMissingInput, boolean viewer, int threads,
                           boolean jitHints, List<ModuleInputs> modules, Path previous,
                           Path recordedLoad) {

    public ExportConfig {
        repositories = List.copyOf(repositories);
        Objects.requireNonNull(repositoryRuns, "repositoryRuns");
        streamFiles = List.copyOf(streamFiles);
        junitReports = List.copyOf(junitReports);
        modules = List.copyOf(modules);
        Objects.requireNonNull(outputDirectory, "outputDirectory");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
    }

    public static Builder builder(Path outputDirectory) {
        return new Builder(outputDirectory);
    }

    /** Whether any input was asked for at all. */
    public boolean hasInputs() {
        return !repositories.isEmpty() || !streamFiles.isEmpty() || !junitReports.isEmpty() || stdin || dstat != null
                || !modules.isEmpty();
    }

    public static final class Builder {
        private final Path outputDirectory;
        private final List<Path> repositories = new ArrayList<>();
        private RunSelection repositoryRuns = RunSelection.ALL;
        private final List<Path> streamFiles = new ArrayList<>();
        private final List<Path> junitReports = new ArrayList<>();
        private boolean stdin;
        private InputStream stdinStream = System.in;
        private Path dstat;
        private boolean gzip;
        private boolean failOnMissingInput;
        private boolean viewer = true;
        private int threads = Runtime.getRuntime().availableProcessors();
        private boolean jitHints = true;
        private final List<ModuleInputs> modules = new ArrayList<>();
        private Path previous;
        private Path recordedLoad;

        private Builder(Path outputDirectory) {
            this.outputDirectory = outputDirectory;
        }

        /** A test repository, or a folder holding one ({@code .testrepository}, {@code .stestr}). */
        public Builder repository(Path folder) {
            repositories.add(folder);
            return this;
        }

        public Builder repositories(List<Path> folders) {
            repositories.addAll(folders);
            return this;
        }

        /** Which runs of each repository: all of them (the default), the latest, or the latest n. */
        public Builder repositoryRuns(RunSelection selection) {
            repositoryRuns = selection;
            return this;
        }

        public Builder streamFile(Path file) {
            streamFiles.add(file);
            return this;
        }

        public Builder streamFiles(List<Path> files) {
            streamFiles.addAll(files);
            return this;
        }

        /**
         * Test reports: folders of Surefire/Failsafe reports or of JUnit Open Test Reporting files, single
         * report files, or globs of them (as for stream files). Each folder, or each file given alone, is a run.
         */
        public Builder junitReports(List<Path> paths) {
            junitReports.addAll(paths);
            return this;
        }

        /** Reads a stream from standard input (or the given stream, for tests). */
        public Builder stdin(InputStream in) {
            stdin = in != null;
            stdinStream = in;
            return this;
        }

        public Builder dstat(Path file) {
            dstat = file;
            return this;
        }

        public Builder gzip(boolean value) {
            gzip = value;
            return this;
        }

        public Builder failOnMissingInput(boolean value) {
            failOnMissingInput = value;
            return this;
        }

        /** Whether to write the report (index.html and its files) next to the data; on by default. */
        public Builder viewer(boolean value) {
            viewer = value;
            return this;
        }

        /** How many inputs may be exported at once; the number of processors by default. */
        public Builder threads(int value) {
            threads = value;
            return this;
        }

        /**
         * Whether a large export (inputs of 20 MB or more, stdin once it is) may ask the JVM's JIT compiler to
         * inline less into its own methods while it runs (see {@link JitHints}); on by default.
         */
        public Builder jitHints(boolean value) {
            jitHints = value;
            return this;
        }

        /** One module's inputs, for a multi-module build's report: its runs are named after it. */
        public Builder module(ModuleInputs inputs) {
            modules.add(inputs);
            return this;
        }

        /**
         * An earlier export (of this plugin or the original tool; it may be the output folder itself) whose runs
         * the report compares this export's runs with; {@code null}, the default: none.
         */
        public Builder previous(Path folder) {
            previous = folder;
            return this;
        }

        /**
         * The file {@code record-load} records this project's machine load into: if this JVM records into it, the
         * export takes a last sample, ends the recording, and exports it when no {@link #dstat} is given.
         */
        public Builder recordedLoad(Path file) {
            recordedLoad = file;
            return this;
        }

        public ExportConfig build() {
            return new ExportConfig(repositories, repositoryRuns, streamFiles, junitReports, stdin, stdinStream, dstat,
                    gzip, outputDirectory, failOnMissingInput, viewer, threads, jitHints, modules, previous,
                    recordedLoad);
        }
    }
}
