package io.github.stackviz.subunit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stackviz.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Inputs of either version, gzip-compressed or not, told apart by their first bytes. */
public class SubunitStreamsTest {
    public static final byte[] V2 = read("streams/edge-parallel.subunit");
    static final byte[] V1 = read("repos/.stestr/1");

    static byte[] read(String fixture) {
        try {
            return Files.readAllBytes(Fixtures.path(fixture));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    static RecordingHandler readAll(byte[] input, SubunitFormat expected) throws IOException {
        RecordingHandler handler = new RecordingHandler();
        assertEquals(expected, SubunitStreams.read(new ByteArrayInputStream(input), handler));
        return handler;
    }

    /** What tells events apart, file content included. */
    static List<String> summary(RecordingHandler handler) {
        return handler.events.stream().map(e -> e.offset() + " " + e.testId() + " " + e.status() + " " + e.fileName()
                + " " + (e.fileContent() == null ? "" : Arrays.toString(RecordingHandler.bytes(e.fileContent()))))
                .toList();
    }

    @Test
    void gzipCompressedStreamsOfBothVersionsReadAsThePlainOnes() throws IOException {
        for (byte[] plain : List.of(V2, V1)) {
            SubunitFormat format = plain == V2 ? SubunitFormat.V2 : SubunitFormat.V1;
            RecordingHandler expected = readAll(plain, format);
            RecordingHandler actual = readAll(gzip(plain), format);
            assertFalse(expected.compressed);
            assertTrue(actual.compressed);
            assertFalse(actual.events.isEmpty());
            assertEquals(summary(expected), summary(actual), "offsets count decompressed bytes");
            assertEquals(expected.skips, actual.skips);
            assertNull(actual.damagedAfter);
        }
    }

    @Test
    void concatenatedGzipMembersReadAsOneStream() throws IOException {
        byte[] half = Arrays.copyOf(V2, 4096);
        byte[] rest = Arrays.copyOfRange(V2, 4096, V2.length);
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.write(gzip(half));
        both.write(gzip(rest));
        assertEquals(summary(readAll(V2, SubunitFormat.V2)), summary(readAll(both.toByteArray(), SubunitFormat.V2)));
    }

    @Test
    void aCutOffGzipFileIsReadUpToTheCut() throws IOException {
        byte[] compressed = gzip(V2);
        RecordingHandler plain = readAll(V2, SubunitFormat.V2);
        RecordingHandler cut = readAll(Arrays.copyOf(compressed, compressed.length / 2), SubunitFormat.V2);
        assertNotNull(cut.damagedAfter);
        assertEquals("Unexpected end of ZLIB input stream", cut.damage);
        assertTrue(cut.damagedAfter > 0 && cut.damagedAfter < V2.length, String.valueOf(cut.damagedAfter));
        assertTrue(cut.events.size() > 10, "what came before the cut is read: " + cut.events.size());
        assertEquals(summary(plain).subList(0, cut.events.size()), summary(cut));
        // the trailer alone missing (CRC and length): every byte is there, and it still says so
        RecordingHandler noTrailer = readAll(Arrays.copyOf(compressed, compressed.length - 8), SubunitFormat.V2);
        assertEquals(summary(plain), summary(noTrailer));
        assertEquals((long) V2.length, noTrailer.damagedAfter);
    }

    @Test
    void damagedGzipDataEndsTheInputWithoutAnError() throws IOException {
        byte[] compressed = gzip(V2);
        byte[] flipped = compressed.clone();
        flipped[compressed.length / 3] ^= 0x55;
        RecordingHandler damaged = readAll(flipped, SubunitFormat.V2);
        assertNotNull(damaged.damage, "a flipped byte of deflate data is noticed (at the latest by the CRC)");
        // only a header, with no data after it
        RecordingHandler header = readAll(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 0}, SubunitFormat.V2);
        assertTrue(header.compressed);
        assertEquals(0L, header.damagedAfter);
        assertEquals("Unexpected end of ZLIB input stream", header.damage);
        assertTrue(header.events.isEmpty());
        // gzip's magic with another method, or a reserved flag: no gzip file, its bytes are read as they are
        for (byte[] lookalike : List.of(new byte[] {0x1f, (byte) 0x8b, 7, 0}, new byte[] {0x1f, (byte) 0x8b, 8, 0x20})) {
            RecordingHandler plain = readAll(lookalike, SubunitFormat.V2);
            assertFalse(plain.compressed);
            assertEquals(List.of(new RecordingHandler.Skip(0, 4, -1, null)), plain.skips);
        }
    }

    @Test
    void aFailureToReadTheCompressedBytesIsThrownAsItIs() throws IOException {
        IOException disk = new IOException("Input/output error");
        ByteArrayOutputStream members = new ByteArrayOutputStream();
        while (members.size() < 3 * SubunitStreams.HEAD) {
            members.write(gzip(V2));
        }
        byte[] compressed = members.toByteArray();
        InputStream failing = new InputStream() {
            private int at;

            @Override
            public int read() throws IOException {
                if (at == 2 * SubunitStreams.HEAD) { // past the head read to tell the format: inside the gzip reader
                    throw disk;
                }
                return at < compressed.length ? compressed[at++] & 0xff : -1;
            }
        };
        IOException thrown = assertThrows(IOException.class,
                () -> SubunitStreams.read(failing, new RecordingHandler()));
        assertSame(disk, thrown);
    }

    @Test
    void inputsCompressedInOtherWaysAreNamedNotRead() throws IOException {
        byte[][] heads = {
            {(byte) 0xfd, '7', 'z', 'X', 'Z', 0, 0, 4},
            {'B', 'Z', 'h', '9', 0x31, 0x41, 0x59, 0x26, 0x53, 0x59, 1, 2},
            {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 0x24, 0},
            {'P', 'K', 3, 4, 20, 0}};
        List<String> expected = List.of("xz / xz -d", "bzip2 / bunzip2", "zstd / zstd -d", "zip / unzip");
        for (int i = 0; i < heads.length; i++) {
            byte[] input = Arrays.copyOf(heads[i], 5000);
            Arrays.fill(input, heads[i].length, input.length, (byte) 0xb3); // what might look like packets after
            RecordingHandler handler = readAll(input, SubunitFormat.V2);
            assertEquals(expected.get(i), handler.unreadable);
            assertTrue(handler.events.isEmpty() && handler.skips.isEmpty(), "nothing of it read");
        }
        // compressed twice: gzip around xz
        RecordingHandler twice = readAll(gzip(Arrays.copyOf(heads[0], 100)), SubunitFormat.V2);
        assertTrue(twice.compressed);
        assertEquals("xz / xz -d", twice.unreadable);
        // text that starts as bzip2 does, without its block's magic, is text
        RecordingHandler text = new RecordingHandler();
        SubunitStreams.read(new ByteArrayInputStream("BZh9 is no bzip2 header\n".getBytes(StandardCharsets.UTF_8)),
                text);
        assertNull(text.unreadable);
        assertEquals(1, text.skips.size(), "read, as the non-subunit data it is");
    }
}
