package io.github.stackviz.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.OutputStream;

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
}
