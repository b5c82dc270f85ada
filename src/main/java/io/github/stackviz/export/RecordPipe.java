package io.github.stackviz.export;

import io.github.stackviz.results.RecordSink;
import io.github.stackviz.results.TestRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Hands records to a thread of their own that writes them, in batches, so reading a run and writing it
 * use two cores. A failure of the writing thread is thrown to the reading one at its next call; from then
 * on the records that still arrive are only released.
 */
final class RecordPipe implements RecordSink, AutoCloseable {
    private static final int BATCH = 256;
    /** Batches waiting at most: bounds the records (not their attachments, which the store bounds) in flight. */
    private static final int QUEUED = 8;
    private static final List<TestRecord> END = new ArrayList<>(0);

    private final BlockingQueue<List<TestRecord>> queue = new ArrayBlockingQueue<>(QUEUED);
    private final Thread thread;
    private volatile Throwable failure;
    private List<TestRecord> batch = new ArrayList<>(BATCH);
    private boolean ended;

    RecordPipe(RecordSink sink, String threadName) {
        thread = new Thread(() -> drain(sink), threadName);
        thread.setDaemon(true);
        thread.start();
    }

    private void drain(RecordSink sink) {
        try {
            while (true) {
                List<TestRecord> records = queue.take();
                if (records == END) {
                    return;
                }
                for (TestRecord record : records) {
                    if (failure == null) {
                        try {
                            sink.record(record);
                        } catch (Throwable e) {
                            failure = e;
                        }
                    } else {
                        releaseQuietly(record);
                    }
                }
            }
        } catch (InterruptedException e) {
            // close() after a failed read: nothing more comes
        }
    }

    @Override
    public void record(TestRecord record) throws IOException {
        rethrowFailure();
        batch.add(record);
        if (batch.size() == BATCH) {
            put(batch);
            batch = new ArrayList<>(BATCH);
        }
    }

    /** Hands on the last records and waits until all are written. */
    void finish() throws IOException {
        put(batch);
        batch = new ArrayList<>(0);
        put(END);
        ended = true;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the records were written", e);
        }
        rethrowFailure();
    }

    private void put(List<TestRecord> records) throws IOException {
        try {
            queue.put(records);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while handing on records", e);
        }
    }

    private void rethrowFailure() throws IOException {
        Throwable e = failure;
        if (e == null) {
            return;
        }
        if (e instanceof IOException io) {
            throw io;
        }
        if (e instanceof UncheckedIOException io) {
            throw io.getCause();
        }
        if (e instanceof RuntimeException re) {
            throw re;
        }
        if (e instanceof Error error) {
            throw error;
        }
        throw new IOException(e);
    }

    /** Stops the writing thread when {@link #finish()} was not reached, and releases what it did not take. */
    @Override
    public void close() {
        if (ended) {
            return;
        }
        ended = true;
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (List<TestRecord> records : queue) {
            records.forEach(RecordPipe::releaseQuietly);
        }
        queue.clear();
        batch.forEach(RecordPipe::releaseQuietly);
    }

    private static void releaseQuietly(TestRecord record) {
        try {
            record.release();
        } catch (IOException | RuntimeException e) {
            // its spill file goes with the staging folder
        }
    }
}
