package io.github.stackviz.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stackviz.subunit.SubunitStreamsTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The decompressing input on its own: byte by byte, at the damage, closing. */
class GzipInputTest {
    static final byte[] V2 = SubunitStreamsTest.V2;

    static byte[] gzip(byte[] bytes) throws IOException {
        return SubunitStreamsTest.gzip(bytes);
    }

    @Test
    void readsByteByByteAndCountsWhatItGave() throws IOException {
        GzipInput in = new GzipInput(new ByteArrayInputStream(gzip(V2)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            out.write(b);
        }
        assertArrayEquals(V2, out.toByteArray());
        assertEquals(V2.length, in.position());
        assertNull(in.damage());
    }

    @Test
    void endsAtTheDamageAndStaysEnded() throws IOException {
        byte[] compressed = gzip(V2);
        GzipInput in = new GzipInput(new ByteArrayInputStream(Arrays.copyOf(compressed, compressed.length / 2)));
        byte[] buffer = new byte[100];
        long total = 0;
        int n;
        while ((n = in.read(buffer, 0, buffer.length)) > 0) {
            total += n;
        }
        assertEquals(-1, n, "the damage ends the input as its end would");
        assertEquals("Unexpected end of ZLIB input stream", in.damage());
        assertEquals(total, in.position());
        assertEquals(-1, in.read(buffer, 0, buffer.length));
        assertEquals(-1, in.read());
    }

    @Test
    void tellsGzipFromItsFirstFourBytes() {
        assertTrue(GzipInput.isGzip(new byte[] {0x1f, (byte) 0x8b, 8, 0x1f}, 4), "flags 0 to 0x1f are gzip's");
        assertFalse(GzipInput.isGzip(new byte[] {0x1f, (byte) 0x8b, 8, 0}, 3), "not all there");
        assertFalse(GzipInput.isGzip(new byte[] {(byte) 0xb3, 0x29, 0x01, 0x0c}, 4), "a v2 packet");
    }

    /** A compressed stream that notes when it is closed. */
    static final class Below extends ByteArrayInputStream {
        boolean closed;

        Below() throws IOException {
            super(gzip(V2));
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void closingClosesTheStreamBelow() throws IOException {
        Below below = new Below();
        new GzipInput(below).close();
        assertTrue(below.closed);
    }

    @Test
    void releasingLeavesTheStreamBelowOpen() throws IOException {
        Below below = new Below();
        GzipInput in = new GzipInput(below);
        assertTrue(in.read() >= 0);
        in.release();
        assertFalse(below.closed, "the caller closes it");
        in.close();
        assertFalse(below.closed, "released: closing again does nothing more");
    }
}
