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

/**
 * Writes one run's data files as its records complete, in one pass: each record goes to raw.json and
 * details.json at once and is added to the stats and the tree, which are written at the end.
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
    private String treeName;
    private boolean closed;
    /** Records written so far, read by the progress reporter on another thread. */
    private volatile long written;

    /**
     * @param prefix file names start with it: {@code tempest_file_a.subunit_0}
     */
    /**
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
    }

    @Override
    public void record(TestRecord record) throws IOException {
        try {
            String name = record.name();
            String status = record.statusWord();
            long start = PythonTime.micros(record.start());
            long end = PythonTime.micros(record.end());
            Double duration = RecordJson.duration(start, end);
            Iterable<String> tags = RecordJson.sorted(record.tags());
            raw.writeStartObject();
            RecordJson.writeFields(raw, name, status, tags, start, end);
            raw.writeEndObject();
            if (viewer != null) {
                viewer.test(name, status, tags, start, end, duration);
            }
            Map<String, Attachment> texts = details.select(name, record.attachments());
            details.write(name, texts);
            Attachment traceback = texts.get("traceback");
            Attachment reason = texts.get("reason");
            stats.add(name, record.status(), start, end, duration,
                    textOf(traceback), textOf(reason));
            tree.add(name, status, tags, start, end);
            written++;
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

    /** Finishes raw and details, writes the tree; returns the file names and the stats. */
    RunFiles finish() throws IOException {
        raw.writeEndArray();
        raw.close();
        rawFile.close();
        details.close();
        try (OutputFile treeFile = OutputFile.create(directory, prefix + "_tree.json", gzip);
             JsonGenerator json = Json.generator(treeFile.stream())) {
            tree.write(json);
            treeName = treeFile.fileName();
        } finally {
            tree.close();
        }
        stats.finish();
        if (viewer != null) {
            viewer.finish();
        }
        closed = true;
        return new RunFiles(rawFile.fileName(), treeName, detailsFile.fileName(), stats);
    }

    /** Releases the files when the run failed before {@link #finish()}. */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            try (rawFile; detailsFile; ViewerRunWriter ignored = viewer; tree; stats) {
                // closes each, even when one fails
            }
        }
    }

    record RunFiles(String raw, String tree, String details, RunStats stats) {
    }
}
