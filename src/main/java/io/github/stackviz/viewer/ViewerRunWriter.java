package io.github.stackviz.viewer;

import io.github.stackviz.util.Utf8JsonEscaper;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes one run's viewer data while the export writes the run's contract files, from the same records:
 * the report then needs no second pass over {@code raw} and {@code details} (which {@link ViewerWriter#write(Path)}
 * makes for exports written by anything else). The files are the same as that pass writes.
 *
 * <p>Feed it in record order: {@link #test} for every record, and {@link #beginDetails} … {@link #endDetails}
 * around each record's attachments; then {@link #finish()}, and {@link ViewerWriter#write(Path, List)}
 * once every run is written.
 */
public final class ViewerRunWriter implements Closeable {
    private final RunData data;
    private boolean finished;

    private ViewerRunWriter(RunData data) {
        this.data = data;
    }

    /** Starts the data of run {@code run} (its position in config.json) of the export in {@code exportDir}. */
    public static ViewerRunWriter open(Path exportDir, int run) throws IOException {
        Path dataDir = exportDir.resolve(ViewerWriter.DATA_DIR);
        Files.createDirectories(dataDir);
        return new ViewerRunWriter(RunData.live(dataDir, run));
    }

    /**
     * One test record, as raw.json has it: its name as JSON escapes it (UTF-8, the bytes between the quotes),
     * sorted tags, times in epoch microseconds, {@link Long#MIN_VALUE} for none.
     */
    public void test(byte[] escapedName, String status, String[] tags, long startMicros, long endMicros,
                     Double duration) throws IOException {
        data.liveTest(escapedName, status, startMicros, endMicros, duration, tags);
    }

    /**
     * Starts the attachments of the record named {@code name} ({@code escapedName} as JSON escapes it);
     * {@code repeated} when a record had that name before.
     */
    public void beginDetails(String name, byte[] escapedName, boolean repeated) throws IOException {
        data.liveBeginDetails(name, escapedName, repeated);
    }

    /**
     * One attachment's whole text of {@code chars} characters (1 to a million: texts held whole are far
     * smaller), given as {@code escaped[offset, offset + length)}: the text as JSON writes it between quotes
     * (UTF-8, JSON's own escapes), which the export made for details.json and is copied as it is.
     */
    public void text(String key, int chars, byte[] escaped, int offset, int length) throws IOException {
        data.liveEscapedText(key, chars, escaped, offset, length);
    }

    /**
     * One attachment's text, streamed: read to its end, shown in pieces, and each piece, escaped as JSON
     * writes it between quotes (UTF-8, JSON's own escapes), also written to {@code details} as it goes (the
     * export's details.json: one escaping for both). {@code lengthHint} estimates its length in characters.
     */
    public void text(String key, Reader text, long lengthHint, OutputStream details) throws IOException {
        data.liveText(key, text, (int) Math.min(Integer.MAX_VALUE, lengthHint), details);
    }

    /**
     * One attachment's UTF-8 text, streamed as its bytes: as {@link #text(String, Reader, long, OutputStream)}
     * with the decoded text (the same files), its bytes escaped without decoding them ({@code util.Utf8JsonEscaper}).
     * {@code lengthHint} estimates its length in characters (its size in bytes does).
     */
    public void utf8Text(String key, Utf8JsonEscaper.Bytes text, long lengthHint, OutputStream details)
            throws IOException {
        data.liveUtf8Text(key, text, (int) Math.min(Integer.MAX_VALUE, lengthHint), details);
    }

    public void endDetails() throws IOException {
        data.liveEndDetails();
    }

    /** Ends the run's files. */
    public void finish() throws IOException {
        finished = true;
        data.liveFinish();
    }

    /** Closes the files of a run that did not finish. */
    @Override
    public void close() throws IOException {
        if (!finished) {
            finished = true;
            data.liveAbandon();
        }
    }
}
