package io.github.stackviz.export;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Times as the reference writes them: python-subunit keeps microseconds (nanoseconds rounded half to
 * even), durations are differences of microsecond values, and {@code datetime.isoformat()} prints six
 * fraction digits, or none when the microseconds are 0.
 */
public final class PythonTime {
    /** Stands for a missing time in microsecond fields. */
    public static final long NONE = Long.MIN_VALUE;

    private PythonTime() {
    }

    /** Microseconds since the epoch, nanoseconds rounded half to even; {@link #NONE} for {@code null}. */
    public static long micros(Instant instant) {
        if (instant == null) {
            return NONE;
        }
        long micros = instant.getNano() / 1000;
        int rest = instant.getNano() % 1000;
        if (rest > 500 || (rest == 500 && (micros & 1) == 1)) {
            micros++;
        }
        return instant.getEpochSecond() * 1_000_000L + micros;
    }

    /** Seconds between two microsecond times, as {@code timedelta.total_seconds()} gives them. */
    public static double seconds(long startMicros, long endMicros) {
        return (endMicros - startMicros) / 1e6;
    }

    /** {@code datetime.isoformat()} of a UTC time: {@code 2018-09-28T02:46:35.626800+00:00}. */
    public static String isoformat(long micros) {
        char[] out = new char[ISO_LENGTH];
        return new String(out, 0, isoformat(micros, out));
    }

    /** Room for any {@link #isoformat}, years of ten digits and a sign included. */
    static final int ISO_LENGTH = 40;

    /**
     * Writes {@link #isoformat(long)} into {@code out}, which holds at least {@link #ISO_LENGTH} chars,
     * and returns its length; digit by digit, as this runs twice for every record.
     */
    static int isoformat(long micros, char[] out) {
        long seconds = Math.floorDiv(micros, 1_000_000L);
        int fraction = (int) Math.floorMod(micros, 1_000_000L);
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400L));
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            return wideYear(micros, out);
        }
        int n = digits(out, 0, year, 4);
        out[n++] = '-';
        n = digits(out, n, date.getMonthValue(), 2);
        out[n++] = '-';
        n = digits(out, n, date.getDayOfMonth(), 2);
        out[n++] = 'T';
        n = digits(out, n, secondOfDay / 3600, 2);
        out[n++] = ':';
        n = digits(out, n, secondOfDay / 60 % 60, 2);
        out[n++] = ':';
        n = digits(out, n, secondOfDay % 60, 2);
        // the fraction is always written and kept only when not zero, as Python writes it: a branch taken one
        // way for a million records and then the other made C2 throw away and recompile the record writer
        out[n] = '.';
        digits(out, n + 1, fraction, 6);
        n += 7 * (int) (-(long) fraction >>> 63); // 7 when the fraction is above zero, else 0
        "+00:00".getChars(0, 6, out, n);
        return n + 6;
    }

    private static int digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }

    /** Years Python cannot hold, written in full (they only come from corrupt input). */
    private static int wideYear(long micros, char[] out) {
        long seconds = Math.floorDiv(micros, 1_000_000L);
        int fraction = (int) Math.floorMod(micros, 1_000_000L);
        LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        String text = String.format(Locale.ROOT, "%04d-%02d-%02dT%02d:%02d:%02d%s+00:00", t.getYear(), t.getMonthValue(),
                t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(),
                fraction == 0 ? "" : String.format(Locale.ROOT, ".%06d", fraction));
        text.getChars(0, text.length(), out, 0);
        return text.length();
    }
}
