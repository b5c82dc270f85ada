package io.github.stackviz.reports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.github.stackviz.results.AttachmentBuffer;
import io.github.stackviz.results.AttachmentStore;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Text handed in pieces becomes the UTF-8 of the whole, pairs split between pieces joined, lone surrogates U+FFFD. */
class Utf8WriterTest {
    private static final char[] ALPHABET = {'a', 'é', '\n', '\u20AC', '\uD83D', '\uDE00', '\uDBFF', '\uDC00', '\uFFFD'};

    @TempDir
    Path spill;

    /** The UTF-8 of {@code text} with each surrogate that is not half of a pair replaced by U+FFFD. */
    private static byte[] expected(char[] text) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < text.length; i++) {
            char c = text[i];
            if (Character.isHighSurrogate(c) && i + 1 < text.length && Character.isLowSurrogate(text[i + 1])) {
                sb.append(c).append(text[++i]);
            } else {
                sb.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void randomTextsInRandomPiecesBecomeTheirUtf8() throws Exception {
        AttachmentStore store = AttachmentStore.forHeap(spill);
        Utf8Writer writer = new Utf8Writer();
        Random random = new Random(1);
        for (int t = 0; t < 20_000; t++) {
            char[] text = new char[random.nextInt(20)];
            for (int i = 0; i < text.length; i++) {
                text[i] = ALPHABET[random.nextInt(ALPHABET.length)];
            }
            AttachmentBuffer buffer = store.newBuffer();
            writer.begin(buffer);
            for (int i = 0; i < text.length; ) {
                int piece = Math.min(1 + random.nextInt(4), text.length - i);
                writer.append(text, i, piece);
                i += piece;
            }
            writer.end();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            buffer.writeTo(out, new byte[1024]);
            buffer.release();
            assertArrayEquals(expected(text), out.toByteArray(), Arrays.toString(text));
        }
    }

    @Test
    void aTextLongerThanTheWritersBufferGoesWhole() throws Exception {
        char[] text = new char[100_000];
        for (int i = 0; i < text.length; i++) {
            text[i] = ALPHABET[i % ALPHABET.length];
        }
        AttachmentBuffer buffer = AttachmentStore.forHeap(spill).newBuffer();
        Utf8Writer writer = new Utf8Writer();
        writer.begin(buffer);
        writer.append(text, 0, text.length);
        writer.end();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        buffer.writeTo(out, new byte[1024]);
        assertArrayEquals(expected(text), out.toByteArray());
    }
}
