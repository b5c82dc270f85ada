package io.github.stackviz.reports;

import io.github.stackviz.results.AttachmentBuffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Appends text, piece by piece as the XML parser hands it, to an attachment as UTF-8 (the JDK's encoder),
 * without ever holding more than one piece: a surrogate pair split between two pieces is joined, a lone
 * surrogate becomes U+FFFD. One per reader; not thread-safe.
 */
final class Utf8Writer {
    private static final byte[] REPLACEMENT = {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD};

    private final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)
            .replaceWith(REPLACEMENT);
    private final ByteBuffer bytes = ByteBuffer.allocate(32768);
    /** A high surrogate that ended the last piece and its partner, the next piece's first character. */
    private final CharBuffer pair = CharBuffer.allocate(2);
    private AttachmentBuffer target;
    /** Whether {@link #pair} holds a high surrogate that ended the last piece. */
    private boolean pending;
    /** Characters appended since {@link #begin}. */
    private long written;
    private char last;

    /** Starts writing into {@code buffer}. */
    void begin(AttachmentBuffer buffer) {
        target = buffer;
        pending = false;
        written = 0;
        last = 0;
        bytes.clear();
        encoder.reset();
    }

    /** Characters appended since {@link #begin}. */
    long written() {
        return written;
    }

    /** Whether the last character appended was a line feed. */
    boolean endsWithNewline() {
        return last == '\n';
    }

    void append(String text) throws IOException {
        append(text.toCharArray(), 0, text.length());
    }

    void append(char[] chars, int offset, int length) throws IOException {
        if (length == 0) {
            return;
        }
        written += length;
        last = chars[offset + length - 1];
        int from = offset;
        int end = offset + length;
        while (pending && from < end) { // the high surrogate the last piece ended in, with this one's first character
            pending = false;
            pair.put(chars[from++]).flip();
            encode(pair, false);
            char left = pair.hasRemaining() ? pair.get() : 0; // a second high surrogate: its partner comes next
            pair.clear();
            if (left != 0) {
                pair.put(left);
                pending = true;
            }
        }
        CharBuffer in = CharBuffer.wrap(chars, from, end - from);
        encode(in, false);
        if (in.hasRemaining()) { // a high surrogate ends the piece: its partner starts the next
            pair.put(in.get());
            pending = true;
        }
    }

    private void encode(CharBuffer in, boolean endOfInput) throws IOException {
        while (encoder.encode(in, bytes, endOfInput) == CoderResult.OVERFLOW) {
            flush();
        }
    }

    private void flush() throws IOException {
        bytes.flip();
        target.append(bytes);
        bytes.clear();
    }

    /** Writes what is left (a lone high surrogate at the end as U+FFFD) and ends the attachment. */
    void end() throws IOException {
        pair.flip();
        encode(pair, true);
        pair.clear();
        pending = false;
        while (encoder.flush(bytes) == CoderResult.OVERFLOW) {
            flush();
        }
        flush();
        target = null;
    }
}
