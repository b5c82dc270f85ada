package io.github.stackviz.sources;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** One stored run of a test repository. */
public final class RepositoryRunSource implements Source {
    private final Path run;
    private final String sourceName;
    private final String folderName;
    private final int index;
    private final boolean several;

    /**
     * @param sourceName {@code repo_<holder name>}, with a suffix when another repository has that name
     * @param index      the run's place among the exported runs of its repository, oldest first
     * @param several    whether the repository exports more than one run (names then get " (i)")
     */
    RepositoryRunSource(Path run, String sourceName, String folderName, int index, boolean several) {
        this.run = run;
        this.sourceName = sourceName;
        this.folderName = folderName;
        this.index = index;
        this.several = several;
    }

    @Override
    public String sourceName() {
        return sourceName;
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public String displayName() {
        return "Repository: " + folderName + (several ? " (" + index + ")" : "");
    }

    @Override
    public String label() {
        return run.toString();
    }

    @Override
    public long size() {
        try {
            return Files.size(run);
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public InputStream open() throws IOException {
        return Files.newInputStream(run);
    }
}
