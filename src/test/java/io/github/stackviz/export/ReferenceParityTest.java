package io.github.stackviz.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.stackviz.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our export equals the reference tool's output, as JSON values with tags as sets, for every case in
 * cases.tsv where the reference exited 0 and reads stream files, stdin, dstat or gzip; dstat_log.csv equals the
 * reference's copy with a blank line after each header's {@code Cmdline} row (docs/output-format.md, "Deliberate
 * differences"). No raw.json of these cases has a null time, so the rule for times changes none of them. Cases that read
 * the third-party fixture run only where {@code ../shared} is present.
 */
class ReferenceParityTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The cases the export goal must match (issue 2), by name. */
    static final List<String> CASES = List.of("bulk-logging", "damaged-empty", "damaged-empty-stdin",
            "damaged-truncate-boundary", "dstat-appended", "dstat-only", "dstat-rich-z", "duplicate-ids",
            "edge-frozen-time", "edge-parallel", "edge-parallel-stdin", "edge-tags", "missing-file",
            "fixture-dstat", "fixture-dstat-z", "fixture-file", "fixture-file-z", "fixture-stdin", "fixture-stdin-z",
            "fixture-twice");

    record Case(String name, List<String> arguments, String stdin) {
        boolean thirdParty() {
            return arguments.stream().anyMatch(a -> a.startsWith("third-party/"))
                    || (stdin != null && stdin.startsWith("third-party/"));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        for (String line : Files.readAllLines(Fixtures.path("reference-output/cases.tsv"))) {
            String[] columns = line.split("\t", -1);
            if (columns[1].equals("old") && CASES.contains(columns[0])) {
                assertEquals("0", columns[2], columns[0] + " should be a case the reference exported");
                List<String> arguments = columns[3].isBlank() ? List.of() : List.of(columns[3].trim().split(" +"));
                cases.add(new Case(columns[0], arguments, columns[4].equals("/dev/null") ? null : columns[4]));
            }
        }
        assertEquals(CASES.size(), cases.size(), "every case is in cases.tsv");
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void exportEqualsReference(Case c, @TempDir Path temp) throws Exception {
        Path fixtures;
        Path expected;
        if (c.thirdParty()) {
            Optional<Path> shared = Fixtures.shared();
            assumeTrue(shared.isPresent(), "../shared/fixtures is not here");
            fixtures = shared.get();
            expected = fixtures.resolve("reference-output").resolve(c.name()).resolve("old");
        } else {
            fixtures = Fixtures.path("");
            expected = fixtures.resolve("reference-output").resolve(c.name()).resolve("old");
        }
        Path out = temp.resolve("out");
        ExportConfig.Builder config = ExportConfig.builder(out);
        for (Iterator<String> it = c.arguments().iterator(); it.hasNext(); ) {
            switch (it.next()) {
                case "-f" -> config.streamFile(fixtures.resolve(it.next()));
                case "--dstat" -> config.dstat(fixtures.resolve(it.next()));
                case "-z" -> config.gzip(true);
                case "-i" -> config.stdin(Files.newInputStream(fixtures.resolve(c.stdin())));
                default -> throw new IllegalArgumentException("argument not handled: " + c.arguments());
            }
        }
        new Exporter(config.build(), ExportLog.SILENT).export();
        assertSameExport(expected, out);
        assertNoNullTime(expected);
    }

    /** The reference's records all have both times: our rule for a missing time never meets these cases. */
    static void assertNoNullTime(Path expected) throws IOException {
        for (JsonNode entry : read(expected.resolve("config.json")).get("tempest")) {
            for (JsonNode record : read(expected.resolve(entry.get("raw").asText()))) {
                JsonNode times = record.get("timestamps");
                assertTrue(!times.get(0).isNull() && !times.get(1).isNull() && record.get("duration").isNumber(),
                        record.toString());
            }
        }
    }

    /** Compares two export folders: config.json and every file it names, as JSON values. */
    static void assertSameExport(Path expected, Path actual) throws IOException {
        JsonNode expectedConfig = read(expected.resolve("config.json"));
        JsonNode actualConfig = read(actual.resolve("config.json"));
        assertEquals(normalize(expectedConfig), normalize(actualConfig), "config.json");
        List<String> files = new ArrayList<>();
        for (JsonNode entry : expectedConfig.get("tempest")) {
            for (String field : List.of("raw", "tree", "details")) {
                files.add(entry.get(field).asText());
            }
        }
        for (String file : files) {
            assertEquals(normalize(read(expected.resolve(file))), normalize(read(actual.resolve(file))), file);
        }
        try (Stream<Path> listing = Files.list(expected)) {
            for (Path file : (Iterable<Path>) listing::iterator) {
                String name = file.getFileName().toString();
                if (name.startsWith("dstat_log.csv")) {
                    // the one documented difference in these cases: a blank line after each header's Cmdline row
                    assertArrayEquals(Fixtures.withBlankLineAfterCmdline(bytes(file)), bytes(actual.resolve(name)),
                            name);
                }
                assertTrue(Files.exists(actual.resolve(name)), name + " is written");
            }
        }
    }

    static byte[] bytes(Path file) throws IOException {
        try (InputStream in = open(file)) {
            return in.readAllBytes();
        }
    }

    static InputStream open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        return file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
    }

    static JsonNode read(Path file) throws IOException {
        try (InputStream in = open(file)) {
            return JSON.readTree(in);
        }
    }

    /** Tags become sorted (they are a set); numbers become doubles (0 and 0.0 are the same value). */
    static JsonNode normalize(JsonNode node) {
        if (node.isNumber()) {
            return DoubleNode.valueOf(node.asDouble());
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> copy.add(normalize(element)));
            return copy;
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                JsonNode value = field.getValue();
                if (field.getKey().equals("tags") && value.isArray()) {
                    TreeSet<String> tags = new TreeSet<>();
                    value.forEach(tag -> tags.add(tag.asText()));
                    ArrayNode sorted = JsonNodeFactory.instance.arrayNode();
                    tags.forEach(sorted::add);
                    copy.set(field.getKey(), sorted);
                } else {
                    copy.set(field.getKey(), normalize(value));
                }
            }
            return copy;
        }
        return node;
    }
}
