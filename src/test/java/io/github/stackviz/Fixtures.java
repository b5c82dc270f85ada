package io.github.stackviz;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

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

    /** A header's {@code Cmdline} row (and its line ending) not followed by a blank line. */
    private static final Pattern CMDLINE_ROW = Pattern.compile("(?m)^(\"?Cmdline:[^\n]*?(\r?\n))(?!\r?\n)");

    /**
     * A dstat log as dstat up to 0.7.2 wrote it, and the StackViz front-end reads it: a blank line after each
     * header's {@code Cmdline} row (a mechanical edit of a log recorded with a later dstat, which writes none).
     */
    public static byte[] withBlankLineAfterCmdline(byte[] log) {
        String text = new String(log, StandardCharsets.ISO_8859_1);
        return CMDLINE_ROW.matcher(text).replaceAll("$1$2").getBytes(StandardCharsets.ISO_8859_1);
    }
}
