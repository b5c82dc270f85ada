package io.github.stackviz.export;

import io.github.stackviz.dstat.DstatLog;
import io.github.stackviz.results.AttachmentStore;
import io.github.stackviz.results.Diagnostics;
import io.github.stackviz.results.ExistsResolver;
import io.github.stackviz.results.ResultAssembler;
import io.github.stackviz.results.TestRecord;
import io.github.stackviz.sources.InputPlan;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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
        if (!config.hasInputs()) {
            throw new ExportException("Nothing to export: no input is configured. Set streamFiles"
                    + " (-Dstackviz.streamFiles=a.subunit,b.subunit), repositories (-Dstackviz.repositories=.),"
                    + " stdin (-Dstackviz.stdin) or dstat (-Dstackviz.dstat=dstat.csv)");
        }
        InputPlan plan;
        try {
            plan = InputPlan.of(config.repositories(), config.repositoryRuns(), config.streamFiles(), config.stdin(),
                    config.stdinStream());
        } catch (IOException e) {
            throw new ExportException("Cannot read the inputs: " + Staging.reason(e), e);
        }
        for (String missing : plan.missing()) {
            missingInput(missing);
        }
        plan.notes().forEach(log::warn);
        DstatLog dstat = openDstat();
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
                    ViewerWriter.write(staging.output(), exported);
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

    private DstatLog openDstat() throws ExportException {
        Path path = config.dstat();
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
        } catch (DstatLog.InvalidDstatException e) {
            throw new ExportException(e.getMessage(), e);
        } catch (IOException e) {
            throw new ExportException("Cannot read the dstat file " + path + ": " + Staging.reason(e), e);
        }
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
        long started = System.nanoTime();
        Diagnostics diagnostics = new Diagnostics();
        String prefix = "tempest_" + source.sourceName() + "_" + source.index();
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
             RunWriter writer = new RunWriter(directory, prefix, config.gzip(), writing,
                     config.viewer() ? ViewerRunWriter.open(directory, run) : null, spill);
             RecordPipe<TestRecord> pipe = new RecordPipe<>(writer, TestRecord::release,
                     "stackviz-write-" + run)) {
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
