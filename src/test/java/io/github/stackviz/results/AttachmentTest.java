package io.github.stackviz.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An attachment's text: decoded whole when small, streamed when large, the same either way. */
class AttachmentTest {
    @TempDir
    Path temp;

    /** Appends {@code bytes} in chunks of {@code chunk} bytes, as packets bring them. */
    Attachment attachment(String mime, byte[] bytes, int chunk, int inMemoryLimit) throws IOException {
        AttachmentStore store = new AttachmentStore(temp, 64 << 20, inMemoryLimit);
        Attachment attachment = new Attachment("log", ContentType.parse(mime), store.newBuffer());
        for (int i = 0; i < bytes.length; i += chunk) {
            attachment.content().append(ByteBuffer.wrap(bytes, i, Math.min(chunk, bytes.length - i)));
        }
        return attachment;
    }

    static String read(Reader reader) throws IOException {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[1000];
        int n;
        while ((n = reader.read(buffer)) > 0) {
            text.append(buffer, 0, n);
        }
        reader.close();
        return text.toString();
    }

    @Test
    void aTextInManyBlocksDecodesAsOneAcrossTheirBoundaries() throws IOException {
        // "é" and "😀" are several bytes each: 7-byte chunks cut through them; an invalid byte stays one U+FFFD
        String unit = "é😀 line\n";
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            text.append(unit);
        }
        byte[] bytes = (text + "\u00ff").getBytes(StandardCharsets.UTF_8);
        bytes[bytes.length - 2] = (byte) 0xff;
        Attachment attachment = attachment("text/plain;charset=utf8", bytes, 7, 1 << 20);
        String expected = new String(bytes, StandardCharsets.UTF_8);
        assertTrue(expected.contains("\ufffd"));
        assertNotNull(attachment.wholeText());
        assertEquals(expected, attachment.wholeText().toString());
        assertEquals(expected, read(attachment.openText()));
        assertEquals(expected, attachment.wholeText().toString(), "decoded once, the same each time");
    }

    @Test
    void aLargeOrSpilledTextIsStreamedWithTheSameResult() throws IOException {
        byte[] bytes = "x\u00e9y\n".repeat(100_000).getBytes(StandardCharsets.ISO_8859_1);
        Attachment large = attachment("text/plain", bytes, 4096, 1 << 30);
        assertTrue(large.content().size() > Attachment.WHOLE_TEXT_LIMIT);
        assertNull(large.wholeText());
        assertEquals(new String(bytes, StandardCharsets.ISO_8859_1), read(large.openText()));

        Attachment spilled = attachment("text/plain", "small, on disk".getBytes(StandardCharsets.ISO_8859_1), 3, 4);
        assertTrue(spilled.content().spilled());
        assertNull(spilled.wholeText());
        assertEquals("small, on disk", read(spilled.openText()));
    }
}
