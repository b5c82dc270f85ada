package io.github.stackviz.export;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/** Python's {@code str.strip()} and {@code str.splitlines()}, which the stats rules are written in. */
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

    static String strip(CharSequence text) {
        int start = 0;
        int end = text.length();
        while (start < end && isSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.subSequence(start, end).toString();
    }

    static List<String> splitlines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (isLineBreak(c)) {
                lines.add(text.substring(start, i));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
            i++;
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    /**
     * The end of a text of any length: its last {@code limit} characters, read through once.
     *
     * @return the whole text when it is not longer than {@code limit}; else its tail, and
     *         {@link Tail#truncated()} says so
     */
    static Tail tail(Reader reader, int limit) throws IOException {
        char[] ring = new char[limit];
        long total = 0;
        char[] buffer = new char[8192];
        int n;
        while ((n = reader.read(buffer)) > 0) {
            for (int i = 0; i < n; i++) {
                ring[(int) (total++ % limit)] = buffer[i];
            }
        }
        if (total <= limit) {
            return new Tail(new String(ring, 0, (int) total), false);
        }
        int head = (int) (total % limit);
        return new Tail(new String(ring, head, limit - head) + new String(ring, 0, head), true);
    }

    record Tail(String text, boolean truncated) {
    }
}
