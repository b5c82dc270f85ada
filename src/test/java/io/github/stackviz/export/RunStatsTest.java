package io.github.stackviz.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The failure-details rule: strip().splitlines()[-2:], the last line only unless it holds "Details". */
class RunStatsTest {

    static List<String> lastLines(String traceback) throws IOException {
        return RunStats.lastLines(() -> new StringReader(traceback));
    }

    @Test
    void keepsTheLastLine() throws IOException {
        assertEquals(List.of("ValueError: boom"),
                lastLines("Traceback (most recent call last):\n  File \"x.py\", line 1\nValueError: boom\n"));
    }

    @Test
    void keepsTwoLinesWhenTheLastMentionsDetails() throws IOException {
        assertEquals(List.of("AssertionError: 1 != 2", "Details: see log"),
                lastLines("Traceback:\nAssertionError: 1 != 2\nDetails: see log\n\n"));
    }

    @Test
    void aOneLineTracebackIsThatLine() throws IOException {
        assertEquals(List.of("boom"), lastLines("  boom  \n"));
    }

    @Test
    void aBlankTracebackHasNoLines() throws IOException {
        assertNull(lastLines(" \n\t\n"));
    }

    @Test
    void linesEndAsPythonSplitsThem() throws IOException {
        assertEquals(List.of("last"), lastLines("a\r\nb\rc\u000bd\u2028last\u0085 \n"));
        assertEquals(List.of("x\u001fy"), lastLines("a\nx\u001fy\u001f"), "\\x1f is whitespace but no line end");
    }

    @Test
    void readsOnlyTheTailOfAHugeTraceback() throws IOException {
        String huge = "frame\n".repeat(1_000_000) + "RuntimeError: at the end\n";
        assertEquals(List.of("RuntimeError: at the end"), lastLines(huge));
    }
}
