package io.github.stackviz.util;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Escapes text once as the content of a JSON string, in UTF-8, exactly as a generator of the given factory
 * writes it between quotes (it is that generator's {@code writeString}), so that one escaping serves
 * several files: details.json and the report's data show the same attachment texts, and escaping them is
 * most of the work on logs. Each character is escaped on its own, so pieces of a text escaped one after
 * the other give the escaped text.
 *
 * <p>The result lies in a reused array, valid until the next call. Not thread-safe: one per writing thread.
 */
public final class JsonEscaper {
    /**
     * The array is kept up to this size: the escaped form of a text held whole (up to 256 KB) or of a piece
     * of a streamed one (256 Ki characters) mostly fits; growing it again for every text cost a third of
     * the bytes allocated on logs. A larger one (characters that escape to six bytes) is let go by
     * {@link #release()}.
     */
    private static final int KEEP = 1 << 19;

    private final GrowingBytes out = new GrowingBytes(4096);
    private final JsonGenerator json;

    public JsonEscaper(JsonFactory factory) {
        try {
            json = factory.createGenerator(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // it writes to an array: never thrown
        }
        json.setRootValueSeparator(null);
    }

    /**
     * Escapes {@code text[offset, offset + length)}: the result is {@link #length()} bytes of {@link #bytes()}
     * from {@link #start()}.
     */
    public void escape(char[] text, int offset, int length) throws IOException {
        out.reset();
        json.writeString(text, offset, length);
        json.flush();
    }

    /** The array holding the escaped bytes of the last text. */
    public byte[] bytes() {
        return out.bytes();
    }

    /** Where they start in {@link #bytes()}: after the opening quote the generator wrote. */
    public int start() {
        return 1;
    }

    /** How many there are (the quotes left out). */
    public int length() {
        return out.length() - 2;
    }

    /** Writes the escaped bytes of the last text to {@code to}. */
    public void writeTo(OutputStream to) throws IOException {
        to.write(out.bytes(), 1, out.length() - 2);
    }

    /** Lets go of an array grown past {@link #KEEP} once its text is written, so memory stays bounded. */
    public void release() {
        out.shrinkTo(KEEP);
    }
}
