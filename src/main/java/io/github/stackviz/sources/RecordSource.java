package io.github.stackviz.sources;

import io.github.stackviz.results.AttachmentStore;
import io.github.stackviz.results.Diagnostics;
import io.github.stackviz.results.RecordSink;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/**
 * A run whose input is not a subunit stream: it reads its files itself and hands the export finished
 * records, which every writer then takes as it takes a stream's.
 */
public interface RecordSource extends Source {

    /**
     * Reads the run.
     *
     * @param sink        takes each record, in completion order (by end time), and owns it from then on
     * @param store       where the records' attachments are buffered (it spills to disk)
     * @param diagnostics takes the problems found in the content, as warnings of the run
     * @param bytesRead   told the bytes read so far, now and then (for the progress lines)
     * @throws IOException when a file cannot be read at all; its message names the file
     */
    void read(RecordSink sink, AttachmentStore store, Diagnostics diagnostics, LongConsumer bytesRead)
            throws IOException;

    /** Not used: the export calls {@link #read} instead. */
    @Override
    default InputStream open() throws IOException {
        throw new UnsupportedOperationException(label() + " is read by read(), not as a stream");
    }
}
