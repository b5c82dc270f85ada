package io.github.stackviz.util;

/**
 * An open-addressing map from {@code long} keys to {@code int} values: about 24 bytes an entry where a
 * {@code HashMap<Long, Integer>} takes about 80. For per-test bookkeeping of millions of tests, keyed by
 * a 64-bit hash of the test's name.
 */
public final class LongIntMap {
    /** What {@link #get} returns for a missing key. */
    public static final int MISSING = Integer.MIN_VALUE;

    private long[] keys = new long[64];
    private int[] values = new int[64];
    private boolean[] used = new boolean[64];
    private int size;

    public int size() {
        return size;
    }

    public int get(long key) {
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; used[i]; i = (i + 1) & mask) {
            if (keys[i] == key) {
                return values[i];
            }
        }
        return MISSING;
    }

    public boolean containsKey(long key) {
        return get(key) != MISSING;
    }

    /** Sets the value of {@code key}; returns the previous value or {@link #MISSING}. */
    public int put(long key, int value) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = mix(key) & mask;
        while (used[i]) {
            if (keys[i] == key) {
                int previous = values[i];
                values[i] = value;
                return previous;
            }
            i = (i + 1) & mask;
        }
        used[i] = true;
        keys[i] = key;
        values[i] = value;
        size++;
        return MISSING;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        boolean[] oldUsed = used;
        keys = new long[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        used = new boolean[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldUsed[i]) {
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
