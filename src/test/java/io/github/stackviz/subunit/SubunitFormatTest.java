package io.github.stackviz.subunit;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SubunitFormatTest {

    private static final int HEAD = 64 * 1024;

    /** {@code status("foo", "exists")}, the README example packet: 12 bytes with a valid CRC. */
    private static final byte[] PACKET = HexFormat.of().parseHex("b329010c03666f6f08555f1b");

    static Path fixture(String relative) {
        String basedir = System.getProperty("basedir");
        Path root = basedir != null ? Path.of(basedir) : Path.of("").toAbsolutePath();
        return root.resolve("src/test/fixtures").resolve(relative);
    }

    static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(HEAD);
        }
    }

    static SubunitFormat detect(byte[] bytes) {
        return SubunitFormat.detect(bytes, bytes.length);
    }

    static SubunitFormat detect(String text) {
        return detect(text.getBytes(ISO_8859_1));
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static Stream<Path> v2Streams() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(fixture("streams"))) {
            files = walk.filter(p -> p.toString().endsWith(".subunit")).sorted().toList();
        }
        assertTrue(files.size() >= 20, "the fixture streams are there: " + files.size());
        return files.stream();
    }

    static Stream<String> v1Runs() {
        return Stream.of("repos/.stestr/0", "repos/.stestr/1", "repos/.testrepository/0",
                "repos/.testrepository/1", "repos/.stestr/failing", "repos/.testrepository/failing");
    }

    // ------------------------------------------------------------------ fixtures

    @ParameterizedTest
    @MethodSource("v2Streams")
    void everyFixtureStreamIsV2(Path file) throws IOException {
        assertEquals(SubunitFormat.V2, detect(head(file)));
    }

    @ParameterizedTest
    @MethodSource("v2Streams")
    void fixtureStreamsAfterALineOfTextAreV2(Path file) throws IOException {
        // the packet after the text is only evidence if its header and CRC hold up
        byte[] data = concat("make[1]: Entering directory '/src'\r\nerror count 0\n".getBytes(UTF_8), head(file));
        assertEquals(SubunitFormat.V2, detect(data));
    }

    @ParameterizedTest
    @MethodSource("v1Runs")
    void everyStoredRunIsV1(String run) throws IOException {
        byte[] head = head(fixture(run));
        assertTrue(head.length > 0);
        assertEquals(SubunitFormat.V1, detect(head));
        assertEquals(SubunitFormat.V1, SubunitFormat.detect(head, Math.min(head.length, 40)), "from one line");
    }

    @ParameterizedTest
    @MethodSource("v1Runs")
    void storedRunsAfterNoiseAreV1(String run) throws IOException {
        byte[] data = concat("Running tests\n\n   \n".getBytes(UTF_8), head(fixture(run)));
        assertEquals(SubunitFormat.V1, detect(data));
    }

    @Test
    void storedRunFromTheMiddleIsV1() throws IOException {
        byte[] all = Files.readAllBytes(fixture("repos/.stestr/1"));
        String text = new String(all, ISO_8859_1);
        int from = text.indexOf("Traceback (most recent call last):");
        assertTrue(from > 0);
        byte[] tail = Arrays.copyOfRange(all, from, all.length);
        assertEquals(SubunitFormat.V1, detect(tail), "traceback lines, then the next directive");
    }

    // ------------------------------------------------------------------ synthetic

    @Test
    void emptyInputIsV2() {
        assertEquals(SubunitFormat.V2, SubunitFormat.detect(new byte[0], 0));
        assertEquals(SubunitFormat.V2, SubunitFormat.detect("test: a\n".getBytes(UTF_8), 0), "length counts");
    }

    @Test
    void leadingSignatureIsV2() {
        assertEquals(SubunitFormat.V2, detect(PACKET));
        assertEquals(SubunitFormat.V2, detect(new byte[] {(byte) 0xb3}));
        assertEquals(SubunitFormat.V2, detect(concat(new byte[] {(byte) 0xb3}, "test: a\n".getBytes(UTF_8))),
                "a leading 0xB3 decides at once");
    }

    @ParameterizedTest
    @ValueSource(strings = {"test: a\n", "testing: a\n", "time: 2026-11-28 09:01:33.950993Z\n", "tags: worker-0\n",
        "progress: push\n", "success: a\n", "successful: a\n", "failure: a [\n", "error: a\n", "skip: a\n",
        "xfail: a\n", "uxsuccess: a\n", "test:: a\n", "test:\ta\n", "test: a\r\n", "test: a"})
    void v1Directives(String text) {
        assertEquals(SubunitFormat.V1, detect(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"test results follow\n", "test a\n", "Test: a\n", " test: a\n", "test:\n", "test: \n",
        "tests: a\n", "hello world\n", "\n\n\n", "error:a\n", "x test: a\n"})
    void notV1(String text) {
        assertEquals(SubunitFormat.V2, detect(text), "non-subunit text is left to the v2 reader");
    }

    @Test
    void directiveAfterOtherLinesIsV1() {
        assertEquals(SubunitFormat.V1, detect("some output\nmore\r\n\ntags: worker-0\ntest: a\n"));
    }

    @Test
    void packetAtALineStartIsV2() {
        assertEquals(SubunitFormat.V2, detect(concat("some output\n".getBytes(UTF_8), PACKET)));
    }

    @Test
    void packetNotAtALineStartIsNoEvidence() {
        assertEquals(SubunitFormat.V2, detect(concat("output ".getBytes(UTF_8), PACKET)), "no evidence: the default");
        assertEquals(SubunitFormat.V1, detect(concat("output ".getBytes(UTF_8), PACKET, "\ntest: a\n".getBytes(UTF_8))),
                "the mid-line packet does not count, the directive after it does");
    }

    @Test
    void firstEvidenceWins() {
        assertEquals(SubunitFormat.V1, detect(concat("test: a\n".getBytes(UTF_8), PACKET)));
        assertEquals(SubunitFormat.V2, detect(concat("x\n".getBytes(UTF_8), PACKET, "\ntest: a\n".getBytes(UTF_8))));
    }

    @Test
    void latin1SuperscriptThreeIsNotAPacket() {
        // "³ y " at a line start: 0xB3, flags 0x2079 (a version-2 nibble), length 0x20, but the CRC does not match
        byte[] data = concat("note\n".getBytes(UTF_8),
                "\u00b3 y is the cube of y, as any schoolbook will tell you\n".getBytes(ISO_8859_1),
                "test: a\n".getBytes(UTF_8));
        assertEquals(SubunitFormat.V1, detect(data));
        // when the claimed packet runs past the head (here "z\n" claims 0x3a0a bytes), the header alone has to do
        assertEquals(SubunitFormat.V2, detect(concat("note\n".getBytes(UTF_8), "\u00b3 yz\n".getBytes(ISO_8859_1),
                "test: a\n".getBytes(UTF_8))));
    }

    @Test
    void corruptPacketIsNoEvidence() {
        byte[] bad = PACKET.clone();
        bad[bad.length - 1] ^= 1;
        assertEquals(SubunitFormat.V1, detect(concat("x\n".getBytes(UTF_8), bad, "\ntest: a\n".getBytes(UTF_8))));
        byte[] version3 = PACKET.clone();
        version3[1] = 0x39;
        assertEquals(SubunitFormat.V1,
                detect(concat("x\n".getBytes(UTF_8), version3, "\ntest: a\n".getBytes(UTF_8))));
        byte[] tooShort = HexFormat.of().parseHex("b3290105");
        assertEquals(SubunitFormat.V1,
                detect(concat("x\n".getBytes(UTF_8), tooShort, "\ntest: a\n".getBytes(UTF_8))));
        byte[] fourByteLength = HexFormat.of().parseHex("b32901c0000010");
        assertEquals(SubunitFormat.V1,
                detect(concat("x\n".getBytes(UTF_8), fourByteLength, "\ntest: a\n".getBytes(UTF_8))));
    }

    @Test
    void packetCutByTheEndOfTheHeadIsPlausible() {
        byte[] data = concat("x\n".getBytes(UTF_8), Arrays.copyOf(PACKET, 6));
        assertEquals(SubunitFormat.V2, detect(data));
        // a big packet whose end lies past the head: header checks only
        byte[] big = concat("x\n".getBytes(UTF_8), HexFormat.of().parseHex("b32940804000"), new byte[100]);
        assertEquals(SubunitFormat.V2, detect(big));
        byte[] lone = concat("x\n".getBytes(UTF_8), new byte[] {(byte) 0xb3});
        assertEquals(SubunitFormat.V2, detect(lone), "no evidence at all");
        byte[] loneThenV1 = concat("x\n".getBytes(UTF_8), new byte[] {(byte) 0xb3, '\n'}, "tags: a\n".getBytes(UTF_8));
        assertEquals(SubunitFormat.V1, detect(loneThenV1));
    }

    @Test
    void onlyTheGivenLengthIsExamined() {
        byte[] data = "hello\ntest: a\n".getBytes(UTF_8);
        assertEquals(SubunitFormat.V2, SubunitFormat.detect(data, 6));
        assertEquals(SubunitFormat.V2, SubunitFormat.detect(data, 12), "'test: ' without its argument");
        assertEquals(SubunitFormat.V1, SubunitFormat.detect(data, 13));
        byte[] padded = Arrays.copyOf("time: 2026-01-01 00:00:00Z\n".getBytes(UTF_8), 1000);
        padded[999] = (byte) 0xb3;
        assertEquals(SubunitFormat.V1, SubunitFormat.detect(padded, 27));
    }

    @Test
    void badLengthIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> SubunitFormat.detect(new byte[4], 5));
        assertThrows(IllegalArgumentException.class, () -> SubunitFormat.detect(new byte[4], -1));
        assertThrows(NullPointerException.class, () -> SubunitFormat.detect(null, 0));
    }

    @Test
    void detectionAgreesWithTheV1Reader() throws IOException {
        // whatever detect() calls v1, the v1 reader finds a test in
        for (String run : v1Runs().toList()) {
            byte[] data = Files.readAllBytes(fixture(run));
            SubunitV1ReaderTest.Recorder r = SubunitV1ReaderTest.read(data);
            assertFalse(r.statuses().isEmpty(), run);
        }
    }
}
