package io.github.stackviz.viewer;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Writes the self-contained report viewer next to an export: {@code index.html}, its assets under
 * {@code viewer/}, and its data under {@code viewer-data/}.
 *
 * <p>It reads {@code config.json} and the files it names ({@code raw}, {@code details}, {@code dstat};
 * {@code .gz} names are inflated), each once, front to back, holding one record or one attachment at a time,
 * and never changes them. The report opens from {@code file://} without a server: its data is JavaScript
 * ({@code viewer-data/*.js}, see {@link JsData}), attachments are split into chunks of about a mebibyte that
 * the page loads when a test is opened.
 *
 * <ul>
 *   <li>{@code viewer-data/index.js}: the config's entries (id, name, stats, warnings, file names), each with
 *       its position {@code run}, and the dstat logs;</li>
 *   <li>{@code viewer-data/run-K.js}, {@code run-K-index.js}, {@code run-K-dC.js}: see {@link RunData};</li>
 *   <li>{@code viewer-data/dstat-J.js}: see {@link DstatData};</li>
 *   <li>{@code viewer-data/prev-K.js}: the tests of run K of a previous export, see {@link PreviousExport}.</li>
 * </ul>
 * A run whose files are missing or unreadable is still listed, with the problem; only a missing or
 * unreadable {@code config.json}, or a failure to write, is an {@link IOException}.
 */
public final class ViewerWriter {

    /** The folders the viewer writes, next to the contract files. */
    static final String ASSETS_DIR = "viewer";
    static final String DATA_DIR = "viewer-data";

    /** Resource folder of the viewer's own sources. */
    private static final String RESOURCES = "io/github/stackviz/viewer/";

    /** Copied to {@code viewer/} (and {@code index.html} to the export folder). */
    static final List<String> ASSETS = List.of("viewer.css", "favicon.svg", "core.js", "timeline.js",
            "machine.js", "summary.js", "find.js", "details.js", "compare.js", "main.js");

    private static final String UPLOT = "META-INF/resources/webjars/uplot/";
    private static final String UPLOT_POM = "META-INF/maven/org.webjars.npm/uplot/pom.properties";
    private static final String UPLOT_FALLBACK_VERSION = "1.6.30";

    /** Files of ours in {@code viewer-data/} that a new write replaces. */
    private static final Pattern OUR_DATA = Pattern.compile("(index|run-\\d+(-index|-d\\d+)?|prev-\\d+|dstat-\\d+)\\.js");

    private static final List<String> DSTAT_NAMES = List.of("dstat_log.csv", "dstat_log.csv.gz");

    private ViewerWriter() {
    }

    /**
     * Writes the viewer into {@code exportDir}, which holds {@code config.json} and the files it names.
     *
     * @throws IOException when {@code config.json} cannot be read or a viewer file cannot be written
     */
    public static void write(Path exportDir) throws IOException {
        writeViewer(exportDir, null, null, null);
    }


    /** Writes a run's {@code stats} object, as its config.json entry holds it, with the generator given. */
    @FunctionalInterface
    public interface RunStatsWriter {
        void write(JsonGenerator json) throws IOException;
    }

    /**
     * A run of an export as its config.json entry lists it ({@code dstat} and {@code start}, the stats' start
     * time, may be {@code null}), with its stats, for the index to list it without reading config.json back.
     */
    public record ExportedRun(String name, String raw, String tree, String details, String dstat,
                              List<String> warnings, String start, RunStatsWriter stats) {
    }

    /**
     * Writes the viewer into {@code exportDir} after an export that wrote the data of each of its {@code runs}
     * (in config.json's order) with a {@link ViewerRunWriter}, which are kept as they are; the index lists
     * the runs as given (config.json holds every failure and skip: it is not read back).
     *
     * @throws IOException when the export has no config.json or a viewer file cannot be written
     */
    public static void write(Path exportDir, List<ExportedRun> runs) throws IOException {
        writeViewer(exportDir, Objects.requireNonNull(runs, "runs"), null, null);
    }

    /**
     * As {@link #write(Path, List)}, and makes the runs of the earlier export in {@code previous} (of this plugin or
     * the original tool, gzip or not) comparable in the report (see {@link PreviousExport}). A previous export that
     * is missing or cannot be read is told to {@code warnings} and listed in the report, never thrown.
     */
    public static void write(Path exportDir, List<ExportedRun> runs, Path previous, Consumer<String> warnings)
            throws IOException {
        writeViewer(exportDir, Objects.requireNonNull(runs, "runs"), previous, warnings);
    }

    /**
     * {@code runs}: those whose data an export wrote, or {@code null} to read them out of config.json;
     * {@code previous}: an earlier export's folder, or {@code null}.
     */
    private static void writeViewer(Path exportDir, List<ExportedRun> runs, Path previous, Consumer<String> warnings)
            throws IOException {
        Path dir = exportDir.toAbsolutePath().normalize();
        Path config = dir.resolve("config.json");
        if (!Files.isRegularFile(config)) {
            throw new NoSuchFileException(config.toString(), null, "the export has no config.json");
        }
        Path data = dir.resolve(DATA_DIR);
        Files.createDirectories(data);
        if (runs == null) {
            removeOldData(data);
        }
        new Index(dir, data, runs, previous, warnings).write(config);
        copyAssets(dir);
    }

    // ---------------------------------------------------------------- index and runs

    private static final class Index {
        final Path dir;
        final Path data;
        final List<String> problems = new ArrayList<>();
        /** dstat file name → [position, earliest run start in epoch µs or Long.MAX_VALUE]. */
        final Map<String, long[]> dstat = new LinkedHashMap<>();
        /** The runs the export wrote, or {@code null}: then config.json says what they are. */
        final List<ExportedRun> exported;
        /** An earlier export to compare with, or {@code null}; and who hears of its problems. */
        final Path previous;
        final Consumer<String> warnings;

        Index(Path dir, Path data, List<ExportedRun> exported, Path previous, Consumer<String> warnings) {
            this.dir = dir;
            this.data = data;
            this.exported = exported;
            this.previous = previous;
            this.warnings = warnings == null ? w -> { } : warnings;
        }

        void write(Path config) throws IOException {
            try (JsData out = JsData.create(data.resolve("index.js"), "index")) {
                JsonGenerator g = out.gen();
                g.writeStartObject();
                g.writeNumberField("format", 1);
                g.writeFieldName("entries");
                g.writeStartArray();
                if (exported != null) {
                    for (int run = 0; run < exported.size(); run++) {
                        entry(exported.get(run), g, run);
                    }
                } else {
                    entries(config, g);
                }
                g.writeEndArray();
                if (previous != null) {
                    PreviousExport.write(g, data, previous, warnings);
                }
                if (dstat.isEmpty()) {
                    // a dstat log without runs (only --dstat given): the config names it nowhere, show it anyway
                    for (String name : DSTAT_NAMES) {
                        if (Files.isRegularFile(dir.resolve(name))) {
                            dstat.put(name, new long[] {0, Long.MAX_VALUE, 0});
                            break;
                        }
                    }
                }
                g.writeFieldName("dstat");
                g.writeStartArray();
                for (Map.Entry<String, long[]> e : dstat.entrySet()) {
                    int j = (int) e.getValue()[0];
                    g.writeStartObject();
                    g.writeNumberField("dstat", j);
                    g.writeStringField("file", e.getKey());
                    g.writeBooleanField("named", e.getValue()[2] != 0);
                    g.writeEndObject();
                    Path csv = inside(dir, e.getKey());
                    Integer year = e.getValue()[1] == Long.MAX_VALUE ? null
                            : Instant.ofEpochSecond(Math.floorDiv(e.getValue()[1], 1_000_000L)).atZone(ZoneOffset.UTC).getYear();
                    DstatData.write(data, j, csv, e.getKey(), year);
                }
                g.writeEndArray();
                g.writeFieldName("problems");
                g.writeStartArray();
                for (String problem : problems) {
                    g.writeString(problem);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
        }

        /** Copies the entries of config.json into the index, writing each run's data files. */
        private void entries(Path config, JsonGenerator g) throws IOException {
            int[] run = {0};
            boolean sawTempest = configEntries(config, p -> entry(p, g, run[0]++),
                    () -> problems.add("An entry of config.json is not an object; it was left out."));
            if (!sawTempest) {
                problems.add("config.json has no \"tempest\" list.");
            }
        }

        /** An exported run's entry, as {@link #entry(JsonParser, JsonGenerator, int)} copies it from config.json. */
        private void entry(ExportedRun exportedRun, JsonGenerator g, int run) throws IOException {
            g.writeStartObject();
            g.writeNumberField("run", run);
            g.writeNumberField("id", run);
            g.writeStringField("name", exportedRun.name());
            g.writeStringField("raw", exportedRun.raw());
            g.writeStringField("tree", exportedRun.tree());
            g.writeStringField("details", exportedRun.details());
            g.writeFieldName("stats");
            exportedRun.stats().write(g);
            if (exportedRun.dstat() != null) {
                g.writeStringField("dstat", exportedRun.dstat());
            }
            if (!exportedRun.warnings().isEmpty()) {
                g.writeArrayFieldStart("warnings");
                for (String warning : exportedRun.warnings()) {
                    g.writeString(warning);
                }
                g.writeEndArray();
            }
            long start = exportedRun.start() == null ? Long.MAX_VALUE : startMicros(exportedRun.start(), Long.MAX_VALUE);
            writeDstatData(g, exportedRun.dstat(), start);
            g.writeEndObject();
        }

        /** Numbers the run's dstat log (the first run naming it gives it its number) and notes its start. */
        private void writeDstatData(JsonGenerator g, String dstatName, long start) throws IOException {
            if (dstatName != null) {
                long[] d = dstat.computeIfAbsent(dstatName, k -> new long[] {dstat.size(), Long.MAX_VALUE, 1});
                d[1] = Math.min(d[1], start);
                g.writeNumberField("dstatData", d[0]);
            }
        }

        /** Copies one config entry into the index, then writes the run's data files. */
        private void entry(JsonParser p, JsonGenerator g, int run) throws IOException {
            g.writeStartObject();
            g.writeNumberField("run", run);
            String raw = null;
            String details = null;
            String dstatName = null;
            long start = Long.MAX_VALUE;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "raw", "tree", "details", "dstat" -> {
                        if (t == JsonToken.VALUE_STRING) {
                            String value = p.getText();
                            g.writeStringField(field, value);
                            switch (field) {
                                case "raw" -> raw = value;
                                case "details" -> details = value;
                                case "dstat" -> dstatName = value;
                                default -> { }
                            }
                        } else {
                            p.skipChildren();
                        }
                    }
                    case "stats" -> {
                        g.writeFieldName(field);
                        start = copyStats(p, g);
                    }
                    case "id", "name", "warnings" -> {
                        g.writeFieldName(field);
                        copySafe(p, g, 0);
                    }
                    default -> p.skipChildren();
                }
            }
            writeDstatData(g, dstatName, start);
            g.writeEndObject();
            RunData.write(data, run, raw == null ? null : inside(dir, raw), raw,
                    details == null ? null : inside(dir, details), details);
        }

        /** {@code iso} in epoch µs, or {@code otherwise} when it is no time. */
        private static long startMicros(String iso, long otherwise) {
            long us = IsoTime.parseMicros(iso);
            return us == IsoTime.NONE ? otherwise : us;
        }

        /** Copies {@code stats}; returns its {@code start} in epoch µs, or Long.MAX_VALUE. */
        private static long copyStats(JsonParser p, JsonGenerator g) throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                copySafe(p, g, 0);
                return Long.MAX_VALUE;
            }
            long start = Long.MAX_VALUE;
            g.writeStartObject();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (field.equals("__proto__")) {
                    p.skipChildren();
                    continue;
                }
                if (field.equals("start") && p.currentToken() == JsonToken.VALUE_STRING) {
                    start = startMicros(p.getText(), start);
                }
                g.writeFieldName(field);
                copySafe(p, g, 1);
            }
            g.writeEndObject();
            return start;
        }
    }

    /** Reads an entry of config.json's list, the parser on its START_OBJECT, to its END_OBJECT. */
    @FunctionalInterface
    interface ConfigEntry {
        void read(JsonParser p) throws IOException;
    }

    /**
     * Reads {@code config} (config.json), front to back: {@code entry} for each object of its {@code tempest} list,
     * {@code other} for each of its other values (skipped). Returns whether it has a {@code tempest} list.
     *
     * @throws IOException when it cannot be read, is not JSON or not a JSON object
     */
    static boolean configEntries(Path config, ConfigEntry entry, Runnable other) throws IOException {
        try (InputStream in = JsData.openInput(config); JsonParser p = JsData.parser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("config.json is not a JSON object");
            }
            boolean sawTempest = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if (field.equals("tempest") && t == JsonToken.START_ARRAY) {
                    sawTempest = true;
                    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                        if (t == JsonToken.START_OBJECT) {
                            entry.read(p);
                        } else {
                            p.skipChildren();
                            other.run();
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
            return sawTempest;
        }
    }

    /**
     * Copies the current value of {@code p} to {@code g}, leaving out members named {@code __proto__} (an
     * object literal would take that as its prototype) and anything nested deeper than 32 levels.
     */
    static void copySafe(JsonParser p, JsonGenerator g, int depth) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            if (depth > 32) {
                p.skipChildren();
                g.writeNull();
                return;
            }
            g.writeStartObject();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (name.equals("__proto__")) {
                    p.skipChildren();
                    continue;
                }
                g.writeFieldName(name);
                copySafe(p, g, depth + 1);
            }
            g.writeEndObject();
        } else if (t == JsonToken.START_ARRAY) {
            if (depth > 32) {
                p.skipChildren();
                g.writeNull();
                return;
            }
            g.writeStartArray();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                copySafe(p, g, depth + 1);
            }
            g.writeEndArray();
        } else {
            g.copyCurrentEvent(p);
        }
    }

    /** {@code name} resolved in {@code dir}, or {@code null} when it would leave the folder. */
    static Path inside(Path dir, String name) {
        if (name.isEmpty() || name.indexOf('\u0000') >= 0) {
            return null;
        }
        try {
            Path p = dir.resolve(name).normalize();
            return p.startsWith(dir) && !p.equals(dir) ? p : null;
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- files

    private static void removeOldData(Path data) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(data)) {
            for (Path f : files) {
                if (OUR_DATA.matcher(f.getFileName().toString()).matches() && Files.isRegularFile(f)) {
                    Files.delete(f);
                }
            }
        }
    }

    private static void copyAssets(Path dir) throws IOException {
        Path assets = dir.resolve(ASSETS_DIR);
        Files.createDirectories(assets);
        ClassLoader loader = ViewerWriter.class.getClassLoader();
        for (String asset : ASSETS) {
            copyResource(loader, RESOURCES + asset, assets.resolve(asset));
        }
        String uplot = UPLOT + uplotVersion(loader) + "/";
        copyResource(loader, uplot + "dist/uPlot.iife.min.js", assets.resolve("uPlot.iife.min.js"));
        copyResource(loader, uplot + "dist/uPlot.min.css", assets.resolve("uPlot.min.css"));
        copyResource(loader, uplot + "LICENSE", assets.resolve("uPlot.LICENSE.txt"));
        // last: the page appears only when everything it loads is in place
        copyResource(loader, RESOURCES + "index.html", dir.resolve("index.html"));
    }

    private static String uplotVersion(ClassLoader loader) throws IOException {
        try (InputStream in = loader.getResourceAsStream(UPLOT_POM)) {
            if (in == null) {
                return UPLOT_FALLBACK_VERSION;
            }
            Properties props = new Properties();
            props.load(in);
            return props.getProperty("version", UPLOT_FALLBACK_VERSION);
        }
    }

    private static void copyResource(ClassLoader loader, String resource, Path target) throws IOException {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("The viewer resource " + resource + " is not on the class path"
                        + (resource.startsWith(UPLOT) ? " (the org.webjars.npm:uplot dependency is missing)" : ""));
            }
            Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                in.transferTo(out);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
