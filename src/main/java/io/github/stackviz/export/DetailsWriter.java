package io.github.stackviz.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import io.github.stackviz.results.Attachment;
import io.github.stackviz.results.Diagnostics;
import io.github.stackviz.util.JsonEscaper;
import io.github.stackviz.util.SmallCache;
import io.github.stackviz.util.Utf8JsonEscaper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.CharBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes {@code details.json}: cleaned test name → {attachment key → text}, one member per record as
 * records complete, attachment text streamed from its buffer (never held whole).
 *
 * <p>When two records share a name the later one wins, as in the reference's dict. Streaming cannot
 * take back a member already written, so the writer remembers where each member starts and, only when
 * some name did repeat (the tree finds out: names are its leaves), rewrites the file once at the end
 * without the members that lost.
 */
final class DetailsWriter implements AutoCloseable {
    /** Python's {@code re.sub(r'\W', '', key)}: word characters are letters, digits and '_'. */
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}_]");

    static final String NON_TEXT = "non-text attachments";
    static final String UNKNOWN_CHARSET = "attachments in an unknown charset";

    private final OutputFile file;
    private final JsonGenerator json;
    private final Diagnostics diagnostics;
    private long[] memberStarts = new long[1024];
    private int members;
    private final BitSet superseded = new BitSet();
    DetailsWriter(OutputFile file, Diagnostics diagnostics) throws IOException {
        this.file = file;
        this.diagnostics = diagnostics;
        this.json = Json.generator(file.stream());
        json.writeStartObject();
    }

    /** The attachment key StackViz uses: the name without its non-word characters. */
    static String key(String attachmentName) {
        return NON_WORD.matcher(attachmentName).replaceAll("");
    }

    /** Keys of the attachment names seen: a run uses a handful of names over and over. */
    private final SmallCache<String, String> keys = new SmallCache<>(256, DetailsWriter::key);

    /**
     * The keys escaped as member names, once each: written through {@code writeFieldName(String)} they were
     * escaped for every member, and a loop speculation in that escaping failed late in a run, making C2
     * throw away and recompile this writer's main method (its largest, 0.5 to 0.8 s of compiling).
     */
    private final SmallCache<String, byte[]> escapedKeys = new SmallCache<>(256,
            key -> new SerializedString(key).asQuotedUTF8());
    private final RawJson keyName = RawJson.stringContent();

    private void writeKey(String key) throws IOException {
        byte[] escaped = escapedKeys.get(key);
        json.writeFieldName(keyName.set(escaped, 0, escaped.length, key));
    }

    /**
     * Picks the attachments a record shows in details.json: text ones only, and for keys that collide
     * after cleaning, the last one (the reference's dict comprehension keeps the last).
     */
    Map<String, Attachment> select(String testName, List<Attachment> attachments) {
        if (attachments.isEmpty()) {
            return Map.of(); // most records: no map made for them
        }
        Map<String, Attachment> byKey = new LinkedHashMap<>();
        for (Attachment attachment : attachments) {
            if (!attachment.contentType().isText()) {
                diagnostics.warn(NON_TEXT, "attachment '" + attachment.name() + "' of " + testName + " is "
                        + attachment.contentType().type() + "/" + attachment.contentType().subtype()
                        + ", not text: left out of details");
                continue;
            }
            if (attachment.contentType().charsetUnknown()) {
                diagnostics.warn(UNKNOWN_CHARSET, "attachment '" + attachment.name() + "' of " + testName
                        + " names the unknown charset '" + attachment.contentType().charsetName()
                        + "': decoded as UTF-8");
            }
            byKey.put(keys.get(attachment.name()), attachment);
        }
        return byKey;
    }

    /**
     * Told of each text details.json shows (the report shows the same), to show it too with one escaping:
     * escaping is most of the work on logs.
     */
    interface Shown {
        /**
         * A small text of {@code chars} characters, held whole. {@code escaped[offset, offset + length)} is
         * what details.json holds between the quotes: its UTF-8 with JSON's escapes, valid during the call.
         */
        void whole(String key, int chars, byte[] escaped, int offset, int length) throws IOException;

        /**
         * A large text, streamed: reads {@code text} to its end and writes it to {@code details} as it goes,
         * escaped as this file's generator escapes it between quotes (a {@link JsonEscaper} of {@link Json}'s
         * factory or one whose generators escape alike), in pieces of its choosing.
         */
        void streamed(String key, Reader text, long sizeHint, OutputStream details) throws IOException;

        /**
         * A large UTF-8 text, streamed as its bytes: as {@link #streamed(String, Reader, long, OutputStream)},
         * the bytes escaped as {@link Utf8JsonEscaper} escapes them (which is how this file's generator escapes
         * their decoded text).
         */
        void streamedUtf8(String key, Utf8JsonEscaper.Bytes text, long size, OutputStream details)
                throws IOException;
    }

    /**
     * Writes one record's member, and tells {@code shown} (unless {@code null}) of every text in it: the
     * texts of {@code byKey} that are not empty.
     *
     * @param testName the cleaned test name, escaped already (as raw.json has it)
     * @param number   the record's number in arrival order: 0, 1, 2, ... (one call each)
     * @param replaced the number of the earlier record of the same name, which this one replaces, or -1
     */
    void write(SerializableString testName, Map<String, Attachment> byKey, int number, int replaced, Shown shown)
            throws IOException {
        if (number != members) {
            throw new IllegalStateException("member " + number + " written as number " + members);
        }
        if (members == memberStarts.length) {
            memberStarts = Arrays.copyOf(memberStarts, members * 2);
        }
        // where the member starts: what reached the file plus what the generator still holds
        memberStarts[members] = file.written() + json.getOutputBuffered();
        if (replaced >= 0) {
            superseded.set(replaced);
        }
        members++;
        json.writeFieldName(testName);
        json.writeStartObject();
        if (byKey.isEmpty()) { // most records: the loop below then sees only LinkedHashMap, so C2 keeps its code
            json.writeEndObject();
            return;
        }
        for (Map.Entry<String, Attachment> entry : byKey.entrySet()) {
            if (entry.getValue().utf8()) {
                writeUtf8(entry.getKey(), entry.getValue(), shown);
                continue;
            }
            // an empty text is left out, as the reference does
            CharBuffer whole = entry.getValue().wholeText();
            if (whole != null) {
                if (whole.hasRemaining()) {
                    // escaped once, for details.json and the report (tracebacks are much of both)
                    escaper.escape(whole.array(), whole.arrayOffset() + whole.position(), whole.remaining());
                    writeKey(entry.getKey());
                    json.writeRawUTF8String(escaper.bytes(), escaper.start(), escaper.length());
                    if (shown != null) {
                        shown.whole(entry.getKey(), whole.remaining(), escaper.bytes(), escaper.start(),
                                escaper.length());
                    }
                    escaper.release();
                }
                continue;
            }
            try (PushbackReader text = new PushbackReader(entry.getValue().openText(), 1)) {
                int first = text.read();
                if (first >= 0) {
                    text.unread(first);
                    writeKey(entry.getKey());
                    OutputStream details = Json.valueBeneath(json, "\""); // the string, escaped as it comes
                    if (shown != null) {
                        shown.streamed(entry.getKey(), text, entry.getValue().content().size(), details);
                    } else {
                        escapeInPieces(text, details);
                    }
                    details.write('"');
                }
            }
        }
        json.writeEndObject();
    }

    /**
     * Writes a UTF-8 text as {@link #write} writes a decoded one, from its bytes: escaped without decoding them
     * (to the same bytes), whole when it is small and in memory, else streamed. Empty, it is left out.
     */
    private void writeUtf8(String key, Attachment attachment, Shown shown) throws IOException {
        long size = attachment.content().size();
        if (size == 0) {
            return; // the only UTF-8 that decodes to no characters
        }
        Utf8JsonEscaper.Bytes bytes = out -> attachment.content().writeTo(out, readBuffer());
        if (attachment.smallInMemory()) {
            utf8.escapeText(bytes);
            writeKey(key);
            json.writeRawUTF8String(utf8.bytes(), 0, utf8.length());
            if (shown != null) {
                shown.whole(key, utf8.chars(), utf8.bytes(), 0, utf8.length());
            }
            utf8.release();
            return;
        }
        writeKey(key);
        OutputStream details = Json.valueBeneath(json, "\""); // the string, escaped as it comes
        if (shown != null) {
            shown.streamedUtf8(key, bytes, size, details);
        } else {
            utf8.escapeText(bytes, details);
        }
        details.write('"');
    }

    /** Escapes UTF-8 texts for this file (and the report) from their bytes. */
    private final Utf8JsonEscaper utf8 = new Utf8JsonEscaper();

    /** Where a spilled attachment is read into, a buffer at a time. */
    private byte[] readBuffer;

    private byte[] readBuffer() {
        if (readBuffer == null) {
            readBuffer = new byte[1 << 16];
        }
        return readBuffer;
    }

    /** Escapes texts for this file (and the report): one for the details thread. */
    private final JsonEscaper escaper = new JsonEscaper(Json.FACTORY);

    /** Characters escaped at a time when a large text is streamed here alone. */
    private static final int PIECE = 1 << 16;
    private char[] piece;

    /**
     * Writes {@code text} escaped to {@code to}, a piece at a time (each character is escaped on its own, a
     * surrogate too: where the pieces end does not matter).
     */
    private void escapeInPieces(Reader text, OutputStream to) throws IOException {
        if (piece == null) {
            piece = new char[PIECE];
        }
        int n;
        while ((n = text.read(piece)) >= 0) {
            escaper.escape(piece, 0, n);
            escaper.writeTo(to);
        }
        escaper.release();
    }

    @Override
    public void close() throws IOException {
        json.writeEndObject();
        json.close();
        long end = file.written();
        file.close();
        if (!superseded.isEmpty()) {
            dropSuperseded(end);
        }
    }

    /** Rewrites the file without the members a later record of the same name replaced. */
    private void dropSuperseded(long total) throws IOException {
        OutputFile out = OutputFile.create(file.path().getParent(), file.path().getFileName() + ".compacting",
                file.gzip());
        try (InputStream in = file.openForReading(); out) {
            OutputStream target = out.stream();
            byte[] buffer = new byte[OutputFile.BUFFER];
            in.skipNBytes(1);
            target.write('{');
            long position = 1;
            boolean first = true;
            for (int i = 0; i < members; i++) {
                long end = i + 1 < members ? memberStarts[i + 1] : total - 1;
                if (superseded.get(i)) {
                    in.skipNBytes(end - position);
                } else {
                    if (first && i > 0) {
                        in.skipNBytes(1); // the comma that followed a dropped member
                        position++;
                    }
                    first = false;
                    copy(in, target, end - position, buffer);
                }
                position = end;
            }
            target.write('}');
        }
        Files.move(out.path(), file.path(), StandardCopyOption.REPLACE_EXISTING);
    }

    private static void copy(InputStream in, OutputStream out, long length, byte[] buffer) throws IOException {
        while (length > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, length));
            if (n < 0) {
                throw new IOException("details file ended early while dropping replaced members");
            }
            out.write(buffer, 0, n);
            length -= n;
        }
    }
}
