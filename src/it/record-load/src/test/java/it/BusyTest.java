package it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keeps every core busy for a while, so the recorded load shows the tests. */
class BusyTest {
    private static long spin(long millis) throws InterruptedException {
        int cores = Runtime.getRuntime().availableProcessors();
        long[] counts = new long[cores];
        List<Thread> threads = new ArrayList<>();
        long end = System.nanoTime() + millis * 1_000_000;
        for (int i = 0; i < cores; i++) {
            int k = i;
            Thread t = new Thread(() -> {
                while (System.nanoTime() < end) {
                    counts[k]++;
                }
            });
            t.start();
            threads.add(t);
        }
        long sum = 0;
        for (int i = 0; i < cores; i++) {
            threads.get(i).join();
            sum += counts[i];
        }
        return sum;
    }

    @Test
    void spinsTheCoresOnce() throws InterruptedException {
        assertTrue(spin(2000) > 0);
    }

    @Test
    void spinsTheCoresAgain() throws InterruptedException {
        assertTrue(spin(2000) > 0);
    }
}
