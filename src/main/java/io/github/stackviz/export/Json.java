package io.github.stackviz.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The one Jackson factory the writers share (thread-safe), and its settings. */
final class Json {
    static final JsonFactory FACTORY = JsonFactory.builder()
            // flush() hands our buffer to the stream below without flushing the file or gzip each time
            .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
            // durations: the shortest digits that read back as the same double (Schubfach), as Python's
            // repr() gives them, and several times faster than Double.toString
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();

    private Json() {
    }

    static JsonGenerator generator(OutputStream out) throws IOException {
        return FACTORY.createGenerator(out);
    }

    /**
     * Starts a value that the caller writes itself, as bytes, to the stream returned: {@code json} writes the
     * separator it owes (a comma, or nothing after a field name) and {@code start}, and hands over everything
     * it holds. The caller's bytes must complete the value before {@code json} writes again. {@code json} must
     * write to an OutputStream.
     */
    static OutputStream valueBeneath(JsonGenerator json, String start) throws IOException {
        json.writeRawValue(start);
        json.flush();
        return (OutputStream) json.getOutputTarget();
    }

    /**
     * Writes bytes {@code [from, from + length)} of {@code file}, JSON that a generator of this factory wrote
     * (a value, or elements of an array), as they are where {@code json} stands: after the separator it owes
     * (a comma, or nothing after a field name), without decoding them. {@code json} must write to an
     * OutputStream.
     */
    static void splice(JsonGenerator json, Path file, long from, long length) throws IOException {
        OutputStream target = valueBeneath(json, ""); // the file holds the value
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(from);
            byte[] buffer = new byte[OutputFile.BUFFER];
            for (long left = length; left > 0; ) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException(file + " ended before the " + length + " bytes to copy");
                }
                target.write(buffer, 0, n);
                left -= n;
            }
        }
    }
}
