package io.github.stackviz.results;

/**
 * StackViz's cleaning of test ids into the names it shows: the reference's regular expressions
 * {@code ^(.+)\[(.+)\]$} and {@code ^(.+) \((.+)\)$}, matched by hand because they run for every test and
 * backtrack. As in Python's {@code re}, '.' matches anything but {@code \n} and '$' also matches before a
 * final {@code \n}; the greedy first group makes the last possible bracket the one that splits.
 */
public final class TestNames {

    private TestNames() {
    }

    /**
     * Drops a trailing {@code [tags]} part ({@code test_x[id-1,smoke]} becomes {@code test_x}); else turns
     * {@code name (pkg.Cls)} into {@code pkg.Cls.name}; else returns the id unchanged.
     */
    public static String clean(String id) {
        int end = id.endsWith("\n") ? id.length() - 1 : id.length(); // where '$' matches
        if (end < 4) {
            return id; // too short for either form
        }
        char last = id.charAt(end - 1);
        if (last != ']' && last != ')' || id.lastIndexOf('\n', end - 1) >= 0) {
            return id; // neither form, or a '\n' that '.' cannot match
        }
        if (last == ']') {
            // "(.+)\[(.+)\]": a '[' after at least one character, followed by at least one before the ']'
            int open = id.lastIndexOf('[', end - 3);
            if (open >= 1) {
                return id.substring(0, open);
            }
        }
        if (last == ')') {
            // "(.+) \((.+)\)": " (" after at least one character, followed by at least one before the ')'
            int open = id.lastIndexOf(" (", end - 4);
            if (open >= 1) {
                return id.substring(open + 2, end - 1) + "." + id.substring(0, open);
            }
        }
        return id;
    }
}
