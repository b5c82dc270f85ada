package io.github.stackviz.export;

import io.github.stackviz.dstat.DstatLog;
import io.github.stackviz.dstat.LoadLogs;
import io.github.stackviz.load.LoadRecorder;
import io.github.stackviz.results.AttachmentStore;
import io.github.stackviz.results.Diagnostics;
import io.github.stackviz.results.ExistsResolver;
import io.github.stackviz.results.ResultAssembler;
import io.github.stackviz.results.TestRecord;
import io.github.stackviz.sources.InputPlan;
import io.github.stackviz.sources.ModuleInputs;
import io.github.stackviz.sources.RecordSource;
import io.github.stackviz.sources.Source;
import io.github.stackviz.subunit.SubunitStreams;
import io.github.stackviz.viewer.ViewerRunWriter;
import io.github.stackviz.viewer.ViewerWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The export: reads every input once, writes the StackViz data files into a work folder beside the
 * output folder, and moves them into place when all is written.
 */
public final class Exporter {
    private final ExportConfig config;
    private final ExportLog log;
    private final Duration progressEvery;

    public Exporter(ExportConfig config, ExportLog log) {
        this(config, log, Progress.EVERY);
    }

    /** With another progress interval, for tests. */
    Exporter(ExportConfig config, ExportLog log, Duration progressEvery) {
        this.config = config;
        this.log = log;
        this.progressEvery = progressEvery;
    }

    /** What an export did, for the caller's summary line. */
    public record Summary(Path outputDirectory, int runs, long tests, long failed, long skipped, int warnings) {
    }

    public Summary export() throws ExportException {
        try {
            return exportInputs();
        } finally {
            if (mergedLoad != null) {
                try {
                    Files.deleteIfExists(mergedLoad);
                } catch (IOException e) {
                    log.debug("Could not remove " + mergedLoad + ": " + e);
                }
            }
        }
    }

    private Summary exportInputs() throws ExportException {
        if (!config.hasInputs()) {
            throw new ExportException("Nothing to export: no input is configured. Set junitReports"
                    + " (-Dstackviz.junitReports=target/surefire-reports), streamFiles"
                    + " (-Dstackviz.streamFiles=a.subunit,b.subunit), repositories (-Dstackviz.repositories=.),"
                    + " junitReports (-Dstackviz.junitReports=target/surefire-reports), stdin (-Dstackviz.stdin)"
                    + " or dstat (-Dstackviz.dstat=dstat.csv)");
        }
        InputPlan plan;
        try {
            plan = InputPlan.of(config.repositories(), config.repositoryRuns(), config.streamFiles(),
                    config.junitReports(), config.stdin(), config.stdinStream())
                    .and(InputPlan.ofModules(config.modules(), config.repositoryRuns()));
        } catch (IOException e) {
            throw new ExportException("Cannot read the inputs: " + Staging.reason(e), e);
        }
        for (String missing : plan.missing()) {
            missingInput(missing);
        }
        plan.notes().forEach(log::warn);
        DstatLog dstat = openDstat();
        Path earlier = earlierLoad;
        Summary summary;
        long inputBytes = plan.sources().stream().mapToLong(Source::size).filter(size -> size > 0).sum();
        try (Staging staging = Staging.create(config.outputDirectory());
             JitHints hints = JitHints.start(config.jitHints(), inputBytes, log)) {
            ExecutorService trees = daemonPool(config.threads(), "stackviz-tree");
            try {
                AttachmentStore store = AttachmentStore.forHeap(staging.spill());
                List<RunResult> runs = exportAll(plan.sources(), staging.output(), store, staging.spill(), trees,
                        hints);
                runs.forEach(this::report);
                if (earlier != null && !recordedDuring(earlier, runs)) {
                    dstat = null;
                }
                String dstatName = dstat == null ? null : copyDstat(dstat, staging.output());
                ConfigWriter.write(staging.output().resolve("config.json"), runs, dstatName);
                if (config.viewer()) {
                    List<ViewerWriter.ExportedRun> exported = new ArrayList<>();
                    for (RunResult run : runs) {
                        RunWriter.RunFiles files = run.files();
                        exported.add(new ViewerWriter.ExportedRun(run.source().displayName(), files.raw(), files.tree(),
                                files.details(), dstatName, run.warnings(), files.stats().startIso(),
                                files.stats()::write));
                    }
                    // read before the commit below: the previous export may be the output folder it replaces
                    ViewerWriter.write(staging.output(), exported, config.previous(), log::warn);
                } else if (config.previous() != null) {
                    log.warn("previous (" + config.previous() + ") is read only for the report, which is off"
                            + " (viewer=false): ignored");
                }
                for (RunResult run : runs) {
                    run.files().awaitTree();
                }
                staging.commit();
                summary = summarize(staging.target(), runs);
            } finally {
                // before the work folder is removed: no tree may still be writing into it
                stop(trees);
            }
        } catch (IOException e) {
            throw new ExportException("Cannot write the export to " + config.outputDirectory() + ": "
                    + Staging.reason(e), e);
        }
        log.info("Wrote StackViz data for " + summary.runs() + (summary.runs() == 1 ? " run" : " runs") + " to "
                + summary.outputDirectory());
        return summary;
    }

    /** {@code what} says what is missing: "Stream file a.subunit does not exist". */
    private void missingInput(String what) throws ExportException {
        if (config.failOnMissingInput()) {
            throw new ExportException(what + " (failOnMissingInput is set)");
        }
        log.warn(what + ": skipped");
    }

    /**
     * The modules' load logs as one (a multi-module build's report): the one there is, or the union of those
     * {@code record-load} wrote (one sampler's rows, in a temporary file removed when the export ends); of logs of
     * another kind, the first, with a warning naming the others.
     */
    private Path modulesLoad() throws ExportException {
        List<Path> logs = config.modules().stream().map(ModuleInputs::dstat).filter(Objects::nonNull)
                .filter(Files::isRegularFile).distinct().toList();
        if (logs.size() <= 1) {
            return logs.isEmpty() ? null : logs.get(0);
        }
        try {
            for (Path log : logs) {
                if (!LoadLogs.recordedByPlugin(log)) {
                    this.log.warn("Machine load: " + logs.get(0) + " exported; the modules' other logs ("
                            + String.join(", ", logs.subList(1, logs.size()).stream().map(Path::toString).toList())
                            + ") are not record-load's and are left out");
                    return logs.get(0);
                }
            }
            mergedLoad = Files.createTempFile("stackviz-load-", ".csv");
            LoadLogs.merge(logs, mergedLoad);
            log.info("Machine load: the " + logs.size() + " modules' load logs, merged");
            return mergedLoad;
        } catch (IOException e) {
            throw new ExportException("Cannot merge the modules' load logs " + logs + ": " + Staging.reason(e), e);
        }
    }

    /** The merged load logs of the modules, removed when the export ends; {@code null} when there is none. */
    private Path mergedLoad;

    /**
     * The load file record-load wrote in an earlier build (no dstat log given, none recorded by this build):
     * exported only if it was recorded while the tests ran ({@link #recordedDuring}); {@code null} when there is none.
     */
    private Path earlierLoad;

    private DstatLog openDstat() throws ExportException {
        Path recorded = config.recordedLoad() == null ? null : LoadRecorder.jvm().finish(config.recordedLoad(), log);
        Path path = config.dstat() != null ? config.dstat() : recorded;
        if (path == null) {
            path = modulesLoad();
        }
        if (path == null && config.recordedLoad() != null && Files.isRegularFile(config.recordedLoad())) {
            try {
                if (LoadLogs.recordedByPlugin(config.recordedLoad())) {
                    path = earlierLoad = config.recordedLoad();
                }
            } catch (IOException e) {
                log.warn("Machine load: cannot read " + config.recordedLoad() + ": " + Staging.reason(e)
                        + ": left out");
            }
        }
        if (config.dstat() == null && recorded != null) {
            log.info("Machine load: " + recorded + " (recorded by record-load in this build)");
        }
        if (path == null) {
            return null;
        }
        if (!Files.exists(path)) {
            missingInput("dstat file " + path + " does not exist");
            return null;
        }
        if (Files.isDirectory(path)) {
            throw new ExportException("The dstat file " + path + " is a directory, not a dstat CSV log");
        }
        try {
            return DstatLog.open(path);
        } catch (DstatLog.InvalidDstatException | IOException e) {
            String message = e instanceof DstatLog.InvalidDstatException ? e.getMessage()
                    : "Cannot read the dstat file " + path + ": " + Staging.reason((IOException) e);
            if (path.equals(earlierLoad)) { // not asked for: an earlier build's file the export came upon
                log.warn("Machine load: " + message + ": left out");
                earlierLoad = null;
                return null;
            }
            throw new ExportException(message, e);
        }
    }

    /**
     * Whether record-load sampled {@code load} while the runs' tests ran (their spans overlap, give or take the
     * sampler's second); says which, as the export's log line on machine load.
     */
    private boolean recordedDuring(Path load, List<RunResult> runs) {
        long start = PythonTime.NONE;
        long end = PythonTime.NONE;
        for (RunResult run : runs) {
            RunStats stats = run.files().stats();
            if (stats.start() != PythonTime.NONE && (start == PythonTime.NONE || stats.start() < start)) {
                start = stats.start();
            }
            if (stats.end() != PythonTime.NONE && (end == PythonTime.NONE || stats.end() > end)) {
                end = stats.end();
            }
        }
        double[] span;
        try {
            span = LoadLogs.span(load);
        } catch (IOException e) {
            log.warn("Machine load: cannot read " + load + ": " + Staging.reason(e) + ": left out");
            return false;
        }
        String earlier = "Machine load: " + load + " (recorded by record-load in an earlier build";
        if (span == null || start == PythonTime.NONE || end == PythonTime.NONE) {
            log.info(earlier + (span == null ? ", without samples" : "; the tests carry no times to place it by")
                    + "): left out");
            return false;
        }
        if (span[0] > end / 1e6 + 1 || span[1] < start / 1e6 - 1) {
            log.info(earlier + ", from " + PythonTime.isoformat(Math.round(span[0] * 1e6)) + " to "
                    + PythonTime.isoformat(Math.round(span[1] * 1e6)) + ", not while these tests ran, from "
                    + PythonTime.isoformat(start) + " to " + PythonTime.isoformat(end) + "): left out");
            return false;
        }
        log.info(earlier + ", while these tests ran)");
        return true;
    }

    private String copyDstat(DstatLog dstat, Path directory) throws IOException {
        try (OutputFile file = OutputFile.create(directory, "dstat_log.csv", config.gzip())) {
            String damage = dstat.copyTo(file.stream());
            if (damage != null) {
                log.warn("dstat file " + dstat.path() + ": " + damage);
            }
            return file.fileName();
        }
    }

    private List<RunResult> exportAll(List<Source> sources, Path directory, AttachmentStore store, Path spill,
                                      ExecutorService trees, JitHints hints) throws ExportException, IOException {
        int threads = Math.min(config.threads(), sources.size());
        if (threads <= 1) {
            List<RunResult> runs = new ArrayList<>();
            for (int run = 0; run < sources.size(); run++) {
                runs.add(exportRun(sources.get(run), run, directory, store, spill, trees, hints));
            }
            return runs;
        }
        ExecutorService pool = daemonPool(threads, "stackviz-export");
        try {
            List<Future<RunResult>> futures = new ArrayList<>();
            for (int i = 0; i < sources.size(); i++) {
                int run = i;
                futures.add(pool.submit(() -> exportRun(sources.get(run), run, directory, store, spill, trees,
                        hints)));
            }
            List<RunResult> runs = new ArrayList<>();
            for (Future<RunResult> future : futures) {
                runs.add(future.get());
            }
            return runs;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExportException("The export was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ExportException ee) {
                throw ee; // it says which input failed and why
            }
            OtherThreads.rethrow(e.getCause());
            throw new AssertionError("unreachable");
        } finally {
            // a failed run ends the others (interrupted) before the work folder they write into is removed
            stop(pool);
        }
    }

    /**
     * Exports one run: one pass over its bytes feeds raw, details, tree, stats and the report's data
     * together.
     *
     * @param run the run's position in config.json
     */
    private RunResult exportRun(Source source, int run, Path directory, AttachmentStore store, Path spill,
                                ExecutorService trees, JitHints hints)
            throws ExportException, IOException {
        if (source instanceof RecordSource records) {
            return exportRecords(records, run, directory, store, spill, trees);
        }
        long started = System.nanoTime();
        Diagnostics diagnostics = new Diagnostics();
        String prefix = prefix(source);
        InputStream input;
        try {
            input = source.open();
        } catch (IOException e) {
            throw new ExportException("Cannot read " + source.label() + ": " + Staging.reason(e), e);
        }
        RunWriter.RunFiles files;
        ResultAssembler assembler;
        // the writing side notes its own problems: two threads, and its notes come after the reading side's
        Diagnostics writing = new Diagnostics();
        // stdin's size is unknown: it asks for the JIT hint once it has been large
        long large = source.size() < 0 ? JitHints.LARGE : Long.MAX_VALUE;
        try (ReadFailures in = new ReadFailures(input, large, hints::begin);
             RunWriter writer = runWriter(directory, prefix, writing, run, spill);
             RecordPipe<TestRecord> pipe = recordPipe(writer, run)) {
            // a record's attachments count as handed over once it is on the queue (a reader short of memory
            // waits for the writer to free them), and a batch goes once it holds enough of them
            pipe.onQueued(TestRecord::handOver);
            ExistsResolver exists = new ExistsResolver(record -> pipe.accept(record, record.attachmentBytes()));
            assembler = new ResultAssembler(exists, store, diagnostics);
            try (Progress progress = Progress.start(log, source, in::position, writer::written, progressEvery)) {
                SubunitStreams.read(in, assembler);
            }
            assembler.finish();
            exists.finish();
            pipe.finish();
            files = writer.finish(trees);
        } catch (ReadFailures.Failure e) {
            throw new ExportException("Cannot read " + source.label() + ": " + Staging.reason(e.cause()), e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        List<String> warnings = new ArrayList<>(diagnostics.warnings());
        warnings.addAll(writing.warnings());
        if (!warnings.isEmpty()) {
            warnings.add(assembler.survivalSummary(files.stats().count()));
        }
        return new RunResult(source, files, List.copyOf(warnings), seconds);
    }

    private static String prefix(Source source) {
        return "tempest_" + source.sourceName() + "_" + source.index();
    }

    private RunWriter runWriter(Path directory, String prefix, Diagnostics writing, int run, Path spill)
            throws IOException {
        return new RunWriter(directory, prefix, config.gzip(), writing,
                config.viewer() ? ViewerRunWriter.open(directory, run) : null, spill);
    }

    private static RecordPipe<TestRecord> recordPipe(RunWriter writer, int run) {
        return new RecordPipe<>(writer, TestRecord::release, "stackviz-write-" + run);
    }

    /** A failure of the writing side, told apart from a failure to read the source's files. */
    private static final class WriteFailure extends RuntimeException {
        WriteFailure(IOException cause) {
            super(cause);
        }
    }

    /**
     * Exports a run whose source reads its own files and yields records (test reports): the same pipe,
     * writers, progress and warnings as a stream's run.
     */
    private RunResult exportRecords(RecordSource source, int run, Path directory, AttachmentStore store, Path spill,
                                    ExecutorService trees) throws ExportException, IOException {
        long started = System.nanoTime();
        Diagnostics diagnostics = new Diagnostics();
        Diagnostics writing = new Diagnostics();
        AtomicLong bytesRead = new AtomicLong();
        RunWriter.RunFiles files;
        try (RunWriter writer = runWriter(directory, prefix(source), writing, run, spill);
             RecordPipe<TestRecord> pipe = recordPipe(writer, run)) {
            try (Progress progress = Progress.start(log, source, bytesRead::get, writer::written, progressEvery)) {
                source.read(record -> {
                    try {
                        pipe.accept(record);
                    } catch (IOException e) {
                        throw new WriteFailure(e);
                    }
                }, store, diagnostics, bytesRead::set);
            } catch (WriteFailure e) {
                throw (IOException) e.getCause();
            } catch (IOException e) {
                throw new ExportException("Cannot read " + source.label() + ": " + Staging.reason(e), e);
            }
            pipe.finish();
            files = writer.finish(trees);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        List<String> warnings = new ArrayList<>(diagnostics.warnings());
        warnings.addAll(writing.warnings());
        return new RunResult(source, files, List.copyOf(warnings), (System.nanoTime() - started) / 1e9);
    }

    private static ExecutorService daemonPool(int threads, String name) {
        return Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    private static void stop(ExecutorService pool) {
        pool.shutdownNow();
        try {
            pool.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Logs a run's warnings and its summary line; done in config order once all runs are exported. */
    private void report(RunResult run) {
        for (String warning : run.warnings()) {
            log.warn(run.source().label() + ": " + warning);
        }
        RunStats stats = run.files().stats();
        log.info(String.format(Locale.ROOT, "Exported %d tests (%d failed, %d skipped) from %s in %.1f s",
                stats.count(), stats.failed(), stats.skipped(), run.source().label(), run.seconds()));
    }

    private static Summary summarize(Path target, List<RunResult> runs) {
        long tests = 0;
        long failed = 0;
        long skipped = 0;
        int warnings = 0;
        for (RunResult run : runs) {
            tests += run.files().stats().count();
            failed += run.files().stats().failed();
            skipped += run.files().stats().skipped();
            warnings += run.warnings().size();
        }
        return new Summary(target, runs.size(), tests, failed, skipped, warnings);
    }
}
