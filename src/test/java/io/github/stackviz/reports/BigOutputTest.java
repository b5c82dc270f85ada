package io.github.stackviz.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stackviz.results.Attachment;
import io.github.stackviz.results.AttachmentStore;
import io.github.stackviz.results.Diagnostics;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test with 200 MB of output in its {@code <system-out>}: read in a JVM of 48 MB of heap, the output
 * reaches its attachment whole, through the store's spill file, never as one string.
 */
class BigOutputTest {
    static final long OUTPUT = 200L << 20;
    static final String LINE = "2026-12-03 07:30:03,203 DEBUG demo.Parser - parsing token 42 of the big input\n";

    @TempDir
    Path temp;

    /** The real ParserTest report with formatsHex's output made {@link #OUTPUT} bytes long; returns its CRC. */
    static long bigReport(Path file) throws IOException {
        String xml = Files.readString(ReportRecords.FIXTURES.resolve("parallel/surefire-reports/TEST-demo.ParserTest.xml"));
        String marker = "parsing 42 and -7\n";
        int at = xml.indexOf(marker);
        CRC32 crc = new CRC32();
        byte[] line = LINE.getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(xml.substring(0, at).getBytes(StandardCharsets.UTF_8));
            for (long written = 0; written < OUTPUT; written += line.length) {
                out.write(line);
                crc.update(line);
            }
            out.write(xml.substring(at + marker.length()).getBytes(StandardCharsets.UTF_8));
        }
        return crc.getValue();
    }

    /** Run in a JVM of its own: reads the report and prints the size, CRC and spill of formatsHex's stdout. */
    public static void main(String[] args) throws Exception {
        AttachmentStore store = AttachmentStore.forHeap(Path.of(args[1]));
        new JunitReports(store, new Diagnostics(), ZoneId.of("UTC")).read(List.of(Path.of(args[0])), record -> {
            try {
                for (Attachment attachment : record.attachments()) {
                    if (attachment.name().equals("stdout")) {
                        CRC32 crc = new CRC32();
                        byte[] buffer = new byte[1 << 16];
                        try (InputStream in = attachment.content().open()) {
                            for (int n; (n = in.read(buffer)) > 0; ) {
                                crc.update(buffer, 0, n);
                            }
                        }
                        System.out.println(attachment.content().size() + " " + crc.getValue() + " "
                                + attachment.content().spilled());
                    }
                }
            } finally {
                record.release();
            }
        }, n -> { });
    }

    @Test
    void twoHundredMegabytesOfOutputPassThroughASmallHeap() throws Exception {
        Path file = temp.resolve("TEST-demo.ParserTest.xml");
        long crc = bigReport(file);
        long lines = (OUTPUT + LINE.length() - 1) / LINE.length();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-Xmx48m", "-cp", System.getProperty("java.class.path"),
                BigOutputTest.class.getName(), file.toString(), temp.resolve("spill").toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, process.exitValue(), output);
        assertEquals(lines * LINE.length() + " " + crc + " true", output.trim());
    }
}
