package io.github.stackviz.viewer;

import io.github.stackviz.util.IsoInstant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Parses the contract's timestamps ({@code 2018-09-28T02:46:35.626800+00:00}) to epoch microseconds. */
final class IsoTime {

    /** Returned for a value that is not a timestamp. */
    static final long NONE = Long.MIN_VALUE;

    private IsoTime() {
    }

    /** Epoch microseconds of {@code s}, or {@link #NONE}. Fast path for Python's isoformat, java.time else. */
    static long parseMicros(String s) {
        if (s == null) {
            return NONE;
        }
        long fast = fast(s);
        if (fast != NONE) {
            return fast;
        }
        try {
            OffsetDateTime t = OffsetDateTime.parse(s);
            return Math.addExact(Math.multiplyExact(t.toEpochSecond(), 1_000_000L), t.getNano() / 1000);
        } catch (DateTimeParseException | ArithmeticException e) {
            // try without an offset below
        }
        try {
            LocalDateTime t = LocalDateTime.parse(s);
            return Math.addExact(Math.multiplyExact(t.toEpochSecond(ZoneOffset.UTC), 1_000_000L), t.getNano() / 1000);
        } catch (DateTimeParseException | ArithmeticException e) {
            return NONE;
        }
    }

    /** The fast path: {@code YYYY-MM-DDTHH:MM:SS[.f{1,9}](Z|[+-]HH:MM)}; {@link #NONE} for anything else. */
    private static long fast(String s) {
        long nanos = IsoInstant.epochNanos(s);
        return nanos == IsoInstant.NONE ? NONE : Math.floorDiv(nanos, 1000L);
    }
}
