package io.github.stackviz.subunit;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SubunitV1ReaderTest {

    // ------------------------------------------------------------------ helpers

    /** An event with its file content copied out of the reader's buffer. */
    record Rec(Event event, byte[] content) {
        String text() {
            return content == null ? null : new String(content, UTF_8);
        }

        TestStatus status() {
            return event.status();
        }

        String file() {
            return event.fileName();
        }

        long offset() {
            return event.offset();
        }
    }

    record Skip(long offset, long length) {
    }

    static final class Recorder implements StreamHandler {
        final List<Rec> events = new ArrayList<>();
        final List<Skip> skipped = new ArrayList<>();

        @Override
        public void event(Event event) {
            byte[] copy = null;
            ByteBuffer content = event.fileContent();
            if (content != null) {
                assertTrue(content.isReadOnly(), "file content must be a read-only view");
                assertTrue(content.remaining() <= SubunitV1Reader.MAX_CHUNK_SIZE, "chunk over the bound");
                copy = new byte[content.remaining()];
                content.duplicate().get(copy);
            }
            assertTrue(event.runnable());
            assertNull(event.routeCode());
            assertTrue(event.status() != TestStatus.EXISTS);
            events.add(new Rec(event, copy));
        }

        @Override
        public void skipped(long offset, long length, long problemOffset, String problem) {
            assertEquals(-1, problemOffset);
            assertNull(problem);
            skipped.add(new Skip(offset, length));
        }

        List<Rec> statuses() {
            return events.stream().filter(r -> r.status() != null).toList();
        }

        List<Rec> files() {
            return events.stream().filter(r -> r.file() != null).toList();
        }

        Rec only(TestStatus status) {
            List<Rec> found = events.stream().filter(r -> r.status() == status).toList();
            assertEquals(1, found.size(), "events with status " + status);
            return found.get(0);
        }

        /** All chunks of one attachment of one test, joined. */
        byte[] joined(String testId, String file) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (Rec r : events) {
                if (file.equals(r.file()) && testId.equals(r.event().testId())) {
                    out.writeBytes(r.content());
                }
            }
            return out.toByteArray();
        }
    }

    /** Hands out at most {@code step} bytes per read, and refuses the one-byte read(). */
    static final class TrickleInputStream extends InputStream {
        private final byte[] data;
        private final int step;
        private int at;
        int reads;

        TrickleInputStream(byte[] data, int step) {
            this.data = data;
            this.step = step;
        }

        @Override
        public int read() {
            throw new AssertionError("the reader must not read byte by byte");
        }

        @Override
        public int read(byte[] b, int off, int len) {
            reads++;
            if (at == data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, step), data.length - at);
            System.arraycopy(data, at, b, off, n);
            at += n;
            return n;
        }
    }

    static Recorder read(byte[] bytes) throws IOException {
        Recorder recorder = new Recorder();
        new SubunitV1Reader(new TrickleInputStream(bytes, Integer.MAX_VALUE)).read(recorder);
        return recorder;
    }

    static Recorder read(String text) throws IOException {
        return read(text.getBytes(UTF_8));
    }

    static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static Path fixture(String relative) {
        String basedir = System.getProperty("basedir");
        Path root = basedir != null ? Path.of(basedir) : Path.of("").toAbsolutePath();
        return root.resolve("src/test/fixtures").resolve(relative);
    }

    static final Instant T1 = Instant.parse("2026-11-28T09:01:33.950993Z");

    // ------------------------------------------------------------------ directives

    @Test
    void testLineGivesInprogressAndOutcomeGivesFinalStatus() throws IOException {
        Recorder r = read("test: pkg.T.test_a\nsuccess: pkg.T.test_a\n");
        assertEquals(2, r.events.size());
        Event start = r.events.get(0).event();
        assertEquals(0, start.offset());
        assertEquals("pkg.T.test_a", start.testId());
        assertEquals(TestStatus.INPROGRESS, start.status());
        assertNull(start.tags());
        assertNull(start.fileName());
        assertNull(start.fileContent());
        assertNull(start.mimeType());
        assertFalse(start.eof());
        Event end = r.events.get(1).event();
        assertEquals(19, end.offset());
        assertEquals("pkg.T.test_a", end.testId());
        assertEquals(TestStatus.SUCCESS, end.status());
        assertNull(end.tags(), "no tags at all: none on the final status");
        assertNull(end.fileName());
        assertTrue(r.skipped.isEmpty());
    }

    @ParameterizedTest
    @CsvSource({
        "success:, SUCCESS", "successful:, SUCCESS", "failure:, FAIL", "error:, FAIL", "skip:, SKIP",
        "xfail:, XFAIL", "uxsuccess:, UXSUCCESS",
        "success, SUCCESS", "successful, SUCCESS", "failure, FAIL", "error, FAIL", "skip, SKIP",
        "xfail, XFAIL", "uxsuccess, UXSUCCESS", "success::, SUCCESS", "error::, FAIL"})
    void everyOutcomeSpelling(String keyword, TestStatus expected) throws IOException {
        Recorder r = read("test: a\n" + keyword + " a\n");
        assertEquals(List.of(TestStatus.INPROGRESS, expected),
                r.events.stream().map(Rec::status).toList());
        assertTrue(r.skipped.isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"test: a", "testing: a", "test a", "testing a", "test:: a", "test:\ta"})
    void everyTestSpelling(String line) throws IOException {
        Recorder r = read(line + "\nsuccess: a\n");
        assertEquals("a", r.only(TestStatus.INPROGRESS).event().testId());
        assertEquals("a", r.only(TestStatus.SUCCESS).event().testId());
        assertTrue(r.skipped.isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"test:a", "test:", "test: ", " test: a", "tests: a", "s: a", ": a", "ki: a",
        "Test: a", "success:a"})
    void notDirectives(String line) throws IOException {
        Recorder r = read(line + "\n");
        assertTrue(r.events.isEmpty(), "no events for " + line);
        assertEquals(List.of(new Skip(0, line.length() + 1)), r.skipped);
    }

    @Test
    void idStartsOneByteAfterTheKeyword() throws IOException {
        // as in python-subunit: the separator is one byte, further white space belongs to the id
        Recorder r = read("test:  a\nsuccess:  a\n");
        assertEquals(" a", r.only(TestStatus.SUCCESS).event().testId());
    }

    @Test
    void nonDirectiveLinesAreSkippedWithTheirOffsets() throws IOException {
        String text = "hello\n\ntest: a\nsome output\r\nsuccess: a\nbye";
        Recorder r = read(text);
        assertEquals(List.of(new Skip(0, 6), new Skip(6, 1), new Skip(15, 13), new Skip(39, 3)), r.skipped);
        assertEquals(7, r.only(TestStatus.INPROGRESS).offset());
        assertEquals(28, r.only(TestStatus.SUCCESS).offset());
    }

    @Test
    void outcomeOutsideATestIsSkipped() throws IOException {
        Recorder r = read("success: a\nfailure: a [\nfoo\n]\n");
        assertTrue(r.events.isEmpty());
        assertEquals(4, r.skipped.size(), "the bracket lines are plain lines too");
    }

    @Test
    void outcomeForAnotherIdIsSkippedAndTheTestStaysOpen() throws IOException {
        String text = "test: a\nsuccess: b\nfailure: a\n";
        Recorder r = read(text);
        assertEquals(List.of(new Skip(8, 11)), r.skipped);
        assertEquals(List.of(TestStatus.INPROGRESS, TestStatus.FAIL), r.events.stream().map(Rec::status).toList());
        assertEquals("a", r.only(TestStatus.FAIL).event().testId());
        assertTrue(r.files().isEmpty(), "a plain failure has no details");
    }

    @Test
    void idPrefixIsNotAMatch() throws IOException {
        Recorder r = read("test: a.b\nsuccess: a\nsuccess: a.b.c\nsuccess: a.b x\nsuccess: a.b\n");
        assertEquals(3, r.skipped.size());
        assertEquals(51, r.only(TestStatus.SUCCESS).offset());
    }

    @Test
    void testLineInsideATestIsSkipped() throws IOException {
        Recorder r = read("test: a\ntest: b\nsuccess: b\n");
        assertEquals(List.of(new Skip(8, 8), new Skip(16, 11)), r.skipped);
        assertEquals(List.of(TestStatus.INPROGRESS, TestStatus.FAIL), r.statuses().stream().map(Rec::status).toList());
        assertEquals("a", r.only(TestStatus.FAIL).event().testId());
        assertEquals("lost connection during test 'a'", r.files().get(0).text());
    }

    @Test
    void progressIsDropped() throws IOException {
        Recorder r = read("progress: 5\nprogress: +3\nprogress: -1\nprogress: push\nprogress: pop\nprogress 2\n"
                + "test: a\nprogress: push\nsuccess: a\n");
        assertTrue(r.skipped.isEmpty());
        assertEquals(2, r.events.size());
    }

    @Test
    void unparsableProgressIsSkipped() throws IOException {
        Recorder r = read("progress: lots\n");
        assertEquals(List.of(new Skip(0, 15)), r.skipped);
    }

    // ------------------------------------------------------------------ tags

    @Test
    void globalTagsGoOnEveryFollowingTest() throws IOException {
        Recorder r = read("tags: worker-0 smoke\ntest: a\nsuccess: a\ntags: -smoke\ntest: b\nsuccess: b\n");
        List<Rec> finals = r.statuses().stream().filter(e -> e.status().isFinal()).toList();
        assertEquals(Set.of("worker-0", "smoke"), finals.get(0).event().tags());
        assertEquals(Set.of("worker-0"), finals.get(1).event().tags());
        assertTrue(r.statuses().stream().filter(e -> e.status() == TestStatus.INPROGRESS)
                .allMatch(e -> e.event().tags() == null), "inprogress carries no tags");
    }

    @Test
    void tagsInsideATestApplyToThatTestOnly() throws IOException {
        Recorder r = read("tags: global gone\ntest: a\ntags: local -gone\nsuccess: a\ntest: b\nsuccess: b\n");
        List<Rec> finals = r.statuses().stream().filter(e -> e.status().isFinal()).toList();
        assertEquals(Set.of("global", "local"), finals.get(0).event().tags());
        assertEquals(Set.of("global", "gone"), finals.get(1).event().tags());
    }

    @Test
    void tagRemovalWinsOverAdditionOnOneLine() throws IOException {
        Recorder r = read("tags: a -a b\ntest: t\nsuccess: t\n");
        assertEquals(Set.of("b"), r.only(TestStatus.SUCCESS).event().tags());
    }

    @Test
    void removingEveryTagGivesNoTags() throws IOException {
        Recorder r = read("tags: worker-1\ntags: -worker-1\ntest: t\nsuccess: t\n");
        assertNull(r.only(TestStatus.SUCCESS).event().tags());
    }

    @Test
    void tagsAreImmutable() throws IOException {
        Set<String> tags = read("tags: x\ntest: t\nsuccess: t\n").only(TestStatus.SUCCESS).event().tags();
        assertThrows(UnsupportedOperationException.class, () -> tags.add("y"));
    }

    @Test
    void tagsLineWithoutTagsIsSkipped() throws IOException {
        Recorder r = read("tags:\ntags: \n");
        assertEquals(2, r.skipped.size());
    }

    // ------------------------------------------------------------------ time

    @Test
    void timestampsAreNullBeforeTheFirstTimeLine() throws IOException {
        Recorder r = read("test: a\nfailure: a [\nboom\n]\ntime: 2026-11-28 09:01:33.950993Z\n"
                + "test: b\ntime: 2026-11-28 09:01:34Z\nsuccess: b\n");
        for (int i = 0; i < 3; i++) {
            assertNull(r.events.get(i).event().timestamp(), "event " + i);
        }
        assertEquals(T1, r.events.get(3).event().timestamp());
        assertEquals(Instant.parse("2026-11-28T09:01:34Z"), r.events.get(4).event().timestamp());
    }

    @Test
    void detailsAndFinalStatusShareTheOutcomeTime() throws IOException {
        Recorder r = read("time: 2026-11-28 09:01:33.950993Z\ntest: a\ntime: 2026-11-28 09:01:35.5Z\n"
                + "failure: a [ multipart\nContent-Type: text/plain\nlog\n2\r\nhi0\r\n]\n");
        assertEquals(T1, r.only(TestStatus.INPROGRESS).event().timestamp());
        Instant outcome = Instant.parse("2026-11-28T09:01:35.5Z");
        assertEquals(outcome, r.files().get(0).event().timestamp());
        assertEquals(outcome, r.only(TestStatus.FAIL).event().timestamp());
    }

    @ParameterizedTest
    @CsvSource({
        "'2026-11-28 09:01:33.950993Z', 2026-11-28T09:01:33.950993Z",
        "'2026-11-28 09:01:33Z', 2026-11-28T09:01:33Z",
        "'2026-11-28 09:01:33.123456789Z', 2026-11-28T09:01:33.123456Z",
        "'2026-11-28 09:01:46.032698Z', 2026-11-28T09:01:46.032697Z",
        "'2026-11-28 09:01:33.1Z', 2026-11-28T09:01:33.100Z",
        "'2026-11-28 09:01:33.1234567891234Z', 2026-11-28T09:01:33.123456Z",
        "'2026-11-28T09:01:33.5Z', 2026-11-28T09:01:33.500Z",
        "'2026-11-28 09:01:33,25Z', 2026-11-28T09:01:33.250Z",
        "'2026-11-28 09:01:33.5z', 2026-11-28T09:01:33.500Z",
        "'2026-11-28 09:01:33', 2026-11-28T09:01:33Z",
        "'2026-11-28 09:01Z', 2026-11-28T09:01:00Z",
        "'2026-11-28', 2026-11-28T00:00:00Z",
        "'2026-11-28 11:01:33+02:00', 2026-11-28T09:01:33Z",
        "'2026-11-28 04:31:33-0430', 2026-11-28T09:01:33Z",
        "'2026-11-28 10:01:33+01', 2026-11-28T09:01:33Z",
        "'  2026-11-28 09:01:33Z  ', 2026-11-28T09:01:33Z"})
    void timeParsing(String text, String expected) {
        // microseconds, truncated from a float as python-subunit's iso8601 does (.032698 gives .032697)
        assertEquals(Instant.parse(expected), SubunitV1Reader.parseTime(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2026-13-01 00:00:00Z", "2026-11-28 25:00:00Z", "2026-11-28 09:01:33.Z",
        "2026-11-28 09:01:33X", "26-11-28 09:01:33Z", "2026-02-30 00:00:00Z"})
    void unparsableTimes(String text) {
        assertNull(SubunitV1Reader.parseTime(text));
    }

    @Test
    void unparsableTimeLineIsSkippedAndKeepsTheClock() throws IOException {
        Recorder r = read("time: 2026-11-28 09:01:33.950993Z\ntime: soon\ntest: a\nsuccess: a\n");
        assertEquals(List.of(new Skip(34, 11)), r.skipped);
        assertEquals(T1, r.only(TestStatus.SUCCESS).event().timestamp());
    }

    // ------------------------------------------------------------------ bracketed details

    @ParameterizedTest
    @CsvSource({
        "failure, FAIL, traceback, 'text/x-traceback; charset=utf8'",
        "error, FAIL, traceback, 'text/x-traceback; charset=utf8'",
        "xfail, XFAIL, traceback, 'text/x-traceback; charset=utf8'",
        "uxsuccess, UXSUCCESS, traceback, 'text/x-traceback; charset=utf8'",
        "skip, SKIP, reason, 'text/plain; charset=utf8'",
        "success, SUCCESS, message, text/plain",
        "successful, SUCCESS, message, text/plain"})
    void bracketedDetailNameAndMime(String keyword, TestStatus status, String name, String mime)
            throws IOException {
        String text = "test: a\n" + keyword + ": a [\nline one\n ] escaped\n  ]not escaped\n]x\n]\n";
        Recorder r = read(text);
        assertEquals(1, r.files().size());
        Rec file = r.files().get(0);
        assertEquals(name, file.file());
        assertEquals(mime, file.event().mimeType());
        assertEquals("a", file.event().testId());
        assertTrue(file.event().eof());
        assertNull(file.status());
        assertNull(file.event().tags());
        assertEquals("line one\n] escaped\n  ]not escaped\n]x\n", file.text());
        assertEquals(8 + keyword.length() + 6, file.offset(), "offset of the first content line");
        Rec last = r.events.get(r.events.size() - 1);
        assertEquals(status, last.status());
        assertEquals(8, last.offset(), "the final status comes from the outcome line");
        assertTrue(r.skipped.isEmpty());
    }

    @Test
    void directivesInsideDetailsAreContent() throws IOException {
        Recorder r = read("test: a\nfailure: a [\ntime: 2026-01-01 00:00:00Z\ntags: x\nsuccess: a\n]\n");
        assertEquals("time: 2026-01-01 00:00:00Z\ntags: x\nsuccess: a\n", r.files().get(0).text());
        assertNull(r.only(TestStatus.FAIL).event().timestamp());
        assertNull(r.only(TestStatus.FAIL).event().tags());
    }

    @Test
    void emptyBracketedDetailGivesOneEmptyEofChunk() throws IOException {
        Recorder r = read("test: a\nskip: a [\n]\n");
        assertEquals(1, r.files().size());
        Rec file = r.files().get(0);
        assertEquals("reason", file.file());
        assertEquals(0, file.content().length);
        assertTrue(file.event().eof());
        assertEquals(18, file.offset(), "an empty attachment comes from the closing line");
    }

    @Test
    void bracketedDetailWithCrlfKeepsItsBytes() throws IOException {
        Recorder r = read("test: a\r\nfailure: a [\r\nTraceback\r\n ]\r\n]\r\ntest: b\r\nsuccess: b\r\n");
        assertEquals("Traceback\r\n]\r\n", r.files().get(0).text());
        assertEquals("a", r.only(TestStatus.FAIL).event().testId());
        assertEquals("b", r.only(TestStatus.SUCCESS).event().testId());
        assertTrue(r.skipped.isEmpty());
    }

    @Test
    void bigBracketedDetailIsStreamedInBoundedPieces() throws IOException {
        StringBuilder text = new StringBuilder("test: a\nfailure: a [\n");
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            String line = "  File \"x.py\", line " + i + ", in test\n";
            text.append(line);
            expected.append(line);
        }
        text.append("]\n");
        Recorder r = read(text.toString());
        List<Rec> files = r.files();
        assertTrue(files.size() > 5, "several pieces");
        assertTrue(files.stream().allMatch(f -> f.content().length <= SubunitV1Reader.MAX_CHUNK_SIZE));
        assertTrue(files.subList(0, files.size() - 1).stream().noneMatch(f -> f.event().eof()));
        assertTrue(files.get(files.size() - 1).event().eof());
        assertEquals(expected.toString(), new String(r.joined("a", "traceback"), UTF_8));
    }

    // ------------------------------------------------------------------ multipart details

    @Test
    void multipartPartsAndChunks() throws IOException {
        byte[] binary = {(byte) 0xff, 0, '\r', '\n', ']', '\n', (byte) 0xb3};
        byte[] text = concat(bytes("tags: worker-0\ntest: a\ntime: 2026-11-28 09:01:33.950993Z\n"
                        + "failure: a [ multipart\n"
                        + "Content-Type: text/x-traceback;charset=utf8,language=python\n"
                        + "traceback\n"
                        + "6\r\nTrace\n"
                        + "5\r\nback!"
                        + "0\r\n"
                        + "Content-Type: application/octet-stream\n"
                        + "blob data\n"
                        + "7\r\n"), binary,
                bytes("0\r\n"
                        + "Content-Type: text/plain; charset=\"utf8\"\n"
                        + "stdout\n"
                        + "0\r\n"
                        + "]\n"
                        + "tags: -worker-0\n"));
        Recorder r = read(text);
        List<Rec> files = r.files();
        assertEquals(4, files.size());
        assertEquals(List.of("traceback", "traceback", "blob data", "stdout"),
                files.stream().map(Rec::file).toList());
        assertEquals(List.of("text/x-traceback;charset=utf8,language=python",
                        "text/x-traceback;charset=utf8,language=python", "application/octet-stream",
                        "text/plain; charset=\"utf8\""),
                files.stream().map(f -> f.event().mimeType()).toList());
        assertEquals(List.of(false, true, true, true), files.stream().map(f -> f.event().eof()).toList());
        assertEquals("Trace\n", files.get(0).text());
        assertEquals("back!", files.get(1).text());
        assertArrayEquals(binary, files.get(2).content());
        assertEquals(0, files.get(3).content().length);
        String s = new String(text, ISO_8859_1);
        assertEquals(s.indexOf("6\r\n"), files.get(0).offset(), "a chunk comes from its length line");
        assertEquals(s.indexOf("5\r\n"), files.get(1).offset());
        assertEquals(s.indexOf("7\r\n"), files.get(2).offset());
        assertEquals(s.indexOf("0\r\n]"), files.get(3).offset(), "an empty part comes from its end line");
        Rec fail = r.only(TestStatus.FAIL);
        assertEquals(s.indexOf("failure:"), fail.offset());
        assertEquals(Set.of("worker-0"), fail.event().tags());
        assertEquals(T1, fail.event().timestamp());
        assertTrue(files.stream().allMatch(f -> T1.equals(f.event().timestamp()) && "a".equals(f.event().testId())));
        assertEquals(fail, r.events.get(r.events.size() - 1), "details come before the final status");
        assertTrue(r.skipped.isEmpty());
    }

    @Test
    void multipartWithoutPartsHasNoFiles() throws IOException {
        Recorder r = read("test: a\nsuccessful: a [ multipart\n]\n");
        assertEquals(List.of(TestStatus.INPROGRESS, TestStatus.SUCCESS), r.events.stream().map(Rec::status).toList());
    }

    @Test
    void chunkLengthsMayEndInLfAloneAndUseEitherCase() throws IOException {
        String body = "x".repeat(0x1a) + "y".repeat(0xB);
        Recorder r = read("test: a\nxfail: a [ multipart\nContent-Type: text/plain\nlog\n1a\n" + "x".repeat(0x1a)
                + "00B\n" + "y".repeat(0xB) + "0\n]\n");
        assertEquals(List.of(0x1a, 0xB), r.files().stream().map(f -> f.content().length).toList());
        assertEquals(body, new String(r.joined("a", "log"), UTF_8));
        assertEquals(TestStatus.XFAIL, r.events.get(r.events.size() - 1).status());
    }

    @Test
    void crlfEverywhere() throws IOException {
        Recorder r = read("time: 2026-11-28 09:01:33.950993Z\r\ntags: w\r\ntest: a\r\n"
                + "skip: a [ multipart\r\nContent-Type: text/plain;charset=utf8\r\nreason\r\n3\r\nwhy0\r\n]\r\n");
        Rec file = r.files().get(0);
        assertEquals("reason", file.file());
        assertEquals("text/plain;charset=utf8", file.event().mimeType());
        assertEquals("why", file.text());
        Rec skip = r.only(TestStatus.SKIP);
        assertEquals("a", skip.event().testId());
        assertEquals(Set.of("w"), skip.event().tags());
        assertEquals(T1, skip.event().timestamp());
        assertTrue(r.skipped.isEmpty());
    }

    @Test
    void contentTypeLineWithoutSpaceIsTakenWhole() throws IOException {
        Recorder r = read("test: a\nsuccess: a [ multipart\ntext/plain\nlog\n0\r\n]\n");
        assertEquals("text/plain", r.files().get(0).event().mimeType());
        assertEquals("log", r.files().get(0).file());
    }

    @Test
    void malformedChunkLengthMakesTheRestOfThePartRawContent() throws IOException {
        Recorder r = read("test: a\nfailure: a [ multipart\nContent-Type: text/plain\nlog\n3\r\nabc"
                + "zz\r\nmore text\n ]\n]\nsuccess: a\n");
        List<Rec> files = r.files();
        assertEquals(2, files.size());
        assertFalse(files.get(0).event().eof());
        assertTrue(files.get(1).event().eof());
        assertEquals("abczz\r\nmore text\n ]\n", new String(r.joined("a", "log"), UTF_8));
        assertEquals(TestStatus.FAIL, r.events.get(r.events.size() - 1).status());
        assertEquals(List.of(new Skip(85, 11)), r.skipped, "the test was already over");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\r\n", "-1\r\n", "0x10\r\n", "1 0\r\n", "10000000000000000\r\n", "\r\r\n", "a;ext\r\n"})
    void malformedChunkLengths(String lengthLine) throws IOException {
        Recorder r = read("test: a\nerror: a [ multipart\nContent-Type: text/plain\nlog\n" + lengthLine + "]\n");
        assertEquals(lengthLine, new String(r.joined("a", "log"), UTF_8));
        assertTrue(r.files().get(r.files().size() - 1).event().eof());
        assertEquals(TestStatus.FAIL, r.events.get(r.events.size() - 1).status());
        assertTrue(r.files().stream().noneMatch(f -> f.text().startsWith("lost connection")));
    }

    @Test
    void closingBracketWhereAChunkLengthIsExpectedEndsTheBlock() throws IOException {
        Recorder r = read("test: a\nfailure: a [ multipart\nContent-Type: text/plain\nlog\n2\r\nhi]\n");
        assertEquals(1, r.files().size());
        assertEquals("hi", r.files().get(0).text());
        assertTrue(r.files().get(0).event().eof());
        assertEquals(TestStatus.FAIL, r.events.get(r.events.size() - 1).status());
    }

    @Test
    void severalMegabyteAttachmentIsStreamedAsBoundedChunks() throws IOException {
        int size = 5 * 1024 * 1024 + 123;
        byte[] payload = new byte[size];
        for (int i = 0; i < size; i++) {
            payload[i] = (byte) (i * 31 + (i >>> 11));
        }
        byte[] stream = concat(bytes("test: big\nsuccess: big [ multipart\nContent-Type: application/octet-stream\n"
                + "dump\n" + Integer.toHexString(size) + "\r\n"), payload, bytes("0\r\n]\ntest: next\nsuccess: next\n"));
        long lengthLine = new String(stream, ISO_8859_1).indexOf(Integer.toHexString(size) + "\r\n");
        for (int step : new int[] {Integer.MAX_VALUE, 65_537, 4093}) {
            Recorder r = new Recorder();
            TrickleInputStream in = new TrickleInputStream(stream, step);
            new SubunitV1Reader(in).read(r);
            List<Rec> files = r.files();
            assertTrue(files.size() >= size / SubunitV1Reader.MAX_CHUNK_SIZE, "several chunk events");
            assertTrue(files.stream().allMatch(f -> f.content().length <= SubunitV1Reader.MAX_CHUNK_SIZE));
            assertEquals(1, files.stream().filter(f -> f.event().eof()).count());
            assertTrue(files.get(files.size() - 1).event().eof());
            assertArrayEquals(payload, r.joined("big", "dump"));
            assertTrue(files.stream().allMatch(f -> f.offset() == lengthLine), "all pieces come from the length line");
            assertEquals(List.of("big", "big", "next", "next"),
                    r.statuses().stream().map(e -> e.event().testId()).toList());
            assertTrue(r.skipped.isEmpty());
        }
    }

    @Test
    void manySmallChunksStayOneEventEach() throws IOException {
        StringBuilder text = new StringBuilder("test: a\nsuccess: a [ multipart\nContent-Type: text/plain\nout\n");
        for (int i = 0; i < 1000; i++) {
            text.append("4\r\n").append(String.format("%04d", i));
        }
        text.append("0\r\n]\n");
        Recorder r = new Recorder();
        new SubunitV1Reader(new TrickleInputStream(bytes(text.toString()), 97)).read(r);
        assertEquals(1000, r.files().size());
        assertEquals("0999", r.files().get(999).text());
        assertEquals(999, r.files().stream().filter(f -> !f.event().eof()).count());
    }

    // ------------------------------------------------------------------ lost connection

    @Test
    void testOpenAtEndOfInputFails() throws IOException {
        String text = "tags: worker-0\ntime: 2026-11-28 09:01:33.950993Z\ntest: a\ntags: local\n";
        Recorder r = read(text);
        assertEquals(3, r.events.size());
        Rec traceback = r.events.get(1);
        assertEquals("traceback", traceback.file());
        assertEquals("text/x-traceback; charset=utf8", traceback.event().mimeType());
        assertEquals("lost connection during test 'a'", traceback.text());
        assertTrue(traceback.event().eof());
        assertEquals(text.length(), traceback.offset());
        Rec fail = r.events.get(2);
        assertEquals(TestStatus.FAIL, fail.status());
        assertEquals("a", fail.event().testId());
        assertEquals(Set.of("worker-0", "local"), fail.event().tags());
        assertEquals(T1, fail.event().timestamp());
        assertEquals(text.length(), fail.offset());
    }

    @Test
    void lastLineWithoutNewlineKeepsItsLastCharacter() throws IOException {
        Recorder r = read("test: abc");
        assertEquals("abc", r.only(TestStatus.INPROGRESS).event().testId());
        assertEquals("lost connection during test 'abc'", r.files().get(0).text());
        assertEquals("abc", read("test: abc\nsuccess: abc").only(TestStatus.SUCCESS).event().testId());
    }

    @Test
    void endOfInputInsideBracketedDetailsKeepsWhatWasRead() throws IOException {
        Recorder r = read("test: a\nfailure: a [\nTraceback (most recent call last):\n  File");
        List<Rec> files = r.files();
        assertEquals(2, files.size());
        assertEquals("Traceback (most recent call last):\n  File", files.get(0).text());
        assertTrue(files.get(0).event().eof());
        assertEquals("lost connection during failure report of test 'a'", files.get(1).text());
        assertEquals(TestStatus.FAIL, r.events.get(r.events.size() - 1).status());
    }

    @Test
    void endOfInputInsideAChunkBody() throws IOException {
        Recorder r = read("test: a\nsuccess: a [ multipart\nContent-Type: text/plain\nlog\n10\r\nonly half");
        List<Rec> files = r.files();
        assertEquals("only half", files.get(0).text());
        assertEquals("log", files.get(0).file());
        assertTrue(files.get(0).event().eof());
        assertEquals("lost connection during success report of test 'a'", files.get(1).text());
        assertEquals(TestStatus.FAIL, r.events.get(r.events.size() - 1).status());
    }

    @Test
    void endOfInputBetweenChunksClosesTheAttachment() throws IOException {
        String text = "test: a\nskip: a [ multipart\nContent-Type: text/plain\nlog\n2\r\nhi";
        Recorder r = read(text);
        assertEquals(List.of("log", "traceback"), r.files().stream().map(Rec::file).toList());
        assertEquals("hi", r.files().get(0).text());
        assertTrue(r.files().get(0).event().eof());
        assertEquals("lost connection during skip report of test 'a'", r.files().get(1).text());
    }

    @Test
    void endOfInputInAPartHeaderReportsNoPart() throws IOException {
        Recorder r = read("test: a\nxfail: a [ multipart\nContent-Type: text/plain\n");
        assertEquals(List.of("traceback"), r.files().stream().map(Rec::file).toList());
        assertEquals("lost connection during xfail report of test 'a'", r.files().get(0).text());
        assertEquals(TestStatus.FAIL, r.events.get(r.events.size() - 1).status());
    }

    @Test
    void endOfInputRightAfterAnEmptyBracket() throws IOException {
        Recorder r = read("test: a\nuxsuccess: a [\n");
        assertEquals(2, r.files().size());
        assertEquals(0, r.files().get(0).content().length);
        assertEquals("lost connection during uxsuccess report of test 'a'", r.files().get(1).text());
    }

    @Test
    void emptyInputGivesNothing() throws IOException {
        Recorder r = read(new byte[0]);
        assertTrue(r.events.isEmpty());
        assertTrue(r.skipped.isEmpty());
    }

    // ------------------------------------------------------------------ bytes, buffers, encodings

    @Test
    void invalidUtf8InIdsIsReplaced() throws IOException {
        byte[] id = {'t', (byte) 0xff, 'x'};
        Recorder r = read(concat(bytes("tags: "), new byte[] {(byte) 0xfe}, bytes("\ntest: "), id,
                bytes("\nsuccess: "), id, bytes("\n")));
        assertEquals("t\uFFFDx", r.only(TestStatus.SUCCESS).event().testId());
        assertEquals(Set.of("\uFFFD"), r.only(TestStatus.SUCCESS).event().tags());
    }

    @Test
    void unicodeIdsAndTags() throws IOException {
        Recorder r = read("tags: smoke \u00e9t\u00e9\ntest: t.test_\u00fc\u00f1\u00ee\uD83D\uDE00\n"
                + "success: t.test_\u00fc\u00f1\u00ee\uD83D\uDE00\n");
        assertEquals("t.test_\u00fc\u00f1\u00ee\uD83D\uDE00", r.only(TestStatus.SUCCESS).event().testId());
        assertEquals(Set.of("smoke", "\u00e9t\u00e9"), r.only(TestStatus.SUCCESS).event().tags());
    }

    @Test
    void overlongPlainLineIsOneSkippedRun() throws IOException {
        int length = SubunitV1Reader.BUFFER_SIZE * 2 + 17;
        String longLine = "test: " + "x".repeat(length - 7) + "\n";
        Recorder r = new Recorder();
        new SubunitV1Reader(new TrickleInputStream(bytes("hi\n" + longLine + "test: a\nsuccess: a\n"), 10_000))
                .read(r);
        assertEquals(List.of(new Skip(0, 3), new Skip(3, length)), r.skipped);
        assertEquals(3 + length, r.only(TestStatus.INPROGRESS).offset());
        assertEquals(2, r.events.size());
    }

    @Test
    void overlongLineAtEndOfInput() throws IOException {
        int length = SubunitV1Reader.BUFFER_SIZE + 5;
        Recorder r = read("y".repeat(length));
        assertEquals(List.of(new Skip(0, length)), r.skipped);
    }

    @Test
    void overlongLinesInsideDetailsAreContent() throws IOException {
        String longLine = " ]" + "z".repeat(SubunitV1Reader.BUFFER_SIZE + 1000) + "\n";
        Recorder r = new Recorder();
        new SubunitV1Reader(new TrickleInputStream(bytes("test: a\nfailure: a [\n" + longLine + "]\n"), 8191))
                .read(r);
        assertEquals(longLine.substring(1), new String(r.joined("a", "traceback"), UTF_8));
        assertEquals(TestStatus.FAIL, r.events.get(r.events.size() - 1).status());
        assertTrue(r.files().stream().noneMatch(f -> f.text().contains("lost connection")));
    }

    @Test
    void overlongContentTypeIsCutToTheBuffer() throws IOException {
        String mime = "text/plain;x=" + "q".repeat(SubunitV1Reader.BUFFER_SIZE);
        Recorder r = read("test: a\nsuccess: a [ multipart\nContent-Type: " + mime + "\nlog\n1\r\n!0\r\n]\n");
        Rec file = r.files().get(0);
        assertEquals("log", file.file());
        assertEquals("!", file.text());
        assertTrue(mime.startsWith(file.event().mimeType()));
        assertEquals(SubunitV1Reader.BUFFER_SIZE - "Content-Type: ".length(), file.event().mimeType().length());
    }

    @Test
    void overlongPartNameIsCutToTheBufferAndTheChunksStillFollow() throws IOException {
        String name = "log-" + "n".repeat(SubunitV1Reader.BUFFER_SIZE);
        Recorder r = read("test: a\nsuccess: a [ multipart\nContent-Type: text/plain\n" + name + "\n2\r\nhi0\r\n]\n");
        Rec file = r.files().get(0);
        assertEquals(name.substring(0, SubunitV1Reader.BUFFER_SIZE), file.file());
        assertEquals("hi", new String(r.joined("a", file.file()), UTF_8), "the rest of the name line is no chunk");
        assertTrue(r.files().get(r.files().size() - 1).event().eof());
        assertEquals(TestStatus.SUCCESS, r.events.get(r.events.size() - 1).status());
    }

    @Test
    void overlongLineWhereAChunkLengthIsExpectedIsRawContent() throws IOException {
        String line = "y".repeat(SubunitV1Reader.BUFFER_SIZE + 100);
        Recorder r = read("test: a\nfailure: a [ multipart\nContent-Type: text/plain\nlog\n3\r\nabc" + line
                + "\n]\n");
        assertEquals("abc" + line + "\n", new String(r.joined("a", "log"), UTF_8));
        assertTrue(r.files().get(r.files().size() - 1).event().eof());
        assertEquals(TestStatus.FAIL, r.events.get(r.events.size() - 1).status());
    }

    @Test
    void readsInBlocksNotBytes() throws IOException {
        byte[] data = Files.readAllBytes(fixture("repos/.stestr/1"));
        TrickleInputStream in = new TrickleInputStream(data, Integer.MAX_VALUE);
        new SubunitV1Reader(in).read(new Recorder());
        assertTrue(in.reads <= 3, "one block read for the whole file, then end of input: " + in.reads);
    }

    @Test
    void fileContentIsAViewValidDuringTheCall() throws IOException {
        List<ByteBuffer> kept = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        new SubunitV1Reader(new ByteArrayInputStream(bytes("test: a\nfailure: a [ multipart\n"
                + "Content-Type: text/plain\nlog\n3\r\none3\r\ntwo0\r\n]\n"))).read(event -> {
                    if (event.fileContent() != null) {
                        kept.add(event.fileContent());
                        seen.add(UTF_8.decode(event.fileContent().duplicate()).toString());
                    }
                });
        assertEquals(List.of("one", "two"), seen);
        assertThrows(java.nio.ReadOnlyBufferException.class, () -> kept.get(0).put(0, (byte) 'x'));
    }

    @Test
    void handlerExceptionsPropagate() {
        SubunitV1Reader reader = new SubunitV1Reader(new ByteArrayInputStream(bytes("test: a\n")));
        IOException thrown = assertThrows(IOException.class, () -> reader.read(event -> {
            throw new IOException("disk full");
        }));
        assertEquals("disk full", thrown.getMessage());
    }

    @Test
    void streamErrorsPropagate() {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("gone");
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                throw new IOException("gone");
            }
        };
        assertThrows(IOException.class, () -> new SubunitV1Reader(failing).read(new Recorder()));
    }

    @Test
    void readsOnlyOnce() throws IOException {
        SubunitV1Reader reader = new SubunitV1Reader(new ByteArrayInputStream(new byte[0]));
        reader.read(new Recorder());
        assertThrows(IllegalStateException.class, () -> reader.read(new Recorder()));
    }

    // ------------------------------------------------------------------ real stored runs

    @ParameterizedTest
    @CsvSource({
        "repos/.stestr/0, 290, 289, 1, 0, 0",
        "repos/.testrepository/0, 290, 289, 1, 0, 0",
        "repos/.stestr/1, 285, 266, 11, 2, 6",
        "repos/.testrepository/1, 285, 266, 11, 2, 6"})
    void storedRuns(String path, int tests, int success, int fail, int skip, int xfail) throws IOException {
        byte[] data = Files.readAllBytes(fixture(path));
        Recorder r = new Recorder();
        new SubunitV1Reader(new TrickleInputStream(data, 8192)).read(r);
        assertTrue(r.skipped.isEmpty(), "stored runs hold nothing but protocol");

        // the simple assembly: the final status per test id, details and timestamps in arrival order
        Map<String, Rec> finals = new LinkedHashMap<>();
        Map<String, List<Instant>> times = new HashMap<>();
        for (Rec e : r.events) {
            String id = e.event().testId();
            assertNotNull(id);
            assertNotNull(e.event().timestamp(), "every stored event follows a time: line");
            times.computeIfAbsent(id, k -> new ArrayList<>()).add(e.event().timestamp());
            if (e.status() != null && e.status().isFinal()) {
                assertNull(finals.put(id, e), "one result per id: " + id);
            }
        }
        assertEquals(tests, finals.size());
        Map<TestStatus, Long> counts = finals.values().stream()
                .collect(Collectors.groupingBy(Rec::status, Collectors.counting()));
        assertEquals(success, counts.getOrDefault(TestStatus.SUCCESS, 0L));
        assertEquals(fail, counts.getOrDefault(TestStatus.FAIL, 0L));
        assertEquals(skip, counts.getOrDefault(TestStatus.SKIP, 0L));
        assertEquals(xfail, counts.getOrDefault(TestStatus.XFAIL, 0L));
        assertEquals(tests, success + fail + skip + xfail);
        assertEquals(tests, r.statuses().stream().filter(e -> e.status() == TestStatus.INPROGRESS).count());

        for (Rec result : finals.values()) {
            Set<String> tags = result.event().tags();
            assertNotNull(tags, result.event().testId());
            assertEquals(1, tags.stream().filter(t -> t.equals("worker-0") || t.equals("worker-1")).count(),
                    "one worker tag: " + tags);
        }
        for (Map.Entry<String, List<Instant>> entry : times.entrySet()) {
            List<Instant> list = entry.getValue();
            for (int i = 1; i < list.size(); i++) {
                assertFalse(list.get(i).isBefore(list.get(i - 1)), "time runs backwards in " + entry.getKey());
            }
            assertTrue(list.size() >= 2);
        }
        for (Rec result : finals.values()) {
            String id = result.event().testId();
            if (result.status() == TestStatus.FAIL || result.status() == TestStatus.XFAIL) {
                String traceback = new String(r.joined(id, "traceback"), UTF_8);
                assertTrue(traceback.startsWith("Traceback (most recent call last):"), id);
                assertTrue(traceback.endsWith("\n"), id);
            }
            if (result.status() == TestStatus.SKIP) {
                assertEquals("object <module 'sys' (built-in)> has no attribute 'gettotalrefcount'",
                        new String(r.joined(id, "reason"), UTF_8));
            }
            if (result.status() == TestStatus.SUCCESS) {
                assertTrue(r.files().stream().noneMatch(f -> f.event().testId().equals(id)), id);
            }
        }
        for (Rec f : r.files()) {
            assertTrue(f.event().eof(), "every stored attachment is a single chunk");
            assertEquals(f.file().equals("traceback") ? "text/x-traceback;charset=utf8,language=python"
                    : "text/plain;charset=utf8", f.event().mimeType());
        }
        assertOffsetsPointAtTheirLines(data, r);
    }

    /** Every event's offset is the start of a line of the kind that makes it. */
    private static void assertOffsetsPointAtTheirLines(byte[] data, Recorder r) {
        String text = new String(data, ISO_8859_1);
        for (Rec e : r.events) {
            int at = (int) e.offset();
            assertTrue(at == 0 || text.charAt(at - 1) == '\n', "offset at a line start");
            String line = text.substring(at, text.indexOf('\n', at));
            if (e.status() == TestStatus.INPROGRESS) {
                assertEquals("test: " + e.event().testId(), line);
            } else if (e.status() != null) {
                assertTrue(line.matches("(successful|failure|skip|xfail): .*"), line);
                assertTrue(line.contains(" " + e.event().testId()), line);
            } else {
                assertTrue(line.matches("[0-9A-F]+\r"), "a chunk-length line: " + line);
                int length = Integer.parseInt(line.substring(0, line.length() - 1), 16);
                assertEquals(length, e.content().length);
                int body = at + line.length() + 1;
                assertArrayEquals(Arrays.copyOfRange(data, body, body + length), e.content());
            }
        }
    }

    @Test
    void storedFailingList() throws IOException {
        Recorder r = new Recorder();
        try (InputStream in = Files.newInputStream(fixture("repos/.stestr/failing"))) {
            new SubunitV1Reader(in).read(r);
        }
        assertTrue(r.skipped.isEmpty());
        assertEquals(11, r.statuses().stream().filter(e -> e.status() == TestStatus.FAIL).count());
        assertEquals(11, r.files().size());
        assertTrue(r.files().stream().allMatch(f -> "text/x-traceback;charset=utf8".equals(f.event().mimeType())));
    }

    @Test
    void firstFailureOfRunZero() throws IOException {
        Recorder r = new Recorder();
        try (InputStream in = Files.newInputStream(fixture("repos/.stestr/0"))) {
            new SubunitV1Reader(in).read(r);
        }
        String id = "stestr.tests.test_bisect_return_codes.TestBisectReturnCodes.test_bisect_serial_fail_detected";
        Rec start = r.events.get(0);
        assertEquals(TestStatus.INPROGRESS, start.status());
        assertEquals(id, start.event().testId());
        assertEquals(T1, start.event().timestamp());
        assertEquals(34 + 15, start.offset());
        Rec traceback = r.events.get(1);
        assertEquals(0x211, traceback.content().length);
        assertTrue(traceback.text().endsWith(
                "FileNotFoundError: [Errno 2] No such file or directory: 'stestr/tests/files/testr-conf'\n"));
        Rec fail = r.events.get(2);
        assertEquals(TestStatus.FAIL, fail.status());
        assertEquals(Instant.parse("2026-11-28T09:01:33.953791Z"), fail.event().timestamp());
        assertEquals(Set.of("worker-1"), fail.event().tags());
    }
}
