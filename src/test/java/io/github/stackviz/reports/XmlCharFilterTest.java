package io.github.stackviz.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * What the filter replaces, also when a reference or a surrogate pair is split between two reads, and the
 * Surefire properties block it leaves out.
 */
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

    /** A real Surefire report (its properties block is 60 lines, 6 KB). */
    private static final Path REPORT = Path.of("src/test/fixtures/junit/parallel/surefire-reports/"
            + "TEST-demo.CalculatorTest.xml");

    private static long lines(String text) {
        return text.chars().filter(c -> c == '\n').count();
    }

    @Test
    void leavesOutSurefiresPropertiesBlockButItsLineBreaksWhereverTheReadsSplitIt() throws IOException {
        String report = Files.readString(REPORT, StandardCharsets.UTF_8);
        int from = report.indexOf("<properties>");
        int to = report.indexOf("</properties>") + "</properties>".length();
        assertTrue(from > 0 && to > from && report.substring(from, to).contains("<property "), "a real block");
        String block = report.substring(from, to);
        String expected = report.substring(0, from) + block.replaceAll("[^\n]", "") + report.substring(to);
        for (int step : new int[] {1, 2, 5, 12, 13, 14, 100, 8192, report.length()}) {
            for (int readSize : new int[] {1, 7, 8192}) {
                String out = filter(report, step, readSize);
                assertEquals(expected, out, "reads of " + step + ", asked " + readSize);
                assertEquals(lines(report), lines(out));
            }
        }
    }

    @Test
    void leavesTheBlockOutWithWhatItHolds() throws IOException {
        String report = "<?xml version=\"1.0\"?>\n<testsuite name=\"a>b\" x='\"/'>\n  <properties>\n"
                + "    <property name=\"p\" value=\"&#27;\u0001\"/>\n  </properties>\n  <testcase name=\"t\"/>\n"
                + "</testsuite>\n";
        XmlCharFilter filter = new XmlCharFilter(new StringReader(report));
        StringWriter out = new StringWriter();
        filter.transferTo(out);
        assertEquals("<?xml version=\"1.0\"?>\n<testsuite name=\"a>b\" x='\"/'>\n  \n\n\n  <testcase name=\"t\"/>\n"
                + "</testsuite>\n", out.toString());
        assertEquals(0, filter.replaced(), "characters never read are not looked at");
    }

    @Test
    void keepsPropertiesWhereTheFileDoesNotStartAsSurefireWritesIt() throws IOException {
        String block = "<properties>\n<property name=\"p\" value=\"v\"/>\n</properties>";
        for (String start : new String[] {
                "<!-- a comment --><testsuite>", // not Surefire's layout
                "<testsuites><testsuite>", // several suites
                "<testsuite name=\"s\"/><!-- -->", // an empty suite
                "<testsuite name=\"s\"><testcase/>", // the block after a test
                "<testsuitex>", // another element
                "<testsuite name=\"s>", // a value that does not end
        }) {
            String text = "<?xml version=\"1.0\"?>" + start + block + "</testsuite>";
            assertEquals(text, filter(text, 8192, 8192), start);
        }
    }

    @Test
    void aBlockCutOffLeavesOnlyItsLineBreaks() throws IOException {
        String text = "<testsuite>\n<properties>\n<property name=\"p\" value=\"v\"/>\n</propert";
        for (int step : new int[] {1, 3, 8192}) {
            String out = filter(text, step, 64);
            assertEquals("<testsuite>\n\n\n", out, "reads of " + step);
            assertFalse(out.contains("property"));
        }
    }
}
