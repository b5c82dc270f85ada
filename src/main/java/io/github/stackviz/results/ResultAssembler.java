package io.github.stackviz.results;

import io.github.stackviz.subunit.Event;
import io.github.stackviz.subunit.StreamHandler;
import io.github.stackviz.subunit.TestStatus;
import io.github.stackviz.util.SmallCache;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns events into test records with testtools' {@code StreamToDict} rules (subunit-v2.md §9):
 * records are keyed by test id and route code; the first event's time is the start and the last
 * event's time (even a missing one) the end; the last status wins; tags replace tags; the first
 * non-empty chunk of a file fixes its MIME type and later chunks are appended, EOF or not; a final
 * status completes the record. Events without a test id are counted and dropped.
 *
 * <p>Where the reference has no rule: a corrupt packet becomes a failed pseudo-test
 * {@code subunit.parser} whose {@code Parser Error} attachment says what was wrong; records still open
 * at the end are completed in the order they were opened (Python pops the newest first) with the status
 * they had ({@code inprogress}, or {@code unknown}).
 *
 * <p>Times (docs/output-format.md, "Times"): no record leaves here without a time when the stream carried
 * any. An event without a time takes the last time the stream carried before it (any event's, or a v1
 * {@code time:} line's); a record still open at the end ends at the last time the stream carried (not
 * before its start); a {@code subunit.parser} record is placed at the last time before the damage, with
 * duration 0; an {@code exists} record ends where it starts. What has no time before it takes the
 * stream's first time: records completed before the stream's first time are held, in order, until it
 * comes (or the stream ends without one: then their times stay {@code null}).
 */
public final class ResultAssembler implements StreamHandler {
    /** The id of the pseudo-test that reports corrupt packets, as python-subunit names it. */
    public static final String PARSER_TEST_ID = "subunit.parser";

    /** Diagnostics kinds this class reports. */
    public static final String CORRUPT = "corrupt packets";
    public static final String NON_SUBUNIT = "runs of non-subunit data";
    public static final String UNFINISHED = "tests that never finished";
    public static final String GZIP_DAMAGED = "damaged gzip data";
    public static final String UNREADABLE = "inputs compressed in other ways";

    private static final String PARSER_ATTACHMENT = "Parser Error";
    private static final String PARSER_MIME = "text/plain;charset=utf8";

    /**
     * A test in flight: its id and route code (either may be null). hashCode and equals are written out:
     * a record's generated ones go through method handles, which were 3,700 of the 9,000 bytes of bytecode
     * C2 compiled into {@link ResultAssembler#event} (4,800 without them).
     */
    private record Key(String testId, String routeCode) {
        @Override
        public int hashCode() {
            return 31 * Objects.hashCode(testId) + Objects.hashCode(routeCode);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(testId, key.testId)
                    && Objects.equals(routeCode, key.routeCode);
        }
    }

    private static final class OpenRecord {
        final String id;
        /** Its first event's time; {@code null} while the stream has carried none. */
        Instant start;
        Instant end;
        TestStatus status;
        Set<String> tags = Set.of();
        /** Created with the first attachment: most tests have none. */
        Map<String, Attachment> attachments;

        OpenRecord(String id, Instant start) {
            this.id = id;
            this.start = start;
        }

        TestRecord complete() {
            return new TestRecord(id, status, tags, start, status == TestStatus.EXISTS ? start : end,
                    attachments == null ? List.of() : List.copyOf(attachments.values()));
        }
    }

    private final RecordSink sink;
    private final AttachmentStore store;
    private final Diagnostics diagnostics;
    private final Map<Key, OpenRecord> open = new LinkedHashMap<>();
    /** Parsed MIME types: a run uses a handful, sent with every attachment. */
    private final SmallCache<String, ContentType> contentTypes = new SmallCache<>(256, ContentType::parse);
    private long eventsWithoutTestId;
    private long corruptBytes;
    private long nonSubunitBytes;
    /** What the offsets in messages count in: the input's bytes, or those decompressed from it. */
    private String ofWhat = "";
    /** Where damaged gzip data ended the input (decompressed bytes), or -1. */
    private long damagedAfter = -1;
    /** The first and the last time the stream carried, or {@code null} before its first. */
    private Instant firstTime;
    private Instant lastTime;
    /**
     * Records completed before the stream carried any time, in completion order, waiting for its first time:
     * {@code null} once it has come. Only records of a stream's timeless start wait here.
     */
    private List<TestRecord> untimed = new ArrayList<>();

    public ResultAssembler(RecordSink sink, AttachmentStore store, Diagnostics diagnostics) {
        this.sink = sink;
        this.store = store;
        this.diagnostics = diagnostics;
    }

    @Override
    public void event(Event event) throws IOException {
        Instant timestamp = event.timestamp();
        if (timestamp != null) {
            time(timestamp);
        } else {
            timestamp = lastTime;
        }
        if (event.testId() == null) {
            eventsWithoutTestId++;
            return;
        }
        Key key = new Key(event.testId(), event.routeCode());
        OpenRecord record = open.get(key);
        if (record == null) {
            record = new OpenRecord(event.testId(), timestamp);
            open.put(key, record);
        }
        if (event.status() != null) {
            record.status = event.status();
        }
        record.end = timestamp;
        if (event.fileName() != null && event.fileContent().hasRemaining()) {
            if (record.attachments == null) {
                record.attachments = new LinkedHashMap<>(4);
            }
            Attachment attachment = record.attachments.get(event.fileName());
            if (attachment == null) {
                attachment = new Attachment(event.fileName(), contentTypes.get(event.mimeType()), store.newBuffer());
                record.attachments.put(event.fileName(), attachment);
            }
            attachment.content().append(event.fileContent());
        }
        if (event.tags() != null) {
            record.tags = event.tags();
        }
        if (record.status != null && record.status.isFinal()) {
            open.remove(key);
            if (record.start == null) {
                record.start = firstTime; // opened before the stream's first time
            }
            send(record.complete());
        }
    }

    @Override
    public void time(Instant time) throws IOException {
        lastTime = time;
        if (firstTime == null) {
            firstTime = time;
        }
        if (untimed != null) {
            List<TestRecord> waiting = untimed;
            untimed = null;
            for (TestRecord record : waiting) {
                send(new TestRecord(record.id(), record.status(), record.tags(),
                        record.start() == null ? time : record.start(), record.end() == null ? time : record.end(),
                        record.attachments()));
            }
        }
    }

    /** Passes a record on, or holds it while the stream has carried no time yet. */
    private void send(TestRecord record) throws IOException {
        if (untimed != null) {
            untimed.add(record);
        } else {
            sink.record(record);
        }
    }

    @Override
    public void skipped(long offset, long length, long problemOffset, String problem) throws IOException {
        if (problem == null) {
            nonSubunitBytes += length;
            diagnostics.warn(NON_SUBUNIT, length + " bytes of non-subunit data at byte " + offset + ofWhat
                    + " skipped");
            return;
        }
        corruptBytes += length;
        String message = "corrupt packet at byte " + problemOffset + ofWhat + ": " + problem + "; bytes " + offset
                + " to " + (offset + length) + " skipped, reading resumed after them";
        diagnostics.warn(CORRUPT, message);
        parserFailure(message);
    }

    @Override
    public void compressed() {
        ofWhat = " of the decompressed stream";
    }

    @Override
    public void compressionDamaged(long offset, String problem) throws IOException {
        damagedAfter = offset;
        String message = "the gzip data is damaged after byte " + offset + " of the decompressed stream (" + problem
                + "): the input was read up to there, and the rest is lost";
        diagnostics.warn(GZIP_DAMAGED, message);
        parserFailure(message);
    }

    @Override
    public void unreadableCompression(String compression, String command) throws IOException {
        String message = "the input is " + compression + "-compressed, which the plugin does not read: decompress it"
                + " first (" + command + ") and export that; nothing of it was read";
        diagnostics.warn(UNREADABLE, message);
        parserFailure(message);
    }

    /** The failed pseudo-test that shows a reading problem in the front-end, as python-subunit's parser does. */
    private void parserFailure(String message) throws IOException {
        AttachmentBuffer text = store.newBuffer();
        text.append(ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8)));
        Attachment attachment = new Attachment(PARSER_ATTACHMENT, ContentType.parse(PARSER_MIME), text);
        send(new TestRecord(PARSER_TEST_ID, TestStatus.FAIL, Set.of(), lastTime, lastTime, List.of(attachment)));
    }

    /** Completes the records still open, as {@code stopTestRun()} does; call once, at the end. */
    public void finish() throws IOException {
        List<OpenRecord> unfinished = new ArrayList<>(open.values());
        open.clear();
        for (Iterator<OpenRecord> it = unfinished.iterator(); it.hasNext(); ) {
            OpenRecord record = it.next();
            if (record.start == null) {
                record.start = firstTime;
            }
            // where the stream stopped: the last time it carried, never before the test's own start
            record.end = lastTime != null && record.start.isAfter(lastTime) ? record.start : lastTime;
            diagnostics.warn(UNFINISHED, "test " + record.id + " never finished (status "
                    + (record.status == null ? "unknown" : record.status.word()) + "): "
                    + (lastTime == null ? "kept with no end time (the stream carried none)"
                    : "kept as running until the stream's last time, " + lastTime));
            send(record.complete());
        }
        if (untimed != null) {
            // the stream carried no time at all: its records keep null times
            List<TestRecord> waiting = untimed;
            untimed = null;
            for (TestRecord record : waiting) {
                sink.record(record);
            }
        }
    }

    /** Events that carried no test id (run-level output), which records cannot hold. */
    public long eventsWithoutTestId() {
        return eventsWithoutTestId;
    }

    /**
     * One line on what the input survived, for inputs that had problems: what was kept, what was lost.
     *
     * @param kept how many records the run exported
     */
    public String survivalSummary(long kept) {
        List<String> lost = new ArrayList<>();
        long corrupt = diagnostics.count(CORRUPT);
        if (corrupt > 0) {
            lost.add(corrupt + (corrupt == 1 ? " corrupt packet" : " corrupt packets") + " (" + corruptBytes
                    + " bytes)");
        }
        long runs = diagnostics.count(NON_SUBUNIT);
        if (runs > 0) {
            lost.add(nonSubunitBytes + " bytes of non-subunit data in " + runs + (runs == 1 ? " run" : " runs"));
        }
        String summary = "kept " + kept + (kept == 1 ? " test" : " tests");
        if (!lost.isEmpty()) {
            summary += "; skipped " + String.join(" and ", lost);
        }
        if (damagedAfter >= 0) {
            summary += "; the gzip data broke off after " + damagedAfter + " bytes (decompressed)";
        }
        long unfinished = diagnostics.count(UNFINISHED);
        if (unfinished > 0) {
            summary += "; " + unfinished + (unfinished == 1 ? " test" : " tests") + " never finished";
        }
        return summary;
    }
}
