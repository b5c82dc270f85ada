package io.github.stackviz.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.stackviz.Fixtures;
import io.github.stackviz.export.ExportConfig;
import io.github.stackviz.export.ExportLog;
import io.github.stackviz.export.Exporter;
import io.github.stackviz.subunit.SubunitV2Writer;
import io.github.stackviz.subunit.TestStatus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The report's data written during the export (ViewerRunWriter) is what the second pass over the contract
 * files (ViewerWriter on any export) writes: the same run files, and every test shows the same attachments.
 */
class ViewerRunWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    static Stream<String> streams() throws IOException {
        Path dir = Fixtures.path("streams");
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".subunit")).map(f -> dir.relativize(f).toString())
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("streams")
    void theDataWrittenAlongIsWhatASecondPassWrites(String stream) throws Exception {
        Path live = temp.resolve("live");
        // two runs, the second a real one, so run numbers and files of several runs are checked too
        String other = stream.equals("edge-tags.subunit") ? "edge-parallel.subunit" : "edge-tags.subunit";
        Path second = exportAndPassAgain(ExportConfig.builder(live).streamFile(Fixtures.path("streams/" + stream))
                .streamFile(Fixtures.path("streams/" + other)).dstat(Fixtures.path("dstat/devstack.csv")), live);

        // the index takes the stats the export gathered; the second pass copies them out of config.json
        Path index = Path.of(ViewerWriter.DATA_DIR, "index.js");
        assertEquals(Files.readString(second.resolve(index)), Files.readString(live.resolve(index)), stream);
        for (int run = 0; run < 2; run++) {
            assertEquals(read(second, RunData.runFile(run)), read(live, RunData.runFile(run)), stream + " run " + run);
            Map<String, List<List<String>>> expected = attachments(second, run);
            Map<String, List<List<String>>> actual = attachments(live, run);
            assertEquals(expected, actual, stream + " run " + run);
            assertFalse(run == 1 && actual.isEmpty(), other + " has tracebacks");
        }
    }

    /** The stats the export hands the index are config.json's bytes (they are not re-read), escaped by JSON's rules. */
    @Test
    void hostileFailuresAndSkipsInTheIndexAreEscaped() throws Exception {
        String lines = ViewerWriterTest.LINES.replace("\u0000", ""); // no NUL in a traceback's last line
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SubunitV2Writer w = new SubunitV2Writer(bytes);
        w.packet().testId(ViewerWriterTest.SCRIPT).mime("text/plain;charset=utf8").file("traceback",
                "Traceback\n" + ViewerWriterTest.IMG + "\nError: " + ViewerWriterTest.SCRIPT + lines).write();
        w.packet().testId(ViewerWriterTest.SCRIPT).status(TestStatus.FAIL).write();
        w.packet().testId(ViewerWriterTest.IMG).mime("text/plain;charset=utf8").file("reason", lines).write();
        w.packet().testId(ViewerWriterTest.IMG).status(TestStatus.SKIP).write();
        Path live = temp.resolve("live");
        Path second = exportAndPassAgain(
                ExportConfig.builder(live).stdin(new ByteArrayInputStream(bytes.toByteArray())), live);

        Path index = Path.of(ViewerWriter.DATA_DIR, "index.js");
        String text = Files.readString(live.resolve(index), StandardCharsets.UTF_8);
        assertEquals(Files.readString(second.resolve(index)), text);
        // the lists are copied as config.json has them, byte for byte
        String config = Files.readString(live.resolve("config.json"), StandardCharsets.UTF_8);
        assertTrue(config.contains("{\"name\":\"" + ViewerWriterTest.SCRIPT + "\""));
        // both lists whole: from the failures to the end of the skips, which ends the stats object
        int from = config.indexOf("\"failures\":[");
        String lists = config.substring(from, config.indexOf("]}", config.indexOf("\"skips\":[", from)) + 1);
        assertTrue(lists.contains(ViewerWriterTest.SCRIPT) && lists.contains("\"skips\":[{"), lists); // neither empty
        assertTrue(text.contains(lists), lists);
        JsonNode stats = read(live, "index.js").get("entries").get(0).get("stats");
        assertEquals(ViewerWriterTest.SCRIPT, stats.get("failures").get(0).get("name").asText());
        // U+2028 and U+2029 end lines for Python's splitlines(): the last line is what follows them
        assertEquals(lines.substring(lines.indexOf('\u2029') + 1),
                stats.get("failures").get(0).get("details").get(0).asText());
        assertEquals(ViewerWriterTest.IMG, stats.get("skips").get(0).get("name").asText());
        assertEquals(lines, stats.get("skips").get(0).get("details").asText());
    }

    /**
     * The export escapes a text once, for details.json and the report (texts held whole, and large ones
     * streamed in pieces): details.json holds each text, and the report's chunks are byte for byte what the
     * second pass writes (it escapes the text it reads back), texts that need escapes included, each piece
     * in the same chunk, over several chunks.
     */
    @Test
    void textsEscapedOnceForBothFilesAreWhatASecondPassWrites() throws Exception {
        String hostile = "Traceback \"quoted\" \\ back\tslash\r\n" + ViewerWriterTest.LINES + " \uD83D\uDE00 é\u0001\n";
        // the export starts a streamed text by its size in bytes, the second pass by its length: the same in ASCII
        String ascii = "Traceback \"quoted\" \\ back\tslash\r\n\u0000\u007f\u0001'`${x}</script>\n";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SubunitV2Writer w = new SubunitV2Writer(bytes);
        for (int i = 0; i < 14; i++) {
            String id = "pkg.Class.test_" + i + ViewerWriterTest.SCRIPT;
            // 170 000 to 200 000 characters (under 256 KB, so held whole): six fill a chunk, so texts start new chunks along the way
            w.packet().testId(id).mime("text/plain;charset=utf8")
                    .file("traceback", hostile.repeat(2800 + i * 40) + ViewerWriterTest.IMG).write();
            w.packet().testId(id).mime("text/plain;charset=utf8").file("empty", "").write();
            w.packet().testId(id).mime("text/plain;charset=utf8").file("log", hostile).write();
            if (i % 5 == 1) { // over 256 KB: streamed, into details.json as the report escapes its pieces
                w.packet().testId(id).mime("text/plain;charset=utf8").file("big", ascii.repeat(12_000 + i)).write();
            }
            w.packet().testId(id).status(i % 2 == 0 ? TestStatus.FAIL : TestStatus.SUCCESS).write();
        }
        Path live = temp.resolve("live");
        Path second = exportAndPassAgain(
                ExportConfig.builder(live).stdin(new ByteArrayInputStream(bytes.toByteArray())), live);

        int chunks = read(live, RunData.indexFile(0)).get("chunks").asInt();
        assertTrue(chunks >= 5, chunks + " chunks");
        assertEquals(chunks, read(second, RunData.indexFile(0)).get("chunks").asInt());
        List<String> files = new ArrayList<>(List.of(RunData.indexFile(0)));
        for (int chunk = 0; chunk < chunks; chunk++) {
            files.add(RunData.chunkFile(0, chunk));
        }
        for (String file : files) {
            Path data = Path.of(ViewerWriter.DATA_DIR, file);
            assertEquals(Files.readString(second.resolve(data)), Files.readString(live.resolve(data)), file);
        }
        List<List<String>> first = attachments(live, 0).get("pkg.Class.test_0" + ViewerWriterTest.SCRIPT);
        assertEquals(List.of(List.of("traceback", hostile.repeat(2800) + ViewerWriterTest.IMG),
                List.of("log", hostile)), first);
        JsonNode details = JSON.readTree(live.resolve("tempest_stdin_0_details.json").toFile());
        JsonNode streamed = details.get("pkg.Class.test_6" + ViewerWriterTest.SCRIPT);
        assertEquals(ascii.repeat(12_006), streamed.get("big").asText());
        assertEquals(hostile, streamed.get("log").asText());
        assertEquals(List.of(List.of("traceback", hostile.repeat(3040) + ViewerWriterTest.IMG),
                        List.of("log", hostile), List.of("big", ascii.repeat(12_006))),
                attachments(live, 0).get("pkg.Class.test_6" + ViewerWriterTest.SCRIPT));
    }

    /** Exports into {@code live}; returns a copy of it whose report was written by a second pass. */
    private Path exportAndPassAgain(ExportConfig.Builder config, Path live) throws Exception {
        new Exporter(config.build(), ExportLog.SILENT).export();
        Path second = temp.resolve("second");
        copy(live, second);
        deleteTree(second.resolve(ViewerWriter.DATA_DIR));
        ViewerWriter.write(second);
        return second;
    }

    /**
     * Every test's attachments as the viewer finds them: the last index entry of a name, its chunks; tests
     * without attachments left out.
     */
    static Map<String, List<List<String>>> attachments(Path export, int run) throws IOException {
        JsonNode index = read(export, RunData.indexFile(run));
        Map<String, int[]> ranges = new LinkedHashMap<>();
        for (JsonNode test : index.get("tests")) {
            ranges.put(test.get(0).asText(), new int[] {test.get(1).asInt(), test.get(2).asInt()});
        }
        Map<String, List<List<String>>> result = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> range : ranges.entrySet()) {
            Map<String, StringBuilder> texts = new LinkedHashMap<>();
            for (int chunk = range.getValue()[0]; chunk >= 0 && chunk <= range.getValue()[1]; chunk++) {
                for (JsonNode item : read(export, RunData.chunkFile(run, chunk)).get("items")) {
                    if (item.get(0).asText().equals(range.getKey())) {
                        texts.computeIfAbsent(item.get(1).asText(), k -> new StringBuilder())
                                .append(item.get(2).asText());
                    }
                }
            }
            List<List<String>> list = new ArrayList<>();
            texts.forEach((key, text) -> list.add(List.of(key, text.toString())));
            if (!list.isEmpty()) { // a test without attachments may have an entry or none: the same to the viewer
                result.put(range.getKey(), list);
            }
        }
        return result;
    }

    /** The JSON inside a viewer data file ({@code StackViz.data("kind", {...});}). */
    static JsonNode read(Path export, String dataFile) throws IOException {
        String js = Files.readString(export.resolve(ViewerWriter.DATA_DIR).resolve(dataFile), StandardCharsets.UTF_8);
        int start = js.indexOf(", ", js.indexOf("StackViz.data(")) + 2;
        return JSON.readTree(js.substring(start, js.lastIndexOf(");")));
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(from.relativize(file).toString()));
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.delete(file);
            }
        }
    }
}
