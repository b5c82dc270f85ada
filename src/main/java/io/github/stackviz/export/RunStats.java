package io.github.stackviz.export;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.stackviz.subunit.TestStatus;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code stats} of a config entry, gathered record by record: count, earliest start, latest end,
 * the sum of durations in record order, failures with the end of their traceback, skips with their
 * reason. Missing times are skipped (the reference crashes on them).
 */
final class RunStats {
    /** How much of a traceback's end is kept to find its last lines. */
    static final int TRACEBACK_TAIL = 64 * 1024;
    /** Longest skip reason kept (the reference keeps any length; this bounds memory). */
    static final int REASON_LIMIT = 64 * 1024;

    private record Failure(String name, Double duration, List<String> lines) {
    }

    private record Skip(String name, Double duration, String reason) {
    }

    private long count;
    private long start = PythonTime.NONE;
    private long end = PythonTime.NONE;
    private double totalDuration;
    private boolean anyDuration;
    private long failed;
    private long skipped;
    private final List<Failure> failures = new ArrayList<>();
    private final List<Skip> skips = new ArrayList<>();

    /**
     * Adds one record.
     *
     * @param traceback the text of its {@code traceback} detail, or {@code null}; read only for failures
     * @param reason    the text of its {@code reason} detail, or {@code null}; read only for skips
     */
    void add(String name, TestStatus status, long startMicros, long endMicros, Double duration,
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
            failures.add(new Failure(name, duration, traceback == null ? null : lastLines(traceback)));
        } else if (status == TestStatus.SKIP) {
            skipped++;
            skips.add(new Skip(name, duration, reason == null ? null : readReason(reason)));
        }
    }

    /** Opens a detail's text when a rule needs it, so texts are read only for failures and skips. */
    interface TextSource {
        Reader open() throws IOException;
    }

    /**
     * The reference's {@code strip().splitlines()[-2:]}, keeping only the last line unless it contains
     * {@code Details}; a one-line traceback gives that line (the reference fails on it).
     */
    static List<String> lastLines(TextSource traceback) throws IOException {
        PythonText.Tail tail;
        try (Reader reader = traceback.open()) {
            tail = PythonText.tail(reader, TRACEBACK_TAIL);
        }
        List<String> lines = PythonText.splitlines(PythonText.strip(tail.text()));
        if (lines.isEmpty()) {
            return null;
        }
        if (lines.size() == 1) {
            return List.of(lines.get(0));
        }
        String last = lines.get(lines.size() - 1);
        if (last.contains("Details")) {
            return List.of(lines.get(lines.size() - 2), last);
        }
        return List.of(last);
    }

    private static String readReason(TextSource reason) throws IOException {
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

    long count() {
        return count;
    }

    long failed() {
        return failed;
    }

    long skipped() {
        return skipped;
    }

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
        json.writeArrayFieldStart("failures");
        for (Failure failure : failures) {
            json.writeStartObject();
            json.writeStringField("name", failure.name());
            writeDuration(json, failure.duration());
            json.writeFieldName("details");
            if (failure.lines() == null) {
                json.writeNull();
            } else {
                json.writeStartArray();
                for (String line : failure.lines()) {
                    json.writeString(line);
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("skips");
        for (Skip skip : skips) {
            json.writeStartObject();
            json.writeStringField("name", skip.name());
            writeDuration(json, skip.duration());
            json.writeStringField("details", skip.reason());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    static void writeTime(JsonGenerator json, String field, long micros) throws IOException {
        if (micros == PythonTime.NONE) {
            json.writeNullField(field);
        } else {
            json.writeStringField(field, PythonTime.isoformat(micros));
        }
    }

    static void writeDuration(JsonGenerator json, Double duration) throws IOException {
        json.writeFieldName("duration");
        if (duration == null) {
            json.writeNull();
        } else {
            json.writeNumber(duration);
        }
    }
}
