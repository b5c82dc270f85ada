package io.github.stackviz.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GrowingBytesTest {

    /** Single bytes and arrays, across many growths, read back in place as written. */
    @Test
    void holdsWhatWasWrittenAcrossGrowth() {
        Random random = new Random(3);
        GrowingBytes bytes = new GrowingBytes(4);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int i = 0; i < 5_000; i++) {
            if (random.nextBoolean()) {
                int b = random.nextInt(256);
                bytes.write(b);
                expected.write(b);
            } else {
                byte[] chunk = new byte[random.nextInt(100)];
                random.nextBytes(chunk);
                bytes.write(chunk, 0, chunk.length);
                expected.write(chunk, 0, chunk.length);
            }
        }
        assertEquals(expected.size(), bytes.length());
        assertArrayEquals(expected.toByteArray(), Arrays.copyOf(bytes.bytes(), bytes.length()));
    }

    @Test
    void resetKeepsTheArrayAndShrinkLetsALargeOneGo() {
        GrowingBytes bytes = new GrowingBytes(8);
        bytes.write(new byte[100], 0, 100);
        byte[] grown = bytes.bytes();
        bytes.reset();
        bytes.write(7);
        assertSame(grown, bytes.bytes());
        assertEquals(1, bytes.length());
        bytes.shrinkTo(200);
        assertSame(grown, bytes.bytes(), "not past the size: kept");
        bytes.shrinkTo(16);
        assertEquals(16, bytes.bytes().length);
        assertEquals(0, bytes.length());
    }
}
