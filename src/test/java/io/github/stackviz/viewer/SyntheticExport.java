package io.github.stackviz.viewer;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.zip.GZIPOutputStream;

/**
 * Writes an export in the contract format (config.json, raw, details, tree, dstat) for tests: streamed, so it
 * can make large ones, and with the stats computed the way the exporter does.
 */
final class SyntheticExport {

    /** One test record; {@code null} times are missing timestamps. */
    record Rec(String name, String status, List<String> tags, Long startUs, Long endUs, Map<String, String> attachments) {
    }

    private static final JsonFactory JSON = new JsonFactory();
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private final Path dir;
    private boolean gzip;
    private String dstat;
    private final List<Map<String, Object>> entries = new ArrayList<>();

    SyntheticExport(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    SyntheticExport gzip(boolean on) {
        gzip = on;
        return this;
    }

    /** Copies {@code csv} in as the dstat log, named by every entry. */
    SyntheticExport dstat(Path csv) throws IOException {
        dstat = gzip ? "dstat_log.csv.gz" : "dstat_log.csv";
        try (OutputStream out = open(dir.resolve(dstat))) {
            Files.copy(csv, out);
        }
        return this;
    }

    static String iso(long micros) {
        long sec = Math.floorDiv(micros, 1_000_000L);
        long frac = Math.floorMod(micros, 1_000_000L);
        String s = SECONDS.format(Instant.ofEpochSecond(sec));
        return frac == 0 ? s + "+00:00" : s + String.format(".%06d", frac) + "+00:00";
    }

    private OutputStream open(Path file) throws IOException {
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        return gzip ? new GZIPOutputStream(out, 1 << 16) : out;
    }

    /** Adds a run of {@code n} records made by {@code recs}; {@code warnings} may be empty. */
    SyntheticExport run(String name, int n, IntFunction<Rec> recs, List<String> warnings) throws IOException {
        int i = entries.size();
        String base = "tempest_file_synthetic" + i + ".subunit_0";
        String z = gzip ? ".gz" : "";
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", i);
        entry.put("name", name);
        entry.put("raw", base + "_raw.json" + z);
        entry.put("tree", base + "_tree.json" + z);
        entry.put("details", base + "_details.json" + z);
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        double total = 0;
        List<Object[]> failures = new ArrayList<>();
        List<Object[]> skips = new ArrayList<>();
        try (OutputStream rawOut = open(dir.resolve(base + "_raw.json" + z));
             OutputStream detOut = open(dir.resolve(base + "_details.json" + z));
             JsonGenerator raw = JSON.createGenerator(rawOut, JsonEncoding.UTF8);
             JsonGenerator det = JSON.createGenerator(detOut, JsonEncoding.UTF8)) {
            raw.writeStartArray();
            det.writeStartObject();
            for (int k = 0; k < n; k++) {
                Rec r = recs.apply(k);
                raw.writeStartObject();
                raw.writeStringField("name", r.name());
                raw.writeStringField("status", r.status());
                raw.writeArrayFieldStart("tags");
                for (String t : r.tags()) {
                    raw.writeString(t);
                }
                raw.writeEndArray();
                raw.writeArrayFieldStart("timestamps");
                if (r.startUs() == null) {
                    raw.writeNull();
                } else {
                    raw.writeString(iso(r.startUs()));
                    start = Math.min(start, r.startUs());
                }
                if (r.endUs() == null) {
                    raw.writeNull();
                } else {
                    raw.writeString(iso(r.endUs()));
                    end = Math.max(end, r.endUs());
                }
                raw.writeEndArray();
                Double duration = r.startUs() != null && r.endUs() != null ? (r.endUs() - r.startUs()) / 1e6 : null;
                if (duration == null) {
                    raw.writeNullField("duration");
                } else {
                    raw.writeNumberField("duration", duration);
                    total += duration;
                }
                raw.writeObjectFieldStart("details");
                raw.writeEndObject();
                raw.writeEndObject();
                det.writeObjectFieldStart(r.name());
                for (Map.Entry<String, String> a : r.attachments().entrySet()) {
                    det.writeStringField(a.getKey(), a.getValue());
                }
                det.writeEndObject();
                if (r.status().equals("fail")) {
                    String tb = r.attachments().get("traceback");
                    List<String> lines = null;
                    if (tb != null) {
                        String[] all = tb.strip().split("\n");
                        lines = all.length >= 2 && all[all.length - 1].contains("Details")
                                ? List.of(all[all.length - 2], all[all.length - 1]) : List.of(all[all.length - 1]);
                    }
                    failures.add(new Object[] {r.name(), duration, lines});
                } else if (r.status().equals("skip")) {
                    skips.add(new Object[] {r.name(), duration, r.attachments().get("reason")});
                }
            }
            raw.writeEndArray();
            det.writeEndObject();
        }
        try (OutputStream out = open(dir.resolve(base + "_tree.json" + z))) {
            out.write("{}".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("count", n);
        stats.put("start", start == Long.MAX_VALUE ? null : iso(start));
        stats.put("end", end == Long.MIN_VALUE ? null : iso(end));
        stats.put("total_duration", total);
        stats.put("failures", failures);
        stats.put("skips", skips);
        entry.put("stats", stats);
        if (!warnings.isEmpty()) {
            entry.put("warnings", warnings);
        }
        entries.add(entry);
        return this;
    }

    /** Writes config.json; returns the export folder. */
    Path finish() throws IOException {
        try (JsonGenerator g = JSON.createGenerator(Files.newOutputStream(dir.resolve("config.json")), JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeArrayFieldStart("tempest");
            for (Map<String, Object> e : entries) {
                g.writeStartObject();
                for (Map.Entry<String, Object> m : e.entrySet()) {
                    g.writeFieldName(m.getKey());
                    write(g, m.getValue());
                }
                if (dstat != null) {
                    g.writeStringField("dstat", dstat);
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return dir;
    }

    @SuppressWarnings("unchecked")
    private static void write(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Integer i) {
            g.writeNumber(i);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
                g.writeFieldName(e.getKey());
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> l) {
            g.writeStartArray();
            for (Object o : l) {
                if (o instanceof Object[] f) {
                    g.writeStartObject();
                    g.writeFieldName("name");
                    write(g, f[0]);
                    g.writeFieldName("duration");
                    write(g, f[1]);
                    g.writeFieldName("details");
                    write(g, f[2]);
                    g.writeEndObject();
                } else {
                    write(g, o);
                }
            }
            g.writeEndArray();
        } else {
            throw new IllegalArgumentException(String.valueOf(v));
        }
    }
}
