package io.github.stackviz.reports;

import io.github.stackviz.results.Attachment;
import io.github.stackviz.subunit.TestStatus;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One test read from a report, waiting until the whole run is read: its name, outcome and times, and its
 * attachments (buffered in the store, which spills them to disk).
 */
final class ReportCase {
    final String name;
    TestStatus status = TestStatus.SUCCESS;
    boolean flaky;
    /** When it started, or {@code null}. */
    Instant start;
    /** When it ended, or {@code null}. */
    Instant end;
    /** Whether its times were laid out from its suite's start instead of read. */
    boolean laidOut;
    /** Whether its report's times come from Maven's JVM (Surefire, with jitter) rather than the test's own. */
    boolean jitter;
    final List<Attachment> attachments = new ArrayList<>();
    /**
     * What identifies it across the attempts of a rerun test when each attempt is a case of its own (an Open Test
     * Reporting test's {@code uniqueId}), or {@code null} when its report gives one case per test (Surefire's,
     * which holds every attempt). Cleared once the run's attempts are merged ({@link Reruns}).
     */
    String attempt;
    /** Its place in the run's reading order. */
    int order;
    /** Its lane, or -1 (set by {@link Lanes}). */
    int lane = -1;

    ReportCase(String name) {
        this.name = name;
    }

    void release() throws IOException {
        for (Attachment attachment : attachments) {
            attachment.content().release();
        }
        attachments.clear();
    }
}
