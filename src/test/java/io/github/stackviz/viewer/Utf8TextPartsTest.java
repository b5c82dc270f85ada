package io.github.stackviz.viewer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.CharArrayReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A UTF-8 text streamed to the report as its bytes ({@code liveUtf8Text}) gives the files its decoded text
 * gives ({@code liveText}, the path of other charsets and, before, of every text): the same detail chunks,
 * cut at the same characters, and the same bytes for details.json. Texts of a few characters to several
 * chunks, with pairs (four-byte characters) and bad bytes where the cuts fall: at the end of a piece of
 * {@code PIECE} characters, at the end of a chunk's room, and with one character of room left.
 */
class Utf8TextPartsTest {
    @TempDir
    Path temp;

    /** One text of an attachment: its test's name, its key, its bytes, delivered in blocks of this size. */
    record Text(String name, String key, byte[] bytes, int block) {
    }

    /** Writes the texts with the decoded-text path ({@code utf8 == false}) or the byte path. */
    private Path write(String dir, List<Text> texts, boolean utf8, ByteArrayOutputStream details)
            throws IOException {
        Path data = temp.resolve(dir);
        Files.createDirectories(data);
        RunData run = RunData.live(data, 0);
        int i = 0;
        for (Text text : texts) {
            byte[] name = ("\"" + text.name() + "\"").getBytes(StandardCharsets.UTF_8);
            run.liveBeginDetails(text.name(), java.util.Arrays.copyOfRange(name, 1, name.length - 1), i % 7 == 6);
            if (utf8) {
                run.liveUtf8Text(text.key(), out -> {
                    for (int p = 0; p < text.bytes().length; p += text.block()) {
                        out.write(text.bytes(), p, Math.min(text.block(), text.bytes().length - p));
                    }
                }, text.bytes().length, details);
            } else {
                CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(text.bytes()));
                run.liveText(text.key(), new CharArrayReader(chars.array(), 0, chars.limit()), text.bytes().length,
                        details);
            }
            details.write('|');
            run.liveEndDetails();
            i++;
        }
        run.liveFinish();
        return data;
    }

    private void assertSameFiles(List<Text> texts) throws IOException {
        ByteArrayOutputStream detailsChars = new ByteArrayOutputStream();
        ByteArrayOutputStream detailsBytes = new ByteArrayOutputStream();
        Path chars = write("chars-" + texts.hashCode(), texts, false, detailsChars);
        Path bytes = write("bytes-" + texts.hashCode(), texts, true, detailsBytes);
        assertArrayEquals(detailsChars.toByteArray(), detailsBytes.toByteArray(), "details.json's bytes");
        List<String> files;
        try (Stream<Path> list = Files.list(chars)) {
            files = list.map(f -> f.getFileName().toString()).sorted().toList();
        }
        try (Stream<Path> list = Files.list(bytes)) {
            assertEquals(files, list.map(f -> f.getFileName().toString()).sorted().toList());
        }
        for (String file : files) {
            assertArrayEquals(Files.readAllBytes(chars.resolve(file)), Files.readAllBytes(bytes.resolve(file)), file);
        }
    }

    private static final int PIECE = 1 << 18;
    private static final String PAIR = "\uD83D\uDE00";

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String ascii(int n) {
        return "x".repeat(n);
    }

    @Test
    void pairsWhereAPieceEnds() throws IOException {
        List<Text> texts = new ArrayList<>();
        for (int before = PIECE - 3; before <= PIECE + 1; before++) {
            texts.add(new Text("t" + before, "log", utf8(ascii(before) + PAIR + PAIR + ascii(5) + PAIR), 4096));
        }
        // a long run of pairs: every piece would end in the first half of one
        texts.add(new Text("pairs", "log", utf8(ascii(1) + PAIR.repeat(PIECE + 7)), 4093));
        texts.add(new Text("pairs2", "log", utf8(PAIR.repeat(3 * PIECE)), 1 << 16));
        assertSameFiles(texts);
    }

    @Test
    void pairsWhereAChunkEnds() throws IOException {
        List<Text> texts = new ArrayList<>();
        // texts that fill a chunk's room up to a pair, several times over, and cut anywhere into blocks
        for (int shift = 0; shift < 4; shift++) {
            texts.add(new Text("n" + shift, "key", utf8(ascii(RunData.CHUNK_CHARS / 3 + shift) + PAIR.repeat(600_000)),
                    4096 + shift));
        }
        assertSameFiles(texts);
    }

    @Test
    void aPairWithOneCharacterOfRoom() throws IOException {
        // three pieces fill a chunk up to one character when each item adds its name and key: 3 * (n + k) =
        // PIECE - 1; the fourth piece starts with a pair, which the one character of room splits
        String name = "n".repeat((PIECE - 1) / 3 - 1);
        List<Text> texts = List.of(new Text(name, "k", utf8(ascii(3 * PIECE) + PAIR + ascii(10) + PAIR), 8191),
                new Text(name, "k", utf8(ascii(3 * PIECE) + "\u00e9" + ascii(10)), 8191));
        assertEquals(PIECE - 1, 3 * (name.length() + 1));
        assertSameFiles(texts);
        // and the split is there: a part ending in a lone first half
        Path bytes = temp.resolve("bytes-" + texts.hashCode());
        assertTrue(Files.readString(bytes.resolve(RunData.chunkFile(0, 0))).endsWith("\\uD83D\"]]});\n"));
    }

    @Test
    void randomTextsWithBadBytesInRandomBlocks() throws IOException {
        Random random = new Random(355);
        List<Text> texts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            int length = random.nextInt(4) == 0 ? random.nextInt(100) : random.nextInt(3 * RunData.CHUNK_CHARS);
            byte[] bytes = new byte[length];
            for (int p = 0; p < length; p++) {
                int kind = random.nextInt(1000);
                bytes[p] = kind < 3 ? (byte) random.nextInt(256) : kind < 6 ? (byte) 0xF0 : kind < 30 ? (byte) '\n'
                        : (byte) ('a' + random.nextInt(26));
            }
            // valid pairs and two- and three-byte characters around the piece ends
            for (int k = 0; k < 200; k++) {
                int at = Math.max(0, Math.min(length - 4, (random.nextInt(4) + 1) * PIECE - random.nextInt(8)));
                byte[] c = utf8(random.nextBoolean() ? PAIR : random.nextBoolean() ? "\u00e9" : "\u20ac");
                if (at >= 0 && at + c.length <= length) {
                    System.arraycopy(c, 0, bytes, at, c.length);
                }
            }
            texts.add(new Text("t" + i, "key" + (i % 3), bytes, 1 + random.nextInt(70_000)));
        }
        texts.add(new Text("cut", "log", new byte[] {'a', (byte) 0xE2, (byte) 0x82}, 1));
        texts.add(new Text("cut4", "log", new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x98}, 2));
        assertSameFiles(texts);
    }
}
