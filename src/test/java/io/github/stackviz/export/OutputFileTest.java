package io.github.stackviz.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFileTest {
    @TempDir
    Path temp;

    /**
     * Temporary files are opened without truncating them (ext4 then writes a file truncated to empty to
     * disk when it is closed, from the closing thread): what was there stays past what is written.
     */
    @Test
    void aTemporaryFileIsOpenedWithoutTruncatingIt() throws IOException {
        Path file = Files.createTempFile(temp, "spill-", ".bin");
        Files.writeString(file, "abcdef");
        try (OutputStream out = OutputFile.openTemporary(file)) {
            out.write("xy".getBytes(StandardCharsets.US_ASCII));
        }
        assertEquals("xycdef", Files.readString(file));
    }

    @Test
    void aNewTemporaryFileHoldsWhatIsWritten() throws IOException {
        Path file = Files.createTempFile(temp, "spill-", ".bin");
        byte[] bytes = new byte[3 * 64 * 1024 + 17]; // past the buffer, several times
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        try (OutputStream out = OutputFile.openTemporary(file)) {
            out.write(bytes, 0, 100);
            out.write(bytes, 100, bytes.length - 100);
        }
        assertArrayEquals(bytes, Files.readAllBytes(file));
    }
}
