package io.github.stackviz.sources;

import java.io.FilterInputStream;
import java.io.InputStream;

/** A subunit stream on standard input. */
public final class StdinSource implements Source {
    private final InputStream in;

    public StdinSource(InputStream in) {
        this.in = in;
    }

    @Override
    public String sourceName() {
        return "stdin";
    }

    @Override
    public int index() {
        return 0;
    }

    @Override
    public String displayName() {
        return "Subunit Stream (stdin)";
    }

    @Override
    public String label() {
        return "stdin";
    }

    @Override
    public long size() {
        return -1;
    }

    /** Standard input itself, shielded from being closed: the JVM's stdin belongs to the caller. */
    @Override
    public InputStream open() {
        return new FilterInputStream(in) {
            @Override
            public void close() {
            }
        };
    }
}
