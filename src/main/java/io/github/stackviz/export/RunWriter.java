package io.github.stackviz.export;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.stackviz.results.Attachment;
import io.github.stackviz.results.Diagnostics;
import io.github.stackviz.results.TestRecord;
import io.github.stackviz.util.Utf8JsonEscaper;
import io.github.stackviz.viewer.ViewerRunWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Writes one run's data files as its records complete, in one pass: each record goes to raw.json and
 * details.json at once and is added to the stats and the tree, which are written at the end.
 *
 * <p>Two threads share the work, each record passing from one to the other through a {@link RecordPipe}:
 * the one calling {@link #record} renders it once (its name escaped there for every file), writes
 * raw.json and the tree's spill; the other writes details.json, gathers the stats, writes the report's
 * data (each attachment text escaped once for both) and releases the record. They touch no state in
 * common (a record's attachments are read by one thread at a time, in that order).
 */
final class RunWriter implements RecordPipe.Stage, AutoCloseable {
    private final OutputFile rawFile;
    private final JsonGenerator raw;
    private final DetailsWriter details;
    private final OutputFile detailsFile;
    private final Path directory;
    private final String prefix;
    private final boolean gzip;
    private final RunStats stats;
    private final TreeBuilder tree;
    /** A record rendered once for raw.json and the tree (the record's thread only). */
    private final RecordJson.Rendered rendered = new RecordJson.Rendered();
    private final RecordJson.TagArrays tagArrays = new RecordJson.TagArrays();
    /** The report's data for this run, written along; {@code null} when there is no report. */
    private final ViewerRunWriter viewer;
    /** Hands the report the texts details.json shows (escaped once for both); {@code null} without a report. */
    private final DetailsWriter.Shown shown;
    private boolean closed;
    /** Records written so far, read by the progress reporter on another thread. */
    private volatile long written;

    /**
     * Hands each record on to the thread that writes its details, its stats and its part of the report's
     * data. (The report had a thread of its own: the extra hand-over cost more CPU than it gained on two
     * cores, core 7.16 → 6.35 s.)
     */
    private final RecordPipe<Member> detailsPipe;

    /**
     * A record on its way to the details thread, with its number in arrival order and the number of the
     * earlier record of the same name it replaces (-1 for none), which the tree found out.
     */
    private record Member(TestRecord record, String name, byte[] escapedName, String[] tags, long start,
                          long end, int number, int replaced) {
        Double duration() {
            return RecordJson.duration(start, end);
        }
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
        details = new DetailsWriter(detailsFile, diagnostics);
        this.viewer = viewer;
        this.shown = reportShows(viewer);
        detailsPipe = new RecordPipe<>(new DetailsStage(), member -> member.record().release(),
                "stackviz-details-" + prefix);
        detailsPipe.onQueued(member -> member.record().handOver());
    }

    @Override
    public void record(Object item) throws IOException {
        TestRecord record = (TestRecord) item;
        boolean handedOn = false;
        try {
            String name = record.name();
            String status = record.statusWord();
            long start = PythonTime.micros(record.start());
            long end = PythonTime.micros(record.end());
            String[] tags = tagArrays.of(record.tags());
            rendered.render(name, status, tags, start, end);
            raw.writeRawValue(rendered.record());
            // the name as JSON escapes it, for the tree and the details thread's files: escaped once, here
            byte[] escapedName = rendered.name().asQuotedUTF8();
            int number = (int) written;
            int replaced = tree.add(escapedName, rendered.fields(), number);
            written++;
            detailsPipe.accept(new Member(record, name, escapedName, tags, start, end, number, replaced),
                    record.attachments().isEmpty() ? 0 : record.attachmentBytes());
            handedOn = true;
        } finally {
            if (!handedOn) {
                record.release();
            }
        }
    }

    /** The second part of a record's work, on the details thread: details.json, the stats, the report. */
    private final class DetailsStage implements RecordPipe.Stage {
        /** The record's escaped name, for this thread's writers. */
        private final RawJson escapedName = RawJson.stringContent();

        @Override
        public void record(Object item) throws IOException {
            Member member = (Member) item;
            TestRecord record = member.record();
            try {
                String name = member.name();
                byte[] escaped = member.escapedName();
                RawJson escapedName = this.escapedName.set(escaped, 0, escaped.length, name);
                Map<String, Attachment> texts = details.select(name, record.attachments());
                if (viewer != null) {
                    viewer.test(escaped, record.statusWord(), member.tags(), member.start(), member.end(),
                            member.duration());
                    viewer.beginDetails(name, escaped, member.replaced() >= 0);
                }
                details.write(escapedName, texts, member.number(), member.replaced(), shown);
                stats.add(escapedName, record.status(), member.start(), member.end(), member.duration(),
                        textOf(texts.get("traceback")), textOf(texts.get("reason")));
                if (viewer != null) {
                    viewer.endDetails();
                }
            } finally {
                record.release();
            }
        }
    }

    /** The report shows each text details.json shows, with the same escaped bytes; {@code null}: no report. */
    private static DetailsWriter.Shown reportShows(ViewerRunWriter viewer) {
        if (viewer == null) {
            return null;
        }
        return new DetailsWriter.Shown() {
            @Override
            public void whole(String key, int chars, byte[] escaped, int offset, int length)
                    throws IOException {
                viewer.text(key, chars, escaped, offset, length);
            }

            @Override
            public void streamed(String key, Reader text, long sizeHint, OutputStream details)
                    throws IOException {
                viewer.text(key, text, sizeHint, details);
            }

            @Override
            public void streamedUtf8(String key, Utf8JsonEscaper.Bytes text, long size, OutputStream details)
                    throws IOException {
                viewer.utf8Text(key, text, size, details);
            }
        };
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
            OtherThreads.await(treeWritten, "the tree was written");
        }
    }
}
