package io.github.stackviz.util;

/**
 * An open-addressing map from {@code long} keys to {@code int} values: 21 to 43 bytes an entry where a
 * {@code HashMap<Long, Integer>} takes about 80, and one cache miss a lookup (key and value sit side by
 * side). For per-test bookkeeping of millions of tests, keyed by a 64-bit hash of the test's name.
 */
public final class LongIntMap {
    /** What {@link #get} returns for a missing key. */
    public static final int MISSING = Integer.MIN_VALUE;

    /** Marks a free slot; the key 0 is stored as {@link #ZERO_KEY}. */
    private static final long EMPTY = 0;
    private static final long ZERO_KEY = 0x9E3779B97F4A7C15L;

    /** Slot i is {@code table[2i]} (key) and {@code table[2i + 1]} (value). */
    private long[] table = new long[2 * 64];
    private int size;

    public int size() {
        return size;
    }

    public int get(long key) {
        long k = key == EMPTY ? ZERO_KEY : key;
        int mask = (table.length >> 1) - 1;
        for (int i = mix(k) & mask; ; i = (i + 1) & mask) {
            long found = table[2 * i];
            if (found == k) {
                return (int) table[2 * i + 1];
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
        if ((size + 1) * 10L > (table.length >> 1) * 7L) {
            grow();
        }
        long k = key == EMPTY ? ZERO_KEY : key;
        int mask = (table.length >> 1) - 1;
        int i = mix(k) & mask;
        while (table[2 * i] != EMPTY) {
            if (table[2 * i] == k) {
                int previous = (int) table[2 * i + 1];
                table[2 * i + 1] = value;
                return previous;
            }
            i = (i + 1) & mask;
        }
        table[2 * i] = k;
        table[2 * i + 1] = value;
        size++;
        return MISSING;
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        size = 0;
        for (int i = 0; i < old.length; i += 2) {
            if (old[i] != EMPTY) {
                put(old[i], (int) old[i + 1]);
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
