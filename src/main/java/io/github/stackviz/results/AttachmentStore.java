package io.github.stackviz.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where attachments wait until their test completes: in memory while they are small and the shared
 * budget allows, in a temporary file beyond. Keeps memory bounded however large attachments get.
 * Thread-safe: parallel exports share one store and one budget.
 */
public final class AttachmentStore {
    private final Path spillDirectory;
    private final long memoryBudget;
    private final int inMemoryLimit;
    private final AtomicLong inMemory = new AtomicLong();
    private final AtomicLong spilledFiles = new AtomicLong();

    /**
     * @param spillDirectory where spill files go (created on first use)
     * @param memoryBudget   bytes all in-memory attachments together may hold
     * @param inMemoryLimit  bytes one attachment may hold in memory before it spills
     */
    public AttachmentStore(Path spillDirectory, long memoryBudget, int inMemoryLimit) {
        this.spillDirectory = spillDirectory;
        this.memoryBudget = memoryBudget;
        this.inMemoryLimit = inMemoryLimit;
    }

    /** A store sized from the heap this JVM may use: an eighth of it, at most 64 MiB. */
    public static AttachmentStore forHeap(Path spillDirectory) {
        long budget = Math.max(1 << 20, Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 8));
        return new AttachmentStore(spillDirectory, budget, (int) Math.max(256 << 10, budget / 4));
    }

    public AttachmentBuffer newBuffer() {
        return new AttachmentBuffer(this);
    }

    /**
     * Blocks of released attachments, by size (powers of two), kept for the next ones: at most the budget's worth,
     * besides the budget itself. Attachments held in memory longer (while the writer catches up, instead of
     * spilling) outlived the young generation, and with a 32 MB heap their dead blocks filled the old one: 500
     * collections, a second of pauses on 355 MB of logs. Guarded by {@code pool}.
     */
    private final ArrayDeque<byte[]>[] pool = newPool();
    private long pooled;

    @SuppressWarnings("unchecked")
    private static ArrayDeque<byte[]>[] newPool() {
        ArrayDeque<byte[]>[] pool = new ArrayDeque[32];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = new ArrayDeque<>();
        }
        return pool;
    }

    /** The size of a block for {@code bytes}: the next power of two. */
    static int blockSize(int bytes) {
        return bytes <= 1 ? 1 : Integer.highestOneBit(bytes - 1) << 1;
    }

    /** A block of {@code size} bytes (a power of two): a released one when there is one. Its content is old. */
    byte[] block(int size) {
        ArrayDeque<byte[]> free = pool[Integer.numberOfTrailingZeros(size)];
        synchronized (pool) {
            byte[] block = free.pollLast();
            if (block != null) {
                pooled -= block.length;
                return block;
            }
        }
        return new byte[size];
    }

    /** Takes the blocks of a released (or spilled) attachment back, as far as the pool has room, and clears the list. */
    void recycle(List<byte[]> blocks) {
        synchronized (pool) {
            for (byte[] block : blocks) {
                if (Integer.bitCount(block.length) == 1 && pooled + block.length <= memoryBudget) {
                    pool[Integer.numberOfTrailingZeros(block.length)].addLast(block);
                    pooled += block.length;
                }
            }
        }
        blocks.clear();
    }

    /** How many attachments went to disk so far. */
    public long spilledFiles() {
        return spilledFiles.get();
    }

    /** Bytes currently held in memory. */
    public long inMemory() {
        return inMemory.get();
    }

    int inMemoryLimit() {
        return inMemoryLimit;
    }

    /**
     * Reserves {@code bytes} of the memory budget; false when that would exceed it. When records already handed
     * to their writer hold memory, it first waits for them to free it, as long as they do (a wait in which none
     * is freed for {@link #STALL_MILLIS} ends it, and no reservation waits again until one is): the reader then
     * keeps pace with the writer instead of spilling the attachments the writer has not come to yet (300 MB of
     * logs with a 32 MB heap spilled most of their bytes, each written to disk and read back).
     */
    boolean reserve(long bytes) {
        return tryReserve(bytes) || reserveWaiting(bytes);
    }

    /** {@link #reserve}'s waiting, a method of its own: the JIT need not compile it into the reader's loop. */
    private boolean reserveWaiting(long bytes) {
        synchronized (this) {
            while (handedOver > 0 && stalledAt != frees) {
                long before = frees;
                try {
                    wait(STALL_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                if (tryReserve(bytes)) {
                    return true;
                }
                if (frees == before) {
                    stalledAt = frees; // nothing was freed: spill, and wait again only once something is
                }
            }
        }
        return tryReserve(bytes);
    }

    /** How long a reservation waits for a handed-over record to free memory before it spills instead. */
    private static final long STALL_MILLIS = 50;
    /** Frees of handed-over memory so far, and their count when a wait last ended without one (guarded by this). */
    private long frees;
    private long stalledAt = -1;

    private boolean tryReserve(long bytes) {
        while (true) {
            long used = inMemory.get();
            if (used + bytes > memoryBudget) {
                return false;
            }
            if (inMemory.compareAndSet(used, used + bytes)) {
                return true;
            }
        }
    }

    /** Bytes reserved by attachments whose record was handed to its writer, which frees them (guarded by this). */
    private long handedOver;

    /** {@code bytes} of the budget belong to a record handed to its writer: they will be freed without the reader. */
    void handOver(long bytes) {
        synchronized (this) {
            handedOver += bytes;
        }
    }

    /** Frees {@code bytes}, of which {@code handed} were handed over. */
    void free(long bytes, long handed) {
        inMemory.addAndGet(-bytes);
        if (handed > 0) {
            synchronized (this) {
                handedOver -= handed;
                frees++;
                notifyAll();
            }
        }
    }

    Path newSpillFile() {
        try {
            if (!directoryMade) {
                // once: for a folder that exists, createDirectories throws and catches an exception inside
                Files.createDirectories(spillDirectory);
                directoryMade = true;
            }
            spilledFiles.incrementAndGet();
            return Files.createTempFile(spillDirectory, "attachment-", ".bin");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a spill file in " + spillDirectory, e);
        }
    }

    /** Whether the spill folder was made (by any thread: making it twice is harmless). */
    private volatile boolean directoryMade;
}
