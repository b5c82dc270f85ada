package io.github.stackviz.export;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.stackviz.util.GrowingBytes;
import io.github.stackviz.util.Seconds;
import java.io.IOException;
import java.util.Arrays;
import java.util.Set;
import java.util.SortedSet;

/** The fields of a test record as raw.json and the tree's leaves write them. */
final class RecordJson {
    private RecordJson() {
    }

    /** END − START in seconds, or {@code null} when either is missing. */
    static Double duration(long startMicros, long endMicros) {
        if (startMicros == PythonTime.NONE || endMicros == PythonTime.NONE) {
            return null;
        }
        return PythonTime.seconds(startMicros, endMicros);
    }

    /**
     * A record rendered once as JSON text by Jackson ({@code {"name":…,"status":…,"details":{}}}), kept as the
     * UTF-8 bytes the files are written in: raw.json splices the whole object; the tree's spill keeps the
     * name's escaped bytes (its leaves and nodes write parts of them) and the fields after it.
     */
    static final class Rendered {
        /** {@code {"name":"} comes before the name's escaped bytes. */
        private static final int NAME_START = 9;
        private final GrowingBytes out = new GrowingBytes(512);
        private final JsonGenerator json;
        private final RawJson record = RawJson.json();
        private final RawJson name = RawJson.stringContent();
        private final RawJson fields = RawJson.json();

        Rendered() throws IOException {
            json = Json.generator(out);
            json.setRootValueSeparator(null);
        }

        /** Renders one record; the windows hold it until the next call. */
        void render(String name, String status, String[] sortedTags, long startMicros, long endMicros)
                throws IOException {
            out.reset();
            json.writeStartObject();
            json.writeStringField("name", name);
            // the closing quote: what reached `out` plus what the generator still holds, less one
            int nameEnd = out.length() + json.getOutputBuffered() - 1;
            writeFieldsAfterName(status, sortedTags, startMicros, endMicros);
            json.writeEndObject();
            json.flush();
            record.set(out.bytes(), 0, out.length());
            this.name.set(out.bytes(), NAME_START, nameEnd - NAME_START);
            fields.set(out.bytes(), nameEnd + 2, out.length() - 1 - (nameEnd + 2)); // after `",`, before `}`
        }

        /** The record's thread formats its times and duration here, rather than in new buffers for every record. */
        private final char[] timeChars = new char[PythonTime.ISO_LENGTH];
        private final byte[] timeBytes = new byte[PythonTime.ISO_LENGTH];
        private final Seconds seconds = new Seconds();

        /** Writes {@code status, tags, timestamps, duration, details}: a record's fields after its name. */
        private void writeFieldsAfterName(String status, String[] sortedTags, long startMicros,
                                          long endMicros) throws IOException {
            json.writeStringField("status", status);
            json.writeArrayFieldStart("tags");
            for (String tag : sortedTags) {
                json.writeString(tag);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("timestamps");
            writeTime(json, startMicros, timeChars, timeBytes);
            writeTime(json, endMicros, timeChars, timeBytes);
            json.writeEndArray();
            RunStats.writeDuration(json, duration(startMicros, endMicros), seconds);
            json.writeObjectFieldStart("details");
            json.writeEndObject();
        }

        /** The whole object, to splice as a value. */
        RawJson record() {
            return record;
        }

        /** The name's escaped bytes, as {@code writeString} writes them between the quotes. */
        RawJson name() {
            return name;
        }

        /** The fields after the name, without the braces around them. */
        RawJson fields() {
            return fields;
        }
    }

    /**
     * A record's tags as the files list them, sorted, in an array. The hot loops then iterate an array: a
     * Set's iterator is an interface call whose type profile the whole JVM shares, and a new kind of set
     * met late made C2 throw away and recompile the record writers. The v2 reader hands out one Set per
     * distinct tag set (the v1 reader a new one per test, which only misses the cache), and no Set is changed
     * once made, so the arrays are cached by the Set's identity. For one thread.
     */
    static final class TagArrays {
        private static final String[] NONE = new String[0];
        private static final int SLOTS = 64;
        private final Set<?>[] sets = new Set<?>[SLOTS];
        private final String[][] arrays = new String[SLOTS][];

        String[] of(Set<String> tags) {
            int slot = System.identityHashCode(tags) & (SLOTS - 1);
            if (sets[slot] == tags) {
                return arrays[slot];
            }
            String[] array = tags.toArray(NONE); // NONE itself when there are no tags
            if (!(tags instanceof SortedSet<String>)) {
                Arrays.sort(array);
            }
            sets[slot] = tags; // held here, so no other Set can take its identity
            arrays[slot] = array;
            return array;
        }
    }

    /** A time as a string: its characters are ASCII letters, digits and punctuation, nothing JSON escapes. */
    private static void writeTime(JsonGenerator json, long micros, char[] chars, byte[] bytes) throws IOException {
        if (micros == PythonTime.NONE) {
            json.writeNull();
        } else {
            int length = PythonTime.isoformat(micros, chars);
            for (int i = 0; i < length; i++) {
                bytes[i] = (byte) chars[i];
            }
            json.writeRawUTF8String(bytes, 0, length);
        }
    }
}
