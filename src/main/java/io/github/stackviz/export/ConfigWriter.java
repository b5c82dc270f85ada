package io.github.stackviz.export;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes config.json, the index of the export: one entry per run. */
final class ConfigWriter {
    private ConfigWriter() {
    }

    /**
     * @param dstat the dstat file's name, put in every entry, or {@code null}
     */
    static void write(Path file, List<RunResult> runs, String dstat) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); JsonGenerator json = Json.generator(out)) {
            json.writeStartObject();
            json.writeArrayFieldStart("tempest");
            int id = 0;
            for (RunResult run : runs) {
                json.writeStartObject();
                json.writeNumberField("id", id++);
                json.writeStringField("name", run.source().displayName());
                json.writeStringField("raw", run.files().raw());
                json.writeStringField("tree", run.files().tree());
                json.writeStringField("details", run.files().details());
                json.writeFieldName("stats");
                run.files().stats().write(json);
                if (dstat != null) {
                    json.writeStringField("dstat", dstat);
                }
                if (!run.warnings().isEmpty()) {
                    // An addition to the format: what the input survived. The front-end ignores it.
                    json.writeArrayFieldStart("warnings");
                    for (String warning : run.warnings()) {
                        json.writeString(warning);
                    }
                    json.writeEndArray();
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }
}
