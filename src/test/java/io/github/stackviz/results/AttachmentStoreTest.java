package io.github.stackviz.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's budget: an attachment that does not fit waits for memory that records handed to their writer
 * hold (the writer frees it), and spills only when none is coming.
 */
class AttachmentStoreTest {
    @TempDir
    Path temp;

    private static final int BUDGET = 1 << 20;

    private static AttachmentBuffer filled(AttachmentStore store, int bytes) throws IOException {
        AttachmentBuffer buffer = store.newBuffer();
        buffer.append(ByteBuffer.wrap(new byte[bytes]));
        return buffer;
    }

    @Test
    void withNothingHandedOverAnAttachmentPastTheBudgetSpills() throws IOException {
        AttachmentStore store = new AttachmentStore(temp, BUDGET, BUDGET);
        AttachmentBuffer held = filled(store, BUDGET - 1000); // an open test's, say: no writer will free it
        AttachmentBuffer next = filled(store, 64 * 1024);
        assertFalse(held.spilled());
        assertTrue(next.spilled());
        assertEquals(1, store.spilledFiles());
    }

    @Test
    void anAttachmentWaitsForTheWriterToFreeWhatWasHandedOver() throws Exception {
        AttachmentStore store = new AttachmentStore(temp, BUDGET, BUDGET);
        AttachmentBuffer written = filled(store, BUDGET - 1000);
        written.handOver(); // its record is on the writer's queue
        CountDownLatch waiting = new CountDownLatch(1);
        Thread writer = new Thread(() -> {
            try {
                waiting.await();
                Thread.sleep(20); // the reader is (most likely) waiting by now; it must not have spilled
                written.release();
            } catch (InterruptedException | IOException e) {
                throw new RuntimeException(e);
            }
        });
        writer.start();
        waiting.countDown();
        AttachmentBuffer next = filled(store, 64 * 1024);
        writer.join();
        assertFalse(next.spilled(), "waited for the writer instead of spilling");
        assertEquals(0, store.spilledFiles());
        next.release();
        assertEquals(0, store.inMemory());
    }

    @Test
    void releasedBlocksServeLaterAttachmentsUpToTheBudget() throws IOException {
        AttachmentStore store = new AttachmentStore(temp, BUDGET, BUDGET);
        AttachmentBuffer first = filled(store, 3000); // one block, of the next power of two
        first.release();
        byte[] reused = store.block(4096); // the first attachment's block, back in the pool
        assertEquals(4096, reused.length);
        store.recycle(new java.util.ArrayList<>(java.util.List.of(reused)));
        AttachmentBuffer second = filled(store, 3000); // takes it
        assertTrue(store.block(4096) != reused, "the second attachment holds it");
        second.release();
        assertTrue(store.block(4096) == reused, "and gave it back");
        // the pool keeps no more than the budget: two of three half-budget blocks
        java.util.List<byte[]> halves = java.util.List.of(new byte[BUDGET / 2], new byte[BUDGET / 2],
                new byte[BUDGET / 2]);
        store.recycle(new java.util.ArrayList<>(halves));
        int fromPool = 0;
        for (int i = 0; i < 3; i++) {
            byte[] block = store.block(BUDGET / 2);
            for (byte[] half : halves) {
                fromPool += block == half ? 1 : 0;
            }
        }
        assertEquals(2, fromPool);
        assertEquals(4096, AttachmentStore.blockSize(3000));
        assertEquals(4096, AttachmentStore.blockSize(4096));
        assertEquals(8192, AttachmentStore.blockSize(4097));
    }

    @Test
    void whenTheWriterFreesNothingTheAttachmentSpillsAndTheNextDoesNotWait() throws IOException {
        AttachmentStore store = new AttachmentStore(temp, BUDGET, BUDGET);
        AttachmentBuffer stuck = filled(store, BUDGET - 1000);
        stuck.handOver(); // handed over, but never freed while the reader goes on
        AttachmentBuffer next = filled(store, 64 * 1024);
        AttachmentBuffer after = filled(store, 64 * 1024);
        assertTrue(next.spilled());
        assertTrue(after.spilled());
        stuck.release();
        next.release();
        after.release();
        assertEquals(0, store.inMemory());
    }
}
