package io.github.stackviz.sources;

import io.github.stackviz.reports.JunitReports;
import io.github.stackviz.results.AttachmentStore;
import io.github.stackviz.results.Diagnostics;
import io.github.stackviz.results.RecordSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * A run of test reports: a folder of Surefire/Failsafe reports or Open Test Reporting files (every
 * {@code *.xml} in it and below it, in name order, told apart by content), or one report file given alone.
 */
public final class JunitReportSource implements RecordSource {
    private final Path path;
    private final String sourceName;
    private final ZoneId zone;

    /**
     * @param sourceName {@code junit_<folder or file name>}, with a suffix when another input has the same name
     * @param zone       the time zone of times written without an offset
     */
    JunitReportSource(Path path, String sourceName, ZoneId zone) {
        this.path = path;
        this.sourceName = sourceName;
        this.zone = zone;
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

    /**
     * After what the reports are and where they lie: {@code Surefire: myapp} for
     * {@code myapp/target/surefire-reports}, {@code Failsafe: myapp} for failsafe-reports, {@code JUnit: myapp}
     * for {@code myapp/target/junit-platform}; {@code JUnit Reports: <name>} elsewhere. A file given alone
     * adds its name: {@code Surefire: myapp (TEST-demo.ParserTest.xml)}.
     */
    @Override
    public String displayName() {
        Path absolute = path.toAbsolutePath().normalize();
        boolean file = !Files.isDirectory(absolute);
        Path folder = file ? absolute.getParent() : absolute;
        String alone = file ? " (" + absolute.getFileName() + ")" : "";
        for (Path at = folder; at != null && at.getFileName() != null; at = at.getParent()) {
            String kind = switch (at.getFileName().toString()) {
                case "surefire-reports" -> "Surefire";
                case "failsafe-reports" -> "Failsafe";
                case "junit-platform" -> "JUnit";
                default -> null;
            };
            if (kind != null) {
                return kind + ": " + project(at) + alone;
            }
            if (at != folder) {
                break; // the kind's folder itself, or the one holding a fork's subfolder
            }
        }
        if (file) {
            return "JUnit Report: " + absolute.getFileName();
        }
        return "JUnit Reports: " + (folder.getFileName() == null ? folder : folder.getFileName());
    }

    /** The project a reports folder belongs to: the folder holding {@code target}, else the one holding it. */
    private static String project(Path reports) {
        Path parent = reports.getParent();
        if (parent == null) {
            return reports.getFileName().toString();
        }
        Path project = parent.getFileName() != null && parent.getFileName().toString().equals("target")
                && parent.getParent() != null ? parent.getParent() : parent;
        return project.getFileName() == null ? project.toString() : project.getFileName().toString();
    }

    @Override
    public String label() {
        return path.toString();
    }

    @Override
    public long size() {
        try {
            long total = 0;
            for (Path file : files()) {
                total += Files.size(file);
            }
            return total;
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }

    /** The report files of the run: the file, or every {@code *.xml} in the folder and below it, in name order. */
    public List<Path> files() throws IOException {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(".xml")).filter(Files::isRegularFile)
                    .sorted(Comparator.comparing(p -> path.relativize(p).toString())).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public void read(RecordSink sink, AttachmentStore store, Diagnostics diagnostics, LongConsumer bytesRead)
            throws IOException {
        List<Path> files;
        try {
            files = files();
        } catch (IOException e) {
            throw new IOException("cannot list " + path + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            diagnostics.warn("no reports", path + " holds no *.xml report: nothing exported for it");
        }
        new JunitReports(store, diagnostics, zone).read(files, sink, bytesRead);
    }
}
