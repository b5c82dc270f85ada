package io.github.stackviz.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.stackviz.Fixtures;
import io.github.stackviz.results.ResultAssembler;
import io.github.stackviz.subunit.SubunitStreamsTest;
import io.github.stackviz.subunit.SubunitV2Writer;
import io.github.stackviz.subunit.TestStatus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export as a whole: inputs, naming, failures, the output folder. */
class ExporterTest {
    static final Path EDGE = Fixtures.path("streams/edge-parallel.subunit");
    static final Path DSTAT = Fixtures.path("dstat/devstack.csv");
    static final Path TAP = Fixtures.path("streams/tap.subunit");
    /** What an export of {@link #TAP} alone writes without the report. */
    static final List<String> TAP_FILES = List.of("config.json", "tempest_file_tap.subunit_0_details.json",
            "tempest_file_tap.subunit_0_raw.json", "tempest_file_tap.subunit_0_tree.json");

    @TempDir
    Path temp;

    final RecordingLog log = new RecordingLog();

    Exporter.Summary export(ExportConfig.Builder config) throws ExportException {
        return new Exporter(config.build(), log).export();
    }

    static JsonNode config(Path out) throws IOException {
        return ReferenceParityTest.read(out.resolve("config.json"));
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static byte[] stream(Consumer<SubunitV2Writer> packets) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        packets.accept(new SubunitV2Writer(out));
        return out.toByteArray();
    }

    /** Every file below {@code dir}, as relative paths. */
    static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void gzipOutputIsReproducible() throws Exception {
        Path a = temp.resolve("a");
        Path b = temp.resolve("b");
        export(ExportConfig.builder(a).streamFile(EDGE).dstat(DSTAT).gzip(true));
        Thread.sleep(1100); // a gzip header with the time in it would now differ
        export(ExportConfig.builder(b).streamFile(EDGE).dstat(DSTAT).gzip(true));
        assertEquals(listing(a), listing(b));
        for (String name : listing(a)) {
            byte[] bytes = Files.readAllBytes(a.resolve(name));
            assertArrayEquals(bytes, Files.readAllBytes(b.resolve(name)), name);
            if (name.endsWith(".gz")) {
                assertEquals(0, bytes[3], name + ": no file name in the gzip header");
                assertEquals(0, bytes[4] | bytes[5] | bytes[6] | bytes[7], name + ": zero time in the gzip header");
            }
        }
        assertTrue(listing(a).contains("tempest_file_edge-parallel.subunit_0_raw.json.gz"));
        assertTrue(listing(a).contains("index.html"), "the report is written by default, reproducibly too");
        assertEquals("dstat_log.csv.gz", config(a).get("tempest").get(0).get("dstat").asText());
    }

    /** {@code plain} gzip-compressed into {@code gz}, its first {@code keep} bytes. */
    static Path gzip(Path plain, Path gz, int keep) throws IOException {
        byte[] bytes = SubunitStreamsTest.gzip(Files.readAllBytes(plain));
        return Files.write(gz, Arrays.copyOf(bytes, Math.min(keep, bytes.length)));
    }

    @Test
    void aGzipCompressedStreamExportsAsThePlainOne() throws Exception {
        Path gz = gzip(EDGE, temp.resolve("edge.subunit.gz"), Integer.MAX_VALUE);
        Path plainOut = temp.resolve("plain");
        Path gzOut = temp.resolve("gz");
        export(ExportConfig.builder(plainOut).stdin(Files.newInputStream(EDGE)));
        export(ExportConfig.builder(gzOut).stdin(Files.newInputStream(gz)));
        assertEquals(listing(plainOut), listing(gzOut));
        for (String name : listing(plainOut)) {
            assertArrayEquals(Files.readAllBytes(plainOut.resolve(name)), Files.readAllBytes(gzOut.resolve(name)), name);
        }
        export(ExportConfig.builder(temp.resolve("file")).streamFile(gz));
        assertEquals(31, config(temp.resolve("file")).get("tempest").get(0).get("stats").get("count").asInt());
        assertEquals(List.of(), log.warnings);
    }

    @Test
    void aCutOffGzipFileExportsWhatCameBeforeTheCutAndSaysSo() throws Exception {
        long size = Files.size(gzip(EDGE, temp.resolve("whole.subunit.gz"), Integer.MAX_VALUE));
        Path cut = gzip(EDGE, temp.resolve("cut.subunit.gz"), (int) size * 2 / 3);
        Path out = temp.resolve("out");
        export(ExportConfig.builder(out).streamFile(cut));
        JsonNode entry = config(out).get("tempest").get(0);
        int count = entry.get("stats").get("count").asInt();
        assertTrue(count > 5 && count < 31, "some tests, not all: " + count);
        List<String> warnings = new ArrayList<>();
        entry.get("warnings").forEach(w -> warnings.add(w.asText()));
        assertTrue(warnings.stream().anyMatch(w -> w.matches("the gzip data is damaged after byte \\d+ of the"
                + " decompressed stream \\(Unexpected end of ZLIB input stream\\): the input was read up to there,"
                + " and the rest is lost")), warnings.toString());
        assertTrue(warnings.get(warnings.size() - 1).contains("; the gzip data broke off after "), warnings.toString());
        assertTrue(log.warnings.stream().anyMatch(w -> w.startsWith(cut + ": the gzip data is damaged after byte ")),
                log.warnings.toString());
        JsonNode details = ReferenceParityTest.read(out.resolve("tempest_file_cut.subunit.gz_0_details.json"));
        assertTrue(details.get(ResultAssembler.PARSER_TEST_ID).get("ParserError").asText().startsWith(
                "the gzip data is damaged after byte "), "shown in the front-end as the parser's failure");
    }

    @Test
    void aGzipCompressedDstatLogIsCopiedDecompressed() throws Exception {
        Path gz = gzip(DSTAT, temp.resolve("dstat-csv.log.gz"), Integer.MAX_VALUE);
        Path out = temp.resolve("out");
        export(ExportConfig.builder(out).streamFile(EDGE).dstat(gz));
        assertArrayEquals(Fixtures.withBlankLineAfterCmdline(Files.readAllBytes(DSTAT)),
                Files.readAllBytes(out.resolve("dstat_log.csv")));
        assertEquals("dstat_log.csv", config(out).get("tempest").get(0).get("dstat").asText());
        assertEquals(List.of(), log.warnings);

        Path notDstat = gzip(EDGE, temp.resolve("edge.gz"), Integer.MAX_VALUE);
        ExportException e = assertThrows(ExportException.class,
                () -> export(ExportConfig.builder(temp.resolve("o2")).dstat(notDstat)));
        assertTrue(e.getMessage().startsWith(notDstat + " is not a dstat CSV log"), e.getMessage());
    }

    @Test
    void aCutOffGzipDstatLogIsCopiedUpToTheCutWithAWarning() throws Exception {
        long size = Files.size(gzip(DSTAT, temp.resolve("whole.gz"), Integer.MAX_VALUE));
        Path cut = gzip(DSTAT, temp.resolve("cut.gz"), (int) size / 2);
        Path out = temp.resolve("out");
        export(ExportConfig.builder(out).streamFile(EDGE).dstat(cut));
        byte[] copied = Files.readAllBytes(out.resolve("dstat_log.csv"));
        byte[] whole = Fixtures.withBlankLineAfterCmdline(Files.readAllBytes(DSTAT));
        assertTrue(copied.length > 0 && copied.length < whole.length, String.valueOf(copied.length));
        assertArrayEquals(Arrays.copyOf(whole, copied.length), copied);
        // the offset counts the log's own bytes: the copy has one more, the blank line after its header
        assertEquals(List.of("dstat file " + cut + ": its gzip data is damaged after byte " + (copied.length - 1)
                + " of the decompressed log (Unexpected end of ZLIB input stream): copied up to there"), log.warnings);
    }

    @Test
    void filesWithTheSameBasenameAreAllExported() throws Exception {
        Path first = Files.createDirectories(temp.resolve("one")).resolve("run.subunit");
        Path second = Files.createDirectories(temp.resolve("two")).resolve("run.subunit");
        Files.copy(EDGE, first);
        Files.copy(Fixtures.path("streams/duplicate-ids.subunit"), second);
        Path out = temp.resolve("out");
        export(ExportConfig.builder(out).streamFile(first).streamFile(second).streamFile(first));
        JsonNode entries = config(out).get("tempest");
        assertEquals(2, entries.size(), "the very same path twice is exported once");
        assertEquals("tempest_file_run.subunit_0_raw.json", entries.get(0).get("raw").asText());
        assertEquals("tempest_file_run.subunit-2_0_raw.json", entries.get(1).get("raw").asText());
        assertEquals(31, entries.get(0).get("stats").get("count").asInt());
        assertEquals(3, entries.get(1).get("stats").get("count").asInt());
        assertEquals(1, entries.get(1).get("id").asInt());
    }

    @Test
    void aMissingInputIsAWarningOrAnError() throws Exception {
        Path missing = temp.resolve("nope.subunit");
        Path out = temp.resolve("out");
        export(ExportConfig.builder(out).streamFile(missing).streamFile(EDGE));
        assertEquals(List.of("Stream file " + missing + " does not exist: skipped"), log.warnings);
        assertEquals(1, config(out).get("tempest").size());

        ExportException e = assertThrows(ExportException.class,
                () -> export(ExportConfig.builder(temp.resolve("out2")).streamFile(missing).failOnMissingInput(true)));
        assertEquals("Stream file " + missing + " does not exist (failOnMissingInput is set)", e.getMessage());
        assertFalse(Files.exists(temp.resolve("out2")));
    }

    @Test
    void noInputAtAllIsAnErrorThatNamesTheParameters() {
        ExportException e = assertThrows(ExportException.class, () -> export(ExportConfig.builder(temp.resolve("o"))));
        assertTrue(e.getMessage().contains("stackviz.streamFiles"), e.getMessage());
        assertTrue(e.getMessage().contains("stackviz.stdin"), e.getMessage());
        assertTrue(e.getMessage().contains("stackviz.dstat"), e.getMessage());
        assertTrue(e.getMessage().contains("stackviz.junitReports"), e.getMessage());
    }

    @Test
    void anOutputDirectoryThatIsAFileIsAnError() throws IOException {
        Path file = Files.writeString(temp.resolve("taken"), "x");
        ExportException e = assertThrows(ExportException.class,
                () -> export(ExportConfig.builder(file).streamFile(EDGE)));
        assertEquals("The output directory " + file + " is a file, not a directory", e.getMessage());
    }

    @Test
    void aMissingParentFolderIsCreated() throws Exception {
        Path out = temp.resolve("missing/parent/out");
        export(ExportConfig.builder(out).streamFile(EDGE));
        assertTrue(Files.exists(out.resolve("config.json")));
    }

    @Test
    void aFailedExportLeavesThePreviousOutputWholeAndNoWorkFolder() throws Exception {
        Path out = temp.resolve("out");
        export(ExportConfig.builder(out).streamFile(EDGE));
        List<String> before = listing(out);
        byte[] config = Files.readAllBytes(out.resolve("config.json"));
        Path notAFile = Files.createDirectory(temp.resolve("dir.subunit"));
        ExportException e = assertThrows(ExportException.class,
                () -> export(ExportConfig.builder(out).streamFile(Fixtures.path("streams/tap.subunit"))
                        .streamFile(notAFile)));
        assertTrue(e.getMessage().startsWith("Cannot read " + notAFile), e.getMessage());
        assertEquals(before, listing(out));
        assertArrayEquals(config, Files.readAllBytes(out.resolve("config.json")));
        try (Stream<Path> siblings = Files.list(temp)) {
            assertEquals(List.of("dir.subunit", "out"), siblings.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void aNewExportReplacesTheOldOneWhole() throws Exception {
        Path out = temp.resolve("out");
        export(ExportConfig.builder(out).streamFile(EDGE).dstat(DSTAT));
        export(ExportConfig.builder(out).streamFile(TAP).viewer(false));
        assertEquals(TAP_FILES, listing(out));
    }

    @Test
    void readsStdin() throws Exception {
        Path out = temp.resolve("out");
        export(ExportConfig.builder(out).stdin(new ByteArrayInputStream(Files.readAllBytes(EDGE))));
        JsonNode entry = config(out).get("tempest").get(0);
        assertEquals("Subunit Stream (stdin)", entry.get("name").asText());
        assertEquals("tempest_stdin_0_raw.json", entry.get("raw").asText());
        assertEquals(31, entry.get("stats").get("count").asInt());
    }

    @Test
    void logsOneLinePerSourceAndTheOutputFolder() throws Exception {
        Path out = temp.resolve("out");
        export(ExportConfig.builder(out).streamFile(EDGE).streamFile(Fixtures.path("streams/tap.subunit")).threads(2));
        assertEquals(3, log.infos.size());
        assertTrue(log.infos.get(0).matches("Exported 31 tests \\(13 failed, 4 skipped\\) from " + EDGE
                + " in \\d+\\.\\d s"), log.infos.get(0));
        assertTrue(log.infos.get(1).contains("tap.subunit"), "in the order of the inputs");
        assertEquals("Wrote StackViz data for 2 runs to " + out, log.infos.get(2));
    }

    @Test
    void aRepeatedNameKeepsTheLaterDetailsOnly() throws Exception {
        byte[] bytes = stream(w -> {
            w.packet().testId("pkg.T.test[x]").mime("text/plain").file("log", "first run").write();
            w.packet().testId("pkg.T.test[x]").status(TestStatus.FAIL).write();
            w.packet().testId("pkg.T.other").mime("text/plain").file("log", "other").write();
            w.packet().testId("pkg.T.other").status(TestStatus.SUCCESS).write();
            w.packet().testId("pkg.T.test[y]").mime("text/plain").file("log", "second run").write();
            w.packet().testId("pkg.T.test[y]").status(TestStatus.SUCCESS).write();
        });
        for (boolean gzip : List.of(false, true)) {
            Path out = temp.resolve("out-" + gzip);
            export(ExportConfig.builder(out).stdin(new ByteArrayInputStream(bytes)).gzip(gzip));
            JsonNode details = ReferenceParityTest.read(out.resolve("tempest_stdin_0_details.json" + (gzip ? ".gz" : "")));
            assertEquals(2, details.size());
            assertEquals("second run", details.get("pkg.T.test").get("log").asText());
            assertEquals("other", details.get("pkg.T.other").get("log").asText());
            JsonNode raw = ReferenceParityTest.read(out.resolve("tempest_stdin_0_raw.json" + (gzip ? ".gz" : "")));
            assertEquals(3, raw.size(), "raw keeps every record");
        }
    }

    @Test
    void aRepeatedFirstNameIsDroppedCleanly() throws Exception {
        byte[] bytes = stream(w -> {
            w.packet().testId("a.x").mime("text/plain").file("log", "old").write();
            w.packet().testId("a.x").status(TestStatus.FAIL).write();
            w.packet().testId("a.x").mime("text/plain").file("log", "new").write();
            w.packet().testId("a.x").status(TestStatus.SUCCESS).write();
        });
        Path out = temp.resolve("out");
        export(ExportConfig.builder(out).stdin(new ByteArrayInputStream(bytes)));
        assertEquals("{\"a.x\":{\"log\":\"new\"}}", Files.readString(out.resolve("tempest_stdin_0_details.json")));
    }

    /**
     * Without the report, a large text is escaped into details.json by the export itself, a piece at a time:
     * the pieces join into the text, characters beyond U+FFFF included, and the texts around it keep their
     * places.
     */
    @Test
    void aLargeTextStreamedWithoutTheReportIsWhole() throws Exception {
        StringBuilder big = new StringBuilder();
        for (int i = 0; big.length() < 700_000; i++) {
            big.append("line ").append(i).append(" \"quoted\" \\ \u0001\t é \uD83D\uDE00\n");
        }
        String text = big.toString();
        byte[] bytes = stream(w -> {
            w.packet().testId("a.b.big").mime("text/plain;charset=utf8").file("log", text).write();
            w.packet().testId("a.b.big").mime("text/plain;charset=utf8").file("after", "small \"one\"").write();
            w.packet().testId("a.b.big").status(TestStatus.FAIL).write();
        });
        Path out = temp.resolve("out");
        export(ExportConfig.builder(out).viewer(false).stdin(new ByteArrayInputStream(bytes)));
        JsonNode details = ReferenceParityTest.read(out.resolve("tempest_stdin_0_details.json")).get("a.b.big");
        assertEquals(List.of("log", "after"), fieldNames(details));
        assertEquals(text, details.get("log").asText());
        assertEquals("small \"one\"", details.get("after").asText());
    }

    /**
     * A large text goes into details.json outside the generator (escaped in pieces, with and without the
     * report): a member holding one is still found again and dropped whole when a later record of the same
     * name replaces it.
     */
    @Test
    void aReplacedMemberWithALargeStreamedTextIsDroppedWhole() throws Exception {
        String big = "log line \"x\" \u00e9\n".repeat(30_000); // over 256 KB: streamed
        byte[] bytes = stream(w -> {
            w.packet().testId("a.first").status(TestStatus.SUCCESS).write();
            w.packet().testId("a.x").mime("text/plain;charset=utf8").file("log", big).write();
            w.packet().testId("a.x").status(TestStatus.FAIL).write();
            w.packet().testId("a.middle").mime("text/plain;charset=utf8").file("log", big + "m").write();
            w.packet().testId("a.middle").status(TestStatus.SUCCESS).write();
            w.packet().testId("a.x").mime("text/plain;charset=utf8").file("log", "new").write();
            w.packet().testId("a.x").status(TestStatus.SUCCESS).write();
        });
        for (boolean viewer : new boolean[] {true, false}) {
            Path out = temp.resolve("out-" + viewer);
            export(ExportConfig.builder(out).viewer(viewer).stdin(new ByteArrayInputStream(bytes)));
            JsonNode details = ReferenceParityTest.read(out.resolve("tempest_stdin_0_details.json"));
            assertEquals(List.of("a.first", "a.middle", "a.x"), fieldNames(details), "viewer " + viewer);
            assertEquals(big + "m", details.get("a.middle").get("log").asText());
            assertEquals("new", details.get("a.x").get("log").asText());
        }
    }

    @Test
    void testsWithDifferentFirstPartsHangUnderAnEmptyRoot() throws Exception {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        byte[] bytes = stream(w -> {
            w.packet().testId("alpha.T.test_a").status(TestStatus.SUCCESS).timestamp(t).write();
            w.packet().testId("beta.T.test_b").status(TestStatus.FAIL).timestamp(t).write();
            w.packet().testId("gamma").status(TestStatus.SKIP).timestamp(t).write();
        });
        Path out = temp.resolve("out");
        export(ExportConfig.builder(out).stdin(new ByteArrayInputStream(bytes)));
        JsonNode tree = ReferenceParityTest.read(out.resolve("tempest_stdin_0_tree.json"));
        assertEquals("", tree.get("name").asText());
        List<String> children = new ArrayList<>();
        tree.get("children").forEach(c -> children.add(c.get("name").asText()));
        assertEquals(List.of("alpha", "beta", "gamma"), children);
        JsonNode leaf = tree.get("children").get(1).get("children").get(0).get("children").get(0);
        assertEquals("test_b", leaf.get("name").asText());
        assertEquals("beta.T.test_b", leaf.get("name_full").asText());
        assertEquals("fail", leaf.get("status").asText());
        JsonNode gamma = tree.get("children").get(2);
        assertEquals("gamma", gamma.get("name_full").asText());
        assertFalse(gamma.has("children"));
    }

    @Test
    void aTestNamedLikeTheRootFillsTheRoot() throws Exception {
        byte[] bytes = stream(w -> {
            w.packet().testId("pkg.mod.test").status(TestStatus.SUCCESS).write();
            w.packet().testId("pkg").status(TestStatus.FAIL).write();
        });
        Path out = temp.resolve("out");
        export(ExportConfig.builder(out).stdin(new ByteArrayInputStream(bytes)));
        JsonNode tree = ReferenceParityTest.read(out.resolve("tempest_stdin_0_tree.json"));
        assertEquals("pkg", tree.get("name").asText());
        assertEquals("fail", tree.get("status").asText(), "as the reference updates the root with the record");
        assertEquals("pkg.mod.test", tree.get("children").get(0).get("children").get(0).get("name_full").asText());
    }

    @Test
    void aWideTreeWrittenInTwoHalvesKeepsEveryChildInOrder() throws Exception {
        // the tree is cut at its first node with several children (pkg.mod), the second half written
        // apart and copied in: every child must come back once, in order, whole
        List<String> ids = new ArrayList<>();
        for (int c = 0; c < 40; c++) {
            for (int t = 0; t < 1 + c % 7; t++) {
                ids.add("pkg.mod.Class" + c + ".test_" + t);
            }
        }
        ids.add("pkg.mod.Class3"); // a leaf that is also an inner node
        ids.add("pkg.mod.Class0.test_0"); // a repeated name: the later record fills the leaf
        JsonNode mod = treeOf(ids).get("children").get(0);
        assertEquals("mod", mod.get("name").asText());
        assertEquals(40, mod.get("children").size());
        for (int c = 0; c < 40; c++) {
            JsonNode cls = mod.get("children").get(c);
            assertEquals("Class" + c, cls.get("name").asText());
            assertEquals(1 + c % 7, cls.get("children").size(), "tests of Class" + c);
            JsonNode last = cls.get("children").get(c % 7);
            assertEquals("pkg.mod.Class" + c + ".test_" + (c % 7), last.get("name_full").asText());
        }
        assertEquals("pkg.mod.Class3", mod.get("children").get(3).get("name_full").asText());
        assertEquals("fail", mod.get("children").get(0).get("children").get(0).get("status").asText());
    }

    @Test
    void namesInterleavedAcrossAWideNodeFindTheirNodesAgain() throws Exception {
        // as two workers interleave them: each name's class differs from the previous name's, so its node is
        // found again among its parent's children (through a map past 8 of them), and the 1,523 nodes pass the
        // size the tree's arrays start at
        List<String> ids = new ArrayList<>();
        for (int t = 0; t < 75; t++) {
            for (int c = 0; c < 20; c++) {
                ids.add("pkg.mod.Class" + c + ".test_" + t);
            }
        }
        JsonNode mod = treeOf(ids).get("children").get(0);
        assertEquals(20, mod.get("children").size());
        for (int c = 0; c < 20; c++) {
            JsonNode cls = mod.get("children").get(c);
            assertEquals("Class" + c, cls.get("name").asText());
            assertEquals(75, cls.get("children").size(), "tests of Class" + c);
            for (int t = 0; t < 75; t++) {
                assertEquals("pkg.mod.Class" + c + ".test_" + t, cls.get("children").get(t).get("name_full").asText());
            }
        }
    }

    @Test
    void aPartThatExtendsThePreviousNamesPartIsANodeOfItsOwn() throws Exception {
        JsonNode pkg = treeOf(List.of("pkg.a.t1", "pkg.ab.t2", "pkg.a.t3"));
        assertEquals(2, pkg.get("children").size());
        JsonNode a = pkg.get("children").get(0);
        assertEquals("a", a.get("name").asText());
        assertEquals(List.of("pkg.a.t1", "pkg.a.t3"), List.of(a.get("children").get(0).get("name_full").asText(),
                a.get("children").get(1).get("name_full").asText()));
        assertEquals("ab", pkg.get("children").get(1).get("name").asText());
        assertEquals(1, pkg.get("children").get(1).get("children").size());
    }

    /**
     * The stats read a long skip reason from its spill as it streams (the first 64 Ki characters are kept), and
     * take the last lines of a traceback held whole from its last 64 Ki characters.
     */
    @Test
    void theStatsReadLongReasonsAndTracebacks() throws Exception {
        String reason = "r".repeat(RunStats.REASON_LIMIT) + "beyond the limit".repeat(20_000); // 385 KB: streamed
        String traceback = "  frame\n".repeat(20_000) + "ValueError: the last line\n"; // 180 KB: held whole
        byte[] bytes = stream(w -> {
            w.packet().testId("t.skipped").mime("text/plain;charset=utf8").file("reason", reason).eof().write();
            w.packet().testId("t.skipped").status(TestStatus.SKIP).write();
            w.packet().testId("t.failed").mime("text/plain;charset=utf8").file("traceback", traceback).eof().write();
            w.packet().testId("t.failed").status(TestStatus.FAIL).write();
        });
        Path out = temp.resolve("out");
        export(ExportConfig.builder(out).stdin(new ByteArrayInputStream(bytes)));
        JsonNode stats = ReferenceParityTest.read(out.resolve("config.json")).get("tempest").get(0).get("stats");
        assertEquals(reason.substring(0, RunStats.REASON_LIMIT), stats.get("skips").get(0).get("details").asText());
        assertEquals("ValueError: the last line", stats.get("failures").get(0).get("details").get(0).asText());
        assertEquals(1, stats.get("failures").get(0).get("details").size());
    }

    /** One status a test in turn: each is written by its own path (the stats list only failures and skips). */
    private static final List<TestStatus> STATUSES = List.of(TestStatus.SUCCESS, TestStatus.FAIL, TestStatus.SKIP);

    /**
     * Names and tags reach raw.json and tree.json (and the name details.json, the stats and the report) by
     * way of cached, spilled and spliced bytes: they must still read exactly as Jackson's writeString writes
     * them (which escapes characters beyond U+FFFF as surrogate pairs), with quotes, control characters and
     * accents.
     */
    @Test
    void namesAndTagsAreWrittenAsJacksonWritesStrings() throws Exception {
        List<String> names = List.of("pkg.T\u00e9.test_\ud83d\ude00[x]", "pkg.T\u00e9.\"q\"\u0001\\", "pkg.\u00fc.\ud83d\ude00");
        List<String> tags = List.of("\ud83d\ude00", "a\"b", "\u00e9", "worker-0");
        byte[] bytes = stream(w -> {
            for (int i = 0; i < names.size(); i++) {
                w.packet().testId(names.get(i)).status(STATUSES.get(i)).tags(tags.toArray(String[]::new))
                        .timestamp(Instant.parse("2026-01-02T03:04:05.123456Z")).write();
            }
        });
        Path out = temp.resolve("out");
        export(ExportConfig.builder(out).stdin(new ByteArrayInputStream(bytes)));
        String raw = Files.readString(out.resolve("tempest_stdin_0_raw.json"));
        String tree = Files.readString(out.resolve("tempest_stdin_0_tree.json"));
        // the details thread's files take the name's bytes as raw.json's record has them
        String details = Files.readString(out.resolve("tempest_stdin_0_details.json"));
        String config = Files.readString(out.resolve("config.json"));
        String report = Files.readString(out.resolve("viewer-data").resolve("run-0.js"));
        for (int i = 0; i < names.size(); i++) {
            String clean = jackson(names.get(i).replaceAll("\\[x]$", ""));
            assertTrue(details.contains(clean + ":{}"), details);
            assertTrue(report.contains("[" + clean + ",\"" + STATUSES.get(i).word() + "\","), report);
            assertEquals(i > 0, config.contains("{\"name\":" + clean + ","), config);
        }
        StringBuilder tagList = new StringBuilder();
        for (String tag : tags.stream().sorted().toList()) {
            tagList.append(tagList.length() == 0 ? "" : ",").append(jackson(tag));
        }
        for (String name : names) {
            String clean = name.replaceAll("\\[x]$", "");
            String fields = "\"status\":\"" + STATUSES.get(names.indexOf(name)).word() + "\",\"tags\":[" + tagList
                    + "],\"timestamps\":[\"2026-01-02T03:04:05.123456+00:00\",\"2026-01-02T03:04:05.123456+00:00\"],";
            assertTrue(raw.contains("{\"name\":" + jackson(clean) + "," + fields), raw);
            assertTrue(tree.contains("{\"name\":" + jackson(clean.substring(clean.lastIndexOf('.') + 1)) + "," + fields),
                    tree);
            assertTrue(tree.contains("\"name_full\":" + jackson(clean) + "}"), tree);
        }
        assertTrue(tree.contains("{\"name\":" + jackson("T\u00e9") + ","), tree); // an inner node
        assertTrue(tree.contains("{\"name\":" + jackson("\u00fc") + ","), tree);
    }

    /**
     * The tree cuts names into parts on their escaped UTF-8 bytes: parts that differ only inside a character
     * (é and è share their first byte), or by an escape, must stay apart, and a name met again must find
     * its leaf after other names came between.
     */
    @Test
    void partsDifferingInsideACharacterOrAnEscapeStayApart() throws Exception {
        List<String> names = List.of("pkg.Cl\u00e9.test_a", "pkg.Cl\u00e8.test_a", "pkg.Cl\u00e9.test_b",
                "pkg.x\\.y", "pkg.x\".y", "pkg.Cl\u00e9.test_a");
        JsonNode pkg = treeOf(names);
        assertEquals("pkg", pkg.get("name").asText());
        List<String> parts = new ArrayList<>();
        pkg.get("children").forEach(c -> parts.add(c.get("name").asText()));
        assertEquals(List.of("Cl\u00e9", "Cl\u00e8", "x\\", "x\""), parts);
        JsonNode acute = pkg.get("children").get(0).get("children");
        assertEquals(2, acute.size(), acute.toString());
        assertEquals("pkg.Cl\u00e9.test_a", acute.get(0).get("name_full").asText());
        assertEquals("fail", acute.get(0).get("status").asText(), "the later record of the name replaced the first");
        assertEquals("test_b", acute.get(1).get("name").asText());
        assertEquals("pkg.Cl\u00e8.test_a", pkg.get("children").get(1).get("children").get(0).get("name_full").asText());
        assertEquals("pkg.x\\.y", pkg.get("children").get(2).get("children").get(0).get("name_full").asText());
        assertEquals("y", pkg.get("children").get(3).get("children").get(0).get("name").asText());
    }

    /** The tree.json of a stream of tests {@code ids} in that order, all passing but the last, which fails. */
    private JsonNode treeOf(List<String> ids) throws Exception {
        byte[] bytes = stream(w -> {
            for (int i = 0; i < ids.size(); i++) {
                w.packet().testId(ids.get(i)).status(i == ids.size() - 1 ? TestStatus.FAIL : TestStatus.SUCCESS)
                        .write();
            }
        });
        Path out = temp.resolve("out");
        export(ExportConfig.builder(out).stdin(new ByteArrayInputStream(bytes)));
        return ReferenceParityTest.read(out.resolve("tempest_stdin_0_tree.json"));
    }

    private static String jackson(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (com.fasterxml.jackson.core.JsonGenerator json = Json.generator(out)) {
            json.writeString(text);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void deepNamesAreCappedInTheTreeButKeepTheirFullName() throws Exception {
        String name = "p" + ".x".repeat(TreeBuilder.MAX_DEPTH + 50);
        byte[] bytes = stream(w -> w.packet().testId(name).status(TestStatus.SUCCESS).write());
        Path out = temp.resolve("out");
        export(ExportConfig.builder(out).stdin(new ByteArrayInputStream(bytes)));
        JsonNode node = ReferenceParityTest.read(out.resolve("tempest_stdin_0_tree.json"));
        int depth = 1;
        while (node.has("children")) {
            node = node.get("children").get(0);
            depth++;
        }
        assertEquals(TreeBuilder.MAX_DEPTH, depth);
        assertEquals(name, node.get("name_full").asText());
    }

    /** Names and tags longer than the tree's spill buffer go through it whole, around shorter records. */
    @Test
    void recordsLargerThanTheSpillBufferKeepTheirNamesAndFields() throws Exception {
        String longName = "big.Module." + "n".repeat(200_000);
        String longTag = "t".repeat(100_000);
        byte[] bytes = stream(w -> {
            w.packet().testId("big.Module.before").status(TestStatus.SUCCESS).write();
            w.packet().testId(longName).tags(longTag).status(TestStatus.FAIL).write();
            w.packet().testId("big.Module.after").status(TestStatus.SUCCESS).write();
        });
        Path out = temp.resolve("out");
        export(ExportConfig.builder(out).stdin(new ByteArrayInputStream(bytes)));
        JsonNode tests = ReferenceParityTest.read(out.resolve("tempest_stdin_0_tree.json")).get("children").get(0)
                .get("children");
        assertEquals(3, tests.size());
        assertEquals("big.Module.before", tests.get(0).get("name_full").asText());
        assertEquals(longName, tests.get(1).get("name_full").asText());
        assertEquals(longName.substring("big.Module.".length()), tests.get(1).get("name").asText());
        assertEquals(longTag, tests.get(1).get("tags").get(0).asText());
        assertEquals("fail", tests.get(1).get("status").asText());
        assertEquals("big.Module.after", tests.get(2).get("name_full").asText());
    }

    @Test
    void aDstatPathThatIsADirectoryIsAnErrorThatSaysSo() throws IOException {
        Path dir = Files.createDirectory(temp.resolve("dstat"));
        ExportException e = assertThrows(ExportException.class,
                () -> export(ExportConfig.builder(temp.resolve("o")).streamFile(EDGE).dstat(dir)));
        assertEquals("The dstat file " + dir + " is a directory, not a dstat CSV log", e.getMessage());
        assertFalse(Files.exists(temp.resolve("o")));
    }

    @Test
    void anInvalidDstatFileIsAnErrorThatSaysWhatWasFound() throws IOException {
        Path bad = Files.writeString(temp.resolve("load.csv"), "time,cpu\n1,2\n");
        ExportException e = assertThrows(ExportException.class,
                () -> export(ExportConfig.builder(temp.resolve("o")).dstat(bad)));
        assertTrue(e.getMessage().startsWith(bad + " is not a dstat CSV log"), e.getMessage());
        assertTrue(e.getMessage().endsWith("but it is \"time\""), e.getMessage());
    }

    @Test
    void dstatAloneExportsNoRunsAndTheLog() throws Exception {
        Path out = temp.resolve("out");
        export(ExportConfig.builder(out).dstat(Fixtures.path("dstat/appended.csv")));
        assertEquals(0, config(out).get("tempest").size());
        assertArrayEquals(Fixtures.withBlankLineAfterCmdline(Files.readAllBytes(Fixtures.path("dstat/appended.csv"))),
                Files.readAllBytes(out.resolve("dstat_log.csv")));
    }

    @Test
    void longExportsReportProgress() throws Exception {
        java.io.PipedOutputStream feed = new java.io.PipedOutputStream();
        java.io.PipedInputStream stdin = new java.io.PipedInputStream(feed, 1 << 16);
        Thread writer = new Thread(() -> {
            try (feed) {
                SubunitV2Writer w = new SubunitV2Writer(feed);
                for (int i = 0; i < 50; i++) {
                    w.packet().testId("t" + i).status(TestStatus.SUCCESS).write();
                    feed.flush();
                    Thread.sleep(10);
                }
            } catch (IOException | InterruptedException e) {
                throw new RuntimeException(e);
            }
        });
        writer.start();
        new Exporter(ExportConfig.builder(temp.resolve("out")).stdin(stdin).build(), log,
                java.time.Duration.ofMillis(100)).export();
        writer.join();
        List<String> progress = log.infos.stream().filter(l -> l.startsWith("stdin: ")).toList();
        assertFalse(progress.isEmpty(), log.infos.toString());
        assertTrue(progress.get(0).matches("stdin: \\d+ MB read, \\d+ tests so far, \\d+\\.\\d MB/s"),
                progress.get(0));
    }

    @Test
    void largeExportsHintTheJitWhileTheyRunUnlessTurnedOff() throws Exception {
        Path stream = temp.resolve("large.subunit");
        String chunk = "a line of a long log\n".repeat(50_000); // 1 MB
        try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(stream))) {
            SubunitV2Writer w = new SubunitV2Writer(out);
            for (int i = 0; i < 50; i++) {
                w.packet().testId("t").mime("text/plain").file("log", chunk).write();
            }
            w.packet().testId("t").status(TestStatus.SUCCESS).write();
        }
        assertTrue(Files.size(stream) >= JitHints.LARGE);
        int before = JitHintsTest.directives();
        export(ExportConfig.builder(temp.resolve("out")).streamFile(stream).viewer(false));
        assertEquals(JitHintsTest.ADDED_THEN_REMOVED, log.debugs);
        assertEquals(before, JitHintsTest.directives(), "removed when the export ends");
        assertTrue(Files.size(temp.resolve("out/tempest_file_large.subunit_0_details.json")) > 50L * chunk.length());

        log.debugs.clear();
        export(ExportConfig.builder(temp.resolve("out")).streamFile(stream).viewer(false).jitHints(false));
        assertEquals(List.of(), log.debugs);

        // stdin's size is unknown: the hint once it has been large
        log.debugs.clear();
        try (var in = new java.io.BufferedInputStream(Files.newInputStream(stream))) {
            export(ExportConfig.builder(temp.resolve("out")).stdin(in).viewer(false));
        }
        assertEquals(JitHintsTest.ADDED_THEN_REMOVED, log.debugs);
        assertEquals(before, JitHintsTest.directives());
    }

    @Test
    void progressLinesSayHowFarAndHowFast() {
        assertEquals("a.subunit: 120 of 374 MB read (32%), 480000 tests so far, 24.0 MB/s",
                Progress.line("a.subunit", 120L << 20, 374L << 20, 480_000, 5.0));
        assertEquals("stdin: 2 MB read, 7 tests so far, 1.0 MB/s", Progress.line("stdin", 2L << 20, -1, 7, 2.0));
    }
}
