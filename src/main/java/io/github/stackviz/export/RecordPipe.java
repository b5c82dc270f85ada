package io.github.stackviz.export;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Hands items (records) to a thread of their own that works on them, in batches, so reading a run and
 * writing it use several cores. A failure of that thread is thrown to the handing one at its next call;
 * from then on the items that still arrive are only released.
 *
 * @param <T> what is handed on
 */
final class RecordPipe<T> implements AutoCloseable {
    /**
     * The work done on each item, on the pipe's thread; it must release the item (a {@code T}).
     *
     * <p>It takes an {@code Object}, not a {@code T}, and the class doing the work implements it itself: a
     * lambda, a method reference, or javac's bridge method for a typed parameter is a one-line wrapper,
     * and the JIT's C2 compiler (on two cores it used 4.5 s of CPU in a 13 s run) compiled such a wrapper
     * with the work inlined as well as the work on its own. Without wrappers C2 used 0.45 s less CPU per
     * run on tests-300 (means of 7 runs each, less in 6 of 7 pairs).
     */
    interface Stage {
        void record(Object item) throws IOException;
    }

    /** Frees an item that no stage will see. */
    interface Release<T> {
        void release(T item) throws IOException;
    }

    /**
     * Items a batch: small enough that a batch is still in the CPU's caches when the other thread takes it
     * (64 against 256: core 7.61 against 7.93 s and 8.16 against 9.10 s in alternating series, faster in 5
     * of 7 and 6 of 7; 16 was slower than both).
     */
    private static final int BATCH = 64;
    /** Batches waiting at most: bounds the records (not their attachments, which the store bounds) in flight. */
    private static final int QUEUED = 8;
    private final List<T> end = new ArrayList<>(0);

    private final BlockingQueue<List<T>> queue = new ArrayBlockingQueue<>(QUEUED);
    private final Release<T> release;
    private final Thread thread;
    private volatile Throwable failure;
    private List<T> batch = new ArrayList<>(BATCH);
    private boolean ended;

    RecordPipe(Stage stage, Release<T> release, String threadName) {
        this.release = release;
        thread = new Thread(() -> drain(stage), threadName);
        thread.setDaemon(true);
        thread.start();
    }

    private void drain(Stage stage) {
        try {
            while (true) {
                List<T> items = queue.take();
                if (items == end) {
                    return;
                }
                for (T item : items) {
                    if (failure == null) {
                        try {
                            stage.record(item);
                        } catch (Throwable e) {
                            failure = e;
                        }
                    } else {
                        releaseQuietly(item);
                    }
                }
            }
        } catch (InterruptedException e) {
            // close() after a failed read: nothing more comes
        }
    }

    /** Hands on one item. */
    void accept(T item) throws IOException {
        accept(item, 0);
    }

    /**
     * Hands on one item that weighs {@code bytes} (its attachments): a batch goes as soon as its items weigh
     * {@link #BATCH_BYTES} together, so that the memory of attachments waits on the queue, where the other
     * thread frees it, rather than in a batch not yet handed on (a reader short of memory waits for that thread
     * then, see {@code AttachmentStore.reserve}).
     */
    void accept(T item, long bytes) throws IOException {
        rethrowFailure();
        batch.add(item);
        batchBytes += bytes;
        if (batch.size() == BATCH || batchBytes >= BATCH_BYTES) {
            handOver();
        }
    }

    /** Attachment bytes that make a batch go before it has {@link #BATCH} items. */
    static final long BATCH_BYTES = 256 * 1024;
    private long batchBytes;

    private void handOver() throws IOException {
        for (T item : batch) {
            queued.queued(item);
        }
        put(batch);
        batch = new ArrayList<>(BATCH);
        batchBytes = 0;
    }

    /** Told of each item as its batch goes on the queue (before the other thread can take it). */
    interface Queued<T> {
        void queued(T item);
    }

    private Queued<T> queued = item -> { };

    /** Sets what is told of each item as its batch goes on the queue. */
    void onQueued(Queued<T> queued) {
        this.queued = queued;
    }

    /** Hands on the last records and waits until all are written. */
    void finish() throws IOException {
        handOver();
        put(end);
        ended = true;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the records were written", e);
        }
        rethrowFailure();
    }

    private void put(List<T> items) throws IOException {
        try {
            queue.put(items);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while handing on records", e);
        }
    }

    private void rethrowFailure() throws IOException {
        Throwable e = failure;
        if (e != null) {
            OtherThreads.rethrow(e);
        }
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
        for (List<T> items : queue) {
            items.forEach(this::releaseQuietly);
        }
        queue.clear();
        batch.forEach(this::releaseQuietly);
    }

    private void releaseQuietly(T item) {
        try {
            release.release(item);
        } catch (IOException | RuntimeException e) {
            // its spill file goes with the staging folder
        }
    }
}
