package demo.beta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StockTest {
    private static final boolean FLIP = Boolean.getBoolean("it.flip");

    @Test
    void countsItems() {
        assertEquals(3, "a,b,c".split(",").length);
    }

    /** Fails in the first build, passes in the second: fixed. */
    @Test
    void reordersBelowMinimum() throws InterruptedException {
        Thread.sleep(100);
        assertTrue(FLIP, "reorder not triggered");
    }
}
