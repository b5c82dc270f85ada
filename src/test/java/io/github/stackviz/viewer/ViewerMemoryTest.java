package io.github.stackviz.viewer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The viewer streams: a details file far larger than the heap goes through a JVM with {@code -Xmx32m}.
 * Prints the throughput and the peak heap (measured in the child JVM).
 */
class ViewerMemoryTest {

    @TempDir
    Path tmp;

    @Test
    void aLargeExportFitsIn32MegabytesOfHeap() throws Exception {
        // ~170 MB of attachments: 1 600 tests with 10-200 KB logs, every 100th with 1 MB, one with 8 MB
        String line = "2026-11-28 09:01:57.461 12345 DEBUG tempest.lib.common.rest_client [req-1] Request: GET "
                + "https://10.0.0.1/compute/v2.1/servers/detail 200 0.123s \"héllo\" <b>&amp;</b>\n";
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 8_000_000) {
            sb.append(line);
        }
        String big = sb.toString();
        int n = 1600;
        Path dir = new SyntheticExport(tmp.resolve("large")).run("Subunit File: large", n, i -> {
            int size = i == 777 ? big.length() : i % 100 == 0 ? 1_000_000 : 10_000 + (i * 7919) % 190_000;
            return new SyntheticExport.Rec("tempest.api.compute.test_servers.ServersTest.test_" + i,
                    i % 50 == 0 ? "fail" : "success", List.of("worker-" + (i % 4)), 1_000_000L * i,
                    1_000_000L * i + 900_000, i % 50 == 0 ? Map.of("pythonlogging", big.substring(0, size),
                            "traceback", "Traceback\nAssertionError: " + i) : Map.of("pythonlogging", big.substring(0, size)));
        }, List.of()).finish();
        long details = Files.size(dir.resolve("tempest_file_synthetic0.subunit_0_details.json"));
        assertTrue(details > 150_000_000L, "details: " + details);

        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-Xmx32m", "-XX:+UseSerialGC", "-cp", cp,
                ViewerBench.class.getName(), dir.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), out);
        System.out.println(out.strip() + " (details file " + details + " bytes)");
        Matcher m = Pattern.compile("peakHeap=(\\d+)").matcher(out);
        assertTrue(m.find(), out);
        assertTrue(Long.parseLong(m.group(1)) <= 32L << 20, out);

        // and the result is complete
        Exports.Data index = Exports.data(dir.resolve("viewer-data/run-0-index.js"));
        assertEquals(n, index.value().get("tests").size());
        assertTrue(index.value().get("chunks").asInt() > 150);
    }

}
