package io.github.stackviz.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import io.github.stackviz.subunit.Event;
import io.github.stackviz.subunit.RecordingHandler;
import io.github.stackviz.subunit.SubunitV2Reader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The byte escaper against the path it replaces: the JDK's UTF-8 decoder (malformed input replaced) and
 * Jackson's generator over the characters ({@link JsonEscaper}), on the real fixtures' attachments and on
 * random bytes, whole and in pieces cut anywhere, also inside a multi-byte sequence.
 */
class Utf8JsonEscaperTest {

    private static final JsonFactory FACTORY = new JsonFactory();

    /** The old path: decode (malformed input becomes U+FFFD), then Jackson escapes the characters. */
    static byte[] viaChars(byte[] bytes) throws IOException {
        char[] chars = decode(bytes);
        JsonEscaper escaper = new JsonEscaper(FACTORY);
        escaper.escape(chars, 0, chars.length);
        return Arrays.copyOfRange(escaper.bytes(), escaper.start(), escaper.start() + escaper.length());
    }

    static char[] decode(byte[] bytes) throws CharacterCodingException {
        CharBuffer text = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .decode(ByteBuffer.wrap(bytes));
        char[] chars = new char[text.remaining()];
        text.get(chars);
        return chars;
    }

    /** The old path of a large attachment: decoded as a stream (InputStreamReader), read in small pieces. */
    static char[] decodeStreamed(byte[] bytes, int pieceBytes) throws IOException {
        InputStream trickle = new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, pieceBytes));
            }
        };
        StringBuilder text = new StringBuilder();
        try (Reader reader = new InputStreamReader(trickle, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE))) {
            char[] buffer = new char[7];
            int n;
            while ((n = reader.read(buffer)) > 0) {
                text.append(buffer, 0, n);
            }
        }
        return text.toString().toCharArray();
    }

    static byte[] whole(byte[] bytes) {
        Utf8JsonEscaper escaper = new Utf8JsonEscaper();
        escaper.escapeText(bytes, 0, bytes.length);
        return Arrays.copyOf(escaper.bytes(), escaper.length());
    }

    /** Escapes {@code bytes} fed in pieces cut at random places; checks the character count as it goes. */
    static byte[] inPieces(byte[] bytes, Random random, int maxPiece) throws IOException {
        Utf8JsonEscaper escaper = new Utf8JsonEscaper();
        escaper.startText();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int chars = 0;
        for (int p = 0; p < bytes.length; ) {
            int n = Math.min(bytes.length - p, random.nextInt(maxPiece + 1));
            int end = escaper.escape(bytes, p, p + n, Integer.MAX_VALUE, false);
            assertEquals(p + n, end, "a piece is used up when there is room");
            p += n;
            chars += escaper.chars();
            out.write(escaper.bytes(), 0, escaper.length());
            escaper.reset();
        }
        assertTrue(escaper.finish(Integer.MAX_VALUE));
        chars += escaper.chars();
        out.write(escaper.bytes(), 0, escaper.length());
        assertEquals(decode(bytes).length, chars, "characters counted as the decoder gives them");
        return out.toByteArray();
    }

    private static int decodeLength(byte[] bytes) {
        try {
            return decode(bytes).length;
        } catch (CharacterCodingException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertSame(byte[] bytes, String what) throws IOException {
        byte[] expected = viaChars(bytes);
        byte[] actual = whole(bytes);
        if (!Arrays.equals(expected, actual)) {
            assertEquals(new String(expected, StandardCharsets.ISO_8859_1), new String(actual, StandardCharsets.ISO_8859_1),
                    what + ": " + HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 64)));
        }
    }

    // ------------------------------------------------------------------ real attachments

    /** Every attachment of a fixture stream, its chunks joined, by test id and file name. */
    static Map<String, byte[]> attachments(String fixture) throws IOException {
        Path file = fixture("streams/" + fixture);
        RecordingHandler handler = new RecordingHandler();
        try (InputStream in = Files.newInputStream(file)) {
            new SubunitV2Reader(in).read(handler);
        }
        Map<String, ByteArrayOutputStream> joined = new LinkedHashMap<>();
        for (Event e : handler.events) {
            if (e.fileName() != null) {
                joined.computeIfAbsent(e.testId() + " / " + e.fileName(), k -> new ByteArrayOutputStream())
                        .writeBytes(RecordingHandler.bytes(e.fileContent()));
            }
        }
        Map<String, byte[]> result = new LinkedHashMap<>();
        joined.forEach((k, v) -> result.put(k, v.toByteArray()));
        return result;
    }

    static Path fixture(String relative) {
        String basedir = System.getProperty("basedir");
        Path root = basedir != null ? Path.of(basedir) : Path.of("").toAbsolutePath();
        return root.resolve("src/test/fixtures").resolve(relative);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bulk-logging.subunit", "nonutf8.subunit", "edge-parallel.subunit"})
    void realAttachmentsEscapeAsTheDecoderAndJacksonDid(String fixture) throws IOException {
        Map<String, byte[]> attachments = attachments(fixture);
        assertFalse(attachments.isEmpty());
        Random random = new Random(fixture.hashCode());
        long total = 0;
        for (Map.Entry<String, byte[]> entry : attachments.entrySet()) {
            byte[] bytes = entry.getValue();
            total += bytes.length;
            byte[] expected = viaChars(bytes);
            assertArrayEquals(expected, whole(bytes), entry.getKey());
            assertArrayEquals(expected, inPieces(bytes, random, 4096), entry.getKey() + " in pieces");
            assertArrayEquals(expected, inPieces(bytes, random, 5), entry.getKey() + " in small pieces");
        }
        assertTrue(total > 0, fixture + ": " + total + " bytes of attachments");
    }

    @Test
    void theNonUtf8FixtureHasInvalidBytes() throws IOException {
        // the test above is only worth its name if the fixture has what the decoder replaces
        boolean replaced = false;
        for (byte[] bytes : attachments("nonutf8.subunit").values()) {
            replaced |= new String(decode(bytes)).contains("\ufffd");
        }
        assertTrue(replaced);
    }

    // ------------------------------------------------------------------ chosen and random bytes

    @Test
    void everyControlCharacterAndEveryByteAlone() throws IOException {
        for (int b = 0; b < 256; b++) {
            assertSame(new byte[] {(byte) b}, "byte " + b);
            assertSame(new byte[] {'a', (byte) b, 'z'}, "byte " + b + " inside");
        }
        assertEquals("\\u0000\\u001F\\b\\t\\n\\f\\r\\\"\\\\/\u007f",
                new String(whole(new byte[] {0, 0x1f, 8, 9, 10, 12, 13, '"', '\\', '/', 0x7f}),
                        StandardCharsets.UTF_8));
    }

    @Test
    void everyTwoAndThreeByteStartAndTheDecodersReplacements() throws IOException {
        byte[] tails = {(byte) 0x80, (byte) 0x8F, (byte) 0x90, (byte) 0x9F, (byte) 0xA0, (byte) 0xBF, (byte) 0xC0,
            0x41, 0};
        for (int b1 = 0x80; b1 < 256; b1++) {
            for (byte b2 : tails) {
                assertSame(new byte[] {(byte) b1, b2}, "2 bytes");
                for (byte b3 : tails) {
                    assertSame(new byte[] {(byte) b1, b2, b3}, "3 bytes");
                    for (byte b4 : tails) {
                        assertSame(new byte[] {(byte) b1, b2, b3, b4}, "4 bytes");
                        assertSame(new byte[] {(byte) b1, b2, b3, b4, 'x'}, "4 bytes and more");
                    }
                }
            }
        }
        // the policy in words (the JDK's, which the old path had): an encoded surrogate is one U+FFFD,
        // an overlong start one per byte, a cut sequence one for its bytes so far
        assertEquals(1, decodeLength(HexFormat.of().parseHex("eda080")));
        assertEquals(3, decodeLength(HexFormat.of().parseHex("e08080")));
        assertEquals(2, decodeLength(HexFormat.of().parseHex("e28241")));
        assertEquals(1, decodeLength(HexFormat.of().parseHex("f09f98")));
        assertEquals("\\uD83D\\uDE00", new String(whole("😀".getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.US_ASCII));
    }

    /** Random bytes weighted towards what is hard: leads, continuations, controls, quotes, 4-byte sequences. */
    static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; ) {
            int kind = random.nextInt(10);
            if (kind == 0) {
                bytes[i++] = (byte) random.nextInt(256);
            } else if (kind == 1) {
                bytes[i++] = (byte) random.nextInt(0x20);
            } else if (kind == 2) {
                bytes[i++] = (byte) (0x80 | random.nextInt(0x40));
            } else if (kind == 3) {
                bytes[i++] = (byte) "\"\\/".charAt(random.nextInt(3));
            } else if (kind <= 6) {
                // a valid character of 1 to 4 bytes, sometimes cut short
                int cp = switch (random.nextInt(4)) {
                    case 0 -> 0x20 + random.nextInt(0x60);
                    case 1 -> 0x80 + random.nextInt(0x780);
                    case 2 -> 0x800 + random.nextInt(0xF800);
                    default -> 0x10000 + random.nextInt(0x100000);
                };
                if (Character.isSurrogate((char) cp) && cp < 0x10000) {
                    cp = 0xFFFD;
                }
                byte[] encoded = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                int n = random.nextInt(8) == 0 ? random.nextInt(encoded.length) : encoded.length;
                for (int k = 0; k < n && i < length; k++) {
                    bytes[i++] = encoded[k];
                }
            } else {
                bytes[i++] = (byte) ('a' + random.nextInt(26));
            }
        }
        return bytes;
    }

    @Test
    void randomBytesWholeInPiecesAndStreamed() throws IOException {
        Random random = new Random(22);
        for (int round = 0; round < 20_000; round++) {
            byte[] bytes = randomBytes(random, random.nextInt(round < 10_000 ? 12 : 300));
            byte[] expected = viaChars(bytes);
            String what = HexFormat.of().formatHex(bytes);
            assertArrayEquals(expected, whole(bytes), what);
            assertArrayEquals(expected, inPieces(bytes, random, 1 + random.nextInt(6)), what + " in pieces");
            if (round % 10 == 0) {
                // the streamed decoder of large attachments replaces as the whole one does
                assertArrayEquals(decode(bytes), decodeStreamed(bytes, 1 + random.nextInt(5)), what);
            }
        }
    }

    // ------------------------------------------------------------------ parts of so many characters

    /**
     * Cut into parts of at most {@code budget} characters, the text is the same, and each part ends where the
     * characters do: a pair is never split unless asked, and then only its surrogates.
     */
    @Test
    void partsOfSoManyCharactersCutTheDecodedText() throws IOException {
        Random random = new Random(2028);
        for (int round = 0; round < 5_000; round++) {
            byte[] bytes = randomBytes(random, random.nextInt(200));
            char[] text = decode(bytes);
            Utf8JsonEscaper escaper = new Utf8JsonEscaper();
            escaper.startText();
            int at = 0; // characters escaped so far
            int p = 0;
            int piece = 1 + random.nextInt(40);
            int pieceEnd = Math.min(bytes.length, piece);
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            boolean ended = false;
            while (!ended) {
                int budget = 1 + random.nextInt(5);
                boolean split = random.nextBoolean();
                escaper.reset();
                int before = at;
                int next = escaper.escape(bytes, p, pieceEnd, budget, split);
                boolean usedUp = next == pieceEnd;
                p = next;
                if (usedUp && pieceEnd == bytes.length && escaper.chars() < budget) {
                    ended = escaper.finish(budget - escaper.chars());
                }
                if (usedUp && pieceEnd < bytes.length) {
                    pieceEnd = Math.min(bytes.length, pieceEnd + 1 + random.nextInt(40));
                }
                int n = escaper.chars();
                at += n;
                assertTrue(n <= budget, n + " > " + budget + " at " + before + " of " + HexFormat.of().formatHex(bytes) + " piece end " + pieceEnd + " p " + p);
                // the part is the escape of its characters of the decoded text
                byte[] part = Arrays.copyOf(escaper.bytes(), escaper.length());
                all.write(part);
                JsonEscaper reference = new JsonEscaper(FACTORY);
                reference.escape(text, before, n);
                assertArrayEquals(Arrays.copyOfRange(reference.bytes(), 1, 1 + reference.length()), part,
                        HexFormat.of().formatHex(bytes) + " part at " + before);
                if (at < text.length && n < budget && !usedUp) {
                    // stopped early: only before a pair, with one character of room and no split asked
                    assertTrue(Character.isHighSurrogate(text[at]) && budget - n == 1 && !split);
                }
                if (at > 0 && at < text.length && Character.isLowSurrogate(text[at])) {
                    assertTrue(split && n == budget, "a pair split only when asked");
                }
            }
            assertEquals(text.length, at);
            assertArrayEquals(viaChars(bytes), all.toByteArray());
        }
    }
}
