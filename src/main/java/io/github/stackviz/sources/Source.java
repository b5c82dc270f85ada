package io.github.stackviz.sources;

import java.io.IOException;
import java.io.InputStream;

/** One run to export: where its subunit bytes come from, and how the export names it. */
public interface Source {

    /** The {@code <source>} part of the data file names: {@code file_a.subunit}, {@code stdin}, {@code repo_x}. */
    String sourceName();

    /** The run's index within its source ({@code <i>} in the file names): 0 but for repository runs. */
    int index();

    /** The {@code name} of its config.json entry: {@code Subunit File: a.subunit}. */
    String displayName();

    /**
     * The {@code name} of its entry when the run is one module's in a multi-module build's report:
     * {@code alpha: Subunit File: a.subunit}.
     */
    default String displayName(String module) {
        return module + ": " + displayName();
    }

    /** How log lines name it: the path, or {@code stdin}. */
    String label();

    /** Its size in bytes, or -1 when unknown (stdin). */
    long size();

    /** Opens the bytes; called once. */
    InputStream open() throws IOException;
}
