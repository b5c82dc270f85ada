package io.github.stackviz.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LongIntMapTest {

    @Test
    void agreesWithAHashMapThroughManyGrowths() {
        SplittableRandom random = new SplittableRandom(42);
        LongIntMap map = new LongIntMap();
        Map<Long, Integer> oracle = new HashMap<>();
        for (int i = 0; i < 200_000; i++) {
            // a narrow key range makes repeats, and so replacements, common
            long key = random.nextInt(4) == 0 ? random.nextLong(1000) : random.nextLong();
            int value = random.nextInt();
            Integer previous = oracle.put(key, value);
            assertEquals(previous == null ? LongIntMap.MISSING : previous, map.put(key, value));
        }
        assertEquals(oracle.size(), map.size());
        oracle.forEach((key, value) -> assertEquals(value, map.get(key)));
        for (int i = 0; i < 10_000; i++) {
            long key = random.nextLong();
            assertEquals(oracle.containsKey(key), map.containsKey(key));
        }
    }

    @Test
    void theKeyZeroIsAKeyLikeAnyOther() {
        LongIntMap map = new LongIntMap();
        assertFalse(map.containsKey(0));
        assertEquals(LongIntMap.MISSING, map.put(0, 7));
        assertTrue(map.containsKey(0));
        assertEquals(7, map.put(0, 8));
        assertEquals(8, map.get(0));
        assertEquals(1, map.size());
    }

    @Test
    void hashesDifferForNamesThatDifferInOneCharacter() {
        assertTrue(LongIntMap.hash64("a.b.test_1") != LongIntMap.hash64("a.b.test_2"));
        assertEquals(LongIntMap.hash64("x"), LongIntMap.hash64(new StringBuilder("x")));
    }
}
