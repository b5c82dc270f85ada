package io.github.stackviz.sources;

import io.github.stackviz.results.AttachmentStore;
import io.github.stackviz.results.Diagnostics;
import io.github.stackviz.results.RecordSink;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/**
 * One module's run in a multi-module build's report: the module's own source, named after the module
 * ({@code alpha_junit_surefire-reports}, {@code alpha: Surefire}).
 */
class ModuleSource implements Source {
    private final Source source;
    private final String module;

    private ModuleSource(Source source, String module) {
        this.source = source;
        this.module = module;
    }

    /** The source named after its module; a source that reads its records itself stays one. */
    static Source of(Source source, String module) {
        return source instanceof RecordSource records ? new Records(records, module) : new ModuleSource(source, module);
    }

    @Override
    public String sourceName() {
        return module + "_" + source.sourceName();
    }

    @Override
    public int index() {
        return source.index();
    }

    @Override
    public String displayName() {
        return source.displayName(module);
    }

    @Override
    public String label() {
        return source.label();
    }

    @Override
    public long size() {
        return source.size();
    }

    @Override
    public InputStream open() throws IOException {
        return source.open();
    }

    /** A module's source that reads its records itself. */
    private static final class Records extends ModuleSource implements RecordSource {
        private final RecordSource records;

        Records(RecordSource records, String module) {
            super(records, module);
            this.records = records;
        }

        @Override
        public void read(RecordSink sink, AttachmentStore store, Diagnostics diagnostics, LongConsumer bytesRead)
                throws IOException {
            records.read(sink, store, diagnostics, bytesRead);
        }
    }
}
