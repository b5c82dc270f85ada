package io.github.stackviz.viewer;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * One viewer data file: a JavaScript file holding a single call {@code StackViz.data("kind", JSON);}.
 *
 * <p>Browsers refuse XHR and fetch on {@code file://}, but load {@code <script>} elements, so the viewer's
 * data travels as JavaScript. The value is written by Jackson's generator, never by string concatenation,
 * with JSON's own escapes ({@code "}, {@code \}, control characters incl. U+0000): since ES2019 every JSON
 * text is a JavaScript expression (U+2028 and U+2029 inside strings included), and in a file loaded by
 * {@code <script src>} no character of a string literal can end the script ({@code </script>} only does so
 * inline in HTML). The data is never inserted into the page as HTML (the viewer's hostile-data tests). So
 * strings are escaped as in the contract files, and the export copies the lists of failures and skips into
 * the report's index as it wrote them for config.json.
 *
 * <p>The kind is one of the viewer's fixed words, never data.
 */
final class JsData implements Closeable {

    /** Reads contract files and writes data files; shared, thread-safe once built. */
    static final JsonFactory JSON = builder().build();

    /**
     * Reads files whose keys are data (details.json: a key per test, a million of them) without a symbol
     * table of keys, which would only grow. Jackson then reads through a Reader, more slowly.
     */
    private static final JsonFactory JSON_OF_MANY_KEYS = builder()
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .build();

    private static JsonFactoryBuilder builder() {
        return new JsonFactoryBuilder()
                // attachments and test names can be very long: the default 20 MB / 50 000 char limits would
                // reject real logs. Memory stays bounded by the largest single value either way.
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(Integer.MAX_VALUE)
                        .maxNameLength(Integer.MAX_VALUE)
                        .maxNumberLength(10_000)
                        .maxNestingDepth(2_000)
                        .build())
                .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
                .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
                .enable(StreamWriteFeature.AUTO_CLOSE_CONTENT)
                .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS);
    }

    /** Read buffer of the contract files (the second pass). */
    static final int BUFFER = 1 << 18;
    /**
     * Write buffer of a data file: a detail chunk holds about a megabyte, and a log's hundreds of chunks
     * each took a new 256 KB buffer (a third of the bytes allocated on logs, with a 32 MB heap).
     */
    private static final int WRITE_BUFFER = 1 << 16;

    private static final byte[] SUFFIX = ");\n".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;
    private final JsonGenerator gen;
    private boolean closed;

    private JsData(OutputStream out, JsonGenerator gen) {
        this.out = out;
        this.gen = gen;
    }

    /** Creates {@code file} holding {@code StackViz.data("kind", } followed by what is written to {@link #gen()}. */
    static JsData create(Path file, String kind) throws IOException {
        if (!kind.matches("[a-z]+")) {
            throw new IllegalArgumentException(kind);
        }
        // a FileOutputStream, not a channel's stream: see OutputFile.openTemporary
        OutputStream out = new BufferedOutputStream(new FileOutputStream(file.toFile()), WRITE_BUFFER);
        try {
            out.write(("/* StackViz report data; generated, do not edit. */\nStackViz.data(\"" + kind + "\", ")
                    .getBytes(StandardCharsets.US_ASCII));
            JsonGenerator gen = JSON.createGenerator(out, JsonEncoding.UTF8);
            return new JsData(out, gen);
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
    }

    JsonGenerator gen() {
        return gen;
    }

    /**
     * Closes every array and object still open (as after a read error part-way), ends the call and the file.
     * The file is valid JavaScript afterwards whatever happened before.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (out) {
            gen.close();
            out.write(SUFFIX);
        }
    }

    /** Ends the open arrays and objects down to the top-level object, so more members can be written. */
    static void unwindToTop(JsonGenerator gen) throws IOException {
        while (gen.getOutputContext().getParent() != null && !gen.getOutputContext().getParent().inRoot()) {
            if (gen.getOutputContext().inArray()) {
                gen.writeEndArray();
            } else {
                gen.writeEndObject();
            }
        }
    }

    /** Opens a contract file for reading, inflating it when its name ends in {@code .gz}. */
    static InputStream openInput(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        try {
            if (file.getFileName().toString().endsWith(".gz")) {
                return new GZIPInputStream(in, BUFFER);
            }
            return new java.io.BufferedInputStream(in, BUFFER);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    static JsonParser parser(InputStream in) throws IOException {
        return JSON.createParser(in);
    }

    /** A parser for a file whose keys are data, such as details.json. */
    static JsonParser parserOfManyKeys(InputStream in) throws IOException {
        return JSON_OF_MANY_KEYS.createParser(in);
    }
}
