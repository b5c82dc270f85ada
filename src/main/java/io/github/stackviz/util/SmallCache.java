package io.github.stackviz.util;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Values computed once per key, for keys that repeat over and over (a run's few MIME types and attachment
 * names). Holds at most a fixed number: hostile input that sends a new key each time only misses.
 * One thread at a time.
 */
public final class SmallCache<K, V> {
    private final Map<K, V> values = new HashMap<>();
    private final int limit;
    private final Function<K, V> compute;

    public SmallCache(int limit, Function<K, V> compute) {
        this.limit = limit;
        this.compute = compute;
    }

    public V get(K key) {
        V value = values.get(key);
        if (value == null) {
            value = compute.apply(key);
            if (values.size() < limit) {
                values.put(key, value);
            }
        }
        return value;
    }
}
