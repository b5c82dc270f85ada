package io.github.stackviz.results;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The bytes of one attachment, appended chunk by chunk. Held in memory in blocks until they pass the
 * store's per-attachment limit or its shared budget, then moved to a spill file that takes the rest.
 * Readable any number of times; {@link #release()} frees memory and deletes the file.
 */
public final class AttachmentBuffer {
    /** Smallest first block; a first chunk larger than it gets a block of its own size (often the only one). */
    private static final int FIRST_BLOCK = 256;
    private static final int LARGEST_BLOCK = 256 * 1024;

    private final AttachmentStore store;
    private final List<byte[]> blocks = new ArrayList<>();
    /** Bytes used in the last block. */
    private int lastUsed;
    private long size;
    private long reserved;
    /** How much of {@link #reserved} the store counts as handed over (see {@link #handOver()}). */
    private long handed;
    private Path spillFile;
    private FileChannel spill;

    AttachmentBuffer(AttachmentStore store) {
        this.store = store;
    }

    public long size() {
        return size;
    }

    /** Whether this attachment had to go to disk. */
    public boolean spilled() {
        return spillFile != null;
    }

    /** Appends the remaining bytes of {@code chunk} (its position is not changed). */
    public void append(ByteBuffer chunk) throws IOException {
        int n = chunk.remaining();
        if (n == 0) {
            return;
        }
        if (spill == null && !appendInMemory(chunk, n)) {
            spillToFile();
        }
        if (spill != null) {
            ByteBuffer data = chunk.duplicate();
            while (data.hasRemaining()) {
                spill.write(data);
            }
        }
        size += n;
    }

    /**
     * Copies the {@code n} remaining bytes of {@code chunk} into the blocks (read at absolute indexes: no view of
     * the packet is made for it), or returns false when memory may not take them.
     */
    private boolean appendInMemory(ByteBuffer chunk, int n) {
        if (size + n > store.inMemoryLimit()) {
            return false;
        }
        int from = chunk.position();
        byte[] last = blocks.isEmpty() ? null : blocks.get(blocks.size() - 1);
        int room = last == null ? 0 : last.length - lastUsed;
        if (n > room) {
            // a power of two, so that blocks of released attachments serve later ones (see AttachmentStore.block)
            int blockSize = AttachmentStore.blockSize(
                    Math.max(n - room, last == null ? FIRST_BLOCK : Math.min(LARGEST_BLOCK, last.length * 2)));
            if (!store.reserve(blockSize)) {
                return false;
            }
            reserved += blockSize;
            if (room > 0) {
                chunk.get(from, last, lastUsed, room);
                from += room;
                n -= room;
            }
            last = store.block(blockSize);
            blocks.add(last);
            lastUsed = 0;
        }
        chunk.get(from, last, lastUsed, n);
        lastUsed += n;
        return true;
    }

    private void spillToFile() throws IOException {
        spillFile = store.newSpillFile();
        spill = FileChannel.open(spillFile, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        for (int i = 0; i < blocks.size(); i++) {
            int used = i == blocks.size() - 1 ? lastUsed : blocks.get(i).length;
            ByteBuffer block = ByteBuffer.wrap(blocks.get(i), 0, used);
            while (block.hasRemaining()) {
                spill.write(block);
            }
        }
        store.recycle(blocks);
        lastUsed = 0;
        store.free(reserved, handed);
        reserved = 0;
        handed = 0;
    }

    /**
     * The bytes of an attachment held in memory, as one buffer (a view of the only block, or a copy of
     * them all).
     *
     * @throws IllegalStateException when the attachment was spilled to disk
     */
    ByteBuffer inMemoryBytes() {
        if (spillFile != null) {
            throw new IllegalStateException("attachment is on disk");
        }
        if (blocks.size() == 1) {
            return ByteBuffer.wrap(blocks.get(0), 0, lastUsed);
        }
        ByteBuffer all = ByteBuffer.allocate((int) size);
        for (int i = 0; i < blocks.size(); i++) {
            all.put(blocks.get(i), 0, i == blocks.size() - 1 ? lastUsed : blocks.get(i).length);
        }
        return all.flip();
    }

    /** Reads the whole attachment from its start. */
    public InputStream open() throws IOException {
        if (spillFile != null) {
            // what the channel wrote is in the file system's cache, visible to this new reader
            return Files.newInputStream(spillFile);
        }
        List<InputStream> parts = new ArrayList<>(blocks.size());
        for (int i = 0; i < blocks.size(); i++) {
            int used = i == blocks.size() - 1 ? lastUsed : blocks.get(i).length;
            parts.add(new ByteArrayInputStream(blocks.get(i), 0, used));
        }
        return new SequenceInputStream(Collections.enumeration(parts));
    }

    /** Writes the whole attachment to {@code out}. */
    public void writeTo(OutputStream out) throws IOException {
        if (spillFile != null) {
            try (FileChannel in = FileChannel.open(spillFile)) {
                in.transferTo(0, in.size(), Channels.newChannel(out));
            }
            return;
        }
        writeBlocksTo(out);
    }

    /**
     * Writes the whole attachment to {@code out} in large writes: each block held in memory in one, a spill
     * file read into {@code buffer} (the caller's, reused) a buffer at a time.
     */
    public void writeTo(OutputStream out, byte[] buffer) throws IOException {
        if (spillFile == null) {
            writeBlocksTo(out);
            return;
        }
        try (FileChannel in = FileChannel.open(spillFile)) {
            ByteBuffer into = ByteBuffer.wrap(buffer);
            while (in.read(into.clear()) >= 0) {
                out.write(buffer, 0, into.position());
            }
        }
    }

    private void writeBlocksTo(OutputStream out) throws IOException {
        for (int i = 0; i < blocks.size(); i++) {
            out.write(blocks.get(i), 0, i == blocks.size() - 1 ? lastUsed : blocks.get(i).length);
        }
    }

    /**
     * Tells the store that this attachment, complete, is in the hands of a writer that will release it: a
     * reader short of memory may wait for that instead of spilling. Called once, by the thread that appended.
     */
    public void handOver() {
        if (reserved > handed) {
            store.handOver(reserved - handed);
            handed = reserved;
        }
    }

    /** Frees the memory and deletes the spill file; the buffer must not be used afterwards. */
    public void release() throws IOException {
        store.recycle(blocks);
        store.free(reserved, handed);
        reserved = 0;
        handed = 0;
        if (spill != null) {
            spill.close();
            spill = null;
            Files.deleteIfExists(spillFile);
        }
    }
}
