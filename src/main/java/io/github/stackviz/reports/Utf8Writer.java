package io.github.stackviz.reports;

import io.github.stackviz.results.AttachmentBuffer;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Appends text, piece by piece as the XML parser hands it, to an attachment as UTF-8, without ever holding
 * more than one piece: a surrogate pair split between two pieces is joined, a lone surrogate becomes
 * U+FFFD (as the JDK's UTF-8 encoder would replace it). One per reader; not thread-safe.
 */
final class Utf8Writer {
    private final ByteBuffer bytes = ByteBuffer.allocate(32768);
    private AttachmentBuffer target;
    /** A high surrogate that ended the last piece, waiting for its partner; 0 for none. */
    private char pending;
    /** Characters appended since {@link #begin}. */
    private long written;
    private char last;

    /** Starts writing into {@code buffer}. */
    void begin(AttachmentBuffer buffer) {
        target = buffer;
        pending = 0;
        written = 0;
        last = 0;
        bytes.clear();
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
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (bytes.remaining() < 4) {
                flush();
            }
            char c = chars[i];
            if (pending != 0) {
                char high = pending;
                pending = 0;
                if (Character.isLowSurrogate(c)) {
                    put(Character.toCodePoint(high, c));
                    continue;
                }
                put(0xFFFD);
            }
            if (c < 0x80) {
                bytes.put((byte) c);
            } else if (Character.isHighSurrogate(c)) {
                pending = c;
            } else if (Character.isLowSurrogate(c)) {
                put(0xFFFD);
            } else {
                put(c);
            }
        }
    }

    private void put(int codePoint) {
        if (codePoint < 0x80) {
            bytes.put((byte) codePoint);
        } else if (codePoint < 0x800) {
            bytes.put((byte) (0xC0 | codePoint >> 6)).put((byte) (0x80 | codePoint & 0x3F));
        } else if (codePoint < 0x10000) {
            bytes.put((byte) (0xE0 | codePoint >> 12)).put((byte) (0x80 | codePoint >> 6 & 0x3F))
                    .put((byte) (0x80 | codePoint & 0x3F));
        } else {
            bytes.put((byte) (0xF0 | codePoint >> 18)).put((byte) (0x80 | codePoint >> 12 & 0x3F))
                    .put((byte) (0x80 | codePoint >> 6 & 0x3F)).put((byte) (0x80 | codePoint & 0x3F));
        }
    }

    private void flush() throws IOException {
        bytes.flip();
        target.append(bytes);
        bytes.clear();
    }

    /** Writes what is left (a lone high surrogate at the end as U+FFFD) and ends the attachment. */
    void end() throws IOException {
        if (bytes.remaining() < 4) {
            flush();
        }
        if (pending != 0) {
            put(0xFFFD);
            pending = 0;
        }
        flush();
        target = null;
    }
}
