package io.github.stackviz.sources;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a Maven project's tests leave their reports, read when an export is given no input at all:
 * Surefire's and Failsafe's XML reports and JUnit's Open Test Reporting output, under the build folder.
 */
public final class DefaultReports {
    /** The folders, relative to the build folder ({@code target}), in the order they are exported. */
    public static final List<String> FOLDERS = List.of("surefire-reports", "failsafe-reports", "junit-platform");

    private DefaultReports() {
    }

    /** Those of the folders that exist under {@code buildDirectory}, in {@link #FOLDERS}' order. */
    public static List<Path> under(Path buildDirectory) {
        return FOLDERS.stream().map(buildDirectory::resolve).filter(Files::isDirectory).toList();
    }

    /** How messages name the folders: {@code target/surefire-reports, target/failsafe-reports, ...}. */
    public static String names(String buildFolderName) {
        return String.join(", ", FOLDERS.stream().map(folder -> buildFolderName + "/" + folder).toList());
    }
}
