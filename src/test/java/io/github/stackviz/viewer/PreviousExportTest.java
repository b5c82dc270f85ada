package io.github.stackviz.viewer;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.stackviz.export.ExportConfig;
import io.github.stackviz.export.ExportException;
import io.github.stackviz.export.ExportLog;
import io.github.stackviz.export.Exporter;
import io.github.stackviz.sources.RunSelection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runs of an earlier export, copied into the report's data for the compare view (the {@code previous} parameter). */
class PreviousExportTest {

    static final Path CHANGES = Exports.FIXTURES.resolve("repos-changes");

    @TempDir
    Path tmp;

    final List<String> warnings = new ArrayList<>();

    final ExportLog log = new ExportLog() {
        @Override
        public void info(String message) {
        }

        @Override
        public void warn(String message) {
            warnings.add(message);
        }
    };

    Exporter.Summary export(Path repository, RunSelection runs, Path out, Path previous) throws ExportException {
        return new Exporter(ExportConfig.builder(out).repository(repository).repositoryRuns(runs).previous(previous)
                .threads(1).build(), log).export();
    }

    /** The index's {@code previous} member. */
    static JsonNode previous(Path export) throws IOException {
        return ViewerRunWriterTest.read(export, "index.js").get("previous");
    }

    /** Names and statuses of a run's tests, as run-K.js or prev-K.js holds them. */
    static List<String> tests(JsonNode data) {
        List<String> out = new ArrayList<>();
        data.get("tests").forEach(t -> out.add(t.get(0).asText() + " " + t.get(1).asText()));
        return out;
    }

    static List<String> tests(Path export, String config, int run) throws IOException {
        JsonNode raw = Exports.contract(export.resolve(
                Exports.contract(export.resolve(config)).get("tempest").get(run).get("raw").asText()));
        List<String> out = new ArrayList<>();
        raw.forEach(r -> out.add(r.get("name").asText() + " " + r.get("status").asText()));
        return out;
    }

    @Test
    void anExportOfOursIsReadFromItsRawFiles() throws Exception {
        Path before = tmp.resolve("before");
        export(CHANGES, RunSelection.ALL, before, null);
        Path after = tmp.resolve("after");
        export(CHANGES, RunSelection.parse("latest"), after, before);

        assertEquals(List.of(), warnings);
        JsonNode previous = previous(after);
        assertEquals("before", previous.get("folder").asText());
        assertEquals(3, previous.get("runs").size());
        for (int k = 0; k < 3; k++) {
            JsonNode run = previous.get("runs").get(k);
            assertEquals(k, run.get("prev").asInt());
            assertEquals("Repository: repos-changes (" + k + ")", run.get("name").asText());
            JsonNode data = ViewerRunWriterTest.read(after, "prev-" + k + ".js");
            assertEquals(k, data.get("prev").asInt());
            assertEquals(tests(before, "config.json", k), tests(data));
            assertEquals(run.get("stats").get("count").asInt(), data.get("tests").size());
        }
        JsonNode stats = previous.get("runs").get(2).get("stats");
        assertEquals(2, stats.get("skipped").asInt()); // Stable.test_skipped, Changes.test_skipped_later
        assertEquals(2, stats.get("failed").asInt()); // test_breaks, test_still_failing
        // the contract is unchanged: config.json lists only this export's run
        assertEquals(1, Exports.contract(after.resolve("config.json")).get("tempest").size());
        // durations and tags come along: test_slower took about 400 ms in the last run
        JsonNode slower = null;
        for (JsonNode t : ViewerRunWriterTest.read(after, "prev-2.js").get("tests")) {
            if (t.get(0).asText().endsWith("test_slower")) {
                slower = t;
            }
        }
        assertTrue(slower.get(4).asDouble() > 0.3, slower.toString());
        assertTrue(slower.get(5).toString().contains("worker-"), slower.toString());
    }

    @Test
    void thePreviousExportMayBeTheOutputFolderItself() throws Exception {
        Path out = tmp.resolve("stackviz");
        export(CHANGES, RunSelection.parse("2"), out, out); // the first build: nothing there yet
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("does not exist"), warnings.get(0));
        assertEquals(0, previous(out).get("runs").size());
        warnings.clear();

        export(CHANGES, RunSelection.parse("latest"), out, out); // the next build compares with the first
        assertEquals(List.of(), warnings);
        JsonNode previous = previous(out);
        assertEquals(2, previous.get("runs").size());
        assertEquals("Repository: repos-changes (1)", previous.get("runs").get(1).get("name").asText());
        assertFalse(tests(ViewerRunWriterTest.read(out, "prev-1.js")).isEmpty());
        assertEquals(1, Exports.contract(out.resolve("config.json")).get("tempest").size());
    }

    @Test
    void theOriginalToolsExportPlainAndGzipped() throws Exception {
        for (String name : List.of("repo-dot", "repo-dot-z")) {
            Path old = Exports.REFERENCE.resolve(name).resolve("old");
            Path after = tmp.resolve(name);
            export(CHANGES, RunSelection.parse("latest"), after, old);
            assertEquals(List.of(), warnings, name);
            JsonNode previous = previous(after);
            assertEquals(2, previous.get("runs").size(), name);
            assertEquals("Repository: . (1)", previous.get("runs").get(1).get("name").asText());
            for (int k = 0; k < 2; k++) {
                assertEquals(tests(old, "config.json", k), tests(ViewerRunWriterTest.read(after, "prev-" + k + ".js")),
                        name + " run " + k);
            }
            assertEquals(285, previous.get("runs").get(1).get("stats").get("count").asInt());
        }
    }

    @Test
    void aMissingPreviousExportIsAWarning() throws Exception {
        Path after = tmp.resolve("after");
        Exporter.Summary summary = export(CHANGES, RunSelection.parse("latest"), after, tmp.resolve("no-such-folder"));
        assertEquals(1, summary.runs());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("Previous export " + tmp.resolve("no-such-folder")), warnings.get(0));
        JsonNode previous = previous(after);
        assertEquals(0, previous.get("runs").size());
        assertTrue(previous.get("problems").get(0).asText().contains("does not exist"));

        warnings.clear();
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        export(CHANGES, RunSelection.parse("latest"), after, empty);
        assertTrue(warnings.get(0).contains("holds no config.json"), warnings.toString());
    }

    @Test
    void aGarbageConfigIsAWarningNamingWhere() throws Exception {
        Path garbage = Files.createDirectories(tmp.resolve("garbage"));
        Files.writeString(garbage.resolve("config.json"), "{\"tempest\": [{\"name\": \"a\", \"raw\": \"a_raw.json\"},\n"
                + "  {\"name\": oops}]}", StandardCharsets.UTF_8);
        Files.writeString(garbage.resolve("a_raw.json"), "[]", StandardCharsets.UTF_8);
        Path after = tmp.resolve("after");
        export(CHANGES, RunSelection.parse("latest"), after, garbage);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("config.json is not valid JSON (line 2, column"), warnings.get(0));
        assertEquals(0, previous(after).get("runs").size()); // all or nothing: no half-read list of runs
        assertTrue(Files.isRegularFile(after.resolve("index.html")));
    }

    @Test
    void aRunWhoseRawIsMissingOrDamagedIsListedWithItsProblem() throws Exception {
        Path old = Exports.copyCase("repo-dot", tmp.resolve("old"));
        Files.delete(old.resolve("tempest_repo_._0_raw.json"));
        String raw1 = Files.readString(old.resolve("tempest_repo_._1_raw.json"), StandardCharsets.UTF_8);
        Files.writeString(old.resolve("tempest_repo_._1_raw.json"), raw1.substring(0, raw1.length() / 2),
                StandardCharsets.UTF_8);
        Path after = tmp.resolve("after");
        export(CHANGES, RunSelection.parse("latest"), after, old);
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("run 0 (Repository: . (0)): Could not read tempest_repo_._0_raw.json: the file"
                + " does not exist"), warnings.get(0));
        assertTrue(warnings.get(1).contains("run 1 (Repository: . (1)): Could not read tempest_repo_._1_raw.json"),
                warnings.get(1));
        assertEquals(2, previous(after).get("runs").size());
        JsonNode cut = ViewerRunWriterTest.read(after, "prev-1.js");
        assertTrue(cut.get("tests").size() > 100 && cut.get("tests").size() < 285, cut.get("tests").size() + " tests");
        assertEquals(1, cut.get("problems").size());
    }

    @Test
    void withoutTheReportPreviousIsIgnoredWithAWarning() throws Exception {
        Path after = tmp.resolve("after");
        new Exporter(ExportConfig.builder(after).repository(CHANGES).previous(Exports.REFERENCE.resolve("repo-dot/old"))
                .viewer(false).threads(1).build(), log).export();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("is read only for the report, which is off (viewer=false): ignored"),
                warnings.get(0));
        assertFalse(Files.exists(after.resolve(ViewerWriter.DATA_DIR)));
    }

    @Test
    void withoutPreviousTheIndexHasNoPreviousMember() throws Exception {
        Path after = tmp.resolve("after");
        export(CHANGES, RunSelection.parse("latest"), after, null);
        assertTrue(previous(after) == null);
        try (var files = Files.list(after.resolve(ViewerWriter.DATA_DIR))) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().startsWith("prev-")));
        }
    }
}
