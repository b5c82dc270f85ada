package io.github.stackviz.export;

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
        Path parent = target.getParent();
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

    /** Replaces the output directory with the finished export. */
    void commit() throws ExportException {
        Path previous = work.resolve("previous");
        try {
            if (Files.exists(target)) {
                Files.move(target, previous, StandardCopyOption.ATOMIC_MOVE);
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
