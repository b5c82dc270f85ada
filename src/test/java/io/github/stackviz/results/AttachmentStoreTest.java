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
