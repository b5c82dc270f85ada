package io.github.stackviz.export;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.stackviz.results.Attachment;
import io.github.stackviz.results.Diagnostics;
import io.github.stackviz.results.RecordSink;
import io.github.stackviz.results.TestRecord;
import io.github.stackviz.viewer.ViewerRunWriter;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Writes one run's data files as its records complete, in one pass: each record goes to raw.json and
 * details.json at once and is added to the stats and the tree, which are written at the end.
 *
 * <p>Two threads share the work: the one calling {@link #record} writes raw.json and the tree's spill; a
 * thread of its own (fed through a {@link RecordPipe}) writes details.json and the report's data, and
 * gathers the stats. They touch no state in common.
 */
final class RunWriter implements RecordSink, AutoCloseable {
    private final OutputFile rawFile;
    private final JsonGenerator raw;
    private final DetailsWriter details;
    private final OutputFile detailsFile;
    private final Path directory;
    private final String prefix;
    private final boolean gzip;
    private final RunStats stats;
    private final TreeBuilder tree;
    /** The report's data for this run, written along; {@code null} when there is no report. */
    private final ViewerRunWriter viewer;
    private boolean closed;
    /** Records written so far, read by the progress reporter on another thread. */
    private volatile long written;

    /** Hands each record on to the thread that writes its details, which then releases it. */
    private final RecordPipe<Member> detailsPipe;

    /**
     * A record on its way to the details thread, with its number in arrival order and the number of the
     * earlier record of the same name it replaces (-1 for none), which the tree found out.
     */
    private record Member(TestRecord record, String name, int number, int replaced) {
    }

    /**
     * @param prefix file names start with it: {@code tempest_file_a.subunit_0}
     * @param spill where the tree and the stats keep what they gather until the end (temporary files)
     */
    RunWriter(Path directory, String prefix, boolean gzip, Diagnostics diagnostics, ViewerRunWriter viewer,
              Path spill) throws IOException {
        this.directory = directory;
        this.stats = new RunStats(spill);
        this.tree = new TreeBuilder(spill);
        this.prefix = prefix;
        this.gzip = gzip;
        rawFile = OutputFile.create(directory, prefix + "_raw.json", gzip);
        raw = Json.generator(rawFile.stream());
        raw.writeStartArray();
        detailsFile = OutputFile.create(directory, prefix + "_details.json", gzip);
        details = new DetailsWriter(detailsFile, diagnostics, viewer);
        this.viewer = viewer;
        detailsPipe = new RecordPipe<>(this::recordDetails, member -> member.record().release(),
                "stackviz-details-" + prefix);
    }

    @Override
    public void record(TestRecord record) throws IOException {
        boolean handedOn = false;
        try {
            String name = record.name();
            String status = record.statusWord();
            long start = PythonTime.micros(record.start());
            long end = PythonTime.micros(record.end());
            Iterable<String> tags = RecordJson.sorted(record.tags());
            raw.writeStartObject();
            RecordJson.writeFields(raw, name, status, tags, start, end);
            raw.writeEndObject();
            int number = (int) written;
            int replaced = tree.add(name, status, tags, start, end, number);
            written++;
            detailsPipe.accept(new Member(record, name, number, replaced));
            handedOn = true;
        } finally {
            if (!handedOn) {
                record.release();
            }
        }
    }

    /** The second half of a record's work, on the details thread. */
    private void recordDetails(Member member) throws IOException {
        TestRecord record = member.record();
        try {
            String name = member.name();
            long start = PythonTime.micros(record.start());
            long end = PythonTime.micros(record.end());
            Double duration = RecordJson.duration(start, end);
            if (viewer != null) {
                viewer.test(name, record.statusWord(), RecordJson.sorted(record.tags()), start, end, duration);
            }
            Map<String, Attachment> texts = details.select(name, record.attachments());
            details.write(name, texts, member.number(), member.replaced());
            Attachment traceback = texts.get("traceback");
            Attachment reason = texts.get("reason");
            stats.add(name, record.status(), start, end, duration, textOf(traceback), textOf(reason));
        } finally {
            record.release();
        }
    }

    private static RunStats.TextSource textOf(Attachment attachment) {
        if (attachment == null) {
            return null;
        }
        return new RunStats.TextSource() {
            @Override
            public Reader open() throws IOException {
                return attachment.openText();
            }

            @Override
            public CharSequence whole() throws IOException {
                return attachment.wholeText();
            }
        };
    }

    /** Records written so far; safe to call from any thread. */
    long written() {
        return written;
    }

    /**
     * Finishes raw and details, and starts writing the tree on {@code background} (it reads only the
     * tree's own state, so the config and the report are written meanwhile); returns the file names,
     * the stats, and the tree's progress.
     */
    RunFiles finish(ExecutorService background) throws IOException {
        detailsPipe.finish();
        raw.writeEndArray();
        raw.close();
        rawFile.close();
        details.close();
        stats.finish();
        if (viewer != null) {
            viewer.finish();
        }
        OutputFile treeFile = OutputFile.create(directory, prefix + "_tree.json", gzip);
        closed = true;
        Future<?> treeWritten;
        try {
            treeWritten = background.submit(() -> {
                try (treeFile; tree; JsonGenerator json = Json.generator(treeFile.stream())) {
                    tree.write(json);
                }
                return null;
            });
        } catch (RuntimeException e) {
            try (treeFile; tree) {
                throw e;
            }
        }
        return new RunFiles(rawFile.fileName(), treeFile.fileName(), detailsFile.fileName(), stats, treeWritten);
    }

    /** Releases the files when the run failed before {@link #finish()}. */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            try (rawFile; detailsFile; ViewerRunWriter ignored = viewer; tree; stats; detailsPipe) {
                // closes each, even when one fails
            }
        }
    }

    record RunFiles(String raw, String tree, String details, RunStats stats, Future<?> treeWritten) {
        /** Waits until the tree file is written. */
        void awaitTree() throws IOException {
            try {
                treeWritten.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while the tree was written", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw new IOException(e.getCause());
            }
        }
    }
}
