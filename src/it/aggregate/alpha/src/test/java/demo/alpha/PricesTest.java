package demo.alpha;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PricesTest {
    private static final boolean FLIP = Boolean.getBoolean("it.flip");

    @Test
    void addsTax() {
        assertEquals(121, 100 * 121 / 100);
    }

    @Test
    void roundsDown() throws InterruptedException {
        Thread.sleep(150);
        assertEquals(3, 7 / 2, "integer division rounds down");
    }

    /** Passes in the first build, fails in the second: a new failure. */
    @Test
    void discountsMembers() {
        assertEquals(90, FLIP ? 95 : 90, "members pay 90");
    }
}
