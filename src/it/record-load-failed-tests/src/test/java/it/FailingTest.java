package it;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;

/** Fails after a while, so the build stops before the export with a few samples recorded. */
class FailingTest {
    @Test
    void failsAfterAWhile() throws InterruptedException {
        Thread.sleep(3000);
        fail("fails on purpose");
    }
}
