package io.github.stackviz.export;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.stackviz.results.Attachment;
import io.github.stackviz.results.Diagnostics;
import io.github.stackviz.results.RecordSink;
import io.github.stackviz.results.TestRecord;
import java.io.IOException;
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
    private final RunStats stats = new RunStats();
    private final TreeBuilder tree = new TreeBuilder();
    private String treeName;
    private boolean closed;
    /** Records written so far, read by the progress reporter on another thread. */
    private volatile long written;

    /**
     * @param prefix file names start with it: {@code tempest_file_a.subunit_0}
     */
    RunWriter(Path directory, String prefix, boolean gzip, Diagnostics diagnostics) throws IOException {
        this.directory = directory;
        this.prefix = prefix;
        this.gzip = gzip;
        rawFile = OutputFile.create(directory, prefix + "_raw.json", gzip);
        raw = Json.generator(rawFile.stream());
        raw.writeStartArray();
        detailsFile = OutputFile.create(directory, prefix + "_details.json", gzip);
        details = new DetailsWriter(detailsFile, diagnostics);
    }

    @Override
    public void record(TestRecord record) throws IOException {
        try {
            String name = record.name();
            String status = record.statusWord();
            long start = PythonTime.micros(record.start());
            long end = PythonTime.micros(record.end());
            raw.writeStartObject();
            RecordJson.writeFields(raw, name, status, record.tags(), start, end);
            raw.writeEndObject();
            Map<String, Attachment> texts = details.select(name, record.attachments());
            details.write(name, texts);
            Attachment traceback = texts.get("traceback");
            Attachment reason = texts.get("reason");
            stats.add(name, record.status(), start, end, RecordJson.duration(start, end),
                    traceback == null ? null : traceback::openText, reason == null ? null : reason::openText);
            tree.add(name, status, record.tags(), start, end);
            written++;
        } finally {
            record.release();
        }
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
        }
        closed = true;
        return new RunFiles(rawFile.fileName(), treeName, detailsFile.fileName(), stats);
    }

    /** Releases the files when the run failed before {@link #finish()}. */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            rawFile.close();
            detailsFile.close();
        }
    }

    record RunFiles(String raw, String tree, String details, RunStats stats) {
    }
}
