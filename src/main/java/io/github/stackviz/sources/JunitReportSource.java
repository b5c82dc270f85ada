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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

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
    private final String sourceName;
    private final int index;
    /** The run's subfolder name ({@code surefire}) when the folder holds several runs; else {@code null}. */
    private final String group;
    private final ZoneId zone;

    private JunitReportSource(Path path, List<Path> files, String sourceName, int index, String group,
                              ZoneId zone) {
        this.path = path;
        this.files = files;
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
            return List.of(new JunitReportSource(path, List.of(path), sourceName, 0, null, zone));
        }
        Map<String, List<Path>> groups = new TreeMap<>();
        for (Path file : reportFiles(path)) {
            Path relative = path.relativize(file);
            String group = "";
            if (relative.getNameCount() > 1) {
                Matcher m = NUMBERED.matcher(relative.getName(0).toString());
                group = m.matches() ? m.group(1) : relative.getName(0).toString();
            }
            groups.computeIfAbsent(group, g -> new ArrayList<>()).add(file);
        }
        if (groups.size() <= 1) {
            List<Path> files = groups.isEmpty() ? List.of() : groups.values().iterator().next();
            return List.of(new JunitReportSource(path, files, sourceName, 0, null, zone));
        }
        List<JunitReportSource> runs = new ArrayList<>();
        for (Map.Entry<String, List<Path>> group : groups.entrySet()) {
            runs.add(new JunitReportSource(path, List.copyOf(group.getValue()), sourceName, runs.size(),
                    group.getKey().isEmpty() ? "." : group.getKey(), zone));
        }
        return runs;
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
        try {
            long total = 0;
            for (Path file : files) {
                total += Files.size(file);
            }
            return total;
        } catch (IOException e) {
            return -1;
        }
    }

    /** The report files of the run, in name order. */
    public List<Path> files() {
        return files;
    }

    /** Every {@code *.xml} in the folder and below it, in name order (of their paths in it). */
    private static List<Path> reportFiles(Path path) throws IOException {
        try (Stream<Path> walk = Files.walk(path)) {
            // sorted by their names in the folder, each name made once
            return walk.filter(p -> p.getFileName().toString().endsWith(".xml")).filter(Files::isRegularFile)
                    .map(p -> Map.entry(path.relativize(p).toString(), p)).sorted(Map.Entry.comparingByKey())
                    .map(Map.Entry::getValue).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
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
