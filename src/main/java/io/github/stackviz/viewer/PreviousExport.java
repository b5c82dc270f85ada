package io.github.stackviz.viewer;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * An earlier export (of this plugin or of the original tool, its data files gzip-compressed or not) whose runs the
 * report compares this export's runs with: its {@code config.json} names the runs, each run's {@code raw} file is
 * copied into {@code viewer-data/prev-K.js} (see {@link RunData#writePrevious}), and the report's index lists them
 * under {@code "previous"}. Nothing else of it is read: not its details, trees or viewer data.
 *
 * <p>It is read before the new export replaces the output folder, so the previous export may be that folder itself.
 * Whatever cannot be read (no such folder, no config.json, a config.json that is not JSON, a run's raw file missing
 * or damaged) is a problem: told to the caller's warnings, listed in the report, and never an exception; only a
 * failure to write the report's own files is.
 */
final class PreviousExport {

    /** A run as the previous config.json lists it; the stats' values are {@code null} where it gives none. */
    private record Run(String name, String raw, Number count, String start, String end, Number totalDuration,
                       int failures, int skips) {
    }

    private final Path folder;
    private final Consumer<String> warnings;
    private final List<String> problems = new ArrayList<>();

    private PreviousExport(Path folder, Consumer<String> warnings) {
        this.folder = folder;
        this.warnings = warnings;
    }

    /**
     * Writes the {@code "previous"} member of the report's index, {@code {"folder": name, "runs": [{"prev": K,
     * "name", "raw", "stats": {count, start, end, total_duration, failed, skipped}}], "problems": [..]}}, and
     * each run's {@code prev-K.js} into {@code dataDir}.
     *
     * @param warnings hears of each problem, with the folder named
     */
    static void write(JsonGenerator g, Path dataDir, Path folder, Consumer<String> warnings) throws IOException {
        PreviousExport previous = new PreviousExport(folder.toAbsolutePath().normalize(), warnings);
        List<Run> runs = previous.readConfig();
        g.writeObjectFieldStart("previous");
        Path name = previous.folder.getFileName();
        g.writeStringField("folder", name == null ? previous.folder.toString() : name.toString());
        g.writeArrayFieldStart("runs");
        for (int k = 0; k < runs.size(); k++) {
            Run run = runs.get(k);
            Path raw = run.raw() == null ? null : ViewerWriter.inside(previous.folder, run.raw());
            for (String problem : RunData.writePrevious(dataDir, k, raw, run.raw())) {
                previous.problem("run " + k + " (" + run.name() + "): " + problem);
            }
            writeRun(g, k, run);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("problems");
        for (String problem : previous.problems) {
            g.writeString(problem);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeRun(JsonGenerator g, int k, Run run) throws IOException {
        g.writeStartObject();
        g.writeNumberField("prev", k);
        g.writeStringField("name", run.name());
        if (run.raw() != null) {
            g.writeStringField("raw", run.raw());
        }
        g.writeObjectFieldStart("stats");
        if (run.count() != null) {
            g.writeFieldName("count");
            g.writeNumber(run.count().longValue());
        }
        if (run.start() != null) {
            g.writeStringField("start", run.start());
        }
        if (run.end() != null) {
            g.writeStringField("end", run.end());
        }
        if (run.totalDuration() != null) {
            g.writeNumberField("total_duration", run.totalDuration().doubleValue());
        }
        g.writeNumberField("failed", run.failures());
        g.writeNumberField("skipped", run.skips());
        g.writeEndObject();
        g.writeEndObject();
    }

    private void problem(String text) {
        problems.add(text);
        warnings.accept("Previous export " + folder + ": " + text);
    }

    /** The runs of the previous config.json; none, with a problem, when it cannot be read whole. */
    private List<Run> readConfig() {
        if (!Files.isDirectory(folder)) {
            problem(Files.exists(folder) ? "it is not a folder; nothing to compare with."
                    : "the folder does not exist; nothing to compare with.");
            return List.of();
        }
        Path config = folder.resolve("config.json");
        if (!Files.isRegularFile(config)) {
            problem("the folder holds no config.json (not an export); nothing to compare with.");
            return List.of();
        }
        List<Run> runs = new ArrayList<>();
        try {
            if (!ViewerWriter.configEntries(config, p -> runs.add(run(p, runs.size())), () -> { })) {
                problem("config.json has no \"tempest\" list; nothing to compare with.");
            }
            return runs;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            problem("config.json is not valid JSON" + (at == null ? "" : " (line " + at.getLineNr() + ", column "
                    + at.getColumnNr() + ")") + ": " + e.getOriginalMessage() + "; nothing to compare with.");
        } catch (IOException e) {
            problem("config.json could not be read (" + RunData.describe(e) + "); nothing to compare with.");
        }
        return List.of();
    }

    /** One entry of the config's list, the parser on its START_OBJECT. */
    private static Run run(JsonParser p, int k) throws IOException {
        String name = null;
        String raw = null;
        Number count = null;
        Number totalDuration = null;
        String start = null;
        String end = null;
        int failures = 0;
        int skips = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            if (field.equals("name") && t == JsonToken.VALUE_STRING) {
                name = p.getText();
            } else if (field.equals("raw") && t == JsonToken.VALUE_STRING) {
                raw = p.getText();
            } else if (field.equals("stats") && t == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String stat = p.currentName();
                    JsonToken v = p.nextToken();
                    switch (stat) {
                        case "count" -> count = v.isNumeric() ? p.getNumberValue() : null;
                        case "total_duration" -> totalDuration = v.isNumeric() ? p.getNumberValue() : null;
                        case "start" -> start = v == JsonToken.VALUE_STRING ? p.getText() : null;
                        case "end" -> end = v == JsonToken.VALUE_STRING ? p.getText() : null;
                        case "failures" -> failures = length(p);
                        case "skips" -> skips = length(p);
                        default -> p.skipChildren();
                    }
                }
            } else {
                p.skipChildren();
            }
        }
        return new Run(name == null ? "run " + k : name, raw, count, start, end, totalDuration, failures, skips);
    }

    /** The number of elements of the list the parser is on (0 for anything else), skipping it. */
    private static int length(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            p.skipChildren();
            return 0;
        }
        int n = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            p.skipChildren();
            n++;
        }
        return n;
    }
}
