package io.github.stackviz.reports;

import io.github.stackviz.results.Attachment;
import io.github.stackviz.results.AttachmentStore;
import io.github.stackviz.results.Diagnostics;
import io.github.stackviz.results.TestRecord;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads reports into plain records for tests: names, statuses, times, tags and attachment texts. */
final class ReportRecords {
    static final Path FIXTURES = Path.of("src/test/fixtures/junit");

    /** A record with its attachments read into strings. */
    record Rec(TestRecord record, Map<String, String> texts) {
        String name() {
            return record.name();
        }

        String status() {
            return record.statusWord();
        }
    }

    final List<Rec> records = new ArrayList<>();
    final Diagnostics diagnostics = new Diagnostics();
    final AttachmentStore store;

    ReportRecords(AttachmentStore store) {
        this.store = store;
    }

    static ReportRecords read(Path spill, List<Path> files) throws IOException {
        ReportRecords read = new ReportRecords(new AttachmentStore(spill, 1 << 20, 64 << 10));
        read.readAll(files);
        return read;
    }

    void readAll(List<Path> files) throws IOException {
        new JunitReports(store, diagnostics, ZoneId.of("UTC")).read(files, record -> {
            try {
                Map<String, String> texts = new LinkedHashMap<>();
                for (Attachment attachment : record.attachments()) {
                    StringWriter text = new StringWriter();
                    try (Reader in = attachment.openText()) {
                        in.transferTo(text);
                    }
                    texts.put(attachment.name(), text.toString());
                }
                records.add(new Rec(record, texts));
            } finally {
                record.release();
            }
        }, read -> { });
    }

    Rec named(String name) {
        Rec found = null;
        for (Rec rec : records) {
            if (rec.name().equals(name)) {
                if (found != null) {
                    throw new AssertionError("two records named " + name);
                }
                found = rec;
            }
        }
        if (found == null) {
            throw new AssertionError("no record named " + name + " in " + records.stream().map(Rec::name).toList());
        }
        return found;
    }

    static UncheckedIOException unchecked(IOException e) {
        return new UncheckedIOException(e);
    }
}
