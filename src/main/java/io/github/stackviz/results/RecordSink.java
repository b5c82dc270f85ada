package io.github.stackviz.results;

import java.io.IOException;

/** Receives completed test records, in completion order. */
public interface RecordSink {

    /** Takes ownership of {@code record}: the sink must {@link TestRecord#release()} it when done. */
    void record(TestRecord record) throws IOException;
}
