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
