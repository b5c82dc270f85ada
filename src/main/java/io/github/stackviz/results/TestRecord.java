package io.github.stackviz.results;

import io.github.stackviz.subunit.TestStatus;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One test result, as testtools' {@code StreamToDict} builds it: everything the events of one
 * inprogress-to-final cycle of a (test id, route code) said.
 *
 * @param id          the test id as sent
 * @param status      the last status received; {@code null} when none was ({@code "unknown"})
 * @param tags        the tags of the last event that carried tags (they replace, not merge); sorted
 *                    when the reader gives a sorted set
 * @param start       the first event's time, or {@code null} when that event had none
 * @param end         the last event's time, or {@code null} (also for records still open at the end)
 * @param attachments in the order their first non-empty chunk arrived
 */
public record TestRecord(String id, TestStatus status, Set<String> tags, Instant start, Instant end,
                         List<Attachment> attachments) {

    /** The word StackViz writes: the subunit status, or {@code unknown}. */
    public String statusWord() {
        return status == null ? "unknown" : status.word();
    }

    /** The cleaned name StackViz shows (see {@link TestNames#clean}). */
    public String name() {
        return TestNames.clean(id);
    }

    /**
     * Marks the record as handed to a writer (on a queue it takes from, in order): its attachments' memory will be
     * freed by it, which a reader short of memory may wait for (see {@link AttachmentBuffer#handOver()}).
     */
    public void handOver() {
        for (Attachment attachment : attachments) {
            attachment.content().handOver();
        }
    }

    /** Bytes of attachments the record holds (in memory or spilled). */
    public long attachmentBytes() {
        long bytes = 0;
        for (Attachment attachment : attachments) {
            bytes += attachment.content().size();
        }
        return bytes;
    }

    /** Frees the attachments' memory and spill files. */
    public void release() throws IOException {
        for (Attachment attachment : attachments) {
            attachment.content().release();
        }
    }
}
