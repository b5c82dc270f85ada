package io.github.stackviz.export;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the output folder holds, and whether the export may replace it: an export owns its folder, and takes only
 * one that is new, empty, or a previous export, never a folder of the user's.
 */
final class OutputFolder {
    /** Names of the work folders an export keeps inside its output folder when that is a mount point. */
    static final String WORK_PREFIX = ".stackviz-work-";
    /** ext4 and its kin make it at the root of a file system: the file system's, not the user's. */
    static final String LOST_FOUND = "lost+found";

    /** What an export writes in its folder: the names of the format and the report's, and its work folders. */
    private static final Pattern EXPORT_NAMES = Pattern.compile(
            "config\\.json|index\\.html|viewer|viewer-data|dstat_log\\.csv(\\.gz)?"
                    + "|tempest_.+_(raw|details|tree)\\.json(\\.gz)?|" + Pattern.quote(WORK_PREFIX) + ".*");

    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");
    private static final Pattern OCTAL = Pattern.compile("\\\\([0-7]{3})");

    private OutputFolder() {
    }

    /**
     * Fails unless {@code folder} can be replaced without losing anything: it is missing, empty, or a previous
     * export (a StackViz {@code config.json} and nothing but the files an export writes; in a mount point,
     * {@code lost+found} too, which the export leaves alone). Users do point exports at folders of their own
     * ({@code -Dstackviz.outputDirectory=.}), and replacing one would delete it.
     */
    static void checkReplaceable(Path folder, boolean mountPoint) throws ExportException {
        List<String> foreign;
        try {
            foreign = foreignEntries(folder, mountPoint);
        } catch (IOException e) {
            throw new ExportException("Cannot read the output directory " + folder + ": " + Staging.reason(e), e);
        }
        if (!foreign.isEmpty()) {
            throw refusal(folder, foreign);
        }
    }

    static ExportException refusal(Path folder, List<String> foreign) {
        int shown = Math.min(foreign.size(), 3);
        String names = String.join(", ", foreign.subList(0, shown))
                + (foreign.size() > shown ? " and " + (foreign.size() - shown) + " more" : "");
        return new ExportException("The output directory " + folder + " holds files that are not a StackViz"
                + " export's (" + names + "): the export replaces its output directory whole, and would delete"
                + " them. Choose a new or empty directory, or one that holds only a previous export (such as "
                + folder.resolve("stackviz") + ")");
    }

    /**
     * The names in {@code folder} that an export would not have written, sorted; all of them when it has no
     * StackViz {@code config.json} (then it is no export, whatever the names); none when it is missing or empty.
     * Work folders of exports are never counted, nor {@code lost+found} in a mount point.
     */
    static List<String> foreignEntries(Path folder, boolean mountPoint) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<String> names = entries(folder, mountPoint);
        if (names.isEmpty() || !isStackVizConfig(folder.resolve("config.json"))) {
            return names;
        }
        return names.stream().filter(name -> !EXPORT_NAMES.matcher(name).matches()).toList();
    }

    /**
     * The names in {@code folder}, sorted, but for the work folders of exports and, in a mount point,
     * {@code lost+found}: what an export may find there and move.
     */
    static List<String> entries(Path folder, boolean mountPoint) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.startsWith(WORK_PREFIX) && !(mountPoint && name.equals(LOST_FOUND))) {
                    names.add(name);
                }
            }
        }
        Collections.sort(names);
        return names;
    }

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
     * Whether {@code folder} (a real path) is a mount point, such as a container's volume: it cannot be renamed,
     * so the export is moved into it piece by piece. Linux lists its mount points in /proc/self/mountinfo (bind
     * mounts of the same disk included, which file stores do not tell apart); elsewhere a folder on another file
     * store than its parent's is one.
     */
    static boolean isMountPoint(Path folder) {
        if (Files.isReadable(MOUNTINFO)) {
            try (Stream<String> lines = Files.lines(MOUNTINFO)) {
                return listed(folder, lines);
            } catch (IOException | UncheckedIOException e) {
                // unreadable after all: ask the file stores
            }
        }
        Path parent = folder.getParent();
        if (parent == null) {
            return true; // a root
        }
        try {
            return !Files.getFileStore(folder).equals(Files.getFileStore(parent));
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether a line of a mountinfo table names {@code folder} as its mount point. */
    static boolean listed(Path folder, Stream<String> mountinfo) {
        String wanted = folder.toString();
        // the fifth field is the mount point, with spaces and the like as octal escapes
        return mountinfo.map(line -> line.split(" ")).anyMatch(f -> f.length > 4 && unescape(f[4]).equals(wanted));
    }

    /** {@code a\040b} as mountinfo writes {@code a b}. */
    static String unescape(String field) {
        Matcher m = OCTAL.matcher(field);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 8))));
        }
        return m.appendTail(out).toString();
    }
}
