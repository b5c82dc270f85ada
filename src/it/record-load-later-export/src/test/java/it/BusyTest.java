package it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Runs for two seconds, so the recorded load spans the test. */
class BusyTest {
    @Test
    void spinsForTwoSeconds() {
        long end = System.nanoTime() + 2_000_000_000L;
        long count = 0;
        while (System.nanoTime() < end) {
            count++;
        }
        assertTrue(count > 0);
    }
}
