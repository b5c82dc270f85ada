package io.github.stackviz.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import io.github.stackviz.subunit.TestStatus;
import io.github.stackviz.util.Seconds;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code stats} of a config entry, gathered record by record: count, earliest start, latest end,
 * the sum of durations in record order, failures with the end of their traceback, skips with their
 * reason. Missing times are skipped (the reference crashes on them).
 */
final class RunStats implements AutoCloseable {
    /** How much of a traceback's end is kept to find its last lines. */
    static final int TRACEBACK_TAIL = 64 * 1024;
    /** Longest skip reason kept (the reference keeps any length; this bounds memory). */
    static final int REASON_LIMIT = 64 * 1024;


    private long count;
    private long start = PythonTime.NONE;
    private long end = PythonTime.NONE;
    private double totalDuration;
    private boolean anyDuration;
    private long failed;
    private long skipped;
    /** The failures and skips, written as JSON arrays to spill files as they come (there may be millions). */
    private final Fragment failures;
    private final Fragment skips;
    /** Formats the durations of failures and skips (the details thread's). */
    private final Seconds seconds = new Seconds();

    /** @param spill where the lists of failures and skips wait for config.json (and the report's index) */
    RunStats(Path spill) {
        failures = new Fragment(spill, "failures-");
        skips = new Fragment(spill, "skips-");
    }

    /**
     * Adds one record.
     *
     * @param name      its name, escaped already (as raw.json has it)
     * @param traceback the text of its {@code traceback} detail, or {@code null}; read only for failures
     * @param reason    the text of its {@code reason} detail, or {@code null}; read only for skips
     */
    void add(SerializableString name, TestStatus status, long startMicros, long endMicros, Double duration,
             TextSource traceback, TextSource reason) throws IOException {
        count++;
        if (startMicros != PythonTime.NONE && (start == PythonTime.NONE || startMicros < start)) {
            start = startMicros;
        }
        if (endMicros != PythonTime.NONE && (end == PythonTime.NONE || endMicros > end)) {
            end = endMicros;
        }
        if (duration != null) {
            totalDuration += duration;
            anyDuration = true;
        }
        if (status == TestStatus.FAIL) {
            failed++;
            List<String> lines = traceback == null ? null : lastLines(traceback);
            writeFailure(failures.start(), name, duration, lines);
        } else if (status == TestStatus.SKIP) {
            skipped++;
            String text = reason == null ? null : readReason(reason);
            writeSkip(skips.start(), name, duration, text);
        }
    }

    private void writeFailure(JsonGenerator json, SerializableString name, Double duration, List<String> lines)
            throws IOException {
        json.writeStartObject();
        json.writeFieldName("name");
        json.writeString(name);
        writeDuration(json, duration, seconds);
        json.writeFieldName("details");
        if (lines == null) {
            json.writeNull();
        } else {
            json.writeStartArray();
            for (String line : lines) {
                json.writeString(line);
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    private void writeSkip(JsonGenerator json, SerializableString name, Double duration, String text)
            throws IOException {
        json.writeStartObject();
        json.writeFieldName("name");
        json.writeString(name);
        writeDuration(json, duration, seconds);
        json.writeStringField("details", text);
        json.writeEndObject();
    }

    /** Opens a detail's text when a rule needs it, so texts are read only for failures and skips. */
    interface TextSource {
        Reader open() throws IOException;

        /** The whole text when it is at hand in memory, else {@code null} (then it is read with open()). */
        default CharSequence whole() throws IOException {
            return null;
        }
    }

    /**
     * The reference's {@code strip().splitlines()[-2:]}, keeping only the last line unless it contains
     * {@code Details}; a one-line traceback gives that line (the reference fails on it).
     */
    static List<String> lastLines(TextSource traceback) throws IOException {
        CharSequence text = traceback.whole();
        if (text == null) {
            try (Reader reader = traceback.open()) {
                text = PythonText.tail(reader, TRACEBACK_TAIL);
            }
        } else if (text.length() > TRACEBACK_TAIL) {
            text = text.subSequence(text.length() - TRACEBACK_TAIL, text.length());
        }
        List<String> lines = PythonText.lastTwoLines(text);
        if (lines.isEmpty()) {
            return null;
        }
        if (lines.size() == 1 || !lines.get(1).contains("Details")) {
            return List.of(lines.get(lines.size() - 1));
        }
        return lines;
    }

    private static String readReason(TextSource reason) throws IOException {
        CharSequence whole = reason.whole();
        if (whole != null) {
            return whole.subSequence(0, Math.min(whole.length(), REASON_LIMIT)).toString();
        }
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[4096];
        try (Reader reader = reason.open()) {
            int n;
            while ((n = reader.read(buffer)) > 0 && text.length() < REASON_LIMIT) {
                text.append(buffer, 0, Math.min(n, REASON_LIMIT - text.length()));
            }
        }
        return text.toString();
    }

    /** The earliest start as config.json writes it, or {@code null}. */
    String startIso() {
        return start == PythonTime.NONE ? null : PythonTime.isoformat(start);
    }

    /** The earliest start, in microseconds since the epoch, or {@link PythonTime#NONE}. */
    long start() {
        return start;
    }

    /** The latest end, in microseconds since the epoch, or {@link PythonTime#NONE}. */
    long end() {
        return end;
    }

    long count() {
        return count;
    }

    long failed() {
        return failed;
    }

    long skipped() {
        return skipped;
    }

    /**
     * Writes the {@code stats} object of config.json; the report's index holds the same bytes (its data files
     * are JSON with JSON's own escapes), so it is written by this too, once more, from the same spill files.
     */
    void write(JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeNumberField("count", count);
        writeTime(json, "start", start);
        writeTime(json, "end", end);
        json.writeFieldName("total_duration");
        if (anyDuration) {
            json.writeNumber(totalDuration);
        } else {
            json.writeNumber(0); // Python's sum() of nothing is the int 0
        }
        json.writeFieldName("failures");
        failures.copyTo(json);
        json.writeFieldName("skips");
        skips.copyTo(json);
        json.writeEndObject();
    }

    /** Ends the spill files; call once every record is added. */
    void finish() throws IOException {
        failures.finish();
        skips.finish();
    }

    /** Deletes the spill files. */
    @Override
    public void close() throws IOException {
        try (failures; skips) {
            // closes both
        }
    }

    /** A JSON array written to a temporary file item by item, copied whole where it is needed at the end. */
    private static final class Fragment implements AutoCloseable {
        private final Path directory;
        private final String prefix;
        private Path file;
        private JsonGenerator json;

        Fragment(Path directory, String prefix) {
            this.directory = directory;
            this.prefix = prefix;
        }

        /** Opens the file before the first item; returns the generator to write the next item with. */
        JsonGenerator start() throws IOException {
            if (json == null) {
                Files.createDirectories(directory);
                file = Files.createTempFile(directory, prefix, ".json");
                OutputStream out = OutputFile.openTemporary(file);
                json = Json.generator(out);
                json.writeStartArray();
            }
            return json;
        }

        void finish() throws IOException {
            if (json != null) {
                json.writeEndArray();
                json.close();
            }
        }

        /** Writes the array as the value {@code target} is at. */
        void copyTo(JsonGenerator target) throws IOException {
            if (file == null) {
                target.writeStartArray();
                target.writeEndArray();
                return;
            }
            Json.splice(target, file, 0, Files.size(file));
        }

        @Override
        public void close() throws IOException {
            try {
                if (json != null) {
                    json.close();
                }
            } finally {
                if (file != null) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    static void writeTime(JsonGenerator json, String field, long micros) throws IOException {
        if (micros == PythonTime.NONE) {
            json.writeNullField(field);
        } else {
            json.writeStringField(field, PythonTime.isoformat(micros));
        }
    }

    static void writeDuration(JsonGenerator json, Double duration, Seconds seconds) throws IOException {
        json.writeFieldName("duration");
        if (duration == null) {
            json.writeNull();
        } else {
            seconds.writeNumber(json, duration);
        }
    }
}
