package io.github.stackviz.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an input survived, kept short: per kind of problem the first few messages and a count, so a
 * megabyte of garbage gives a few lines, not a megabyte of log. Used by one export thread at a time.
 */
public final class Diagnostics {
    /** Messages kept per kind; the rest are counted. */
    static final int DETAILED = 3;

    private final Map<String, Kind> kinds = new LinkedHashMap<>();

    private static final class Kind {
        final List<String> messages = new ArrayList<>();
        long count;
        String summaryNoun;
    }

    /**
     * Notes one problem.
     *
     * @param kind        groups problems of one sort; also names them in the closing count
     *                    ("3 more bad packets")
     * @param message     the detailed message, kept for the first few of each kind
     */
    public void warn(String kind, String message) {
        Kind k = kinds.computeIfAbsent(kind, key -> new Kind());
        k.count++;
        k.summaryNoun = kind;
        if (k.messages.size() < DETAILED) {
            k.messages.add(message);
        }
    }

    /** How many problems of this kind were noted. */
    public long count(String kind) {
        Kind k = kinds.get(kind);
        return k == null ? 0 : k.count;
    }

    public boolean isEmpty() {
        return kinds.isEmpty();
    }

    /** The warnings to show: the detailed messages, then one line per kind for what was only counted. */
    public List<String> warnings() {
        List<String> lines = new ArrayList<>();
        for (Kind k : kinds.values()) {
            lines.addAll(k.messages);
            if (k.count > k.messages.size()) {
                lines.add("... and " + (k.count - k.messages.size()) + " more " + k.summaryNoun);
            }
        }
        return lines;
    }
}
