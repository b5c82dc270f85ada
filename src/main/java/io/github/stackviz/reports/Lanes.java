package io.github.stackviz.reports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.TreeSet;

/**
 * Packs tests into lanes ({@code worker-N}) by their times, since no report says which fork or thread ran a
 * test: greedy interval partitioning in start order, each test into the lowest-numbered lane that is free
 * when it starts. A lane is free when its last test ended at most {@code tolerance} after this one starts:
 * Surefire stamps a test when Maven's JVM hears of it from the fork, so consecutive tests of one thread seem
 * to overlap by a few tens of milliseconds. Tests that overlap by more need separate lanes, and the packing
 * uses no more lanes than the most tests overlapping at once (by more than the tolerance) need.
 */
final class Lanes {

    private Lanes() {
    }

    /**
     * Sets the lane of every test that has a start and an end; the others keep -1.
     *
     * @param toleranceNanos how far a test may seem to start before the one before it in its lane ends
     * @return how many lanes were used
     */
    static int pack(List<ReportCase> tests, long toleranceNanos) {
        List<ReportCase> timed = new ArrayList<>();
        for (ReportCase test : tests) {
            if (test.start != null && test.end != null) {
                timed.add(test);
            }
        }
        timed.sort(Comparator.comparing((ReportCase t) -> t.start).thenComparing(t -> t.end)
                .thenComparingInt(t -> t.order));
        // lanes in use, by when they become free (their last end less the tolerance), then by number
        PriorityQueue<long[]> busy = new PriorityQueue<>(Comparator.<long[]>comparingLong(l -> l[0])
                .thenComparingLong(l -> l[1]));
        TreeSet<Integer> free = new TreeSet<>();
        int lanes = 0;
        for (ReportCase test : timed) {
            long start = nanos(test.start);
            while (!busy.isEmpty() && busy.peek()[0] <= start) {
                free.add((int) busy.poll()[1]);
            }
            int lane = free.isEmpty() ? lanes++ : free.pollFirst();
            test.lane = lane;
            long freeFrom = Math.max(start, nanos(test.end) - toleranceNanos);
            busy.add(new long[] {freeFrom, lane});
        }
        return lanes;
    }

    static long nanos(java.time.Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
