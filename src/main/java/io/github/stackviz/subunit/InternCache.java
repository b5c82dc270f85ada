package io.github.stackviz.subunit;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A small direct-mapped cache from byte sequences to the values decoded from them.
 *
 * <p>Test ids, tag sets, MIME types and route codes repeat from packet to packet (a test's
 * {@code inprogress}, attachment and final packets carry the same id; every packet of a worker carries
 * the same tags). Looking the bytes up here saves decoding and allocating them again, and makes equal
 * values share one object, which keeps per-test state small.
 */
final class InternCache<T> {
    private final byte[][] keys;
    private final Object[] values;
    private final int mask;

    InternCache(int slots) {
        if (Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots must be a power of two: " + slots);
        }
        keys = new byte[slots][];
        values = new Object[slots];
        mask = slots - 1;
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);

    /** Mixes eight bytes at a time: test ids are long, and this runs for every packet. */
    static int hash(byte[] bytes, int offset, int length) {
        long h = length;
        int i = offset;
        int end = offset + length;
        for (; i + 8 <= end; i += 8) {
            h = (h ^ (long) LONGS.get(bytes, i)) * 0x9E3779B97F4A7C15L;
        }
        for (; i < end; i++) {
            h = (h ^ bytes[i]) * 0x100000001B3L;
        }
        // the rounds carry a difference only upwards: mix the high bits into the low ones the slot takes
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return (int) h;
    }

    /** The cached value for these bytes, or {@code null}. */
    @SuppressWarnings("unchecked")
    T get(int hash, byte[] bytes, int offset, int length) {
        int slot = hash & mask;
        byte[] key = keys[slot];
        if (key != null && Arrays.equals(key, 0, key.length, bytes, offset, offset + length)) {
            return (T) values[slot];
        }
        return null;
    }

    void put(int hash, byte[] bytes, int offset, int length, T value) {
        int slot = hash & mask;
        keys[slot] = Arrays.copyOfRange(bytes, offset, offset + length);
        values[slot] = value;
    }
}
