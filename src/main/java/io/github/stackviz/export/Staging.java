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
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A work folder beside the output folder: the export is written into it and moved into place only when
 * complete, so a failed or killed export leaves the previous output whole (or none), never a
 * config.json that points at missing or half-written files. Spill files of large attachments live here
 * too. Closing deletes whatever is left. The output folder must be one the export may replace
 * ({@link OutputFolder}); a mount point, which cannot be renamed, holds the work folder itself and gets the
 * export moved in file by file.
 *
 * <p>An export that was killed leaves its work folder behind. Each work folder holds a lock while its
 * export runs; the next export deletes the folders whose lock nobody holds.
 */
final class Staging implements AutoCloseable {
    private static final String LOCK = "lock";

    private final Path target;
    private final Path work;
    private final Path output;
    private final boolean mountPoint;
    private FileChannel lockChannel;

    private Staging(Path target, Path work, boolean mountPoint) {
        this.target = target;
        this.work = work;
        this.output = work.resolve("export");
        this.mountPoint = mountPoint;
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
        return create(target, Files.isDirectory(target) && OutputFolder.isMountPoint(realPath(target)));
    }

    /** The mount table names real paths: {@code path}'s, or {@code path} when it cannot be had. */
    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path;
        }
    }

    /**
     * @param mountPoint whether {@code target} is a mount point, which cannot be renamed: the work folder is then
     *                   made inside it, and the export moved in piece by piece
     */
    static Staging create(Path target, boolean mountPoint) throws ExportException {
        OutputFolder.checkReplaceable(target, mountPoint);
        Path home = mountPoint ? target : target.getParent();
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new ExportException("Cannot create the folder " + home + " for the output directory " + target
                    + ": " + reason(e), e);
        }
        String prefix = prefix(target, mountPoint);
        Staging staging = null;
        try {
            staging = new Staging(target, Files.createTempDirectory(home, prefix), mountPoint);
            staging.lockChannel = FileChannel.open(staging.work.resolve(LOCK), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            staging.lockChannel.lock();
            Files.createDirectory(staging.output);
            deleteAbandoned(home, prefix, staging.work);
            return staging;
        } catch (IOException e) {
            if (staging != null) {
                try {
                    staging.close();
                } catch (IOException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            throw new ExportException("Cannot write " + (mountPoint ? "in" : "next to") + " the output directory "
                    + target + ": " + reason(e), e);
        }
    }

    private static String prefix(Path target, boolean mountPoint) {
        return mountPoint ? OutputFolder.WORK_PREFIX : "." + target.getFileName() + ".tmp-";
    }

    /** Deletes the work folders in {@code home} of earlier exports that were killed (nobody holds their lock). */
    private static void deleteAbandoned(Path home, String prefix, Path current) throws IOException {
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(home, prefix + "*")) {
            for (Path folder : folders) {
                if (!folder.equals(current) && Files.isDirectory(folder) && abandoned(folder)) {
                    deleteTree(folder);
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
     * Replaces the output directory with the finished export, unless something else was put in it meanwhile: it is
     * checked once moved aside, where nothing can arrive by its name.
     */
    void commit() throws ExportException {
        if (mountPoint) {
            commitPieceByPiece();
            return;
        }
        Path previous = work.resolve("previous");
        try {
            if (Files.exists(target)) {
                Files.move(target, previous, StandardCopyOption.ATOMIC_MOVE);
                List<String> arrived = OutputFolder.foreignEntries(previous, false);
                if (!arrived.isEmpty()) {
                    // written between the check and the move: the folder goes back as it is
                    Files.move(previous, target, StandardCopyOption.ATOMIC_MOVE);
                    throw OutputFolder.refusal(target, arrived);
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

    /**
     * Replaces the content of a mount point, which cannot be renamed: the previous export's files are moved into
     * the work folder (config.json first) and the new ones in (config.json last), each in one step. Work folders
     * and {@code lost+found} stay where they are.
     */
    private void commitPieceByPiece() throws ExportException {
        Path previous = work.resolve("previous");
        List<String> movedOut = new ArrayList<>();
        List<String> movedIn = new ArrayList<>();
        try {
            Files.createDirectory(previous);
            for (String name : configLast(OutputFolder.entries(target, true), true)) {
                Files.move(target.resolve(name), previous.resolve(name), StandardCopyOption.ATOMIC_MOVE);
                movedOut.add(name);
            }
            List<String> arrived = OutputFolder.foreignEntries(previous, true);
            if (!arrived.isEmpty()) {
                // written there during the export: everything goes back as it was
                for (String name : movedOut) {
                    Files.move(previous.resolve(name), target.resolve(name), StandardCopyOption.ATOMIC_MOVE);
                }
                throw OutputFolder.refusal(target, arrived);
            }
            for (String name : configLast(OutputFolder.entries(output, true), false)) {
                Files.move(output.resolve(name), target.resolve(name), StandardCopyOption.ATOMIC_MOVE);
                movedIn.add(name);
            }
        } catch (IOException e) {
            // the previous export goes back as it was, as far as it can
            for (String name : movedIn) {
                moveBack(target.resolve(name), output.resolve(name), e);
            }
            for (String name : movedOut) {
                moveBack(previous.resolve(name), target.resolve(name), e);
            }
            throw new ExportException("Cannot move the export into " + target + ": " + reason(e), e);
        }
    }

    /** {@code names} sorted, config.json first or last: no config.json names files that are not there. */
    static List<String> configLast(List<String> names, boolean first) {
        List<String> sorted = new ArrayList<>(names);
        Collections.sort(sorted);
        if (sorted.remove("config.json")) {
            sorted.add(first ? 0 : sorted.size(), "config.json");
        }
        return sorted;
    }

    private static void moveBack(Path from, Path to, IOException failure) {
        try {
            if (Files.exists(from, LinkOption.NOFOLLOW_LINKS) && !Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            failure.addSuppressed(e);
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
