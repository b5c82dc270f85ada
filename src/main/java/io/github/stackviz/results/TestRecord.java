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
 * @param start       the first event's time (an event without one takes the stream's time before it, see
 *                    {@link ResultAssembler}); {@code null} only when the stream carried no time at all
 * @param end         the last event's time, likewise; for a record still open at the end, the stream's last
 *                    time; for an {@code exists} record, its start
 * @param attachments in the order their first non-empty chunk arrived
 * @param shownName   the name to show as it is, or {@code null} to show the id cleaned ({@link #name()}):
 *                    set by the test report readers, whose names need no cleaning and must keep a
 *                    parameterized test's {@code [1]}, {@code [2]} apart
 */
public record TestRecord(String id, TestStatus status, Set<String> tags, Instant start, Instant end,
                         List<Attachment> attachments, String shownName) {

    /** A record of a subunit stream: its name is its id cleaned. */
    public TestRecord(String id, TestStatus status, Set<String> tags, Instant start, Instant end,
                      List<Attachment> attachments) {
        this(id, status, tags, start, end, attachments, null);
    }

    /** The word StackViz writes: the subunit status, or {@code unknown}. */
    public String statusWord() {
        return status == null ? "unknown" : status.word();
    }

    /** The name StackViz shows: the shown name when there is one, else the id cleaned (see {@link TestNames#clean}). */
    public String name() {
        return shownName != null ? shownName : TestNames.clean(id);
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
