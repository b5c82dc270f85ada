package io.github.stackviz.dstat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.stackviz.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The copy of a dstat log is the form the StackViz front-end reads: a blank line after each header's
 * {@code Cmdline} row, every other byte as it was. The fixtures were recorded with a dstat that writes no blank
 * line; the other form is made from them by a mechanical edit ({@link Fixtures#withBlankLineAfterCmdline}).
 */
class DstatLogTest {
    @TempDir
    Path temp;

    static byte[] copy(Path log) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertNull(DstatLog.open(log).copyTo(out));
        return out.toByteArray();
    }

    static List<String> lines(byte[] bytes) {
        return Arrays.asList(new String(bytes, StandardCharsets.ISO_8859_1).split("\n", -1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"devstack.csv", "rich.csv", "appended.csv"})
    void aLogWithoutTheBlankLineGetsIt(String name) throws Exception {
        byte[] original = Files.readAllBytes(Fixtures.path("dstat/" + name));
        byte[] copied = copy(Fixtures.path("dstat/" + name));
        assertArrayEquals(Fixtures.withBlankLineAfterCmdline(original), copied);
        assertEquals(original.length + (name.equals("appended.csv") ? 2 : 1), copied.length, "one byte per header");
        // what the front-end reads: the 6th and 7th lines are the group and the column names
        List<String> lines = lines(copied);
        assertEquals("", lines.get(4));
        assertEquals("\"system\"", lines.get(5).split(",")[0]);
        assertEquals("\"time\"", lines.get(6).split(",")[0]);
    }

    @Test
    void anAppendedLogGetsTheBlankLineInEachHeader() throws Exception {
        List<String> lines = lines(copy(Fixtures.path("dstat/appended.csv")));
        int headers = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("\"Cmdline:\"")) {
                headers++;
                assertEquals("", lines.get(i + 1), "after line " + (i + 1));
                assertEquals("\"system\"", lines.get(i + 2).split(",")[0]);
            }
        }
        assertEquals(2, headers);
    }

    @ParameterizedTest
    @ValueSource(strings = {"devstack.csv", "appended.csv"})
    void aLogWithTheBlankLineIsCopiedAsItIs(String name) throws Exception {
        Path log = temp.resolve(name);
        Files.write(log, Fixtures.withBlankLineAfterCmdline(Files.readAllBytes(Fixtures.path("dstat/" + name))));
        assertArrayEquals(Files.readAllBytes(log), copy(log));
    }

    @Test
    void crlfLinesGetACrlfBlankLine() throws Exception {
        byte[] original = Files.readAllBytes(Fixtures.path("dstat/appended.csv"));
        Path log = temp.resolve("crlf.csv");
        Files.writeString(log, new String(original, StandardCharsets.ISO_8859_1).replace("\n", "\r\n"),
                StandardCharsets.ISO_8859_1);
        byte[] copied = copy(log);
        assertArrayEquals(Fixtures.withBlankLineAfterCmdline(Files.readAllBytes(log)), copied);
        assertFalse(new String(copied, StandardCharsets.ISO_8859_1).replace("\r\n", "").contains("\n"));
    }

    @Test
    void aGzipLogIsCopiedDecompressedWithTheBlankLine() throws Exception {
        Path gz = temp.resolve("dstat-csv.log.gz");
        byte[] original = Files.readAllBytes(Fixtures.path("dstat/appended.csv"));
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(original);
        }
        assertArrayEquals(Fixtures.withBlankLineAfterCmdline(original), copy(gz));
    }

    @Test
    void anyCutOfTheBytesIntoWritesGivesTheSameCopy() throws IOException {
        byte[] original = Files.readAllBytes(Fixtures.path("dstat/appended.csv"));
        byte[] expected = Fixtures.withBlankLineAfterCmdline(original);
        for (int piece : new int[] {1, 2, 3, 7, 64, 255}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            HeaderSpacing spacing = new HeaderSpacing(out);
            for (int i = 0; i < original.length; i += piece) {
                spacing.write(original, i, Math.min(piece, original.length - i));
            }
            assertArrayEquals(expected, out.toByteArray(), "writes of " + piece + " bytes");
        }
    }
}
