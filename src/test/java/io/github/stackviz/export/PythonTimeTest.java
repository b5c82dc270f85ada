package io.github.stackviz.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PythonTimeTest {

    @ParameterizedTest
    @CsvSource({"1500, 2", "2500, 2", "3500, 4", "499, 0", "501, 1", "999999999, 1000000", "1073741823, 1073742",
            "0, 0", "45000, 45"})
    void roundsNanosecondsHalfToEvenAsPythonSubunitDoes(int nanos, long micros) {
        assertEquals(micros, PythonTime.micros(Instant.ofEpochSecond(0, nanos)));
    }

    @Test
    void formatsAsIsoformatWithSixDigitsOrNone() {
        assertEquals("2018-09-28T02:46:35.626800+00:00",
                PythonTime.isoformat(PythonTime.micros(Instant.parse("2018-09-28T02:46:35.626800Z"))));
        assertEquals("2016-04-19T12:00:00+00:00",
                PythonTime.isoformat(PythonTime.micros(Instant.parse("2016-04-19T12:00:00Z"))));
        assertEquals("2016-04-19T12:00:00.000001+00:00",
                PythonTime.isoformat(PythonTime.micros(Instant.parse("2016-04-19T12:00:00.000000500Z")) + 1));
        assertEquals("1970-01-01T00:00:00+00:00", PythonTime.isoformat(0));
        assertEquals("2106-02-07T06:28:15.999999+00:00",
                PythonTime.isoformat(PythonTime.micros(Instant.ofEpochSecond(0xFFFFFFFFL, 999_999_000))));
    }

    @Test
    void formatsEveryTimeAsJavaTimeDoes() {
        java.time.format.DateTimeFormatter seconds = java.time.format.DateTimeFormatter.ofPattern(
                "uuuu-MM-dd'T'HH:mm:ss", java.util.Locale.ROOT).withZone(java.time.ZoneOffset.UTC);
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        for (int i = 0; i < 100_000; i++) {
            // 1900 to 2106, the range of subunit's 32-bit seconds and then some
            long micros = random.nextLong(-2_208_988_800_000_000L, 4_294_967_296_000_000L);
            if (i % 3 == 0) {
                micros -= Math.floorMod(micros, 1_000_000L); // no fraction: none is written
            }
            Instant instant = Instant.EPOCH.plus(micros, java.time.temporal.ChronoUnit.MICROS);
            int fraction = instant.getNano() / 1000;
            String expected = seconds.format(instant) + (fraction == 0 ? "" : String.format(".%06d", fraction))
                    + "+00:00";
            assertEquals(expected, PythonTime.isoformat(micros));
        }
    }

    @Test
    void yearsPythonCannotHoldAreWrittenInFull() {
        assertEquals("10000-01-01T00:00:00+00:00", PythonTime.isoformat(253_402_300_800_000_000L));
    }

    @Test
    void aNanosecondJustBelowASecondRoundsIntoTheNextSecond() {
        long micros = PythonTime.micros(Instant.ofEpochSecond(10, 999_999_999));
        assertEquals("1970-01-01T00:00:11+00:00", PythonTime.isoformat(micros));
    }

    @Test
    void durationsAreDifferencesOfMicroseconds() {
        long start = PythonTime.micros(Instant.parse("2018-09-28T02:46:35.626800Z"));
        long end = PythonTime.micros(Instant.parse("2018-09-28T02:46:35.979133Z"));
        assertEquals(0.352333, PythonTime.seconds(start, end));
        assertEquals(3.9e-05, PythonTime.seconds(0, 39));
    }
}
