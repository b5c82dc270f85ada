package io.github.stackviz.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.stackviz.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rows computed from /proc copied at two instants (src/test/fixtures/proc/busy: both cores busy, 100 MB
 * written with fsync) equal, cell for cell, the rows dstat 0.7.4's own code computes from the same copies
 * ({@code dstat-rows.csv}, written by {@code dstat-rows.py}: see the fixture's README).
 */
class DstatRowTest {
    private static final Path BUSY = Fixtures.path("proc/busy");

    private static ProcSnapshot snapshot(String name) throws IOException {
        Path root = BUSY.resolve(name);
        return ProcSnapshot.read(root, true, Double.parseDouble(Files.readString(root.resolve("time")).trim()));
    }

    private static List<List<String>> dstatRows() throws IOException {
        return Files.readAllLines(BUSY.resolve("dstat-rows.csv"), StandardCharsets.UTF_8).stream()
                .map(l -> Arrays.asList(l.split(",", -1))).toList();
    }

    @Test
    void rowsEqualWhatDstatComputesFromTheSameFiles() throws IOException {
        ProcSnapshot t0 = snapshot("t0");
        ProcSnapshot t1 = snapshot("t1");
        int cpus = Sampler.cpus(BUSY.resolve("t0"));
        assertEquals(2, cpus);
        List<List<String>> dstat = dstatRows();
        List<String> first = DstatRow.compute(null, t0, 0, 4096, cpus, ZoneOffset.UTC);
        List<String> second = DstatRow.compute(t0, t1, t1.time() - t0.time(), 4096, cpus, ZoneOffset.UTC);
        for (int c = 0; c < DstatRow.COLUMNS.length; c++) {
            String column = DstatRow.COLUMNS[c][1];
            assertEquals(dstat.get(0).get(c), first.get(c), "first row, column " + c + " " + column);
            assertEquals(dstat.get(1).get(c), second.get(c), "second row, column " + c + " " + column);
        }
        assertEquals(dstat.get(0), first);
        assertEquals(dstat.get(1), second);
    }
}
