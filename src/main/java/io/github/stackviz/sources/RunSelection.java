package io.github.stackviz.sources;

import java.util.List;
import java.util.Locale;

/** Which runs of a repository to export: {@code all}, {@code latest}, or the latest {@code n}. */
public record RunSelection(int latest) {
    public static final RunSelection ALL = new RunSelection(Integer.MAX_VALUE);

    /**
     * @throws IllegalArgumentException with a message for the user when the text is none of those
     */
    public static RunSelection parse(String text) {
        String value = text == null ? "all" : text.strip().toLowerCase(Locale.ROOT);
        if (value.isEmpty() || value.equals("all")) {
            return ALL;
        }
        if (value.equals("latest")) {
            return new RunSelection(1);
        }
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return new RunSelection(n);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("repositoryRuns must be all, latest or a number of runs above 0, not '"
                + text + "'");
    }

    /** The selected runs of a list ordered oldest first, still oldest first. */
    public <T> List<T> select(List<T> runs) {
        return runs.subList(Math.max(0, runs.size() - latest), runs.size());
    }

    @Override
    public String toString() {
        return latest == Integer.MAX_VALUE ? "all" : latest == 1 ? "latest" : Integer.toString(latest);
    }
}
