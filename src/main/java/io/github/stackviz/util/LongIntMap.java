package io.github.stackviz.util;

/**
 * An open-addressing map from {@code long} keys to {@code int} values: 17 to 34 bytes an entry where a
 * {@code HashMap<Long, Integer>} takes about 80. For per-test bookkeeping of millions of tests, keyed by
 * a 64-bit hash of the test's name.
 */
public final class LongIntMap {
    /** What {@link #get} returns for a missing key. */
    public static final int MISSING = Integer.MIN_VALUE;

    /** Marks a free slot; the key 0 is stored as {@link #ZERO_KEY}. */
    private static final long EMPTY = 0;
    private static final long ZERO_KEY = 0x9E3779B97F4A7C15L;

    private long[] keys = new long[64];
    private int[] values = new int[64];
    private int size;

    public int size() {
        return size;
    }

    public int get(long key) {
        long k = key == EMPTY ? ZERO_KEY : key;
        int mask = keys.length - 1;
        for (int i = mix(k) & mask; ; i = (i + 1) & mask) {
            long found = keys[i];
            if (found == k) {
                return values[i];
            }
            if (found == EMPTY) {
                return MISSING;
            }
        }
    }

    public boolean containsKey(long key) {
        return get(key) != MISSING;
    }

    /** Sets the value of {@code key}; returns the previous value or {@link #MISSING}. */
    public int put(long key, int value) {
        if ((size + 1) * 4L > keys.length * 3L) {
            grow();
        }
        long k = key == EMPTY ? ZERO_KEY : key;
        int mask = keys.length - 1;
        int i = mix(k) & mask;
        while (keys[i] != EMPTY) {
            if (keys[i] == k) {
                int previous = values[i];
                values[i] = value;
                return previous;
            }
            i = (i + 1) & mask;
        }
        keys[i] = k;
        values[i] = value;
        size++;
        return MISSING;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    /** A 64-bit FNV-1a hash of a string's UTF-16 units: collisions are negligible for millions of keys. */
    public static long hash64(CharSequence s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }
}
