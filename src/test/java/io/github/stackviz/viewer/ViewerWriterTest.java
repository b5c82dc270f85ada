package io.github.stackviz.viewer;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ViewerWriterTest {


    @TempDir
    Path tmp;

    // ---------------------------------------------------------------- every fixture export

    @ParameterizedTest
    @ValueSource(strings = {"edge-parallel", "bulk-logging", "repo-dot", "repo-dot-z", "dstat-rich-z",
        "dstat-only", "dstat-appended", "damaged-empty", "damaged-empty-stdin", "damaged-truncate-boundary",
        "duplicate-ids", "edge-frozen-time", "edge-tags", "no-input", "missing-file"})
    void writesTheViewerAndLeavesTheContractFilesAlone(String name) throws IOException {
        Path dir = Exports.copyCase(name, tmp.resolve(name));
        Map<String, String> before = Exports.hashes(dir);

        ViewerWriter.write(dir);

        Map<String, String> after = Exports.hashes(dir);
        for (Map.Entry<String, String> e : before.entrySet()) {
            assertEquals(e.getValue(), after.get(e.getKey()), e.getKey() + " changed");
        }
        assertTrue(Files.isRegularFile(dir.resolve("index.html")));
        for (String asset : ViewerWriter.ASSETS) {
            assertTrue(Files.size(dir.resolve("viewer").resolve(asset)) > 0, asset);
        }
        for (String asset : List.of("uPlot.iife.min.js", "uPlot.min.css", "uPlot.LICENSE.txt")) {
            assertTrue(Files.size(dir.resolve("viewer").resolve(asset)) > 0, asset);
        }
        Exports.Data index = Exports.data(dir.resolve("viewer-data/index.js"));
        assertEquals("index", index.kind());
        JsonNode config = Exports.contract(dir.resolve("config.json"));
        JsonNode entries = config.get("tempest");
        assertEquals(entries.size(), index.value().get("entries").size());
        for (int k = 0; k < entries.size(); k++) {
            JsonNode entry = entries.get(k);
            JsonNode copy = index.value().get("entries").get(k);
            assertEquals(k, copy.get("run").asInt());
            assertEquals(entry.get("name"), copy.get("name"));
            assertEquals(entry.get("stats"), copy.get("stats"));
            assertRun(dir, k, entry);
        }
        // nothing in the data folder but our files, none of them gzipped
        try (Stream<Path> files = Files.list(dir.resolve("viewer-data"))) {
            files.forEach(f -> assertTrue(f.getFileName().toString().matches("[a-z0-9-]+\\.js"), f.toString()));
        }
    }

    /** run-K.js mirrors raw; the detail chunks together hold exactly details.json. */
    private static void assertRun(Path dir, int k, JsonNode entry) throws IOException {
        JsonNode raw = Exports.contract(dir.resolve(entry.get("raw").asText()));
        Exports.Data run = Exports.data(dir.resolve("viewer-data/run-" + k + ".js"));
        assertEquals("run", run.kind());
        assertEquals(0, run.value().get("problems").size(), run.value().get("problems").toString());
        JsonNode tests = run.value().get("tests");
        assertEquals(raw.size(), tests.size());
        long t0 = run.value().get("t0").isNull() ? 0 : run.value().get("t0").asLong();
        for (int i = 0; i < raw.size(); i++) {
            JsonNode r = raw.get(i);
            JsonNode t = tests.get(i);
            assertEquals(r.get("name").asText(), t.get(0).asText());
            assertEquals(r.get("status").asText(), t.get(1).asText());
            for (int s = 0; s < 2; s++) {
                JsonNode ts = r.get("timestamps").get(s);
                if (ts.isNull()) {
                    assertTrue(t.get(2 + s).isNull());
                } else {
                    Instant at = Instant.parse(ts.asText().replace("+00:00", "Z"));
                    long us = at.getEpochSecond() * 1_000_000L + at.getNano() / 1000;
                    assertEquals(us, t0 * 1000 + t.get(2 + s).asLong(), r.get("name") + " timestamp " + s);
                }
            }
            assertEquals(r.get("duration").asDouble(), t.get(4).asDouble(), 0.0);
            assertEquals(r.get("tags"), t.get(5));
        }
        assertEquals(JsonNodeMaps.details(Exports.contract(dir.resolve(entry.get("details").asText()))),
                JsonNodeMaps.fromChunks(dir.resolve("viewer-data"), k));
    }

    // ---------------------------------------------------------------- gzip and dstat

    @Test
    void readsGzippedRunsAndDstat() throws IOException {
        Path dir = Exports.copyCase("repo-dot-z", tmp.resolve("z"));
        ViewerWriter.write(dir);
        Exports.Data run1 = Exports.data(dir.resolve("viewer-data/run-1.js"));
        assertEquals(285, run1.value().get("tests").size());

        Path rich = Exports.copyCase("dstat-rich-z", tmp.resolve("rich"));
        ViewerWriter.write(rich);
        Exports.Data index = Exports.data(rich.resolve("viewer-data/index.js"));
        assertEquals("dstat_log.csv.gz", index.value().get("dstat").get(0).get("file").asText());
        assertFalse(index.value().get("dstat").get(0).get("named").asBoolean());
        JsonNode d = Exports.data(rich.resolve("viewer-data/dstat-0.js")).value();
        assertEquals(1, d.get("blocks").size());
        assertEquals(41, d.get("blocks").get(0).get("rows").size());
    }

    @Test
    void dstatTimesTakeTheYearFromTheRun() throws IOException {
        Path dir = tmp.resolve("combo");
        new SyntheticExport(dir).dstat(Exports.DSTAT.resolve("devstack.csv"))
                .run("Subunit File: a", 2, i -> new SyntheticExport.Rec("t" + i, "success", List.of("worker-0"),
                        1_700_000_000_000_000L + i, 1_700_000_000_000_000L + i + 10, Map.of()), List.of())
                .finish();
        ViewerWriter.write(dir);
        Exports.Data index = Exports.data(dir.resolve("viewer-data/index.js"));
        assertEquals(0, index.value().get("entries").get(0).get("dstatData").asInt());
        JsonNode d = Exports.data(dir.resolve("viewer-data/dstat-0.js")).value();
        assertEquals("run", d.get("yearFrom").asText());
        assertEquals(2023, d.get("year").asInt()); // 1.7e9 s is in November 2023
        JsonNode first = d.get("blocks").get(0).get("rows").get(0);
        assertEquals(Instant.parse("2023-11-28T09:01:07Z").getEpochSecond(), first.get(0).asLong());
        List<String> columns = new ArrayList<>();
        d.get("blocks").get(0).get("columns").forEach(c -> columns.add(c.get(0).asText() + "/" + c.get(1).asText()));
        assertTrue(columns.containsAll(List.of("total cpu usage/usr", "total cpu usage/sys", "total cpu usage/wai",
                "memory usage/used", "net/total/recv", "net/total/send", "dsk/total/read", "dsk/total/writ")), columns.toString());
        assertFalse(columns.stream().anyMatch(c -> c.startsWith("most expensive")), columns.toString());
        // usr of the first sample
        assertEquals(21.49, first.get(1 + columns.indexOf("total cpu usage/usr")).asDouble(), 1e-9);
    }

    @Test
    void dstatAcceptsASecondHeaderBlock() throws IOException {
        Path dir = Exports.copyCase("dstat-appended", tmp.resolve("appended"));
        ViewerWriter.write(dir);
        JsonNode d = Exports.data(dir.resolve("viewer-data/dstat-0.js")).value();
        assertEquals("header", d.get("yearFrom").asText());
        assertEquals(2, d.get("blocks").size());
        assertEquals(3, d.get("blocks").get(0).get("rows").size());
        assertEquals(3, d.get("blocks").get(1).get("rows").size());
        assertEquals(0, d.get("skipped").asInt());
        assertEquals(Instant.parse("2026-11-28T09:01:55Z").getEpochSecond(),
                d.get("blocks").get(1).get("rows").get(2).get(0).asLong());
    }

    @ParameterizedTest
    @ValueSource(strings = {"devstack.csv", "appended.csv"})
    void dstatReadsBothHeaderFormsAlike(String log) throws IOException {
        // as dstat 0.7.4 and later write it (no blank line after Cmdline), and as the export copies it (one there)
        byte[] recorded = Files.readAllBytes(Exports.DSTAT.resolve(log));
        byte[] spaced = io.github.stackviz.Fixtures.withBlankLineAfterCmdline(recorded);
        assertFalse(java.util.Arrays.equals(recorded, spaced));
        JsonNode[] data = new JsonNode[2];
        for (int form = 0; form < 2; form++) {
            Path dir = tmp.resolve("forms-" + log + "-" + form);
            Path csv = Files.createDirectories(dir).resolve("in.csv");
            Files.write(csv, form == 0 ? recorded : spaced);
            new SyntheticExport(dir).dstat(csv).finish();
            ViewerWriter.write(dir);
            data[form] = Exports.data(dir.resolve("viewer-data/dstat-0.js")).value();
        }
        assertEquals(data[0], data[1]);
        assertEquals(log.equals("appended.csv") ? 2 : 1, data[1].get("blocks").size());
        assertTrue(data[1].get("blocks").get(0).get("columns").size() > 0);
        assertTrue(data[1].get("blocks").get(0).get("rows").size() > 0);
        assertEquals(0, data[1].get("problems").size());
    }

    @Test
    void dstatCrossingNewYearMovesToTheNextYear() throws IOException {
        Path csv = tmp.resolve("ny.csv");
        Files.writeString(csv, """
                "Dstat 0.8.0 CSV output"
                "system","total cpu usage",,
                "time","usr","sys","idl"
                31-12 23:59:59,1,2,97
                01-01 00:00:00,3,4,93
                garbage,1,2,3
                """);
        Path dir = tmp.resolve("ny");
        new SyntheticExport(dir).dstat(csv).finish();
        ViewerWriter.write(dir);
        JsonNode d = Exports.data(dir.resolve("viewer-data/dstat-0.js")).value();
        assertEquals("clock", d.get("yearFrom").asText());
        JsonNode rows = d.get("blocks").get(0).get("rows");
        assertEquals(2, rows.size());
        assertEquals(1, rows.get(1).get(0).asLong() - rows.get(0).get(0).asLong());
    }

    // ---------------------------------------------------------------- chunks

    @Test
    void largeAttachmentsAreSplitOverChunksAndComeBackWhole() throws IOException {
        StringBuilder big = new StringBuilder();
        while (big.length() < 3 * RunData.CHUNK_CHARS + 12345) {
            big.append("2026-11-28 09:01:57.461 1234 DEBUG tempest.lib.common.rest_client GET /v2.1 \uD83D\uDE00 ")
                    .append(big.length()).append('\n');
        }
        String huge = big.toString();
        Path dir = tmp.resolve("big");
        new SyntheticExport(dir).run("Subunit File: big", 40, i -> new SyntheticExport.Rec("t" + i,
                i % 7 == 0 ? "fail" : "success", List.of("worker-" + (i % 3)), 1_000_000L * i, 1_000_000L * i + 500,
                i == 5 ? Map.of("pythonlogging", huge, "traceback", "Traceback\nValueError: x")
                        : Map.of("pythonlogging", huge.substring(0, 100_000 + i * 1000))), List.of()).finish();
        ViewerWriter.write(dir);

        Path data = dir.resolve("viewer-data");
        Exports.Data index = Exports.data(data.resolve("run-0-index.js"));
        int chunks = index.value().get("chunks").asInt();
        assertTrue(chunks > 5, "chunks: " + chunks);
        for (int c = 0; c < chunks; c++) {
            long chars = 0;
            for (JsonNode item : Exports.data(data.resolve("run-0-d" + c + ".js")).value().get("items")) {
                chars += item.get(2).asText().length();
            }
            assertTrue(chars <= RunData.CHUNK_CHARS, "chunk " + c + " holds " + chars);
        }
        JsonNode t5 = index.value().get("tests").get(5);
        assertTrue(t5.get(2).asInt() - t5.get(1).asInt() >= 3, t5.toString());
        assertEquals(JsonNodeMaps.details(Exports.contract(dir.resolve("tempest_file_synthetic0.subunit_0_details.json"))),
                JsonNodeMaps.fromChunks(data, 0));
    }

    @Test
    void rewritingReplacesOldChunks() throws IOException {
        Path dir = tmp.resolve("again");
        new SyntheticExport(dir).run("r", 30, i -> new SyntheticExport.Rec("t" + i, "success", List.of(), 0L, 1L,
                Map.of("log", "x".repeat(200_000))), List.of()).finish();
        ViewerWriter.write(dir);
        assertTrue(Files.exists(dir.resolve("viewer-data/run-0-d4.js")));
        Files.writeString(dir.resolve("viewer-data/mine.txt"), "not ours");
        new SyntheticExport(dir).run("r", 3, i -> new SyntheticExport.Rec("t" + i, "success", List.of(), 0L, 1L,
                Map.of("log", "small")), List.of()).finish();
        ViewerWriter.write(dir);
        assertFalse(Files.exists(dir.resolve("viewer-data/run-0-d4.js")));
        assertTrue(Files.exists(dir.resolve("viewer-data/run-0-d0.js")));
        assertTrue(Files.exists(dir.resolve("viewer-data/mine.txt")));
    }

    // ---------------------------------------------------------------- hostile data

    static final String SCRIPT = "</script><script>window.__pwned=1</script>";
    static final String IMG = "<img src=x onerror=\"window.__pwned=2\">";
    static final String LINES = "a\u2028b\u2029c\u0000d\u007f\"'\\`${x}";

    @Test
    void hostileDataIsEncodedSafely() throws IOException {
        Path dir = tmp.resolve("hostile");
        Map<String, String> att = new LinkedHashMap<>();
        att.put("traceback", "Traceback\n" + SCRIPT + "\n" + IMG + "\n" + LINES);
        att.put("__proto__", "prototype " + IMG);
        new SyntheticExport(dir).run("Subunit File: " + IMG, 4, i -> new SyntheticExport.Rec(
                List.of(SCRIPT, IMG, LINES, "__proto__").get(i), i == 0 ? "fail" : i == 1 ? IMG : "success",
                List.of(SCRIPT, "worker-" + i), 10L * i, 10L * i + 5, att), List.of(IMG, SCRIPT)).finish();
        ViewerWriter.write(dir);

        try (Stream<Path> files = Files.list(dir.resolve("viewer-data"))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                // JSON's escapes: no control character is left raw (U+2028 and U+2029 may be; see JsData)
                for (int i = 0; i < text.length(); i++) {
                    char c = text.charAt(i);
                    assertTrue(c >= 0x20 || c == '\n', f.getFileName() + " holds U+" + Integer.toHexString(c));
                }
                // the only call is the registration; every string is inside a JSON literal
                assertEquals(1, text.split("StackViz\\.data\\(", -1).length - 1, f.toString());
                Exports.data(f); // parses as JSON
            }
        }
        JsonNode run = Exports.data(dir.resolve("viewer-data/run-0.js")).value();
        assertEquals(SCRIPT, run.get("tests").get(0).get(0).asText());
        assertEquals(IMG, run.get("tests").get(1).get(1).asText());
        assertEquals(LINES, run.get("tests").get(2).get(0).asText());
        JsonNode index = Exports.data(dir.resolve("viewer-data/index.js")).value();
        assertEquals("Subunit File: " + IMG, index.get("entries").get(0).get("name").asText());
        assertEquals(IMG, index.get("entries").get(0).get("warnings").get(0).asText());
        Map<String, Map<String, String>> got = JsonNodeMaps.fromChunks(dir.resolve("viewer-data"), 0);
        assertEquals(att, got.get("__proto__"));
        assertEquals(att, got.get(LINES));
    }

    @Test
    void loneSurrogatesDoNotBreakTheOutput() throws IOException {
        Path dir = tmp.resolve("surrogates");
        new SyntheticExport(dir).run("r", 1, i -> new SyntheticExport.Rec("x", "success", List.of("\uD800"),
                0L, 1L, Map.of("log", "\uDC00 lone \uD83D")), List.of()).finish();
        ViewerWriter.write(dir);
        assertEquals("\uD800", Exports.data(dir.resolve("viewer-data/run-0.js")).value().get("tests").get(0).get(5).get(0).asText());
        assertEquals("\uDC00 lone \uD83D", JsonNodeMaps.fromChunks(dir.resolve("viewer-data"), 0).get("x").get("log"));

        // Jackson refuses them in a member name: that is a problem of the run, not a failed export
        Path names = tmp.resolve("surrogate-names");
        new SyntheticExport(names).run("r", 1, i -> new SyntheticExport.Rec("x\uD800y", "success", List.of(),
                0L, 1L, Map.of("log", "text")), List.of()).finish();
        ViewerWriter.write(names);
        JsonNode run = Exports.data(names.resolve("viewer-data/run-0.js")).value();
        assertEquals("x\uD800y", run.get("tests").get(0).get(0).asText());
        assertTrue(run.get("problems").get(0).asText().contains("surrogate"), run.toString());
    }

    // ---------------------------------------------------------------- damaged input

    @Test
    void missingAndDamagedRunFilesBecomeProblemsOfThatRun() throws IOException {
        Path dir = tmp.resolve("damaged");
        new SyntheticExport(dir)
                .run("ok", 3, i -> new SyntheticExport.Rec("a" + i, "success", List.of(), 0L, 1L, Map.of("log", "x")), List.of())
                .run("cut", 50, i -> new SyntheticExport.Rec("b" + i, "success", List.of(), 0L, 1L, Map.of("log", "y".repeat(100))), List.of())
                .run("gone", 2, i -> new SyntheticExport.Rec("c" + i, "success", List.of(), 0L, 1L, Map.of()), List.of())
                .finish();
        Path cutRaw = dir.resolve("tempest_file_synthetic1.subunit_0_raw.json");
        Path cutDetails = dir.resolve("tempest_file_synthetic1.subunit_0_details.json");
        Files.write(cutRaw, java.util.Arrays.copyOf(Files.readAllBytes(cutRaw), (int) Files.size(cutRaw) / 2));
        Files.write(cutDetails, java.util.Arrays.copyOf(Files.readAllBytes(cutDetails), (int) Files.size(cutDetails) / 2));
        Files.delete(dir.resolve("tempest_file_synthetic2.subunit_0_raw.json"));
        Files.delete(dir.resolve("tempest_file_synthetic2.subunit_0_details.json"));

        ViewerWriter.write(dir);

        assertEquals(0, Exports.data(dir.resolve("viewer-data/run-0.js")).value().get("problems").size());
        JsonNode cut = Exports.data(dir.resolve("viewer-data/run-1.js")).value();
        assertEquals(2, cut.get("problems").size(), cut.get("problems").toString());
        assertTrue(cut.get("tests").size() > 10 && cut.get("tests").size() < 50);
        assertTrue(JsonNodeMaps.fromChunks(dir.resolve("viewer-data"), 1).size() > 10);
        JsonNode gone = Exports.data(dir.resolve("viewer-data/run-2.js")).value();
        assertEquals(0, gone.get("tests").size());
        assertTrue(gone.get("problems").get(0).asText().contains("does not exist"), gone.toString());
    }

    @Test
    void namesOutsideTheExportAreRefused() throws IOException {
        Path dir = tmp.resolve("inside/export");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("../secret_raw.json"), "[{\"name\": \"secret\", \"status\": \"success\"}]");
        Files.writeString(dir.resolve("config.json"), "{\"tempest\": [{\"id\": 0, \"name\": \"x\", "
                + "\"raw\": \"../secret_raw.json\", \"details\": \"/etc/passwd\", \"stats\": {\"count\": 1, \"__proto__\": {\"x\": 1}}}]}");
        ViewerWriter.write(dir);
        JsonNode run = Exports.data(dir.resolve("viewer-data/run-0.js")).value();
        assertEquals(0, run.get("tests").size());
        assertEquals(2, run.get("problems").size());
        run.get("problems").forEach(p -> assertTrue(p.asText().contains("not a file inside the export folder"), p.asText()));
        JsonNode entry = Exports.data(dir.resolve("viewer-data/index.js")).value().get("entries").get(0);
        assertFalse(entry.get("stats").has("__proto__"));
        assertEquals(1, entry.get("stats").get("count").asInt());
    }

    @Test
    void aMissingOrRefusedDstatLogIsAProblemOfItsData() throws IOException {
        Path dir = tmp.resolve("nodstat");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.json"), "{\"tempest\": [{\"id\": 0, \"name\": \"a\", \"dstat\": \"dstat_log.csv\"},"
                + " {\"id\": 1, \"name\": \"b\", \"dstat\": \"../dstat_log.csv\"}]}");
        ViewerWriter.write(dir);
        JsonNode missing = Exports.data(dir.resolve("viewer-data/dstat-0.js")).value();
        assertEquals("dstat_log.csv does not exist.", missing.get("problems").get(0).asText());
        assertEquals(0, missing.get("blocks").size());
        JsonNode refused = Exports.data(dir.resolve("viewer-data/dstat-1.js")).value();
        assertTrue(refused.get("problems").get(0).asText().contains("not a file inside the export folder"));
    }

    @Test
    void aMissingConfigIsAnError() {
        assertThrows(IOException.class, () -> ViewerWriter.write(tmp));
    }

    @Test
    void recordsWithoutTimesKeepNulls() throws IOException {
        Path dir = tmp.resolve("untimed");
        new SyntheticExport(dir).run("r", 3, i -> new SyntheticExport.Rec("t" + i, List.of("exists", "inprogress", "unknown").get(i),
                List.of(), i == 1 ? 5L : null, null, Map.of()), List.of()).finish();
        ViewerWriter.write(dir);
        JsonNode run = Exports.data(dir.resolve("viewer-data/run-0.js")).value();
        assertEquals(5 - run.get("t0").asLong() * 1000, run.get("tests").get(1).get(2).asLong());
        assertTrue(run.get("tests").get(0).get(2).isNull());
        assertTrue(run.get("tests").get(1).get(3).isNull());
        assertTrue(run.get("tests").get(1).get(4).isNull());
        assertNotNull(run.get("tests").get(2).get(5));
    }

    /** Details as maps, from the contract and from the viewer's chunks. */
    static final class JsonNodeMaps {
        static Map<String, Map<String, String>> details(JsonNode details) {
            Map<String, Map<String, String>> out = new HashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = details.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> t = it.next();
                Map<String, String> atts = new LinkedHashMap<>();
                t.getValue().fields().forEachRemaining(a -> atts.put(a.getKey(), a.getValue().asText()));
                out.put(t.getKey(), atts);
            }
            return out;
        }

        static Map<String, Map<String, String>> fromChunks(Path data, int run) throws IOException {
            JsonNode index = Exports.data(data.resolve("run-" + run + "-index.js")).value();
            Map<String, Map<String, String>> out = new HashMap<>();
            Map<String, int[]> ranges = new HashMap<>();
            for (JsonNode t : index.get("tests")) {
                out.put(t.get(0).asText(), new LinkedHashMap<>());
                ranges.put(t.get(0).asText(), new int[] {t.get(1).asInt(), t.get(2).asInt()});
            }
            for (int c = 0; c < index.get("chunks").asInt(); c++) {
                Exports.Data chunk = Exports.data(data.resolve("run-" + run + "-d" + c + ".js"));
                assertEquals("details", chunk.kind());
                assertEquals(c, chunk.value().get("chunk").asInt());
                for (JsonNode item : chunk.value().get("items")) {
                    String name = item.get(0).asText();
                    int[] range = ranges.get(name);
                    assertNotNull(range, name);
                    assertTrue(range[0] <= c && c <= range[1], name + " found in chunk " + c);
                    out.get(name).merge(item.get(1).asText(), item.get(2).asText(), String::concat);
                }
            }
            return out;
        }
    }
}
