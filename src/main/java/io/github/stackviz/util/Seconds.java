package io.github.stackviz.util;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * Writes a number of seconds exactly as Jackson's fast double writer does ({@code writeNumber(double)} with
 * {@code USE_FAST_DOUBLE_WRITER}), but without its shortest-digits search when the value is a whole number
 * of microseconds, as every duration of a subunit stream is: up to four of them a record made that search
 * about 5 % of a large export's CPU samples, and C2 compiled a copy of it into every writer.
 *
 * <p>Why the digits can be had directly: let {@code v} be the double nearest to {@code k / 10^6} for an
 * integer {@code 0 < k < 10^15}. The shortest decimal that reads back as {@code v} is {@code k / 10^6}
 * itself: it reads back as {@code v} by definition, and any other decimal with no more significant digits
 * is at least one unit of its last digit away, more than {@code 10^-15} of it relatively, where half a
 * double's spacing is below {@code 1.2 * 10^-16}. So the digits are {@code k}'s, without its trailing zeros.
 * Any other value goes to Jackson. {@code SecondsTest} compares both on millions of values.
 *
 * <p>Not thread-safe: each writing thread keeps its own, with the buffer the digits are put together in.
 */
public final class Seconds {
    /** Below it (in microseconds) a value has at most 15 significant digits; see the class comment. */
    private static final long EXACT_BELOW = 1_000_000_000_000_000L;

    /** Longest text written here: sign, 15 digits, point, {@code E-6}. */
    private static final int MAX_LENGTH = 24;

    /** Where the digits are put together: one writer per thread, rather than an array per number. */
    private final char[] text = new char[MAX_LENGTH];

    /** Writes {@code seconds} as {@code json.writeNumber(seconds)} would, byte for byte. */
    public void writeNumber(JsonGenerator json, double seconds) throws IOException {
        long micros = Math.round(seconds * 1e6);
        if (micros <= -EXACT_BELOW || micros >= EXACT_BELOW
                || Double.doubleToRawLongBits(micros / 1e6) != Double.doubleToRawLongBits(seconds)) {
            json.writeNumber(seconds); // not whole microseconds (or -0.0): Jackson's own search
            return;
        }
        json.writeNumber(text, 0, format(micros, text)); // Jackson copies the chars before it returns
    }

    /**
     * Writes the whole number {@code value} as {@code json.writeNumber(value)} would, byte for byte, from its
     * digits: Jackson's writer goes through a branch per size (below a thousand, a million, a billion,
     * 2^31), and a size first met late in a run (the report's times pass 10^9 microseconds after 17
     * minutes) made C2 throw away and recompile the report's row writer.
     */
    public void writeWhole(JsonGenerator json, long value) throws IOException {
        if (value == Long.MIN_VALUE) {
            json.writeNumber(value); // its magnitude is no long
            return;
        }
        int at = 0;
        if (value < 0) {
            text[at++] = '-';
            value = -value;
        }
        json.writeNumber(text, 0, digits(value, text, at));
    }

    /**
     * Java's {@code Double.toString} layout (Jackson's fast writer keeps it) of {@code micros / 10^6}, for
     * {@code |micros| < 10^15}: plain from 10^-3 to below 10^7 ({@code 0.012345}, {@code 1.0}), else
     * {@code d.dddE±n} ({@code 5.0E-4}, {@code 1.2345E7}). Returns the length written.
     */
    static int format(long micros, char[] out) {
        int at = 0;
        if (micros < 0) {
            out[at++] = '-';
            micros = -micros;
        }
        if (micros == 0) {
            out[at++] = '0';
            out[at++] = '.';
            out[at++] = '0';
            return at;
        }
        if (micros >= 1_000 && micros < 10_000_000_000_000L) {
            at = digits(micros / 1_000_000, out, at);
            out[at++] = '.';
            long fraction = micros % 1_000_000;
            if (fraction == 0) {
                out[at++] = '0';
                return at;
            }
            int places = 6;
            while (fraction % 10 == 0) {
                fraction /= 10;
                places--;
            }
            for (int i = places - 1; i >= 0; i--) { // leading zeros of the fraction included
                out[at + i] = (char) ('0' + fraction % 10);
                fraction /= 10;
            }
            return at + places;
        }
        int exponent = digitCount(micros) - 7;
        long significant = micros;
        while (significant % 10 == 0) {
            significant /= 10;
        }
        int first = at;
        at = digits(significant, out, at + 1); // leave room for the point after the first digit
        out[first] = out[first + 1];
        out[first + 1] = '.';
        if (at == first + 2) { // a single digit: Java writes d.0
            out[at++] = '0';
        }
        out[at++] = 'E';
        if (exponent < 0) {
            out[at++] = '-';
            exponent = -exponent;
        }
        return digits(exponent, out, at);
    }

    /** Writes the decimal digits of {@code value >= 0} at {@code at}; returns the position after them. */
    private static int digits(long value, char[] out, int at) {
        int end = at + digitCount(value);
        int i = end;
        do { // ends on the value, not on a counter: C2 then speculates no bound that a late value could break
            out[--i] = (char) ('0' + value % 10);
            value /= 10;
        } while (value != 0);
        return end;
    }

    private static int digitCount(long value) {
        int count = 1;
        while (value >= 10) {
            value /= 10;
            count++;
        }
        return count;
    }
}
