package io.github.stackviz.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stackviz.reports.ReportRecords.Rec;
import io.github.stackviz.results.TestRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lanes on real runs: one for a sequential suite, as many as the real overlap needs for a parallel one. */
class LanesTest {
    @TempDir
    Path temp;

    private static Set<String> lanes(ReportRecords read) {
        Set<String> lanes = new TreeSet<>();
        for (Rec rec : read.records) {
            rec.record().tags().stream().filter(t -> t.startsWith(JunitReports.WORKER)).forEach(lanes::add);
        }
        return lanes;
    }

    /** No two tests of a lane overlap by more than {@code tolerance}. */
    private static void lanesHoldNoOverlap(ReportRecords read, Duration tolerance) {
        Map<String, List<TestRecord>> byLane = new HashMap<>();
        for (Rec rec : read.records) {
            for (String tag : rec.record().tags()) {
                if (tag.startsWith(JunitReports.WORKER)) {
                    byLane.computeIfAbsent(tag, t -> new ArrayList<>()).add(rec.record());
                }
            }
        }
        for (List<TestRecord> lane : byLane.values()) {
            for (TestRecord a : lane) {
                for (TestRecord b : lane) {
                    if (a != b && !a.start().isAfter(b.start())) {
                        Instant overlapEnd = a.end().isBefore(b.end()) ? a.end() : b.end();
                        assertTrue(Duration.between(b.start(), overlapEnd).compareTo(tolerance) <= 0,
                                a.name() + " and " + b.name() + " overlap by more than " + tolerance);
                    }
                }
            }
        }
    }

    @Test
    void aSequentialSuiteIsOneLane() throws IOException {
        for (String run : List.of("sequential", "sequential-loaded")) {
            ReportRecords read = ReportRecords.read(temp, JunitReportsTest.xmlFiles(ReportRecords.FIXTURES.resolve(run)));
            assertEquals(559, read.records.size());
            assertEquals(Set.of("worker-0"), lanes(read), run);
        }
    }

    @Test
    void withoutTheToleranceTheSequentialSuiteWouldSeemParallel() throws IOException {
        ReportRecords read = ReportRecords.read(temp, JunitReportsTest.xmlFiles(
                ReportRecords.FIXTURES.resolve("sequential")));
        List<ReportCase> cases = new ArrayList<>();
        for (Rec rec : read.records) {
            ReportCase test = new ReportCase(rec.name());
            test.start = rec.record().start();
            test.end = rec.record().end();
            test.order = cases.size();
            cases.add(test);
        }
        assertEquals(1, Lanes.pack(cases, JunitReports.JITTER.toNanos()));
        assertTrue(Lanes.pack(cases, 0) >= 5, "Surefire's stamps overlap: the tolerance is what makes it one lane");
    }

    @Test
    void aParallelRunHasSeveralLanesButNoMoreThanItsThreads() throws IOException {
        for (String run : List.of("parallel/surefire-reports", "parallel/failsafe-reports", "redirected/surefire-reports",
                "redirected/failsafe-reports", "parallel-loaded/surefire-reports", "parallel-loaded/failsafe-reports")) {
            ReportRecords read = ReportRecords.read(temp, JunitReportsTest.xmlFiles(ReportRecords.FIXTURES.resolve(run)));
            int lanes = lanes(read).size();
            assertTrue(lanes >= 2 && lanes <= 4, run + ": " + lanes + " lanes for 2 forks of 2 threads");
            if (run.startsWith("parallel-loaded/surefire")) {
                assertEquals(4, lanes, "under load Surefire's stamps spread the tests: 5 lanes at 150 ms");
            }
            lanesHoldNoOverlap(read, JunitReports.JITTER);
        }
    }

    @Test
    void openTestReportingInstantsGiveTheRealConcurrency() throws IOException {
        // one fork, two JUnit threads: two lanes, and no overlap at all within a lane
        ReportRecords read = ReportRecords.read(temp, JunitReportsTest.xmlFiles(
                ReportRecords.FIXTURES.resolve("otr/junit-platform")));
        assertEquals(Set.of("worker-0", "worker-1"), lanes(read));
        lanesHoldNoOverlap(read, Duration.ZERO);
    }

    @Test
    void aRerunTestIsOneBarInOneLane() throws IOException {
        // the parallel run's logs: 2 forks of 2 threads, then two rerun rounds of the failed tests
        for (String prefix : List.of("surefire", "failsafe")) {
            ReportRecords read = ReportRecords.read(temp, JunitReportsTest.openTestLogs("parallel", prefix));
            Set<String> names = new TreeSet<>();
            long laned = 0;
            for (Rec rec : read.records) {
                names.add(rec.name());
                laned += rec.record().tags().stream().filter(t -> t.startsWith(JunitReports.WORKER)).count();
            }
            assertEquals(names.size(), laned, prefix + ": one bar per test, the attempts merged");
            int lanes = lanes(read).size();
            assertTrue(lanes >= 2 && lanes <= 4, prefix + ": " + lanes + " lanes for 2 forks of 2 threads");
            lanesHoldNoOverlap(read, Duration.ZERO);
        }
    }

    @Test
    void theGreedyPackingUsesTheLowestFreeLane() {
        List<ReportCase> cases = new ArrayList<>();
        long[][] times = {{0, 1000}, {100, 400}, {500, 900}, {950, 1200}, {1100, 1300}};
        for (long[] t : times) {
            ReportCase test = new ReportCase("t" + cases.size());
            test.start = Instant.EPOCH.plusMillis(t[0]);
            test.end = Instant.EPOCH.plusMillis(t[1]);
            test.order = cases.size();
            cases.add(test);
        }
        assertEquals(2, Lanes.pack(cases, 0));
        assertEquals(List.of(0, 1, 1, 1, 0), cases.stream().map(c -> c.lane).toList());
        assertEquals(1, Lanes.pack(cases, Duration.ofMillis(1000).toNanos()));
    }
}
