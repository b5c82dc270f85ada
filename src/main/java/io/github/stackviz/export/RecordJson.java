package io.github.stackviz.export;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
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
     * both would write, made once, and kept as the UTF-8 bytes both files are written in.
     */
    static final class Rendered {
        private final Bytes out = new Bytes();
        private final JsonGenerator json;
        private final RawJson fields = new RawJson();

        Rendered() throws IOException {
            json = Json.generator(out);
            json.setRootValueSeparator(null);
        }

        /** Renders one record's fields; {@link #fields()} holds them until the next call. */
        void render(String status, Iterable<String> sortedTags, long startMicros, long endMicros)
                throws IOException {
            out.length = 0;
            json.writeStartObject();
            writeFieldsAfterName(json, status, sortedTags, startMicros, endMicros);
            json.writeEndObject();
            json.flush();
            fields.set(out.bytes, 1, out.length - 2); // the object's braces left out
        }

        /** The rendered fields, without the braces around them. */
        RawJson fields() {
            return fields;
        }

        /** Writes {@code name} and the rendered fields as the content of an object {@code json} has open. */
        void writeAfter(JsonGenerator target, String name) throws IOException {
            target.writeStringField("name", name);
            target.writeRaw(','); // the fields were rendered by the same factory: splicing keeps the JSON
            target.writeRaw(fields);
        }
    }

    /** An OutputStream whose buffer is read in place. */
    private static final class Bytes extends OutputStream {
        byte[] bytes = new byte[512];
        int length;

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (length + len > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + len));
            }
            System.arraycopy(b, off, bytes, length, len);
            length += len;
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
