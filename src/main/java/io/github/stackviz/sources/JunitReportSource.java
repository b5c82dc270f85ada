package io.github.stackviz.sources;

import io.github.stackviz.reports.JunitReports;
import io.github.stackviz.results.AttachmentStore;
import io.github.stackviz.results.Diagnostics;
import io.github.stackviz.results.RecordSink;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A run of test reports: a folder of Surefire/Failsafe reports or Open Test Reporting files (every
 * {@code *.xml} in it and below it, in name order, told apart by content), or one report file given alone.
 *
 * <p>A folder whose reports lie in subfolders named {@code <name>-<number>} (JUnit's
 * {@code junit.platform.reporting.output.dir = target/junit-platform/surefire-{uniqueNumber}}, one per fork
 * batch and rerun round) holds one run per {@code <name>}: {@code surefire}, {@code failsafe}.
 */
public final class JunitReportSource implements RecordSource {
    private static final Pattern NUMBERED = Pattern.compile("(.*)-[0-9]+");

    private final Path path;
    private final List<Path> files;
    /** The files' bytes together, as listed; -1 until asked for a file given alone. */
    private long size;
    private final String sourceName;
    private final int index;
    /** The run's subfolder name ({@code surefire}) when the folder holds several runs; else {@code null}. */
    private final String group;
    private final ZoneId zone;

    private JunitReportSource(Path path, List<Path> files, long size, String sourceName, int index, String group,
                              ZoneId zone) {
        this.path = path;
        this.files = files;
        this.size = size;
        this.sourceName = sourceName;
        this.index = index;
        this.group = group;
        this.zone = zone;
    }

    /**
     * The runs of {@code path}: a file alone, or a folder's reports (one run, or one per group of numbered
     * subfolders).
     *
     * @param sourceName {@code junit_<folder or file name>}, with a suffix when another input has the same name
     * @param zone       the time zone of times written without an offset
     */
    static List<JunitReportSource> runs(Path path, String sourceName, ZoneId zone) throws IOException {
        if (!Files.isDirectory(path)) {
            return List.of(new JunitReportSource(path, List.of(path), -1, sourceName, 0, null, zone));
        }
        Map<String, List<ReportFile>> groups = new TreeMap<>();
        String separator = path.getFileSystem().getSeparator();
        for (ReportFile file : reportFiles(path)) {
            int slash = file.relative.indexOf(separator);
            String group = "";
            if (slash >= 0) {
                String first = file.relative.substring(0, slash);
                Matcher m = NUMBERED.matcher(first);
                group = m.matches() ? m.group(1) : first;
            }
            groups.computeIfAbsent(group, g -> new ArrayList<>()).add(file);
        }
        if (groups.size() <= 1) {
            List<ReportFile> files = groups.isEmpty() ? List.of() : groups.values().iterator().next();
            return List.of(new JunitReportSource(path, paths(files), bytes(files), sourceName, 0, null, zone));
        }
        List<JunitReportSource> runs = new ArrayList<>();
        for (Map.Entry<String, List<ReportFile>> group : groups.entrySet()) {
            runs.add(new JunitReportSource(path, paths(group.getValue()), bytes(group.getValue()), sourceName,
                    runs.size(), group.getKey().isEmpty() ? "." : group.getKey(), zone));
        }
        return runs;
    }

    private static List<Path> paths(List<ReportFile> files) {
        return files.stream().map(ReportFile::path).toList();
    }

    private static long bytes(List<ReportFile> files) {
        return files.stream().mapToLong(ReportFile::size).sum();
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
        return index;
    }

    /**
     * After what the reports are and where they lie: {@code Surefire: myapp} for
     * {@code myapp/target/surefire-reports}, {@code Failsafe: myapp} for failsafe-reports, {@code JUnit: myapp}
     * for {@code myapp/target/junit-platform}; {@code JUnit Reports: <name>} elsewhere. A file given alone
     * adds its name: {@code Surefire: myapp (TEST-demo.ParserTest.xml)}; a run of a folder holding several adds
     * its group: {@code JUnit: myapp (failsafe)}.
     */
    @Override
    public String displayName() {
        return displayName(null);
    }

    /**
     * In a multi-module build's report the module comes first: {@code alpha: Surefire},
     * {@code alpha: JUnit (failsafe)}.
     */
    @Override
    public String displayName(String module) {
        Path absolute = path.toAbsolutePath().normalize();
        boolean file = !Files.isDirectory(absolute);
        Path folder = file ? absolute.getParent() : absolute;
        String alone = file ? " (" + absolute.getFileName() + ")" : group != null ? " (" + group + ")" : "";
        for (Path at = folder; at != null && at.getFileName() != null; at = at.getParent()) {
            String kind = switch (at.getFileName().toString()) {
                case "surefire-reports" -> "Surefire";
                case "failsafe-reports" -> "Failsafe";
                case "junit-platform" -> "JUnit";
                default -> null;
            };
            if (kind != null) {
                return module == null ? kind + ": " + project(at) + alone : module + ": " + kind + alone;
            }
            if (at != folder) {
                break; // the kind's folder itself, or the one holding a fork's subfolder
            }
        }
        String name = file ? "JUnit Report: " + absolute.getFileName()
                : "JUnit Reports: " + (folder.getFileName() == null ? folder : folder.getFileName()) + alone;
        return module == null ? name : module + ": " + name;
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
        // a folder of several runs (Surefire's and Failsafe's Open Test Reporting logs) names the run's group
        return group == null ? path.toString() : path + " (" + group + ")";
    }

    @Override
    public long size() {
        if (size < 0) {
            try {
                size = Files.size(path);
            } catch (IOException e) {
                return -1;
            }
        }
        return size;
    }

    /** The report files of the run, in name order. */
    public List<Path> files() {
        return files;
    }

    /** A report file found in a folder: its path in the folder (what the files are sorted by), path and size. */
    private record ReportFile(String relative, Path path, long size) {
    }

    /**
     * Every {@code *.xml} in the folder and below it, in name order (of their paths in it); each file's type and
     * size come from the walk, which reads them anyway.
     */
    private static List<ReportFile> reportFiles(Path path) throws IOException {
        List<ReportFile> files = new ArrayList<>();
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (!file.getFileName().toString().endsWith(".xml")) {
                    return FileVisitResult.CONTINUE;
                }
                if (attributes.isRegularFile()) {
                    files.add(new ReportFile(path.relativize(file).toString(), file, attributes.size()));
                } else if (attributes.isSymbolicLink() && Files.isRegularFile(file)) { // a link to a report
                    files.add(new ReportFile(path.relativize(file).toString(), file, Files.size(file)));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(Comparator.comparing(ReportFile::relative));
        return files;
    }

    @Override
    public void read(RecordSink sink, AttachmentStore store, Diagnostics diagnostics, LongConsumer bytesRead)
            throws IOException {
        if (files.isEmpty()) {
            diagnostics.warn("no reports", path + " holds no *.xml report: nothing exported for it");
        }
        new JunitReports(store, diagnostics, zone).read(files, sink, bytesRead);
    }
}
