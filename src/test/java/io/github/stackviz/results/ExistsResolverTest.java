package io.github.stackviz.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.stackviz.subunit.TestStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExistsResolverTest {
    private final List<String> passed = new ArrayList<>();
    private final ExistsResolver resolver = new ExistsResolver(r -> passed.add(r.id() + ":" + r.statusWord()));

    private void feed(String id, TestStatus status) throws Exception {
        resolver.record(new TestRecord(id, status, Set.of(), null, null, List.of()));
    }

    @Test
    void aListingIsDroppedWhenItsTestHasAResultBeforeOrAfterIt() throws Exception {
        feed("a", TestStatus.EXISTS); // listed, then run
        feed("b", TestStatus.EXISTS); // listed, never run
        feed("a", TestStatus.SUCCESS);
        feed("c", TestStatus.FAIL);
        feed("c", TestStatus.EXISTS); // run, then listed
        feed("d", TestStatus.EXISTS);
        resolver.finish();
        assertEquals(List.of("a:success", "c:fail", "b:exists", "d:exists"), passed);
        assertEquals(2, resolver.dropped());
    }

    /** The ids before the first listing are kept as a list, and become a set when a listing comes. */
    @Test
    void resultsLongBeforeTheFirstListingStillCount() throws Exception {
        for (int i = 0; i < 5000; i++) {
            feed("t" + i, TestStatus.SUCCESS);
        }
        feed("t17", TestStatus.EXISTS);
        feed("t4999", TestStatus.EXISTS);
        feed("new", TestStatus.EXISTS);
        feed("t5000", TestStatus.SUCCESS);
        feed("t5000", TestStatus.EXISTS);
        resolver.finish();
        assertEquals(5002, passed.size());
        assertEquals("new:exists", passed.get(5001));
        assertEquals(3, resolver.dropped());
    }

    @Test
    void withoutListingsEveryResultPassesInOrder() throws Exception {
        feed("x", TestStatus.SKIP);
        feed("y", TestStatus.SUCCESS);
        resolver.finish();
        assertEquals(List.of("x:skip", "y:success"), passed);
        assertEquals(0, resolver.dropped());
    }
}
