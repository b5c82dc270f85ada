package io.github.stackviz.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.stackviz.Fixtures;
import io.github.stackviz.sources.RunSelection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Test repositories: every run once, oldest first, read from their stored subunit v1. */
class RepositoryExportTest {
    static final Path REPOS = Fixtures.path("repos");

    @TempDir
    Path temp;

    final RecordingLog log = new RecordingLog();

    JsonNode export(ExportConfig.Builder config) throws Exception {
        new Exporter(config.viewer(false).build(), log).export();
        return ReferenceParityTest.read(temp.resolve("out/config.json"));
    }

    static Map<String, Integer> statuses(JsonNode raw) {
        Map<String, Integer> counts = new TreeMap<>();
        raw.forEach(r -> counts.merge(r.get("status").asText(), 1, Integer::sum));
        return counts;
    }

    JsonNode file(JsonNode entry, String field) throws IOException {
        return ReferenceParityTest.read(temp.resolve("out").resolve(entry.get(field).asText()));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void theLatestRunEqualsTheReferencesExport(boolean gzip) throws Exception {
        // The reference ran `stackviz-export -r .` in the repos folder, which holds both kinds: it read
        // .testrepository, and wrote its latest run for both indexes.
        JsonNode config = export(ExportConfig.builder(temp.resolve("out")).repository(REPOS).gzip(gzip));
        Path reference = Fixtures.path("reference-output/" + (gzip ? "repo-dot-z" : "repo-dot") + "/old");
        JsonNode expected = ReferenceParityTest.read(reference.resolve("config.json")).get("tempest").get(1);
        JsonNode actual = config.get("tempest").get(1);
        ObjectNode mapped = expected.deepCopy();
        for (String field : List.of("raw", "tree", "details")) {
            mapped.put(field, expected.get(field).asText().replace("tempest_repo_._1_", "tempest_repo_repos_1_"));
            JsonNode want = ReferenceParityTest.normalize(ReferenceParityTest.read(reference.resolve(
                    expected.get(field).asText())));
            JsonNode got = ReferenceParityTest.normalize(file(actual, field));
            if (field.equals("tree")) {
                // These tests start with three different parts: the reference hangs them all under the last
                // one's ("unittest"), we under a root "" (a deliberate difference). The leaves are the same.
                assertEquals("unittest", want.get("name").asText());
                assertEquals("", got.get("name").asText());
                List<String> roots = new java.util.ArrayList<>();
                got.get("children").forEach(c -> roots.add(c.get("name").asText()));
                assertEquals(List.of("subunit", "test", "unittest"), roots);
                assertEquals(leaves(want), leaves(got));
            } else {
                assertEquals(want, got, field);
            }
        }
        mapped.put("name", "Repository: repos (1)");
        assertEquals(ReferenceParityTest.normalize(mapped), ReferenceParityTest.normalize(actual));
    }

    /** Every leaf of a tree, by its full name. */
    static Map<String, JsonNode> leaves(JsonNode tree) {
        Map<String, JsonNode> leaves = new TreeMap<>();
        java.util.ArrayDeque<JsonNode> todo = new java.util.ArrayDeque<>(List.of(tree));
        while (!todo.isEmpty()) {
            JsonNode node = todo.pop();
            if (node.has("name_full")) {
                ObjectNode leaf = node.deepCopy();
                leaf.remove("children");
                leaves.put(node.get("name_full").asText(), leaf);
            }
            if (node.has("children")) {
                node.get("children").forEach(todo::push);
            }
        }
        return leaves;
    }

    @Test
    void everyRunIsExportedOnceOldestFirst() throws Exception {
        JsonNode entries = export(ExportConfig.builder(temp.resolve("out")).repository(REPOS)).get("tempest");
        assertEquals(2, entries.size());
        JsonNode older = entries.get(0);
        assertEquals("Repository: repos (0)", older.get("name").asText());
        assertEquals("tempest_repo_repos_0_raw.json", older.get("raw").asText());
        assertEquals(Map.of("success", 289, "fail", 1), statuses(file(older, "raw")));
        assertEquals(Map.of("success", 266, "fail", 11, "skip", 2, "xfail", 6), statuses(file(entries.get(1), "raw")));
        assertEquals(List.of(REPOS + " holds both .testrepository and .stestr: exported .testrepository; name "
                + REPOS.resolve(".stestr") + " to export the other"), log.warnings);
        file(older, "raw").forEach(r -> assertTrue(r.get("tags").get(0).asText().startsWith("worker-"), r.toString()));
    }

    @Test
    void theSummaryAddsUpTheRuns() throws Exception {
        Exporter.Summary summary = new Exporter(ExportConfig.builder(temp.resolve("out")).repository(REPOS)
                .viewer(false).build(), log).export();
        assertEquals(new Exporter.Summary(temp.resolve("out").toRealPath(), 2, 290 + 285, 1 + 11, 2, 0), summary);
    }

    @Test
    void theStestrRepositoryGivesTheSameCounts() throws Exception {
        JsonNode entries = export(ExportConfig.builder(temp.resolve("out")).repository(REPOS.resolve(".stestr")))
                .get("tempest");
        assertEquals("Repository: repos (0)", entries.get(0).get("name").asText(), "named after the folder holding it");
        assertEquals(Map.of("success", 289, "fail", 1), statuses(file(entries.get(0), "raw")));
        assertEquals(Map.of("success", 266, "fail", 11, "skip", 2, "xfail", 6), statuses(file(entries.get(1), "raw")));
        assertTrue(log.warnings.isEmpty(), log.warnings.toString());
        JsonNode failures = entries.get(1).get("stats").get("failures");
        assertEquals(11, failures.size());
        failures.forEach(f -> assertFalse(f.get("details").isNull(), "tracebacks come from the v1 details"));
    }

    @Test
    void theLatestRunsCanBeSelected() throws Exception {
        JsonNode latest = export(ExportConfig.builder(temp.resolve("out")).repository(REPOS.resolve(".testrepository"))
                .repositoryRuns(RunSelection.parse("latest"))).get("tempest");
        assertEquals(1, latest.size());
        assertEquals("Repository: repos", latest.get(0).get("name").asText(), "one run: no index in the name");
        assertEquals("tempest_repo_repos_0_raw.json", latest.get(0).get("raw").asText());
        assertEquals(285, latest.get(0).get("stats").get("count").asInt());
        assertEquals(2, RunSelection.parse("5").select(List.of(1, 2)).size());
        assertEquals(List.of(3), RunSelection.parse("1").select(List.of(1, 2, 3)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunSelection.parse("newest"));
        assertEquals("repositoryRuns must be all, latest or a number of runs above 0, not 'newest'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RunSelection.parse("0"));
    }

    /**
     * Runs are ordered by their numbers, not by name or by how the folder lists them, and only those below the
     * repository's counter are runs (a file of the counter's number is a run being written).
     */
    @Test
    void runsAreOrderedByNumberUpToTheCounter() throws Exception {
        Path repository = Files.createDirectories(temp.resolve("numbered/.testrepository"));
        Files.writeString(repository.resolve("format"), "1\n");
        Files.writeString(repository.resolve("next-stream"), "13\n");
        for (int run = 0; run <= 13; run++) {
            if (run == 5) {
                continue; // a removed run leaves a gap
            }
            StringBuilder v1 = new StringBuilder();
            for (int t = 0; t <= run; t++) { // run n holds n + 1 tests
                v1.append("test: t").append(t).append("\nsuccess: t").append(t).append('\n');
            }
            Files.writeString(repository.resolve(Integer.toString(run)), v1);
        }
        JsonNode entries = export(ExportConfig.builder(temp.resolve("out")).repository(repository)).get("tempest");
        List<Integer> counts = new ArrayList<>();
        entries.forEach(entry -> counts.add(entry.get("stats").get("count").asInt()));
        assertEquals(List.of(1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13), counts);
    }

    @Test
    void repositoriesComeFirstAndTheSameOneOnce() throws Exception {
        JsonNode entries = export(ExportConfig.builder(temp.resolve("out"))
                .streamFile(Fixtures.path("streams/tap.subunit"))
                .repository(REPOS.resolve(".stestr")).repository(REPOS.resolve(".stestr/."))
                .repositoryRuns(RunSelection.parse("latest"))).get("tempest");
        assertEquals(List.of("Repository: repos", "Subunit File: tap.subunit"),
                List.of(entries.get(0).get("name").asText(), entries.get(1).get("name").asText()));
    }

    @Test
    void aRepositoryWithoutRunsIsAWarning() throws Exception {
        Path empty = Files.createDirectories(temp.resolve("project/.stestr"));
        Files.writeString(empty.resolve("format"), "1\n");
        Files.writeString(empty.resolve("next-stream"), "0\n");
        JsonNode entries = export(ExportConfig.builder(temp.resolve("out")).repository(temp.resolve("project"))
                .streamFile(Fixtures.path("streams/tap.subunit"))).get("tempest");
        assertEquals(1, entries.size());
        assertEquals(List.of("Repository " + empty.toRealPath() + " holds no runs: nothing exported for it"),
                log.warnings);
    }

    @Test
    void aFolderThatIsNoRepositoryFollowsTheMissingInputRule() throws Exception {
        Path plain = Files.createDirectories(temp.resolve("plain"));
        export(ExportConfig.builder(temp.resolve("out")).repository(plain).streamFile(Fixtures.path("streams/tap.subunit")));
        assertEquals(List.of("Repository " + plain + " is no .testrepository or .stestr folder and holds none: skipped"),
                log.warnings);
        ExportException e = assertThrows(ExportException.class, () -> new Exporter(ExportConfig
                .builder(temp.resolve("out2")).repository(plain).failOnMissingInput(true).build(), log).export());
        assertTrue(e.getMessage().endsWith("(failOnMissingInput is set)"), e.getMessage());
    }

    @Test
    void aV1StreamGivenAsAStreamFileIsReadToo() throws Exception {
        Path copy = Files.copy(REPOS.resolve(".stestr/0"), temp.resolve("stored-run.subunit"));
        JsonNode entry = export(ExportConfig.builder(temp.resolve("out")).streamFile(copy)).get("tempest").get(0);
        assertEquals(290, entry.get("stats").get("count").asInt());
        assertFalse(entry.has("warnings"));
    }
}
