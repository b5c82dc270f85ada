package io.github.stackviz.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** What the filter replaces, also when a reference or a surrogate pair is split between two reads. */
class XmlCharFilterTest {

    /** A reader that gives at most {@code step} characters a read. */
    private static Reader trickle(String text, int step) {
        return new Reader() {
            private final StringReader in = new StringReader(text);

            @Override
            public int read(char[] buffer, int off, int len) throws IOException {
                return in.read(buffer, off, Math.min(len, step));
            }

            @Override
            public void close() {
            }
        };
    }

    private static String filter(String text, int step, int readSize) throws IOException {
        XmlCharFilter filter = new XmlCharFilter(trickle(text, step));
        StringWriter out = new StringWriter();
        char[] buffer = new char[readSize];
        for (int n; (n = filter.read(buffer, 0, readSize)) >= 0; ) {
            out.write(buffer, 0, n);
        }
        return out.toString();
    }

    @Test
    void replacesForbiddenCharactersAndReferencesWhereverTheReadsSplitThem() throws IOException {
        String text = "a&#27;[31m\u0001b&#x1B;&#9;&#x10000;&amp;&#65;\uD83D\uDE00\uD800x\uDC00\uFFFE&#0;&#;&#xZ;\t\n\r";
        String expected = "a\uFFFD[31m\uFFFDb\uFFFD&#9;&#x10000;&amp;&#65;\uD83D\uDE00\uFFFDx\uFFFD\uFFFD\uFFFD&#;&#xZ;\t\n\r";
        for (int step = 1; step <= text.length(); step++) {
            for (int readSize : new int[] {1, 2, 3, 7, 64}) {
                assertEquals(expected, filter(text, step, readSize), "reads of " + step + ", asked " + readSize);
            }
        }
    }

    @Test
    void countsWhatItReplaced() throws IOException {
        XmlCharFilter filter = new XmlCharFilter(new StringReader("&#27;\u0001ok"));
        filter.transferTo(new StringWriter());
        assertEquals(2, filter.replaced());
    }
}
