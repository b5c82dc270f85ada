package io.github.stackviz.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.stackviz.results.TestRecord;
import io.github.stackviz.subunit.TestStatus;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class RecordPipeTest {

    static TestRecord record(int i) {
        return new TestRecord("t" + i, TestStatus.SUCCESS, Set.of(), null, null, List.of());
    }

    @Test
    void everyRecordArrivesInOrderByFinish() throws IOException {
        List<String> seen = new ArrayList<>();
        try (RecordPipe<TestRecord> pipe = new RecordPipe<>(r -> seen.add(((TestRecord) r).id()), TestRecord::release,
                "test")) {
            for (int i = 0; i < 10_000; i++) {
                pipe.accept(record(i));
            }
            pipe.finish();
        }
        assertEquals(10_000, seen.size());
        for (int i = 0; i < seen.size(); i++) {
            assertEquals("t" + i, seen.get(i));
        }
    }

    @Test
    void aWriteFailureReachesTheReaderWithoutDeadlock() {
        IOException disk = new IOException("disk full");
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            RecordPipe<TestRecord> pipe = new RecordPipe<>(r -> {
                throw disk;
            }, TestRecord::release, "test");
            IOException thrown = assertThrows(IOException.class, () -> {
                // far more than the queue holds: the reader must not block on a dead writer
                for (int i = 0; i < 100_000; i++) {
                    pipe.accept(record(i));
                }
                pipe.finish();
            });
            assertSame(disk, thrown);
            pipe.close();
        });
    }

    @Test
    void closingWithoutFinishStopsTheWriterThread() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            CountDownLatch blocked = new CountDownLatch(1);
            RecordPipe<TestRecord> pipe = new RecordPipe<>(r -> {
                blocked.countDown();
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, TestRecord::release, "test");
            for (int i = 0; i < 300; i++) {
                pipe.accept(record(i));
            }
            pipe.accept(record(-1));
            // the first batch went to the writer, which now hangs in its sink; the rest wait
            blocked.await();
            pipe.close(); // a failed read: must return, not wait a minute
        });
    }
}
