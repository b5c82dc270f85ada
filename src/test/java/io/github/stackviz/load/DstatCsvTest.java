package io.github.stackviz.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stackviz.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file's form against a real dstat log, and the values of damaged /proc files. */
class DstatCsvTest {
    @TempDir
    Path tmp;

    /** {@code line} without the cell of column {@code skip} (0-based). */
    private static String without(String line, int skip) {
        List<String> cells = new ArrayList<>(Arrays.asList(line.split(",", -1)));
        cells.remove(skip);
        return String.join(",", cells);
    }

    @Test
    void headerIsDstatsWithABlankLineAndTheEpochColumn() throws IOException {
        List<String> devstack = Files.readAllLines(Fixtures.path("dstat/devstack.csv"), StandardCharsets.UTF_8);
        String header = DstatCsv.header("vm", "root", "stackviz record-load", ZonedDateTime.of(2026, 11, 28, 9, 1, 7,
                0, ZoneOffset.UTC));
        List<String> ours = header.lines().toList();
        assertEquals(7, ours.size());
        assertEquals("\"Dstat 0.7.4 CSV output\"", ours.get(0));
        assertEquals(devstack.get(1), ours.get(1), "the Author row");
        assertEquals(devstack.get(2), ours.get(2), "the Host row");
        assertEquals("\"Cmdline:\",\"stackviz record-load\",,,,\"Date:\",\"28 Nov 2026 09:01:07 UTC\"", ours.get(3));
        assertTrue(devstack.get(3).endsWith(",,,,\"Date:\",\"28 Nov 2026 09:01:07 UTC\""));
        assertEquals("", ours.get(4));
        // devstack's groups and columns exactly, once dstat's -T epoch column (the 2nd) is taken out
        assertEquals(devstack.get(4), without(ours.get(5), 1));
        assertEquals(devstack.get(5), without(ours.get(6), 1));
        assertTrue(ours.get(5).startsWith("\"system\",\"epoch\",\"total cpu usage\","), ours.get(5));
    }

    @Test
    void rowsAreAppendedWholeAndTheFileIsReplacedWhenCreated() throws IOException {
        Path file = tmp.resolve("a/b/load.csv");
        try (DstatCsv csv = DstatCsv.create(file, "h", "u", "c", ZonedDateTime.now(ZoneOffset.UTC))) {
            csv.row(List.of("03-12 07:31:20", "1.5", ""));
            assertTrue(Files.readString(file).endsWith("\n03-12 07:31:20,1.5,\n"), "flushed at once");
        }
        try (DstatCsv csv = DstatCsv.create(file, "h", "u", "c", ZonedDateTime.now(ZoneOffset.UTC))) {
            assertEquals(7, Files.readAllLines(file).size(), "a new build's file starts anew");
        }
    }

    @Test
    void unreadableOrDamagedFilesLeaveTheirColumnsEmpty() throws IOException {
        Path root = tmp.resolve("proc");
        Path busy = Fixtures.path("proc/busy/t1");
        Files.createDirectories(root.resolve("net"));
        for (String name : List.of("stat", "vmstat", "loadavg", "uptime", "net/dev")) {
            Files.copy(busy.resolve(name), root.resolve(name));
        }
        // meminfo is missing; diskstats is damaged (hand-typed: a count that is not a number)
        Files.writeString(root.resolve("diskstats"), " 254 0 vda 41323 8361 x 11576 10402 17836 2089440 8792 0 5616\n");
        ProcSnapshot t0 = ProcSnapshot.read(root, true, 1000.0);
        ProcSnapshot t1 = ProcSnapshot.read(root, true, 1001.0);
        List<String> row = DstatRow.compute(t0, t1, 1.0, 4096, 2, ZoneOffset.UTC);
        assertEquals(DstatRow.COLUMNS.length, row.size());
        assertEquals(List.of("", "", "", ""), row.subList(7, 11), "memory");
        assertEquals(List.of("", "", "", ""), row.subList(13, 17), "dsk and io");
        assertEquals(List.of("0", "0", "0", "0", "0"), row.subList(2, 7), "cpu: the same file twice, no jiffies: 0");
        assertEquals(List.of("0", "0"), row.subList(11, 13), "net");
        assertEquals(List.of("", ""), row.subList(27, 29), "no processes in this folder");
    }

    @Test
    void processNumbersAreWrittenAsPythonPrintsThem() {
        assertEquals("0.0", DstatRow.python(0));
        assertEquals("40.5819709004974", DstatRow.python(40.5819709004974));
        assertEquals("2021985.4041047643", DstatRow.python(2021985.4041047643));
        assertEquals("123456789.0", DstatRow.python(123456789.0));
        assertEquals("0.0001", DstatRow.python(0.0001));
        assertEquals("1e-05", DstatRow.python(0.00001));
        assertEquals("1.5e+16", DstatRow.python(1.5e16));
        assertEquals("-2.5", DstatRow.python(-2.5));
        // printcsv: whole numbers as integers, others with 3 decimals, ties rounded to even as C's printf does
        assertEquals("1516552192", DstatRow.number(1516552192.0));
        assertEquals("0.062", DstatRow.number(0.0625));
        assertEquals("9.750", DstatRow.number(9.75));
        assertEquals("0", DstatRow.number(-0.0));
    }
}
