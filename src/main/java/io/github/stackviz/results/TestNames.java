package io.github.stackviz.results;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** StackViz's cleaning of test ids into the names it shows. */
public final class TestNames {
    // UNIX_LINES makes '.' and '$' behave as in Python's re: only '\n' is a line end.
    private static final Pattern WITH_TAGS = Pattern.compile("^(.+)\\[(.+)\\]$", Pattern.UNIX_LINES);
    private static final Pattern WITH_SCENARIO = Pattern.compile("^(.+) \\((.+)\\)$", Pattern.UNIX_LINES);

    private TestNames() {
    }

    /**
     * Drops a trailing {@code [tags]} part ({@code test_x[id-1,smoke]} becomes {@code test_x}); else turns
     * {@code name (pkg.Cls)} into {@code pkg.Cls.name}; else returns the id unchanged.
     */
    public static String clean(String id) {
        if (id.indexOf(']') >= 0) {
            Matcher m = WITH_TAGS.matcher(id);
            if (m.find()) {
                return m.group(1);
            }
        }
        if (id.indexOf(')') >= 0) {
            Matcher m = WITH_SCENARIO.matcher(id);
            if (m.find()) {
                return m.group(2) + "." + m.group(1);
            }
        }
        return id;
    }
}
