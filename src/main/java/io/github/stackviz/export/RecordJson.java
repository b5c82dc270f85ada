package io.github.stackviz.export;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;

/** The fields of a test record as raw.json and the tree's leaves write them. */
final class RecordJson {
    private RecordJson() {
    }

    /** Writes {@code name, status, tags, timestamps, duration, details} (without the enclosing braces). */
    static void writeFields(JsonGenerator json, String name, String status, Set<String> tags, long startMicros,
                            long endMicros) throws IOException {
        writeFields(json, name, status, sorted(tags), startMicros, endMicros);
    }

    /** As {@link #writeFields(JsonGenerator, String, String, Set, long, long)}, with the tags in order. */
    static void writeFields(JsonGenerator json, String name, String status, Iterable<String> sortedTags,
                            long startMicros, long endMicros) throws IOException {
        json.writeStringField("name", name);
        json.writeStringField("status", status);
        json.writeArrayFieldStart("tags");
        for (String tag : sortedTags) {
            json.writeString(tag);
        }
        json.writeEndArray();
        json.writeArrayFieldStart("timestamps");
        char[] time = new char[PythonTime.ISO_LENGTH];
        writeTime(json, startMicros, time);
        writeTime(json, endMicros, time);
        json.writeEndArray();
        RunStats.writeDuration(json, duration(startMicros, endMicros));
        json.writeObjectFieldStart("details");
        json.writeEndObject();
    }

    /** END − START in seconds, or {@code null} when either is missing. */
    static Double duration(long startMicros, long endMicros) {
        if (startMicros == PythonTime.NONE || endMicros == PythonTime.NONE) {
            return null;
        }
        return PythonTime.seconds(startMicros, endMicros);
    }

    /** The tags in the order the files list them: sorted. */
    static Iterable<String> sorted(Set<String> tags) {
        if (tags instanceof SortedSet<String> || tags.size() < 2) {
            return tags;
        }
        List<String> list = new ArrayList<>(tags);
        Collections.sort(list);
        return list;
    }

    private static void writeTime(JsonGenerator json, long micros, char[] buffer) throws IOException {
        if (micros == PythonTime.NONE) {
            json.writeNull();
        } else {
            json.writeString(buffer, 0, PythonTime.isoformat(micros, buffer));
        }
    }
}
