package io.github.stackviz.export;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;

/** The fields of a test record as raw.json and the tree's leaves write them. */
final class RecordJson {
    private RecordJson() {
    }

    /** Writes {@code status, tags, timestamps, duration, details}: a record's fields after its name. */
    static void writeFieldsAfterName(JsonGenerator json, String status, Iterable<String> sortedTags,
                                     long startMicros, long endMicros) throws IOException {
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

    /**
     * A record's fields after its name, rendered once as JSON text ({@code "status":…,"details":{}}) by
     * Jackson, for raw.json and the tree's leaf to splice in after their own {@code name}: the same text
     * both would write, made once.
     */
    static final class Rendered {
        private final Chars out = new Chars();
        private final JsonGenerator json;

        Rendered() throws IOException {
            json = Json.FACTORY.createGenerator(out);
            json.setRootValueSeparator(null);
        }

        /** Renders one record's fields; {@link #chars()} and {@link #length()} hold them until the next call. */
        void render(String status, Iterable<String> sortedTags, long startMicros, long endMicros)
                throws IOException {
            out.length = 0;
            json.writeStartObject();
            writeFieldsAfterName(json, status, sortedTags, startMicros, endMicros);
            json.writeEndObject();
            json.flush();
        }

        /** The rendered fields start at index 1 (after the object's brace). */
        char[] chars() {
            return out.chars;
        }

        /** How many chars the rendered fields take from index 1 (the braces left out). */
        int length() {
            return out.length - 2;
        }

        /** Writes {@code name} and the rendered fields as the content of an object {@code json} has open. */
        void writeAfter(JsonGenerator target, String name) throws IOException {
            target.writeStringField("name", name);
            target.writeRaw(','); // the fields were rendered by the same factory: splicing keeps the JSON
            target.writeRaw(out.chars, 1, length());
        }
    }

    /** A Writer whose buffer is read in place. */
    private static final class Chars extends Writer {
        char[] chars = new char[512];
        int length;

        @Override
        public void write(char[] c, int off, int len) {
            if (length + len > chars.length) {
                chars = Arrays.copyOf(chars, Math.max(chars.length * 2, length + len));
            }
            System.arraycopy(c, off, chars, length, len);
            length += len;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
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
