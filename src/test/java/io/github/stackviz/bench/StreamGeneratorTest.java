package io.github.stackviz.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stackviz.Fixtures;
import io.github.stackviz.subunit.Event;
import io.github.stackviz.subunit.StreamHandler;
import io.github.stackviz.subunit.SubunitStreams;
import io.github.stackviz.subunit.TestStatus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The benchmark's stream generator: deterministic, and what it writes reads back as it claims. */
class StreamGeneratorTest {

    /** The project's copy of the real streams the generator replays. */
    private static Path fixtures() {
        return Fixtures.path("streams");
    }

    /** A generated stream and what the generator said of it. */
    private record Generated(byte[] stream, StreamGenerator.Result result) {
    }

    private static Generated generate(StreamGenerator.Kind kind, long bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StreamGenerator.Result result = StreamGenerator.generate(kind, out, bytes, fixtures());
        return new Generated(out.toByteArray(), result);
    }

    /** What a stream holds, read back with the plugin's own reader. */
    private static final class Readback implements StreamHandler {
        final List<String> finished = new ArrayList<>();
        final Map<TestStatus, Integer> outcomes = new HashMap<>();
        final Set<String> tags = new HashSet<>();
        final Map<String, Long> fileBytes = new HashMap<>();
        final Map<String, Integer> eofs = new HashMap<>();
        final Set<String> open = new HashSet<>();
        int filePackets;
        long skipped;
        Instant previousFinal;
        Instant lastTime;

        @Override
        public void event(Event event) {
            if (event.timestamp() != null) {
                lastTime = event.timestamp();
            }
            if (event.fileName() != null) {
                String key = event.testId() + "\u0000" + event.fileName();
                filePackets++;
                fileBytes.merge(key, (long) event.fileContent().remaining(), Long::sum);
                if (event.eof()) {
                    eofs.merge(key, 1, Integer::sum);
                }
            }
            if (event.tags() != null) {
                tags.addAll(event.tags());
            }
            if (event.status() != null && event.status().isFinal()) {
                finished.add(event.testId());
                outcomes.merge(event.status(), 1, Integer::sum);
                open.remove(event.testId());
            } else if (event.testId() != null) {
                open.add(event.testId());
            }
        }

        @Override
        public void skipped(long offset, long length, long problemOffset, String problem) {
            skipped += length;
        }

        static Readback of(byte[] stream) throws IOException {
            Readback readback = new Readback();
            SubunitStreams.read(new ByteArrayInputStream(stream), readback);
            return readback;
        }
    }

    /** Generates twice: the same arguments must give the same bytes and result; returns the first. */
    private static Generated generateTwice(StreamGenerator.Kind kind, long bytes) throws IOException {
        Generated first = generate(kind, bytes);
        Generated again = generate(kind, bytes);
        assertArrayEquals(first.stream(), again.stream(), "same arguments, same bytes");
        assertEquals(first.result(), again.result());
        return first;
    }

    @Test
    void testsKindIsDeterministicAndReadsBackWithDistinctIds() throws IOException {
        long target = 2 * StreamGenerator.MB;
        Generated generated = generateTwice(StreamGenerator.Kind.TESTS, target);
        byte[] a = generated.stream();
        StreamGenerator.Result result = generated.result();
        assertEquals(a.length, result.bytes());
        assertTrue(a.length >= target && a.length < target + 4096, "stops just after the size: " + a.length);

        Readback read = Readback.of(a);
        assertEquals(0, read.skipped, "every byte is a valid packet");
        assertTrue(read.open.isEmpty(), "every test is complete: " + read.open);
        assertEquals(result.tests(), read.finished.size());
        assertEquals(read.finished.size(), new HashSet<>(read.finished).size(), "test ids are distinct");
        // at most 300 MB / 1,000,000 per test, so that 300 MB hold a million tests
        assertTrue(a.length / (double) read.finished.size() <= 300.0 * StreamGenerator.MB / 1_000_000,
                "bytes per test: " + a.length / (double) read.finished.size());
        assertEquals(Set.of("worker-0", "worker-1"), read.tags, "the fixture's workers");
        for (TestStatus outcome : List.of(TestStatus.SUCCESS, TestStatus.FAIL, TestStatus.SKIP, TestStatus.XFAIL,
                TestStatus.UXSUCCESS)) {
            assertTrue(read.outcomes.getOrDefault(outcome, 0) > 0, "has " + outcome + ": " + read.outcomes);
        }
        // only real failure tracebacks and skip reasons are kept
        assertTrue(read.fileBytes.keySet().stream().allMatch(k -> k.endsWith("\u0000traceback")
                || k.endsWith("\u0000reason")), "attachments kept");
        assertTrue(read.lastTime.isAfter(Instant.parse("2026-11-28T09:02:30Z")), "time advances: " + read.lastTime);
    }

    @Test
    void attachmentsKindIsDeterministicAndChunked() throws IOException {
        long target = 3 * StreamGenerator.MB;
        Generated generated = generateTwice(StreamGenerator.Kind.ATTACHMENTS, target);
        byte[] a = generated.stream();

        StreamGenerator.Result result = generated.result();
        assertEquals(a.length, result.bytes());
        assertTrue(a.length >= target, "reaches the size: " + a.length);

        Readback read = Readback.of(a);
        assertEquals(0, read.skipped);
        assertTrue(read.open.isEmpty());
        assertEquals(result.tests(), read.finished.size());
        assertEquals(read.finished.size(), new HashSet<>(read.finished).size(), "test ids are distinct");
        // bulk-logging.subunit: 11 tests per pass (the last may stop early), each with a pythonlogging:'' attachment
        assertTrue(result.tests() > 11L * (result.passes() - 1) && result.tests() <= 11L * result.passes(),
                result.tests() + " tests in " + result.passes() + " passes");
        assertEquals(result.tests(), read.fileBytes.keySet().stream().filter(k -> k.endsWith("\u0000pythonlogging:''"))
                .count());
        assertTrue(read.eofs.values().stream().allMatch(n -> n == 1), "one eof per attachment");
        assertEquals(read.fileBytes.keySet(), read.eofs.keySet(), "every attachment ends with eof");
        long biggest = read.fileBytes.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        assertTrue(biggest > 700_000, "the real 780 KB log is there: " + biggest);
        assertTrue(read.filePackets > 2 * read.fileBytes.size(), "written in chunks: " + read.filePackets);
        long attached = read.fileBytes.values().stream().mapToLong(Long::longValue).sum();
        assertTrue(attached > 0.9 * a.length, "mostly attachments: " + attached + " of " + a.length);
    }

    @Test
    void numberedGoesAfterTheModule() {
        assertEquals("realedge.test_outcomes_000007.TestcaseOutcomes.test_fail",
                StreamGenerator.numbered("realedge.test_outcomes.TestcaseOutcomes.test_fail", 7));
        assertEquals("setUpModule (realedge.test_module_fixture_000012)",
                StreamGenerator.numbered("setUpModule (realedge.test_module_fixture)", 12));
        assertEquals("plain_000003", StreamGenerator.numbered("plain", 3));
    }
}
