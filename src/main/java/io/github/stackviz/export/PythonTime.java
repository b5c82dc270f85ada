package io.github.stackviz.export;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

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
        long seconds = Math.floorDiv(micros, 1_000_000L);
        int fraction = (int) Math.floorMod(micros, 1_000_000L);
        LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        StringBuilder out = new StringBuilder(32);
        pad(out, t.getYear(), 4).append('-');
        pad(out, t.getMonthValue(), 2).append('-');
        pad(out, t.getDayOfMonth(), 2).append('T');
        pad(out, t.getHour(), 2).append(':');
        pad(out, t.getMinute(), 2).append(':');
        pad(out, t.getSecond(), 2);
        if (fraction != 0) {
            pad(out.append('.'), fraction, 6);
        }
        return out.append("+00:00").toString();
    }

    private static StringBuilder pad(StringBuilder out, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        return out.append(digits);
    }
}
