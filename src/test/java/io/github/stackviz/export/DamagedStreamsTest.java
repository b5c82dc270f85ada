package io.github.stackviz.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.stackviz.Fixtures;
import io.github.stackviz.subunit.Event;
import io.github.stackviz.subunit.StreamHandler;
import io.github.stackviz.subunit.SubunitStreams;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every fixture stream the reference crashes on exports, with exactly the records that can be saved
 * and warnings that say what was lost.
 */
class DamagedStreamsTest {
    static final Path REFERENCE = Fixtures.path("reference-output/edge-parallel/old");
    static final String EDGE_RAW = "tempest_file_edge-parallel.subunit_0_raw.json";

    @TempDir
    Path temp;

    record Export(JsonNode entry, JsonNode raw, JsonNode details, JsonNode tree, List<String> warnings) {
        Map<String, Integer> statuses() {
            Map<String, Integer> counts = new TreeMap<>();
            raw.forEach(r -> counts.merge(r.get("status").asText(), 1, Integer::sum));
            return counts;
        }

        List<String> names() {
            List<String> names = new ArrayList<>();
            raw.forEach(r -> names.add(r.get("name").asText()));
            return names;
        }

        JsonNode record(String name) {
            for (JsonNode r : raw) {
                if (r.get("name").asText().equals(name)) {
                    return r;
                }
            }
            throw new AssertionError("no record " + name);
        }
    }

    Export export(String stream) throws Exception {
        Path out = temp.resolve("out");
        RecordingLog log = new RecordingLog();
        new Exporter(ExportConfig.builder(out).streamFile(Fixtures.path("streams/" + stream)).build(), log).export();
        JsonNode entry = ReferenceParityTest.read(out.resolve("config.json")).get("tempest").get(0);
        List<String> inConfig = new ArrayList<>();
        if (entry.has("warnings")) {
            entry.get("warnings").forEach(w -> inConfig.add(w.asText()));
        }
        String label = Fixtures.path("streams/" + stream) + ": ";
        assertEquals(inConfig.stream().map(w -> label + w).toList(), log.warnings,
                "the log and config.json report the same warnings");
        return new Export(entry, ReferenceParityTest.read(out.resolve(entry.get("raw").asText())),
                ReferenceParityTest.read(out.resolve(entry.get("details").asText())),
                ReferenceParityTest.read(out.resolve(entry.get("tree").asText())), inConfig);
    }

    /** The times the stream carries, by the offset of the packet that carries each, as the reader reads them. */
    static TreeMap<Long, Instant> times(String stream) throws IOException {
        TreeMap<Long, Instant> times = new TreeMap<>();
        try (InputStream in = Files.newInputStream(Fixtures.path("streams/" + stream))) {
            SubunitStreams.read(in, new StreamHandler() {
                @Override
                public void event(Event event) {
                    if (event.timestamp() != null) {
                        times.put(event.offset(), event.timestamp());
                    }
                }
            });
        }
        return times;
    }

    /** A record's [start, end] as instants. */
    static List<Instant> timestamps(JsonNode record) {
        List<Instant> both = new ArrayList<>();
        record.get("timestamps").forEach(t -> both.add(OffsetDateTime.parse(t.asText()).toInstant()));
        return both;
    }

    static double seconds(Instant from, Instant to) {
        return java.time.Duration.between(from, to).toNanos() / 1e9;
    }

    static JsonNode reference(String file) throws IOException {
        return ReferenceParityTest.normalize(ReferenceParityTest.read(REFERENCE.resolve(file)));
    }

    static Map<String, Integer> counts(Object... pairs) {
        Map<String, Integer> map = new TreeMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Integer) pairs[i + 1]);
        }
        return map;
    }

    static final Map<String, Integer> EDGE_STATUSES = counts("fail", 13, "skip", 4, "success", 10, "uxsuccess", 2,
            "xfail", 2);

    @ParameterizedTest
    @ValueSource(strings = {"damaged/garbage-nosig.subunit", "damaged/garbage-withsig.subunit",
            "damaged/text-lines.subunit"})
    void bytesBetweenPacketsLoseNothing(String stream) throws Exception {
        Export e = export(stream);
        assertEquals(reference(EDGE_RAW), ReferenceParityTest.normalize(e.raw()), "every record as in the clean run");
        assertEquals(reference("tempest_file_edge-parallel.subunit_0_details.json"),
                ReferenceParityTest.normalize(e.details()));
        assertFalse(e.warnings().isEmpty());
        assertTrue(e.warnings().stream().allMatch(w -> w.contains("non-subunit data at byte")
                || w.startsWith("... and ") || w.startsWith("kept ")), e.warnings().toString());
        assertTrue(e.warnings().get(e.warnings().size() - 1).startsWith("kept 31 tests; skipped "));
    }

    @Test
    void garbageWarningsNameEachOffset() throws Exception {
        // 37 bytes inserted before offsets 4724, 7830 and 11176 of the clean stream (DERIVATION.txt).
        assertEquals(List.of("37 bytes of non-subunit data at byte 4724 skipped",
                "37 bytes of non-subunit data at byte 7867 skipped",
                "37 bytes of non-subunit data at byte 11250 skipped",
                "kept 31 tests; skipped 111 bytes of non-subunit data in 3 runs"),
                export("damaged/garbage-withsig.subunit").warnings());
    }

    @Test
    void manyTextLinesGiveAFewLinesAndACount() throws Exception {
        List<String> warnings = export("damaged/text-lines.subunit").warnings();
        assertEquals(5, warnings.size());
        assertEquals("... and 5 more runs of non-subunit data", warnings.get(3));
        assertEquals("kept 31 tests; skipped 552 bytes of non-subunit data in 8 runs", warnings.get(4));
    }

    @Test
    void aFlippedByteCostsOnePacketAndAddsAParserFailure() throws Exception {
        Export e = export("damaged/flip-byte.subunit");
        assertEquals(32, e.raw().size());
        Map<String, Integer> statuses = new TreeMap<>(EDGE_STATUSES);
        statuses.merge("fail", 1, Integer::sum);
        assertEquals(statuses, e.statuses());
        JsonNode parser = e.record("subunit.parser");
        assertEquals("fail", parser.get("status").asText());
        // placed at the last time before the damage (byte 7830), with duration 0
        Instant before = times("damaged/flip-byte.subunit").headMap(7830L, false).lastEntry().getValue();
        assertEquals(List.of(before, before), timestamps(parser));
        assertEquals(0.0, parser.get("duration").asDouble());
        String message = e.details().get("subunit.parser").get("ParserError").asText();
        assertTrue(message.startsWith("corrupt packet at byte 7830: bad CRC"), message);
        assertEquals(2, e.warnings().size());
        assertTrue(e.warnings().get(0).startsWith("corrupt packet at byte 7830: bad CRC"));
        assertEquals("kept 32 tests; skipped 1 corrupt packet (94 bytes)", e.warnings().get(1));
        // The lost packet was that test's start: it is kept, starting at its next packet.
        JsonNode hit = e.record("realedge.test_outcomes.TestcaseOutcomes.test_details_named_with_punctuation");
        assertEquals("success", hit.get("status").asText());
        assertEquals(0.0, hit.get("duration").asDouble());
        JsonNode failures = e.entry().get("stats").get("failures");
        assertEquals(14, failures.size());
    }

    @Test
    void aStreamCutMidPacketKeepsWhatCompleted() throws Exception {
        Export e = export("damaged/truncate-mid.subunit");
        assertEquals(16, e.raw().size(), "15 completed tests and the parser failure");
        assertEquals("subunit.parser", e.names().get(15));
        assertTrue(e.warnings().get(0).startsWith(
                "corrupt packet at byte 7830: truncated packet: it claims 94 bytes, the input ends after 47"),
                e.warnings().toString());
        assertEquals("kept 16 tests; skipped 1 corrupt packet (47 bytes)", e.warnings().get(1));
        Instant before = times("damaged/truncate-mid.subunit").headMap(7830L, false).lastEntry().getValue();
        assertEquals(List.of(before, before), timestamps(e.raw().get(15)), "the parser record at the last time before");
        JsonNode reference = reference(EDGE_RAW);
        for (int i = 0; i < 15; i++) {
            assertEquals(reference.get(i), ReferenceParityTest.normalize(e.raw().get(i)), "record " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"killed-raw.subunit", "killed-noexists.subunit"})
    void aKilledRunKeepsTheHungTestRunningUntilTheStreamsLastTime(String stream) throws Exception {
        Export e = export(stream);
        TreeMap<Long, Instant> times = times(stream);
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        e.raw().forEach(r -> byName.put(r.get("name").asText(), r));
        assertEquals("success", byName.get("realhang.test_hang.Hang.test_a_passes").get("status").asText());
        assertEquals("fail", byName.get("realhang.test_hang.Hang.test_b_fails").get("status").asText());
        JsonNode hung = byName.get("realhang.test_hang.Hang.test_c_hangs");
        assertEquals("inprogress", hung.get("status").asText());
        Instant last = times.lastEntry().getValue();
        List<Instant> span = timestamps(hung);
        assertEquals(last, span.get(1), "it ends where the stream stopped");
        assertEquals(seconds(span.get(0), last), hung.get("duration").asDouble(), "how long it had run by then");
        assertEquals(List.of("test realhang.test_hang.Hang.test_c_hangs never finished (status inprogress):"
                + " kept as running until the stream's last time, " + last,
                "kept " + e.raw().size() + " tests; 1 test never finished"), e.warnings());
        if (stream.equals("killed-raw.subunit")) {
            assertEquals(4, e.raw().size(), "the test that never started is kept from the listing");
            JsonNode listed = byName.get("realhang.test_hang.Hang.test_d_never_starts");
            assertEquals("exists", listed.get("status").asText());
            // its listing came before any time: it takes the stream's first
            Instant first = times.firstEntry().getValue();
            assertTrue(times.firstKey() > 0, "the listing (at byte 0) has no time of its own");
            assertEquals(List.of(first, first), timestamps(listed));
            assertEquals(0.0, listed.get("duration").asDouble());
        } else {
            assertEquals(3, e.raw().size());
        }
        JsonNode stats = e.entry().get("stats");
        assertEquals(last, OffsetDateTime.parse(stats.get("end").asText()).toInstant(), "stats follow the same times");
        e.raw().forEach(r -> assertTrue(r.get("duration").isNumber(), r.toString()));
    }

    @Test
    void aRunnerListingIsDroppedForTestsThatRan() throws Exception {
        Export e = export("edge-raw-subunit-run.subunit");
        Map<String, Integer> statuses = new TreeMap<>(EDGE_STATUSES);
        statuses.put("exists", 5);
        assertEquals(statuses, e.statuses());
        List<String> names = e.names();
        assertEquals(names.size(), names.stream().distinct().count(), "no test is both listed and run");
        // The tests that never ran (their class or module setup failed or skipped) stay listed.
        assertEquals(List.of("realedge.test_module_fixture.ModuleLevel.test_never_runs",
                "realedge.test_outcomes.SetUpClassError.test_never_runs_a",
                "realedge.test_outcomes.SetUpClassError.test_never_runs_b",
                "realedge.test_outcomes.SetUpClassSkip.test_never_runs",
                "realedge.test_scenarios.Scenarios.test_format"), names.subList(31, 36));
        // listed before the stream's first time, they take it, with duration 0
        Instant first = times("edge-raw-subunit-run.subunit").firstEntry().getValue();
        for (JsonNode listed : e.raw()) {
            if (listed.get("status").asText().equals("exists")) {
                assertEquals(List.of(first, first), timestamps(listed), listed.toString());
                assertEquals(0.0, listed.get("duration").asDouble());
            }
        }
        assertEquals(2, e.warnings().size(), "the stdout line between packets, and the summary");
        assertTrue(e.warnings().get(0).startsWith("38 bytes of non-subunit data at byte"), e.warnings().toString());
    }

    @Test
    void aListingAloneIsKept() throws Exception {
        Export e = export("edge-list.subunit");
        assertEquals(counts("exists", 29), e.statuses());
        assertTrue(times("edge-list.subunit").isEmpty(), "a listing carries no time: nothing to place its records at");
        e.raw().forEach(r -> assertTrue(r.get("timestamps").get(0).isNull() && r.get("duration").isNull()));
        JsonNode stats = e.entry().get("stats");
        assertTrue(stats.get("start").isNull() && stats.get("end").isNull());
        assertEquals(0, stats.get("total_duration").asInt());
        assertTrue(e.warnings().isEmpty());
    }

    @Test
    void tapStreamsHaveNoTimes() throws Exception {
        Export e = export("tap.subunit");
        assertEquals(7, e.raw().size());
        assertTrue(times("tap.subunit").isEmpty(), "the stream carries no time at all: its times stay null");
        e.raw().forEach(r -> assertTrue(r.get("timestamps").get(0).isNull() && r.get("timestamps").get(1).isNull()));
        assertEquals(counts("fail", 2, "skip", 1, "success", 3, "xfail", 1), e.statuses(), "a TODO test is an xfail");
    }

    @Test
    void badBytesInAnAttachmentBecomeReplacementCharacters() throws Exception {
        Export e = export("nonutf8.subunit");
        assertEquals(3, e.raw().size());
        String log = e.details().get("realbad.test_nonutf8.NonUtf8.test_latin1_log_labelled_utf8").get("servicelog")
                .asText();
        assertEquals("2016-04-19 12:00:00 INFO caf\uFFFD cr\uFFFDme br\uFFFDl\uFFFDe\n\uFFFD\uFFFD\uFFFD raw bytes\n",
                log);
    }

    @Test
    void aBinaryAttachmentIsLeftOutWithAWarning() throws Exception {
        Export e = export("binary-attachment.subunit");
        assertEquals(3, e.raw().size());
        assertEquals(0, e.details().get("realbad.test_binary_attachment.BinaryAttachment.test_with_png_attachment")
                .size());
        assertEquals(List.of("attachment 'screenshot' of realbad.test_binary_attachment.BinaryAttachment"
                + ".test_with_png_attachment is image/png, not text: left out of details", "kept 3 tests"), e.warnings());
    }

    @Test
    void aOneLineTracebackIsTheFailuresDetails() throws Exception {
        JsonNode failures = export("one-line-traceback.subunit").entry().get("stats").get("failures");
        assertEquals("ValueError: one line only", failures.get(0).get("details").get(0).asText());
        assertEquals(1, failures.get(0).get("details").size());
    }

    @Test
    void anEmptyFileIsAnEmptyRun() throws Exception {
        Export e = export("damaged/empty.subunit");
        assertEquals(0, e.raw().size());
        assertEquals(0, e.tree().size());
    }
}
