package io.github.stackviz.results;

import io.github.stackviz.subunit.TestStatus;
import io.github.stackviz.util.LongIntMap;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Resolves {@code exists} records (test listings, such as the one python-subunit's runner sends before
 * running): one whose test id also has a real result in the stream, before or after it, is dropped;
 * one that never does is kept, with status {@code exists}. Kept listings are passed on at the end, in
 * the order they arrived, because only then is it known that no result follows.
 */
public final class ExistsResolver implements RecordSink {
    private final RecordSink next;
    private final List<TestRecord> held = new ArrayList<>();
    /**
     * 64-bit hashes of every id that had a real result, so a later listing of it can be dropped: kept in
     * arrival order until the first listing comes (most streams have none), then as a set.
     */
    private long[] realIdList = new long[1024];
    private int realIdCount;
    private LongIntMap realIds;
    private long dropped;

    public ExistsResolver(RecordSink next) {
        this.next = next;
    }

    @Override
    public void record(TestRecord record) throws IOException {
        if (record.status() == TestStatus.EXISTS) {
            if (hadResult(record)) {
                dropped++;
                record.release();
            } else {
                held.add(record);
            }
            return;
        }
        long id = LongIntMap.hash64(record.id());
        if (realIds != null) {
            realIds.put(id, 0);
        } else {
            if (realIdCount == realIdList.length) {
                realIdList = Arrays.copyOf(realIdList, realIdCount * 2);
            }
            realIdList[realIdCount++] = id;
        }
        next.record(record);
    }

    private boolean hadResult(TestRecord record) {
        if (realIds == null) {
            realIds = new LongIntMap();
            for (int i = 0; i < realIdCount; i++) {
                realIds.put(realIdList[i], 0);
            }
            realIdList = null;
        }
        return realIds.containsKey(LongIntMap.hash64(record.id()));
    }

    /** Passes on the listings that never got a result; call once, at the end. */
    public void finish() throws IOException {
        for (TestRecord record : held) {
            if (hadResult(record)) {
                dropped++;
                record.release();
            } else {
                next.record(record);
            }
        }
        held.clear();
    }

    /** How many {@code exists} records were dropped because their test has a result. */
    public long dropped() {
        return dropped;
    }
}
