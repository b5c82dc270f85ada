package io.github.stackviz.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;

/** {@link Seconds#writeNumber} writes what Jackson's fast double writer writes, for every kind of value. */
class SecondsTest {
    private static final JsonFactory FAST = JsonFactory.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();

    @Test
    void everySmallNumberOfMicroseconds() throws IOException {
        assertSameAsJackson(values -> {
            for (long micros = -200_000; micros <= 200_000; micros++) {
                values.accept(micros / 1e6);
            }
        });
    }

    @Test
    void roundNumbersAndTheEdgesOfEachLayout() throws IOException {
        assertSameAsJackson(values -> {
            for (long power = 1; power <= 1_000_000_000_000_000_000L; power *= 10) {
                for (long near : new long[] {power - 1, power, power + 1, 2 * power, 5 * power, 9 * power,
                        power + power / 2, 123456789L * Math.max(1, power / 1_000_000_000L)}) {
                    values.accept(near / 1e6);
                    values.accept(-near / 1e6);
                }
            }
            values.accept(Long.MAX_VALUE / 1e6);
            values.accept(Long.MIN_VALUE / 1e6);
        });
    }

    @Test
    void randomMicrosecondsOfEveryMagnitude() throws IOException {
        SplittableRandom random = new SplittableRandom(2026);
        assertSameAsJackson(values -> {
            for (int i = 0; i < 2_000_000; i++) {
                long bound = 1L << random.nextInt(1, 63); // every magnitude equally often
                long micros = random.nextLong(bound);
                values.accept((random.nextBoolean() ? micros : -micros) / 1e6);
            }
        });
    }

    @Test
    void valuesThatAreNotWholeMicrosecondsGoToJackson() throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        assertSameAsJackson(values -> {
            for (double special : new double[] {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
                    Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE, 1e-7, 0.1234567, 1e300,
                    0.1 + 0.2, 1e15, 1e9 + 0.5}) {
                values.accept(special);
            }
            for (int i = 0; i < 200_000; i++) {
                values.accept(Double.longBitsToDouble(random.nextLong()));
                values.accept(random.nextDouble() * Math.pow(10, random.nextInt(-8, 12)));
            }
        });
    }

    /** {@link Seconds#writeWhole} writes what Jackson's {@code writeNumber(long)} writes. */
    @Test
    void wholeNumbersOfEverySizeAndSign() throws IOException {
        List<Long> values = new ArrayList<>(List.of(0L, Long.MIN_VALUE, Long.MAX_VALUE,
                Long.MIN_VALUE + 1, (long) Integer.MIN_VALUE, (long) Integer.MAX_VALUE));
        for (long p = 1; p > 0 && p <= Long.MAX_VALUE / 10; p *= 10) {
            for (long v : new long[] {p - 1, p, p + 1, 2 * p + 7}) {
                values.add(v);
                values.add(-v);
            }
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            values.add(random.nextLong() >> random.nextInt(64));
        }
        ByteArrayOutputStream jackson = new ByteArrayOutputStream();
        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        Seconds seconds = new Seconds();
        try (JsonGenerator a = FAST.createGenerator(jackson); JsonGenerator b = FAST.createGenerator(ours)) {
            a.writeStartArray();
            b.writeStartArray();
            for (long value : values) {
                a.writeNumber(value);
                seconds.writeWhole(b, value);
                seconds.writeNumber(b, 0.25); // sharing the buffer with the other numbers
                a.writeNumber(0.25);
            }
            a.writeEndArray();
            b.writeEndArray();
        }
        assertEquals(jackson.toString(StandardCharsets.UTF_8), ours.toString(StandardCharsets.UTF_8));
    }

    /** Writes the values once with Jackson's writeNumber and once with Seconds, into arrays, and compares. */
    private static void assertSameAsJackson(Consumer<DoubleConsumer> generator) throws IOException {
        DoubleStream.Builder made = DoubleStream.builder();
        generator.accept(made); // once: the random values must be the same for both writers
        double[] values = made.build().toArray();
        String jackson = write(values, (json, value) -> json.writeNumber(value));
        String ours = write(values, new Seconds()::writeNumber); // one writer for all: its buffer is reused
        if (!jackson.equals(ours)) { // point at the first difference rather than print megabytes
            String[] expected = jackson.split(",");
            String[] actual = ours.split(",");
            for (int i = 0; i < Math.min(expected.length, actual.length); i++) {
                assertEquals(expected[i], actual[i], "value " + i);
            }
            assertEquals(expected.length, actual.length);
        }
    }

    private interface NumberWriter {
        void write(JsonGenerator json, double value) throws IOException;
    }

    private static String write(double[] values, NumberWriter writer) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator json = FAST.createGenerator(bytes)) {
            json.writeStartArray();
            for (double value : values) {
                writer.write(json, value);
            }
            json.writeEndArray();
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
