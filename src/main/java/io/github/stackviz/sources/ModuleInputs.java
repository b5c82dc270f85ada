package io.github.stackviz.sources;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What one module of a multi-module build exports into the build's one report: its inputs, as its own
 * {@code export} would read them. Its runs are named after it ({@code alpha: Surefire}).
 *
 * @param name  the module's name (its artifactId)
 * @param dstat its load log or dstat log, or {@code null}
 */
public record ModuleInputs(String name, List<Path> streamFiles, List<Path> repositories, List<Path> junitReports,
                           Path dstat) {
    public ModuleInputs {
        Objects.requireNonNull(name, "name");
        streamFiles = List.copyOf(streamFiles);
        repositories = List.copyOf(repositories);
        junitReports = List.copyOf(junitReports);
    }
}
