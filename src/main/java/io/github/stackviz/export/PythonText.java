package io.github.stackviz.export;

import java.io.IOException;
import java.io.Reader;
import java.util.List;

/** The parts of Python's {@code str.strip()} and {@code str.splitlines()} the stats rules are written in. */
final class PythonText {
    private PythonText() {
    }

    /** {@code str.isspace()} for one UTF-16 unit (Python's whitespace includes \x1c-\x1f and NBSP). */
    static boolean isSpace(char c) {
        switch (c) {
            case ' ', '\t', '\n', 0x0B, '\f', '\r', 0x1C, 0x1D, 0x1E, 0x1F, 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F,
                    0x205F, 0x3000:
                return true;
            default:
                return c >= 0x2000 && c <= 0x200A;
        }
    }

    /** Whether {@code c} ends a line for {@code str.splitlines()}. */
    static boolean isLineBreak(char c) {
        switch (c) {
            case '\n', '\r', 0x0B, '\f', 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029:
                return true;
            default:
                return false;
        }
    }

    /**
     * {@code text.strip().splitlines()[-2:]}, found from the end without splitting the rest: the last
     * two lines (or the only one, or none), where a {@code "\r\n"} pair is one line break.
     */
    static List<String> lastTwoLines(CharSequence text) {
        int start = 0;
        int end = text.length();
        while (start < end && isSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(text.charAt(end - 1))) {
            end--;
        }
        if (start == end) {
            return List.of();
        }
        // stripped text neither starts nor ends with a line break (every break is whitespace)
        int lastStart = lineStart(text, start, end);
        String last = text.subSequence(lastStart, end).toString();
        if (lastStart == start) {
            return List.of(last);
        }
        int breakStart = lastStart - 1;
        if (text.charAt(breakStart) == '\n' && breakStart > start && text.charAt(breakStart - 1) == '\r') {
            breakStart--;
        }
        int previousStart = lineStart(text, start, breakStart);
        return List.of(text.subSequence(previousStart, breakStart).toString(), last);
    }

    /** Where the line that ends at {@code end} starts: after the last line break before it. */
    private static int lineStart(CharSequence text, int from, int end) {
        int i = end;
        while (i > from && !isLineBreak(text.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    /**
     * The end of a text of any length: its last {@code limit} characters, read through once, holding
     * at most twice that many.
     */
    static String tail(Reader reader, int limit) throws IOException {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        int n;
        while ((n = reader.read(buffer)) > 0) {
            text.append(buffer, 0, n);
            if (text.length() > 2 * limit) {
                text.delete(0, text.length() - limit);
            }
        }
        return text.length() > limit ? text.substring(text.length() - limit) : text.toString();
    }
}
