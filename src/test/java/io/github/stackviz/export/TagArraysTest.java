package io.github.stackviz.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class TagArraysTest {

    @Test
    void arraysAreSortedAndCachedPerSet() {
        RecordJson.TagArrays arrays = new RecordJson.TagArrays();
        Set<String> sorted = Collections.unmodifiableSortedSet(new TreeSet<>(List.of("worker-1", "a", "z")));
        Set<String> unsorted = new LinkedHashSet<>(List.of("z", "worker-0", "b"));
        String[] first = arrays.of(sorted);
        // asked again before another set: the cache is one set a slot, and two sets share a slot when their
        // identity hashes do (1 time in 64: this test failed that way once)
        assertSame(first, arrays.of(sorted));
        assertArrayEquals(new String[] {"a", "worker-1", "z"}, first);
        assertArrayEquals(new String[] {"b", "worker-0", "z"}, arrays.of(unsorted));
        assertArrayEquals(new String[0], arrays.of(Set.of()));
    }

    /** Far more sets than slots: every set still gets its own tags, whatever it shares a slot with. */
    @Test
    void setsThatShareASlotGetTheirOwnTags() {
        RecordJson.TagArrays arrays = new RecordJson.TagArrays();
        List<Set<String>> sets = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            sets.add(Collections.unmodifiableSortedSet(new TreeSet<>(List.of("t" + i, "worker-" + (i % 7)))));
        }
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < sets.size(); i++) {
                String[] tags = arrays.of(sets.get(i));
                assertArrayEquals(new TreeSet<>(sets.get(i)).toArray(new String[0]), tags, "set " + i);
            }
        }
    }
}
