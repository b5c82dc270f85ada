package io.github.stackviz.sources;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A subunit stream file. */
public final class StreamFileSource implements Source {
    private final Path path;
    private final String sourceName;

    /**
     * @param sourceName {@code file_<basename>}, with a suffix when another input has the same basename
     */
    StreamFileSource(Path path, String sourceName) {
        this.path = path;
        this.sourceName = sourceName;
    }

    public Path path() {
        return path;
    }

    @Override
    public String sourceName() {
        return sourceName;
    }

    @Override
    public int index() {
        return 0;
    }

    @Override
    public String displayName() {
        return "Subunit File: " + path.getFileName();
    }

    @Override
    public String label() {
        return path.toString();
    }

    @Override
    public long size() {
        try {
            return Files.size(path);
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public InputStream open() throws IOException {
        return Files.newInputStream(path);
    }
}
