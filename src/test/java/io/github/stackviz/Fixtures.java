package io.github.stackviz;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Where the tests find the real fixtures: the project's copy, and the shared set when it is there. */
public final class Fixtures {
    private Fixtures() {
    }

    public static Path basedir() {
        return Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    }

    /** A file of the project's copy, {@code src/test/fixtures/<relative>}. */
    public static Path path(String relative) {
        return basedir().resolve("src/test/fixtures").resolve(relative);
    }

    /** The shared fixture folder ({@code ../shared/fixtures}), which holds {@code third-party/}; may be absent. */
    public static Optional<Path> shared() {
        Path shared = Path.of(System.getProperty("stackviz.shared", basedir().resolve("../shared").toString()))
                .resolve("fixtures").toAbsolutePath().normalize();
        return Files.isDirectory(shared.resolve("third-party")) ? Optional.of(shared) : Optional.empty();
    }
}
