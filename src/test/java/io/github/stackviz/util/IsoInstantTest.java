package io.github.stackviz.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast reader gives what java.time's parser gives for every form it takes, and takes nothing else. */
class IsoInstantTest {

    private static long javaTime(String s) {
        Instant t = OffsetDateTime.parse(s).toInstant();
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    @Test
    void readsWhatSurefireJunitAndTheContractWriteAsJavaTimeDoes() {
        for (String s : List.of("2026-12-03T07:28:32.721Z", "2026-12-03T07:28:32Z", "2026-12-03T07:28:32.7Z",
                "2026-12-03T07:28:32.123456789Z", "2018-09-28T02:46:35.626800+00:00", "2018-09-28T02:46:35+05:30",
                "1969-12-31T23:59:59.999999-01:00", "2024-02-29T00:00:00Z", "1678-01-01T00:00:00+18:00",
                "2261-12-31T23:59:59.999999999-18:00")) {
            assertEquals(javaTime(s), IsoInstant.epochNanos(s), s);
        }
    }

    @Test
    void randomInstantsReadAsJavaTimeWritesThem() {
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            Instant t = Instant.ofEpochSecond(random.nextInt(Integer.MAX_VALUE) * (random.nextBoolean() ? 1L : -1L),
                    random.nextInt(1_000_000_000) / (int) Math.pow(10, random.nextInt(10)) * 1);
            String s = t.toString();
            assertEquals(t.getEpochSecond() * 1_000_000_000L + t.getNano(), IsoInstant.epochNanos(s), s);
        }
    }

    @Test
    void leavesEveryOtherFormToJavaTime() {
        for (String s : List.of("2026-12-03T07:28:32", "2026-12-03 07:28:32Z", "2026-12-03T07:28:32.Z",
                "2026-12-03T07:28:32.1234567890Z", "2026-02-30T07:28:32Z", "2026-12-03T24:00:00Z",
                "2026-12-03T07:60:00Z", "2026-12-03T07:28:60Z", "2026-12-03T07:28:32+19:00",
                "2026-12-03T07:28:32+05:30:00", "2026-12-03T07:28:32z", "1677-12-31T23:59:59Z",
                "2262-01-01T00:00:00Z", "2026-1a-03T07:28:32Z", "no time")) {
            assertEquals(IsoInstant.NONE, IsoInstant.epochNanos(s), s);
        }
    }
}
