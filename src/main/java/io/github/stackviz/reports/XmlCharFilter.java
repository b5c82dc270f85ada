package io.github.stackviz.reports;

import java.io.IOException;
import java.io.Reader;

/**
 * Replaces what XML 1.0 does not allow, and the JDK's parser stops at, with U+FFFD before the parser sees
 * it: control characters other than tab, line feed and carriage return, U+FFFE and U+FFFF, lone surrogates,
 * and character references to any of them ({@code &#27;}, as tools write an ANSI escape). Everything else
 * passes unchanged; line numbers are kept (so are columns, but for a reference made one character).
 */
final class XmlCharFilter extends Reader {
    /** The longest character reference looked at: {@code &#x} and 8 digits, or {@code &#} and 10, and {@code ;}. */
    private static final int LONGEST_REFERENCE = 13;

    private final Reader in;
    private final char[] buffer = new char[8192];
    /** Characters of {@link #buffer} not yet handed out: from {@code start} to {@code end}. */
    private int start;
    private int end;
    private boolean eof;
    private long replaced;
    /** Whether the next character is the low half of a pair whose high half a read of one character took. */
    private boolean lowHalf;

    XmlCharFilter(Reader in) {
        this.in = in;
    }

    /** How many characters (or references) were replaced so far. */
    long replaced() {
        return replaced;
    }

    @Override
    public int read(char[] out, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (end - start < LONGEST_REFERENCE && !eof) {
            fill();
        }
        if (start == end) {
            return -1;
        }
        int n = 0;
        if (lowHalf) {
            lowHalf = false;
            out[off + n++] = buffer[start++];
        }
        while (n < len && start < end) {
            // the common case first: a run of characters that need no look (no control character, no '&', no
            // surrogate, nothing from U+D800 on), copied at once
            int limit = Math.min(end, start + len - n);
            int plain = start;
            while (plain < limit) {
                char c = buffer[plain];
                if (c < 0x20 || c == '&' || c >= 0xD800) {
                    break;
                }
                plain++;
            }
            if (plain > start) {
                System.arraycopy(buffer, start, out, off + n, plain - start);
                n += plain - start;
                start = plain;
                continue;
            }
            char c = buffer[start];
            if (c >= 0x20 && c < 0xD800 || c == '\n' || c == '\t' || c == '\r') {
                if (c == '&' && start + 1 < end && buffer[start + 1] == '#') {
                    if (end - start < LONGEST_REFERENCE && !eof && n > 0) {
                        break; // the reference may go on past the buffer: look at it on the next call
                    }
                    int length = invalidReference();
                    if (length > 0) {
                        out[off + n++] = '\uFFFD';
                        start += length;
                        replaced++;
                        continue;
                    }
                }
                out[off + n++] = c;
                start++;
            } else if (Character.isHighSurrogate(c)) {
                if (start + 1 == end && !eof) {
                    if (n > 0) {
                        break; // its partner is in the next read
                    }
                    fill();
                    continue;
                }
                if (start + 1 < end && Character.isLowSurrogate(buffer[start + 1])) {
                    if (n + 2 > len) {
                        if (n == 0) {
                            out[off + n++] = c; // a read of one character: the low half comes next
                            start++;
                            lowHalf = true;
                        }
                        break;
                    }
                    out[off + n++] = c;
                    out[off + n++] = buffer[start + 1];
                    start += 2;
                } else {
                    out[off + n++] = '\uFFFD';
                    start++;
                    replaced++;
                }
            } else if (c >= 0xE000 && c < 0xFFFE) {
                out[off + n++] = c;
                start++;
            } else {
                out[off + n++] = '\uFFFD'; // a control character, a lone low surrogate, U+FFFE or U+FFFF
                start++;
                replaced++;
            }
        }
        return n;
    }

    /**
     * The length of the character reference at {@code start} when it is well formed but names a character
     * XML does not allow; 0 otherwise (the parser reports what is malformed).
     */
    private int invalidReference() {
        int i = start + 2;
        int radix = 10;
        if (i < end && (buffer[i] == 'x')) {
            radix = 16;
            i++;
        }
        int digitsFrom = i;
        long value = 0;
        while (i < end && i - start < LONGEST_REFERENCE && Character.digit(buffer[i], radix) >= 0) {
            value = value * radix + Character.digit(buffer[i], radix);
            i++;
        }
        if (i == digitsFrom || i >= end || buffer[i] != ';') {
            return 0;
        }
        boolean allowed = value == 0x9 || value == 0xA || value == 0xD || value >= 0x20 && value <= 0xD7FF
                || value >= 0xE000 && value <= 0xFFFD || value >= 0x10000 && value <= 0x10FFFF;
        return allowed ? 0 : i + 1 - start;
    }

    private void fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        while (end < buffer.length) {
            int n = in.read(buffer, end, buffer.length - end);
            if (n < 0) {
                eof = true;
                return;
            }
            end += n;
            if (end - start >= LONGEST_REFERENCE) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
