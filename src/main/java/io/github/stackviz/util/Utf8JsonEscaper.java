package io.github.stackviz.util;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Escapes UTF-8 bytes as the content of a JSON string, without decoding them: runs of bytes that need no
 * escape are copied as they are. The result is byte for byte what {@link JsonEscaper} gives for the text the
 * JDK's UTF-8 decoder makes of the bytes with {@code CodingErrorAction.REPLACE}, as Jackson's generator
 * escapes it: {@code "} and {@code \} and the control characters below U+0020 escaped ({@code \b \t \n \f \r},
 * the others {@code \}{@code u00XX} with upper-case digits), a character beyond U+FFFF as its two surrogates
 * ({@code \}{@code uD83D\}{@code uDE00}), everything else as its UTF-8.
 *
 * <p>Invalid input becomes U+FFFD exactly where and as often as that decoder puts it (the JDK's policy, not
 * the Unicode standard's maximal subparts): a byte that cannot start a sequence, or a sequence cut short by a
 * byte that cannot continue it, is one U+FFFD for the bytes read so far ({@code E2 82 41}: U+FFFD, {@code A});
 * an overlong form ({@code C0 80}, {@code E0 80 80}, {@code F0 80 80 80}) one for its first byte and one
 * for each continuation byte after it; an encoded surrogate ({@code ED A0 80}) a single U+FFFD for its three
 * bytes; a sequence cut by the end of the text one U+FFFD. {@code Utf8JsonEscaperTest} checks this against
 * the decoder on real attachments and on random bytes.
 *
 * <p>Text comes in pieces ({@link #escape}), a sequence may be cut between two of them, and the result
 * accumulates in a reused array ({@link #bytes()}, {@link #length()}) until {@link #reset()}; {@link #chars()}
 * counts the characters it holds as Java (and JavaScript) count them, UTF-16 units. A call can be told to stop
 * after a number of characters, so that a text can be cut into parts of so many characters as the decoded
 * text would be. Not thread-safe: one per writing thread.
 */
public final class Utf8JsonEscaper {
    /** The array is kept up to this size; a larger one is let go by {@link #release()}. */
    private static final int KEEP = 1 << 19;

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte REPLACEMENT_1 = (byte) 0xEF;
    private static final byte REPLACEMENT_2 = (byte) 0xBF;
    private static final byte REPLACEMENT_3 = (byte) 0xBD;

    private byte[] out = new byte[4096];
    private int length;
    private int chars;

    /** The start of a sequence the last piece ended in (at most 3 bytes), completed by the next. */
    private final byte[] carry = new byte[8];
    private int carried;
    /** The second surrogate of a character whose first one ended the last call, or -1. */
    private int pendingLow = -1;

    /** The array holding the escaped bytes, from index 0. */
    public byte[] bytes() {
        return out;
    }

    /** How many escaped bytes there are since the last {@link #reset()}. */
    public int length() {
        return length;
    }

    /** How many characters (UTF-16 units) they stand for. */
    public int chars() {
        return chars;
    }

    /** Writes the escaped bytes to {@code to}. */
    public void writeTo(OutputStream to) throws IOException {
        to.write(out, 0, length);
    }

    /** Empties the result; a sequence cut at the end of the last piece stays, to be completed by the next. */
    public void reset() {
        length = 0;
        chars = 0;
    }

    /** Starts a new text: empties the result and forgets any cut sequence. */
    public void startText() {
        reset();
        carried = 0;
        pendingLow = -1;
    }

    /** Lets go of an array grown past {@link #KEEP} once its text is written, so memory stays bounded. */
    public void release() {
        if (out.length > KEEP) {
            out = new byte[KEEP];
            length = 0;
            chars = 0;
        }
    }

    /** A text's bytes, handed to a stream in as many writes as their source likes (an attachment's blocks). */
    @FunctionalInterface
    public interface Bytes {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Escapes a whole text given in pieces: {@link #startText()}, {@link #escape} of each piece as it is written
     * to the stream {@code text} is handed, {@link #finish}. The result holds the whole text escaped.
     */
    public void escapeText(Bytes text) throws IOException {
        startText();
        text.writeTo(appending);
        finish(Integer.MAX_VALUE);
    }

    /**
     * Escapes a text given in pieces to {@code to}, each piece as it comes; the result is left empty. For a
     * large text: the escaped bytes of one piece are held at a time.
     */
    public void escapeText(Bytes text, OutputStream to) throws IOException {
        startText();
        forwardTo = to;
        try {
            text.writeTo(forwarding);
        } finally {
            forwardTo = null;
        }
        finish(Integer.MAX_VALUE);
        writeTo(to);
        reset();
        release();
    }

    /** Escapes what is written to it into the result. */
    private final OutputStream appending = new OutputStream() {
        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            escape(b, off, off + len, Integer.MAX_VALUE, false);
        }
    };

    private OutputStream forwardTo;

    /** Escapes what is written to it and writes the result to {@link #forwardTo}. */
    private final OutputStream forwarding = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            escape(b, off, off + len, Integer.MAX_VALUE, false);
            forwardTo.write(out, 0, length);
            reset();
        }
    };

    /** Escapes a whole text: {@link #startText()}, {@link #escape}, {@link #finish}. */
    public void escapeText(byte[] in, int offset, int length) {
        startText();
        escape(in, offset, offset + length, Integer.MAX_VALUE, false);
        finish(Integer.MAX_VALUE);
    }

    /**
     * Escapes {@code in[from, to)}, the next piece of the text, adding to the result, until the piece is used
     * up or {@code maxChars} characters were added. A character beyond U+FFFF counts two; when only one is
     * left it is not escaped (the call returns before it), unless {@code splitPair}: then its first surrogate
     * is, and the next call starts with the second.
     *
     * @return where the call stopped: {@code to} when the piece was used up (a sequence it ends in is kept
     *     for the next piece), else the start of the first character not escaped
     */
    public int escape(byte[] in, int from, int to, int maxChars, boolean splitPair) {
        int start = chars;
        int p = from;
        if (!writePendingLow(maxChars)) {
            return p;
        }
        if (carried > 0) {
            if (p >= to || chars - start >= maxChars) {
                return p;
            }
            p = completeCarried(in, p, to, maxChars - (chars - start), splitPair);
            if (p < 0) {
                return p == STILL_CUT ? to : from;
            }
        }
        int spent;
        while (p < to && (spent = chars - start) < maxChars) {
            // a run of bytes that need no escape, each one character: copied 8 at a time as they are checked
            int runEnd = (int) Math.min(to, (long) p + (maxChars - spent));
            ensure(runEnd - p);
            int q = copyPlain(in, p, runEnd, out, length);
            int w = length + (q - p);
            chars += q - p;
            length = w;
            p = q;
            if (p == runEnd) {
                continue;
            }
            int b = in[p];
            if (b >= 0) { // '"', '\\' or a control character
                ensure(6);
                writeAsciiEscape(b);
                chars++;
                p++;
                continue;
            }
            int next = sequence(in, p, to, maxChars - (chars - start), splitPair);
            if (next < 0) {
                return p; // a pair with one character of room
            }
            if (cutNow) { // the piece ends within the sequence: kept for the next
                cutNow = false;
                System.arraycopy(in, p, carry, 0, to - p);
                carried = to - p;
                return to;
            }
            p = next;
        }
        return p;
    }

    /** {@link #completeCarried}: the piece ended before the carried sequence did. */
    private static final int STILL_CUT = -2;
    /** {@link #completeCarried}: the carried sequence is a pair, with one character of room and no split. */
    private static final int NO_ROOM = -1;
    /** Set by {@link #sequence} when the piece ended within the sequence. */
    private boolean cutNow;

    /**
     * Completes the sequence cut at the end of the last piece with the first bytes of {@code in[from, to)}
     * (not empty).
     *
     * @return where the piece goes on after it, {@link #STILL_CUT} or {@link #NO_ROOM}
     */
    private int completeCarried(byte[] in, int from, int to, int budget, boolean splitPair) {
        int have = carried;
        int take = Math.min(4 - have, to - from);
        System.arraycopy(in, from, carry, have, take);
        int next = sequence(carry, 0, have + take, budget, splitPair);
        if (next < 0) {
            return NO_ROOM; // the carry is as it was: its first bytes, "carried" of them
        }
        if (cutNow) {
            cutNow = false;
            carried = have + take;
            return STILL_CUT;
        }
        if (next < have) {
            // cannot happen: a carried sequence is one whose first bytes may go on, and the decoder's
            // malformed length for such a start is never shorter than the start
            throw new IllegalStateException("bad length " + next + " of a carried sequence of " + have);
        }
        carried = 0;
        return from + (next - have);
    }

    /**
     * Ends the text: a sequence cut by its end becomes one U+FFFD, written when {@code maxChars} allows (a
     * pending second surrogate first).
     *
     * @return whether everything was written (else call again with more room)
     */
    public boolean finish(int maxChars) {
        int before = chars;
        if (!writePendingLow(maxChars)) {
            return false;
        }
        int budget = maxChars - (chars - before);
        if (carried > 0) {
            if (budget == 0) {
                return false;
            }
            replacement();
            carried = 0;
        }
        return true;
    }

    /** Writes the second half of a pair split by the last call, if one waits: false when there is no room. */
    private boolean writePendingLow(int budget) {
        if (pendingLow >= 0) {
            if (budget == 0) {
                return false;
            }
            writeUnicodeEscape(pendingLow);
            chars++;
            pendingLow = -1;
        }
        return true;
    }

    /** Whether a sequence cut at the end of the last piece, or half a pair, waits for the next call. */
    public boolean pending() {
        return carried > 0 || pendingLow >= 0;
    }

    /**
     * Escapes the sequence starting with the non-ASCII byte {@code in[p]}, or the U+FFFD of its bad bytes.
     *
     * @return where the next character starts; {@code to}, with {@link #cutNow} set, when the piece ended
     *     within the sequence; or -1 when it is a pair with one character of room and no split
     */
    private int sequence(byte[] in, int p, int to, int budget, boolean splitPair) {
        int b1 = in[p] & 0xFF;
        int left = to - p;
        if (b1 >= 0xC2 && b1 <= 0xDF) {
            if (left < 2) {
                return cut(to);
            }
            if (!continuation(in[p + 1])) {
                return bad(p, 1);
            }
            copy(in, p, 2);
            return p + 2;
        }
        if (b1 >= 0xE0 && b1 <= 0xEF) {
            if (left < 3) {
                if (left > 1 && malformed3of2(b1, in[p + 1] & 0xFF)) {
                    return bad(p, 1);
                }
                return cut(to);
            }
            int b2 = in[p + 1] & 0xFF;
            int b3 = in[p + 2] & 0xFF;
            if (malformed3of2(b1, b2)) {
                return bad(p, 1);
            }
            if (!continuation((byte) b3)) {
                return bad(p, 2);
            }
            if (b1 == 0xED && b2 >= 0xA0) { // a surrogate's code: malformed as a whole
                return bad(p, 3);
            }
            copy(in, p, 3);
            return p + 3;
        }
        if (b1 >= 0xF0 && b1 <= 0xF7) {
            if (left < 4) {
                if (b1 > 0xF4 || left > 1 && malformed4of2(b1, in[p + 1] & 0xFF)) {
                    return bad(p, 1);
                }
                if (left > 2 && !continuation(in[p + 2])) {
                    return bad(p, 2);
                }
                return cut(to);
            }
            int b2 = in[p + 1] & 0xFF;
            if (b1 > 0xF4 || malformed4of2(b1, b2)) {
                return bad(p, 1);
            }
            if (!continuation(in[p + 2])) {
                return bad(p, 2);
            }
            if (!continuation(in[p + 3])) {
                return bad(p, 3);
            }
            if (budget < 2 && !splitPair) {
                return -1;
            }
            int cp = ((b1 & 0x07) << 18) | ((b2 & 0x3F) << 12) | ((in[p + 2] & 0x3F) << 6) | (in[p + 3] & 0x3F);
            ensure(12);
            writeUnicodeEscape(Character.highSurrogate(cp));
            chars++;
            if (budget < 2) {
                pendingLow = Character.lowSurrogate(cp);
            } else {
                writeUnicodeEscape(Character.lowSurrogate(cp));
                chars++;
            }
            return p + 4;
        }
        return bad(p, 1); // a continuation byte, C0, C1, F8 to FF
    }

    /** The piece ended within a sequence whose bytes so far may go on: keeps them for the next piece. */
    private int cut(int to) {
        cutNow = true;
        return to;
    }

    /** One U+FFFD for {@code n} bad bytes at {@code p}. */
    private int bad(int p, int n) {
        replacement();
        return p + n;
    }

    private void replacement() {
        ensure(3);
        out[length] = REPLACEMENT_1;
        out[length + 1] = REPLACEMENT_2;
        out[length + 2] = REPLACEMENT_3;
        length += 3;
        chars++;
    }

    /**
     * Copies {@code in[from, end)} to {@code out} at {@code at} up to the first byte that needs more than a copy
     * (checked and copied 8 at a time), and returns where that is ({@code end} when none does). {@code out}
     * must have room for {@code end - from} bytes (the 8-byte writes end at most there). Small and on its own, so the JIT compiles it early: a run
     * of the export is short, and most bytes of logs pass through here.
     */
    private static int copyPlain(byte[] in, int from, int end, byte[] out, int at) {
        int q = from;
        int w = at;
        while (q <= end - 8) {
            long v = (long) LONGS.get(in, q);
            LONGS.set(out, w, v);
            long special = special(v);
            if (special != 0) {
                return q + (Long.numberOfTrailingZeros(special) >>> 3);
            }
            q += 8;
            w += 8;
        }
        while (q < end) {
            byte b = in[q];
            if (b < 0x20 || b == '"' || b == '\\') {
                return q;
            }
            out[w++] = b;
            q++;
        }
        return q;
    }

    /** Reads and writes 8 bytes of an array at once, the first in the lowest bits. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * The high bit of each byte of {@code v} that needs more than a copy (below 0x20, {@code "}, {@code \},
     * or not ASCII); bits above the lowest may be set for bytes that do not, the lowest is exact (borrows only
     * run from a byte that is set to the ones above it).
     */
    private static long special(long v) {
        long quote = v ^ (0x22 * ONES);
        long backslash = v ^ (0x5C * ONES);
        return (v | ((v - 0x20 * ONES) & ~v) | ((quote - ONES) & ~quote) | ((backslash - ONES) & ~backslash))
                & HIGHS;
    }

    private static boolean continuation(byte b) {
        return (b & 0xC0) == 0x80;
    }

    /** The JDK's test of a three-byte sequence's second byte (an overlong E0, or no continuation). */
    private static boolean malformed3of2(int b1, int b2) {
        return (b1 == 0xE0 && (b2 & 0xE0) == 0x80) || (b2 & 0xC0) != 0x80;
    }

    /** The JDK's test of a four-byte sequence's second byte (overlong, past U+10FFFF, or no continuation). */
    private static boolean malformed4of2(int b1, int b2) {
        return (b1 == 0xF0 && (b2 < 0x90 || b2 > 0xBF)) || (b1 == 0xF4 && (b2 & 0xF0) != 0x80)
                || (b2 & 0xC0) != 0x80;
    }

    private void copy(byte[] in, int p, int n) {
        ensure(n);
        System.arraycopy(in, p, out, length, n);
        length += n;
        chars++;
    }

    private void writeAsciiEscape(int c) {
        byte[] o = out;
        int i = length;
        o[i++] = '\\';
        switch (c) {
            case '"', '\\' -> o[i++] = (byte) c;
            case '\b' -> o[i++] = 'b';
            case '\t' -> o[i++] = 't';
            case '\n' -> o[i++] = 'n';
            case '\f' -> o[i++] = 'f';
            case '\r' -> o[i++] = 'r';
            default -> {
                o[i++] = 'u';
                o[i++] = '0';
                o[i++] = '0';
                o[i++] = HEX[c >> 4];
                o[i++] = HEX[c & 0xF];
            }
        }
        length = i;
    }

    private void writeUnicodeEscape(int c) {
        ensure(6);
        byte[] o = out;
        int i = length;
        o[i] = '\\';
        o[i + 1] = 'u';
        o[i + 2] = HEX[(c >> 12) & 0xF];
        o[i + 3] = HEX[(c >> 8) & 0xF];
        o[i + 4] = HEX[(c >> 4) & 0xF];
        o[i + 5] = HEX[c & 0xF];
        length = i + 6;
    }

    /**
     * Makes room for {@code n} more bytes, doubling the array: its size stays a power of two, so the array a text
     * of up to 256 KB needs is kept ({@link #KEEP}). Grown to just the size asked, it ended a few bytes past
     * 512 KB and was let go after each text and made again for the next: on logs with a 32 MB heap, half a
     * gigabyte of arrays, each too large for the young generation's regions.
     */
    private void ensure(int n) {
        if (length + n > out.length) {
            int size = out.length;
            while (size < length + n) {
                size = size > Integer.MAX_VALUE / 2 ? Integer.MAX_VALUE - 8 : size * 2;
            }
            out = Arrays.copyOf(out, size);
        }
    }
}
