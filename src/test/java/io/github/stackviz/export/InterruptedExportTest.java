package io.github.stackviz.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stackviz.Fixtures;
import io.github.stackviz.subunit.SubunitV2Writer;
import io.github.stackviz.subunit.TestStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An export killed mid-way (SIGKILL, no chance to clean up) leaves the previous output whole; the next
 * export removes what the killed one left behind.
 */
class InterruptedExportTest {
    @TempDir
    Path temp;

    static Map<String, byte[]> snapshot(Path dir) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> listing = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) listing.filter(Files::isRegularFile)::iterator) {
                files.put(dir.relativize(file).toString(), Files.readAllBytes(file));
            }
        }
        return files;
    }

    static List<Path> workFolders(Path parent) throws IOException {
        try (Stream<Path> listing = Files.list(parent)) {
            return listing.filter(p -> p.getFileName().toString().startsWith(".out.tmp-")).toList();
        }
    }

    @Test
    void aKilledExportLeavesThePreviousOutputWhole() throws Exception {
        Path out = temp.resolve("out");
        new Exporter(ExportConfig.builder(out).streamFile(Fixtures.path("streams/edge-parallel.subunit")).build(),
                ExportLog.SILENT).export();
        Map<String, byte[]> before = snapshot(out);

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ExportMain.class.getName(), out.toString(), "--stdin")
                .redirectErrorStream(true)
                .redirectOutput(temp.resolve("child.log").toFile())
                .start();
        try (OutputStream stdin = child.getOutputStream()) {
            SubunitV2Writer writer = new SubunitV2Writer(stdin);
            byte[] log = new byte[64 * 1024];
            java.util.Arrays.fill(log, (byte) 'x');
            Instant t = Instant.parse("2026-01-01T00:00:00Z");
            // Half a large run, then wait until the export is writing its files, then kill it.
            for (int i = 0; i < 2000; i++) {
                writer.packet().testId("pkg.Test.test_" + i).status(TestStatus.INPROGRESS).timestamp(t).write();
                writer.packet().testId("pkg.Test.test_" + i).mime("text/plain").file("log", log).timestamp(t).write();
                writer.packet().testId("pkg.Test.test_" + i).status(TestStatus.SUCCESS).timestamp(t).write();
            }
            stdin.flush();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!writingDetails(temp) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(writingDetails(temp), "the child got to writing its files");
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        } catch (IOException brokenPipe) {
            // the child died while we wrote: also fine, as long as it died
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }

        Map<String, byte[]> after = snapshot(out);
        assertEquals(before.keySet(), after.keySet());
        before.forEach((name, bytes) -> assertArrayEquals(bytes, after.get(name), name));
        assertEquals(1, workFolders(temp).size(), "the killed export's work folder is left behind");

        new Exporter(ExportConfig.builder(out).streamFile(Fixtures.path("streams/tap.subunit")).build(),
                ExportLog.SILENT).export();
        assertEquals(List.of(), workFolders(temp), "the next export removes it");
        assertTrue(Files.exists(out.resolve("tempest_file_tap.subunit_0_raw.json")));
    }

    static boolean writingDetails(Path parent) throws IOException {
        for (Path work : workFolders(parent)) {
            Path details = work.resolve("export/tempest_stdin_0_details.json");
            if (Files.exists(details) && Files.size(details) > 1 << 20) {
                return true;
            }
        }
        return false;
    }
}
