package io.github.stackviz.util;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * An array that a generator renders into, grown as needed and read in place: the bytes are used, then the
 * array is reset for the next rendering. Unlike {@code ByteArrayOutputStream} it takes no lock and hands
 * out its array rather than a copy. Not thread-safe: one per writing thread.
 */
public final class GrowingBytes extends OutputStream {
    private byte[] bytes;
    private int length;

    public GrowingBytes(int initialSize) {
        bytes = new byte[initialSize];
    }

    /** The array the bytes are in, from index 0; valid until the next write or {@link #reset()}. */
    public byte[] bytes() {
        return bytes;
    }

    /** How many bytes were written since the last {@link #reset()}. */
    public int length() {
        return length;
    }

    /** Starts again from an empty array (the same one). */
    public void reset() {
        length = 0;
    }

    /** Takes a new, empty array of {@code size} bytes when this one grew beyond it, so memory stays bounded. */
    public void shrinkTo(int size) {
        if (bytes.length > size) {
            bytes = new byte[size];
            length = 0;
        }
    }

    @Override
    public void write(int b) {
        if (length == bytes.length) {
            grow(1);
        }
        bytes[length++] = (byte) b;
    }

    // kept small: a generator's flush calls it, and C2 inlines it into every generator call
    @Override
    public void write(byte[] b, int off, int len) {
        if (length + len > bytes.length) {
            grow(len);
        }
        System.arraycopy(b, off, bytes, length, len);
        length += len;
    }

    private void grow(int len) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + len));
    }
}
