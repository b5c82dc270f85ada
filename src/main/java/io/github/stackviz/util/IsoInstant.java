package io.github.stackviz.util;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Reads the ISO-8601 instants that test reports and the export's own files carry,
 * {@code YYYY-MM-DDTHH:MM:SS}, an optional fraction of 1 to 9 digits, and {@code Z} or {@code ±HH:MM}
 * ({@code 2026-12-03T07:28:32.721Z}, {@code 2018-09-28T02:46:35.626800+00:00}), without java.time's general
 * parser (a tenth of a report reader's time went there) and without making an object.
 */
public final class IsoInstant {
    /** What {@link #epochNanos} returns for any other form; java.time's parser then has its say. */
    public static final long NONE = Long.MIN_VALUE;

    private IsoInstant() {
    }

    /**
     * Nanoseconds since the epoch of {@code s}, or {@link #NONE} when it has another form, names no real date or
     * time, or lies outside the years 1678 to 2261 (what a long holds in nanoseconds).
     */
    public static long epochNanos(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return NONE;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 1678 || year > 2261 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || hour > 23
                || minute > 59 || second > 59) {
            return NONE;
        }
        int i = 19;
        long nanos = 0;
        if (i < n && s.charAt(i) == '.') {
            i++;
            int start = i;
            long scale = 100_000_000;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                nanos += (s.charAt(i) - '0') * scale;
                scale /= 10;
                i++;
            }
            if (i == start || i - start > 9) {
                return NONE;
            }
        }
        int offsetSeconds;
        if (i == n - 1 && s.charAt(i) == 'Z') {
            offsetSeconds = 0;
        } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
            int oh = digits(s, i + 1, 2);
            int om = digits(s, i + 4, 2);
            if (oh < 0 || om < 0 || oh > 18 || om > 59) {
                return NONE;
            }
            offsetSeconds = (oh * 3600 + om * 60) * (s.charAt(i) == '-' ? -1 : 1);
        } else {
            return NONE;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return NONE;
        }
        long seconds = epochDay * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
        return seconds * 1_000_000_000L + nanos;
    }

    /** The decimal number of {@code count} characters at {@code from}, or -1 when one is no digit. */
    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
