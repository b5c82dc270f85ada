package io.github.stackviz.sources;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A test repository as testrepository ({@code .testrepository}) and stestr ({@code .stestr}) keep it:
 * a {@code format} file holding {@code 1}, a {@code next-stream} counter, and one file per run named by
 * its number, holding the run as subunit (v1 text, as both tools store it). See repositories.md.
 *
 * @param folder     the repository folder itself
 * @param holderName the real name of the folder that holds it, which names the export
 * @param note       a remark for the user about how the path was read, or {@code null}
 */
public record TestRepository(Path folder, String holderName, String note) {
    static final String TESTREPOSITORY = ".testrepository";
    static final String STESTR = ".stestr";

    /**
     * Finds the repository a path names: the repository folder itself, or a folder that holds one. A
     * folder holding both kinds gives the {@code .testrepository} (the kind the original tool reads),
     * with a note saying how to pick the other.
     *
     * @return {@code null} when the path is no repository and holds none
     */
    public static TestRepository find(Path path) throws IOException {
        Path real = path.toRealPath();
        if (isRepository(real)) {
            return new TestRepository(real, nameOf(real.getParent()), null);
        }
        Path testrepository = real.resolve(TESTREPOSITORY);
        Path stestr = real.resolve(STESTR);
        boolean hasTestr = isRepository(testrepository);
        boolean hasStestr = isRepository(stestr);
        if (hasTestr) {
            String note = hasStestr ? path + " holds both " + TESTREPOSITORY + " and " + STESTR + ": exported "
                    + TESTREPOSITORY + "; name " + path.resolve(STESTR) + " to export the other" : null;
            return new TestRepository(testrepository, nameOf(real), note);
        }
        return hasStestr ? new TestRepository(stestr, nameOf(real), null) : null;
    }

    private static String nameOf(Path folder) {
        return folder == null || folder.getFileName() == null ? "root" : folder.getFileName().toString();
    }

    /** Whether a folder is a format-1 repository: its {@code format} file says {@code 1}. */
    static boolean isRepository(Path folder) {
        Path format = folder.resolve("format");
        try {
            return Files.isRegularFile(format)
                    && Files.readString(format, StandardCharsets.US_ASCII).strip().equals("1");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The stored runs, oldest first: the files named by a run number below {@code next-stream} (numbers
     * whose file was removed leave gaps). Interrupted inserts ({@code tmp*}), {@code failing} and the
     * timing databases are not runs.
     */
    public List<Path> runs() throws IOException {
        long next = Long.MAX_VALUE;
        try {
            next = Long.parseLong(Files.readString(folder.resolve("next-stream"), StandardCharsets.US_ASCII).strip());
        } catch (IOException | NumberFormatException e) {
            // no counter: every numbered file is a run
        }
        List<long[]> numbered = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.matches("\\d{1,18}") && Files.isRegularFile(file)) {
                    long id = Long.parseLong(name);
                    if (id < next) {
                        numbered.add(new long[] {id});
                    }
                }
            }
        }
        numbered.sort((a, b) -> Long.compare(a[0], b[0]));
        List<Path> runs = new ArrayList<>();
        for (long[] id : numbered) {
            runs.add(folder.resolve(Long.toString(id[0])));
        }
        return runs;
    }
}
