package io.github.stackviz.export;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A work folder beside the output folder: the export is written into it and moved into place only when
 * complete, so a failed or killed export leaves the previous output whole (or none), never a
 * config.json that points at missing or half-written files. Spill files of large attachments live here
 * too. Closing deletes whatever is left.
 */
final class Staging implements AutoCloseable {
    private final Path target;
    private final Path work;
    private final Path output;

    private Staging(Path target, Path work) {
        this.target = target;
        this.work = work;
        this.output = work.resolve("export");
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
        try {
            Path work = Files.createTempDirectory(parent, "." + target.getFileName() + ".tmp-");
            Staging staging = new Staging(target, work);
            Files.createDirectory(staging.output);
            return staging;
        } catch (IOException e) {
            throw new ExportException("Cannot write next to the output directory " + target + ": " + reason(e), e);
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

    /** Where attachments too large for memory wait. */
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
        deleteTree(work);
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
