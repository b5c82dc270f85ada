package io.github.stackviz.reports;

import java.io.IOException;
import java.io.Reader;

/**
 * Replaces what XML 1.0 does not allow, and the JDK's parser stops at, with U+FFFD before the parser sees
 * it: control characters other than tab, line feed and carriage return, U+FFFE and U+FFFF, lone surrogates,
 * and character references to any of them ({@code &#27;}, as tools write an ANSI escape). Everything else
 * passes unchanged; line numbers are kept (so are columns, but for a reference made one character).
 *
 * <p>One more thing is left out, for speed: the {@code <properties>} block a Surefire report starts its suite
 * with (the forked JVM's system properties, three quarters of a typical report's bytes, which no reader reads),
 * when the file starts as Surefire writes it: an XML declaration, then {@code <testsuite ...>} and
 * {@code <properties>}. Its line breaks stay, so the parser's line numbers after it are the file's.
 */
final class XmlCharFilter extends Reader {
    /** The longest character reference looked at: {@code &#x} and 8 digits, or {@code &#} and 10, and {@code ;}. */
    private static final int LONGEST_REFERENCE = 13;
    private static final char[] PROPERTIES_END = "</properties>".toCharArray();

    /** The size of the buffer a filter needs. */
    static final int BUFFER = 8192;

    private final Reader in;
    private final char[] buffer;
    /** Characters of {@link #buffer} not yet handed out: from {@code start} to {@code end}. */
    private int start;
    private int end;
    private boolean eof;
    private long replaced;
    /** Whether the next character is the low half of a pair whose high half a read of one character took. */
    private boolean lowHalf;
    /** Whether the start of the file has been looked at for a Surefire properties block. */
    private boolean looked;
    /** Inside the properties block being left out, of whose end {@link #endMatched} characters were just read. */
    private boolean skipping;
    private int endMatched;

    XmlCharFilter(Reader in) {
        this(in, new char[BUFFER]);
    }

    /** A filter that uses {@code buffer} ({@link #BUFFER} characters, its content ignored) as its own. */
    XmlCharFilter(Reader in, char[] buffer) {
        this.in = in;
        this.buffer = buffer;
    }

    /** Its buffer, for another filter once this one is closed. */
    char[] buffer() {
        return buffer;
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
                break;
            }
            int from = end;
            end += n;
            if (skipping) {
                end = dropProperties(from);
            }
            if (looked ? end - start >= LONGEST_REFERENCE : end == buffer.length) {
                break; // the first look wants a full buffer (or the whole file)
            }
        }
        if (!looked) {
            looked = true;
            int at = propertiesStart();
            if (at >= 0) {
                skipping = true;
                end = dropProperties(at);
            }
        }
    }

    /**
     * Leaves out the characters of the properties block from {@code from} to {@link #end}, but for line breaks,
     * up to and including its {@code </properties>}; the characters after it move up. Returns the new end.
     */
    private int dropProperties(int from) {
        char[] b = buffer;
        int limit = end;
        int matched = endMatched;
        int kept = from;
        int i = from;
        while (i < limit) {
            char c = b[i++];
            if (matched > 0) {
                if (c == PROPERTIES_END[matched]) {
                    if (++matched == PROPERTIES_END.length) {
                        skipping = false;
                        endMatched = 0;
                        System.arraycopy(b, i, b, kept, limit - i);
                        return kept + limit - i;
                    }
                    continue;
                }
                matched = 0;
            }
            if (c <= '<') { // the only characters that count ('<', line breaks) are at or below '<'
                if (c == '<') {
                    matched = 1;
                } else if (c == '\n' || c == '\r') {
                    b[kept++] = c;
                }
            }
        }
        endMatched = matched;
        return kept;
    }

    /**
     * Where a Surefire properties block starts in the buffer, the file's first characters: after an XML
     * declaration and a {@code <testsuite>} start tag (its attribute values may hold any character but
     * {@code <}), with only white space between them; -1 when the file does not start so.
     */
    private int propertiesStart() {
        int i = space(0);
        if (at(i, "<?xml")) {
            while (i + 1 < end && !(buffer[i] == '?' && buffer[i + 1] == '>')) {
                i++;
            }
            i = space(i + 2);
        }
        if (!at(i, "<testsuite") || i + 10 >= end || buffer[i + 10] != '>' && !space(buffer[i + 10])) {
            return -1;
        }
        char quote = 0;
        for (i += 10; i < end; i++) {
            char c = buffer[i];
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '>') {
                break;
            } else if (c == '<' || c == '/') {
                return -1; // broken, or an empty suite: the parser has its say
            }
        }
        i = space(i + 1);
        return at(i, "<properties>") ? i : -1;
    }

    private int space(int from) {
        int i = from;
        while (i < end && space(buffer[i])) {
            i++;
        }
        return i;
    }

    private static boolean space(char c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }

    private boolean at(int i, String text) {
        if (i + text.length() > end) {
            return false;
        }
        for (int k = 0; k < text.length(); k++) {
            if (buffer[i + k] != text.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
