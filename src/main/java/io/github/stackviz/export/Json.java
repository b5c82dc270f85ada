package io.github.stackviz.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;

/** The one Jackson factory the writers share (thread-safe), and its settings. */
final class Json {
    static final JsonFactory FACTORY = new JsonFactory()
            // flush() hands our buffer to the stream below without flushing the file or gzip each time
            .disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);

    private Json() {
    }

    static JsonGenerator generator(OutputStream out) throws IOException {
        return FACTORY.createGenerator(out);
    }
}
