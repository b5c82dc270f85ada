package io.github.stackviz.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PythonTextTest {

    /** Python's {@code text.strip().splitlines()[-2:]}, the slow way: split everything. */
    static List<String> oracle(String text) {
        int from = 0;
        int to = text.length();
        while (from < to && PythonText.isSpace(text.charAt(from))) {
            from++;
        }
        while (to > from && PythonText.isSpace(text.charAt(to - 1))) {
            to--;
        }
        String stripped = text.substring(from, to);
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < stripped.length(); i++) {
            char c = stripped.charAt(i);
            if (PythonText.isLineBreak(c)) {
                lines.add(stripped.substring(start, i));
                if (c == '\r' && i + 1 < stripped.length() && stripped.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < stripped.length()) {
            lines.add(stripped.substring(start));
        }
        return lines.subList(Math.max(0, lines.size() - 2), lines.size());
    }

    @Test
    void lastTwoLinesAgreeWithSplittingEverything() {
        // line breaks, whitespace that is no line break, and letters, in every order
        char[] alphabet = {'a', 'b', ' ', '\t', '\n', '\r', '\u000b', '\u000c', '\u001c', '\u001f', '\u0085',
            '\u00a0', '\u2028', '\u2029', '\u3000', 'x'};
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 50_000; i++) {
            char[] text = new char[random.nextInt(12)];
            for (int j = 0; j < text.length; j++) {
                text[j] = alphabet[random.nextInt(alphabet.length)];
            }
            String s = new String(text);
            assertEquals(oracle(s), PythonText.lastTwoLines(s), () -> "for " + s.chars().mapToObj(
                    c -> String.format("\\u%04x", c)).toList());
        }
    }

    @Test
    void aCarriageReturnAndLineFeedAreOneBreak() {
        assertEquals(List.of("one", "two"), PythonText.lastTwoLines("zero\r\none\r\ntwo\r\n"));
        assertEquals(List.of("", "two"), PythonText.lastTwoLines("one\r\r\ntwo"));
    }

    @Test
    void tailKeepsTheLastCharactersOfALongText() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            text.append(i % 10);
        }
        assertEquals(text.substring(text.length() - 1000), PythonText.tail(new StringReader(text.toString()), 1000));
        assertEquals("short", PythonText.tail(new StringReader("short"), 1000));
    }
}
