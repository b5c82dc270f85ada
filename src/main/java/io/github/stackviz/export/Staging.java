package io.github.stackviz.export;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A work folder beside the output folder: the export is written into it and moved into place only when
 * complete, so a failed or killed export leaves the previous output whole (or none), never a
 * config.json that points at missing or half-written files. Spill files of large attachments live here
 * too. Closing deletes whatever is left.
 *
 * <p>An export that was killed leaves its work folder behind. Each work folder holds a lock while its
 * export runs; the next export deletes the folders whose lock nobody holds.
 */
final class Staging implements AutoCloseable {
    private static final String LOCK = "lock";

    private final Path target;
    private final Path work;
    private final Path output;
    private FileChannel lockChannel;

    private Staging(Path target, Path work) {
        this.target = target;
        this.work = work;
        this.output = work.resolve("export");
    }

    private static String prefix(Path target) {
        return "." + target.getFileName() + ".tmp-";
    }

    static Staging create(Path target) throws ExportException {
        target = target.toAbsolutePath().normalize();
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new ExportException("The output directory " + target + " is a file, not a directory");
        }
        if (Files.isSymbolicLink(target)) {
            // the export goes where the link points, and the link stays
            try {
                target = target.toRealPath();
            } catch (IOException e) {
                throw new ExportException("The output directory " + target + " is a symbolic link to nothing: "
                        + reason(e), e);
            }
        }
        Path parent = target.getParent();
        if (parent == null) {
            throw new ExportException("The output directory cannot be the root of the file system (" + target
                    + "): the export replaces its output directory whole");
        }
        checkReplaceable(target);
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new ExportException("Cannot create the folder " + parent + " for the output directory " + target
                    + ": " + reason(e), e);
        }
        Staging staging = null;
        try {
            staging = new Staging(target, Files.createTempDirectory(parent, prefix(target)));
            staging.lockChannel = FileChannel.open(staging.work.resolve(LOCK), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            staging.lockChannel.lock();
            Files.createDirectory(staging.output);
            deleteAbandoned(target, staging.work);
            return staging;
        } catch (IOException e) {
            if (staging != null) {
                try {
                    staging.close();
                } catch (IOException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            throw new ExportException("Cannot write next to the output directory " + target + ": " + reason(e), e);
        }
    }

    /** Deletes work folders of earlier exports of this target that were killed (nobody holds their lock). */
    private static void deleteAbandoned(Path target, Path current) throws IOException {
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(target.getParent(), prefix(target) + "*")) {
            for (Path sibling : siblings) {
                if (!sibling.equals(current) && Files.isDirectory(sibling) && abandoned(sibling)) {
                    deleteTree(sibling);
                }
            }
        }
    }

    private static boolean abandoned(Path work) {
        try (FileChannel channel = FileChannel.open(work.resolve(LOCK), StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return false;
            }
            lock.release();
            return true;
        } catch (OverlappingFileLockException e) {
            return false; // an export in this JVM holds it
        } catch (IOException e) {
            return false; // no lock file yet: its export is just starting
        }
    }

    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Where the export is written. */
    Path output() {
        return output;
    }

    /** Where what waits for the end goes: attachments too large for memory, the tree, the lists of failures. */
    Path spill() {
        return work.resolve("spill");
    }

    Path target() {
        return target;
    }

    /**
     * Fails unless {@code target} can be replaced whole without losing anything: it is missing, empty, or a
     * previous export (a StackViz {@code config.json} and nothing but the files an export writes). Users do point
     * exports at folders of their own ({@code -Dstackviz.outputDirectory=.}), and replacing one would delete it.
     */
    static void checkReplaceable(Path target) throws ExportException {
        List<String> foreign;
        try {
            foreign = foreignEntries(target);
        } catch (IOException e) {
            throw new ExportException("Cannot read the output directory " + target + ": " + reason(e), e);
        }
        if (!foreign.isEmpty()) {
            throw refusal(target, foreign);
        }
    }

    private static ExportException refusal(Path target, List<String> foreign) {
        int shown = Math.min(foreign.size(), 3);
        String names = String.join(", ", foreign.subList(0, shown))
                + (foreign.size() > shown ? " and " + (foreign.size() - shown) + " more" : "");
        return new ExportException("The output directory " + target + " holds files that are not a StackViz"
                + " export's (" + names + "): the export replaces its output directory whole, and would delete"
                + " them. Choose a new or empty directory, or one that holds only a previous export (such as "
                + target.resolve("stackviz") + ")");
    }

    /**
     * The names in {@code target} that an export would not have written, sorted; all of them when it has no
     * StackViz {@code config.json} (then it is no export, whatever the names); none when it is missing or empty.
     */
    static List<String> foreignEntries(Path target) throws IOException {
        if (!Files.isDirectory(target)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(target)) {
            entries.forEach(entry -> names.add(entry.getFileName().toString()));
        }
        Collections.sort(names);
        if (names.isEmpty()) {
            return names;
        }
        if (!isStackVizConfig(target.resolve("config.json"))) {
            return names;
        }
        return names.stream().filter(name -> !EXPORT_NAMES.matcher(name).matches()).toList();
    }

    /** What an export writes in its folder: the names of the format and the report's. */
    private static final Pattern EXPORT_NAMES = Pattern.compile(
            "config\\.json|index\\.html|viewer|viewer-data|dstat_log\\.csv(\\.gz)?"
                    + "|tempest_.+_(raw|details|tree)\\.json(\\.gz)?");

    /** Whether {@code file} is a StackViz index (ours or the original's): an object with a {@code tempest} field. */
    private static boolean isStackVizConfig(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (JsonParser parser = Json.FACTORY.createParser(file.toFile())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                if ("tempest".equals(parser.currentName())) {
                    return true;
                }
                parser.nextToken();
                parser.skipChildren();
            }
            return false;
        } catch (IOException e) {
            return false; // not JSON, or unreadable: not an export to replace
        }
    }

    /**
     * Replaces the output directory with the finished export, unless something else was put in it meanwhile: it is
     * checked once moved aside, where nothing can arrive by its name.
     */
    void commit() throws ExportException {
        Path previous = work.resolve("previous");
        try {
            if (Files.exists(target)) {
                Files.move(target, previous, StandardCopyOption.ATOMIC_MOVE);
                List<String> arrived = foreignEntries(previous);
                if (!arrived.isEmpty()) {
                    // written between the check and the move: the folder goes back as it is
                    Files.move(previous, target, StandardCopyOption.ATOMIC_MOVE);
                    throw refusal(target, arrived);
                }
            }
            Files.move(output, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                if (Files.exists(previous) && !Files.exists(target)) {
                    Files.move(previous, target, StandardCopyOption.ATOMIC_MOVE);
                }
            } catch (IOException restore) {
                e.addSuppressed(restore);
            }
            throw new ExportException("Cannot move the export into " + target + ": " + reason(e), e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (lockChannel != null) {
                lockChannel.close();
            }
        } finally {
            deleteTree(work);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
