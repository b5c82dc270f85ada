package io.github.stackviz.subunit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.stackviz.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class SubunitV2ReaderTest {

    static RecordingHandler read(byte[] bytes) throws IOException {
        return read(new ByteArrayInputStream(bytes));
    }

    static RecordingHandler read(InputStream in) throws IOException {
        RecordingHandler handler = new RecordingHandler();
        new SubunitV2Reader(in).read(handler);
        return handler;
    }

    static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }


    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    // The worked examples of subunit-v2.md §6, from python-subunit's own tests.

    @Test
    void readsTheReadmeExistsExample() throws IOException {
        RecordingHandler h = read(hex("b3 2901 0c 03 666f6f 08555f1b"));
        assertEquals(1, h.events.size());
        Event e = h.events.get(0);
        assertEquals("foo", e.testId());
        assertEquals(TestStatus.EXISTS, e.status());
        assertTrue(e.runnable());
        assertNull(e.tags());
        assertNull(e.fileName());
        assertNull(e.timestamp());
        assertNull(e.routeCode());
        assertFalse(e.eof());
        assertTrue(h.skips.isEmpty());
    }

    @Test
    void readsANotRunnableSuccess() throws IOException {
        Event e = read(hex("b3 2803 0c 03 666f6f e3eaf5a4")).events.get(0);
        assertEquals(TestStatus.SUCCESS, e.status());
        assertFalse(e.runnable());
    }

    @Test
    void readsABareEofPacket() throws IOException {
        Event e = read(hex("b3 2110 08 5315 88dc")).events.get(0);
        assertTrue(e.eof());
        assertNull(e.testId());
        assertNull(e.status());
    }

    @Test
    void readsAFileChunk() throws IOException {
        byte[] packet = concat(hex("b3 2140 13 06"), ascii("barney"), hex("03"), ascii("woo"), hex("4135e38c"));
        Event e = read(packet).events.get(0);
        assertEquals("barney", e.fileName());
        assertArrayEquals(ascii("woo"), RecordingHandler.bytes(e.fileContent()));
        assertNull(e.mimeType());
    }

    @Test
    void readsARouteCode() throws IOException {
        byte[] packet = concat(hex("b3 2d03 13 03"), ascii("bar"), hex("06"), ascii("source"), hex("9c593919"));
        Event e = read(packet).events.get(0);
        assertEquals("bar", e.testId());
        assertEquals("source", e.routeCode());
    }

    @Test
    void readsATimestampWithAThreeByteNanosecondVarint() throws IOException {
        byte[] packet = concat(hex("b3 2b03 13 3c1754cf 80afc8 03"), ascii("bar"), hex("49963e2d"));
        Event e = read(packet).events.get(0);
        assertEquals(Instant.parse("2001-12-12T12:59:59.000045Z"), e.timestamp());
    }

    @Test
    void readsTags() throws IOException {
        byte[] packet = concat(hex("b3 2980 15 03"), ascii("bar"), hex("02 03"), ascii("foo"), hex("03"), ascii("bar"),
                hex("54486eb4"));
        Event e = read(packet).events.get(0);
        assertEquals(Set.of("foo", "bar"), e.tags());
        assertEquals(List.of("bar", "foo"), List.copyOf(e.tags()), "tags come sorted");
        assertNull(e.status());
    }

    @Test
    void ourWriterProducesTheReferenceBytes() {
        assertArrayEquals(hex("b3 2901 0c 03 666f6f 08555f1b"),
                SubunitV2Writer.newPacket().testId("foo").status(TestStatus.EXISTS).bytes());
        assertArrayEquals(hex("b3 2803 0c 03 666f6f e3eaf5a4"),
                SubunitV2Writer.newPacket().testId("foo").status(TestStatus.SUCCESS).runnable(false).bytes());
        assertArrayEquals(hex("b3 2110 08 5315 88dc"), SubunitV2Writer.newPacket().eof().bytes());
        assertArrayEquals(concat(hex("b3 2b03 13 3c1754cf 80afc8 03"), ascii("bar"), hex("49963e2d")),
                SubunitV2Writer.newPacket().testId("bar").status(TestStatus.SUCCESS)
                        .timestamp(Instant.parse("2001-12-12T12:59:59.000045Z")).bytes());
    }

    @ParameterizedTest
    @CsvSource({"0, 00", "63, 3f", "64, 4040", "16383, 7fff", "16384, 804000", "4194303, bfffff",
            "4194304, c0400000", "1073741823, ffffffff"})
    void varintsHaveTheReferenceEncoding(int value, String encoded) {
        assertArrayEquals(hex(encoded), SubunitV2Writer.varint(value));
    }

    @ParameterizedTest
    @CsvSource({"0", "1", "63", "64", "16383", "16384", "4194303"})
    void fileLengthsOfEveryVarintWidthRoundTrip(int size) throws IOException {
        byte[] content = new byte[size];
        Arrays.fill(content, (byte) 'x');
        if (size > 0) {
            content[size - 1] = 'y';
        }
        int room = SubunitV2Reader.MAX_PACKET_SIZE - 64;
        byte[] packet = SubunitV2Writer.newPacket().testId("t").file("f", Arrays.copyOf(content, Math.min(size, room)))
                .bytes();
        Event e = read(packet).events.get(0);
        assertArrayEquals(Arrays.copyOf(content, Math.min(size, room)), RecordingHandler.bytes(e.fileContent()));
    }

    @Test
    void acceptsNonMinimalVarints() throws IOException {
        // A 2-byte length field holding 14, and a 2-byte string length holding 3: both legal to readers.
        byte[] body = concat(hex("b3 2901"), SubunitV2Writer.varint(14, 2), SubunitV2Writer.varint(3, 2), ascii("foo"));
        byte[] packet = SubunitV2Writer.withCrc(body);
        assertEquals(14, packet.length);
        Event e = read(packet).events.get(0);
        assertEquals("foo", e.testId());
    }

    @ParameterizedTest
    @EnumSource(TestStatus.class)
    void readsEveryStatus(TestStatus status) throws IOException {
        Event e = read(SubunitV2Writer.newPacket().testId("t").status(status).bytes()).events.get(0);
        assertEquals(status, e.status());
        assertEquals(status, TestStatus.fromWord(status.word()));
    }

    @Test
    void statusCodeZeroIsNoStatus() throws IOException {
        assertNull(read(SubunitV2Writer.newPacket().testId("t").bytes()).events.get(0).status());
    }

    @Test
    void readsEveryFieldAtOnce() throws IOException {
        Instant time = Instant.parse("2026-11-28T09:01:57.461838123Z");
        byte[] packet = SubunitV2Writer.newPacket().testId("pkg.Test.test_ü").status(TestStatus.FAIL)
                .tags("worker-1", "smoke").mime("text/plain;charset=utf8").file("traceback", "boom").eof()
                .route("0/3").timestamp(time).bytes();
        Event e = read(packet).events.get(0);
        assertEquals(0, e.offset());
        assertEquals("pkg.Test.test_ü", e.testId());
        assertEquals(TestStatus.FAIL, e.status());
        assertEquals(Set.of("worker-1", "smoke"), e.tags());
        assertEquals("text/plain;charset=utf8", e.mimeType());
        assertEquals("traceback", e.fileName());
        assertEquals("boom", new String(RecordingHandler.bytes(e.fileContent()), StandardCharsets.UTF_8));
        assertTrue(e.eof());
        assertEquals("0/3", e.routeCode());
        assertEquals(time, e.timestamp(), "nanoseconds are kept");
    }

    @Test
    void presentButEmptyTagsAreAnEmptySet() throws IOException {
        assertEquals(Set.of(), read(SubunitV2Writer.newPacket().testId("t").tags().bytes()).events.get(0).tags());
    }

    @Test
    void nanosecondsBeyondOneSecondAreExtraTime() throws IOException {
        // A varint may hold up to 2^30 - 1 ns: the excess is more time, as python-subunit reads it.
        byte[] body = concat(hex("b3 2b01"), hex("0f"), hex("00000000"), SubunitV2Writer.varint(1_073_741_823),
                hex("01"), ascii("t"));
        body[3] = (byte) (body.length + 4);
        byte[] packet = SubunitV2Writer.withCrc(body);
        assertEquals(Instant.ofEpochSecond(1, 73_741_823), read(packet).events.get(0).timestamp());
    }

    @Test
    void reportsABadCrcAndReadsOn() throws IOException {
        byte[] first = SubunitV2Writer.newPacket().testId("one").status(TestStatus.SUCCESS).bytes();
        byte[] damaged = SubunitV2Writer.newPacket().testId("two").status(TestStatus.SUCCESS).bytes();
        damaged[6] ^= 0x20;
        byte[] third = SubunitV2Writer.newPacket().testId("three").status(TestStatus.SUCCESS).bytes();
        RecordingHandler h = read(concat(first, damaged, third));
        assertEquals(List.of("one", "three"), h.events.stream().map(Event::testId).toList());
        assertEquals(1, h.skips.size());
        RecordingHandler.Skip skip = h.skips.get(0);
        assertEquals(first.length, skip.offset());
        assertEquals(damaged.length, skip.length());
        assertEquals(first.length, skip.problemOffset());
        assertTrue(skip.problem().startsWith("bad CRC"), skip.problem());
        assertTrue(skip.problem().contains("(test tWo)"), "names the test when it can: " + skip.problem());
        assertEquals(first.length + damaged.length, h.events.get(1).offset());
    }

    @Test
    void aCorruptLengthDoesNotSwallowTheNextPacket() throws IOException {
        byte[] damaged = SubunitV2Writer.newPacket().testId("two").status(TestStatus.SUCCESS).bytes();
        damaged[3] = (byte) (damaged[3] + 5); // claims 5 bytes more: python-subunit would eat into the next packet
        byte[] next = SubunitV2Writer.newPacket().testId("three").status(TestStatus.SUCCESS).bytes();
        RecordingHandler h = read(concat(damaged, next, next));
        assertEquals(List.of("three", "three"), h.events.stream().map(Event::testId).toList());
        assertEquals(damaged.length, h.skips.get(0).length());
        assertTrue(h.skips.get(0).problem().startsWith("bad CRC"));
    }

    @Test
    void reportsATruncatedPacketAtTheEnd() throws IOException {
        byte[] whole = SubunitV2Writer.newPacket().testId("one").status(TestStatus.SUCCESS).bytes();
        byte[] cut = Arrays.copyOf(SubunitV2Writer.newPacket().testId("two").file("log", "some text").bytes(), 12);
        RecordingHandler h = read(concat(whole, cut));
        assertEquals(1, h.events.size());
        assertEquals(List.of(new RecordingHandler.Skip(whole.length, 12, whole.length,
                h.skips.get(0).problem())), h.skips);
        assertTrue(h.skips.get(0).problem().startsWith("truncated packet"), h.skips.get(0).problem());
    }

    @Test
    void reportsNonSubunitBytesWithTheirOffsets() throws IOException {
        byte[] packet = SubunitV2Writer.newPacket().testId("t").status(TestStatus.SUCCESS).bytes();
        byte[] text = ascii("hello stdout\n");
        RecordingHandler h = read(concat(text, packet, text, text, packet, text));
        assertEquals(2, h.events.size());
        assertEquals(List.of(new RecordingHandler.Skip(0, text.length, -1, null),
                new RecordingHandler.Skip(text.length + packet.length, 2L * text.length, -1, null),
                new RecordingHandler.Skip(3L * text.length + 2L * packet.length, text.length, -1, null)), h.skips);
    }

    @Test
    void aSignatureByteInsideUtf8TextIsText() throws IOException {
        // U+3CCA is e3 b3 8a: its 0xB3 continues a character; a broken "packet" there is text, not damage.
        byte[] packet = SubunitV2Writer.newPacket().testId("t").status(TestStatus.SUCCESS).bytes();
        RecordingHandler text = read(concat(hex("e3"), Arrays.copyOf(packet, 6)));
        assertEquals(List.of(new RecordingHandler.Skip(0, 7, -1, null)), text.skips);
        RecordingHandler noText = read(Arrays.copyOf(packet, 6));
        assertTrue(noText.skips.get(0).problem().startsWith("truncated packet"));
        RecordingHandler ok = read(concat(hex("e3 b3 8a"), packet));
        assertEquals(1, ok.events.size());
        assertEquals(List.of(new RecordingHandler.Skip(0, 3, -1, null)), ok.skips);
    }

    @Test
    void aGoodPacketRightAfterALeadByteIsStillRead() throws IOException {
        // python-subunit would take the 0xB3 as the second byte of a character and lose the packet.
        byte[] packet = SubunitV2Writer.newPacket().testId("t").status(TestStatus.SUCCESS).bytes();
        RecordingHandler h = read(concat(hex("e5"), packet));
        assertEquals(1, h.events.size());
        assertEquals(List.of(new RecordingHandler.Skip(0, 1, -1, null)), h.skips);
    }

    @Test
    void otherVersionsAreNotPacketsEvenWithAGoodCrc() throws IOException {
        byte[] v3 = SubunitV2Writer.newPacket().testId("t").status(TestStatus.SUCCESS).version(3).bytes();
        RecordingHandler h = read(v3);
        assertTrue(h.events.isEmpty());
        assertEquals(List.of(new RecordingHandler.Skip(0, v3.length, -1, null)), h.skips);
    }

    @Test
    void rejectsStringsThatAreNotStrictUtf8OrHoldNul() throws IOException {
        for (String bad : List.of("c3 28", "ed a0 80", "c0 af", "00")) {
            byte[] id = hex(bad);
            byte[] body = concat(hex("b3 2901 00"), new byte[] {(byte) id.length}, id);
            body[3] = (byte) (body.length + 4);
            byte[] packet = SubunitV2Writer.withCrc(body);
            RecordingHandler h = read(packet);
            assertTrue(h.events.isEmpty(), bad);
            assertTrue(h.skips.get(0).problem().startsWith("malformed packet: test id"), h.skips.get(0).problem());
        }
    }

    @Test
    void aFieldThePacketDoesNotHoldMakesItMalformed() throws IOException {
        // CRC-valid, but the flags promise a timestamp the 8-byte packet has no room for.
        byte[] body = hex("b3 2b00 08");
        byte[] packet = SubunitV2Writer.withCrc(body);
        RecordingHandler h = read(packet);
        assertTrue(h.events.isEmpty());
        assertEquals("malformed packet: timestamp extends past the end of the packet", h.skips.get(0).problem());
    }

    @Test
    void aStringOrItsLengthPastThePacketIsNamedInTheProblem() throws IOException {
        // the test id's length is a 2-byte varint (first byte 0x40) of which the packet holds one byte
        assertEquals("malformed packet: test id length extends past the end of the packet",
                problemOf(hex("b3 2901 00 40")));
        // the test id's length (5) is whole, its bytes are missing
        assertEquals("malformed packet: test id extends past the end of the packet", problemOf(hex("b3 2901 00 05")));
    }

    /** The problem noted for one CRC-valid packet with {@code body} (its length byte is set here). */
    private static String problemOf(byte[] body) throws IOException {
        body[3] = (byte) (body.length + 4);
        RecordingHandler h = read(SubunitV2Writer.withCrc(body));
        assertTrue(h.events.isEmpty());
        return h.skips.get(0).problem();
    }

    @Test
    void implausibleLengthsArePlainData() throws IOException {
        RecordingHandler tooSmall = read(hex("b3 2901 05 00 00 00 00"));
        assertNull(tooSmall.skips.get(0).problem());
        RecordingHandler fourBytes = read(hex("b3 2901 c0 00 00 10 00 00 00 00"));
        assertNull(fourBytes.skips.get(0).problem());
    }

    @Test
    void readsInputThatArrivesInSmallPieces() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SubunitV2Writer writer = new SubunitV2Writer(out);
        for (int i = 0; i < 200; i++) {
            writer.packet().testId("t" + i).file("log", "x".repeat(i * 50)).write();
        }
        byte[] all = out.toByteArray();
        InputStream trickle = new ByteArrayInputStream(all) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 7));
            }
        };
        RecordingHandler h = read(trickle);
        assertEquals(200, h.events.size());
        assertEquals(199 * 50, h.events.get(199).fileContent().remaining());
        assertTrue(h.skips.isEmpty());
    }

    @Test
    void readsTheRealFixtureStreams() throws IOException {
        RecordingHandler h;
        try (InputStream in = Files.newInputStream(Fixtures.path("streams/edge-parallel.subunit"))) {
            h = read(in);
        }
        assertTrue(h.skips.isEmpty());
        assertEquals(31, h.events.stream().filter(e -> e.status() != null && e.status().isFinal()).count());
        assertTrue(h.events.stream().allMatch(e -> e.timestamp() != null));
    }

    @Test
    void readsTheStackVizFixtureExactlyAsTheSpecDescribesIt() throws IOException {
        assumeTrue(Fixtures.shared().isPresent(), "../shared/fixtures is not here");
        Path file = Fixtures.shared().get().resolve("third-party/tempest.subunit");
        RecordingHandler h;
        try (InputStream in = Files.newInputStream(file)) {
            h = read(in);
        }
        assertEquals(3, h.events.size());
        assertEquals(List.of(0L, 135L, 2602L), h.events.stream().map(Event::offset).toList());
        assertEquals(Instant.parse("2018-09-28T02:46:35.626800Z"), h.events.get(0).timestamp());
        Event attachment = h.events.get(1);
        assertEquals("pythonlogging:''", attachment.fileName());
        assertEquals("text/plain;charset=utf8", attachment.mimeType());
        assertEquals(2289, attachment.fileContent().remaining());
        assertTrue(attachment.eof());
        assertEquals(Set.of("worker-3"), h.events.get(2).tags());
        assertEquals(TestStatus.SUCCESS, h.events.get(2).status());
    }
}
