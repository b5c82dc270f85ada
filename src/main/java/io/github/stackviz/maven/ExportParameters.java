package io.github.stackviz.maven;

import io.github.stackviz.export.ExportConfig;
import java.io.File;
import java.nio.file.Path;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The parameters of what an export writes and how, shared by {@code export} and {@code aggregate}: where it goes,
 * gzip, the report, the JIT hint, the earlier export to compare with, missing inputs, skip.
 */
abstract class ExportParameters extends AbstractMojo {
    /**
     * Where the export goes. The export replaces this folder whole, once it is complete, so the folder must be new,
     * empty, or hold a previous export (of this plugin or the original tool) and nothing else: a folder holding other
     * files is refused, and left as it was. A symbolic link is followed; a mount point (a container's volume) gets
     * the export file by file.
     */
    @Parameter(property = "stackviz.outputDirectory", defaultValue = "${project.build.directory}/stackviz")
    protected File outputDirectory;
    /**
     * Write the data files gzip-compressed ({@code .gz} appended; {@code config.json} stays plain and names
     * the compressed files). The compressed bytes are reproducible.
     */
    @Parameter(property = "stackviz.gzip", defaultValue = "false")
    protected boolean gzip;
    /**
     * Also write the report next to the data: {@code index.html} opens the export in any browser, from
     * disk, with no server. Off: only the StackViz data files.
     */
    @Parameter(property = "stackviz.viewer", defaultValue = "true")
    protected boolean viewer;
    /**
     * For inputs of 20 MB or more together (stream files and repository runs; stdin once 20 MB of it are read),
     * ask the JVM's JIT compiler to inline less into the export's own methods while the export runs (a HotSpot
     * compiler directive matching only this plugin's classes, removed when the export ends): a large export spends
     * much of its time waiting for the compiler, and finishes about a sixth sooner with it. Off: the JIT is left
     * alone.
     */
    @Parameter(property = "stackviz.jitHints", defaultValue = "true")
    protected boolean jitHints;
    /**
     * An earlier export to compare this one with in the report (a folder holding its {@code config.json}: this
     * plugin's or the original tool's, gzip-compressed or not), e.g. the last main-branch build's
     * {@code target/stackviz} kept by CI, or this build's own output folder before the export replaces it. Its runs
     * become comparable as {@code p0}, {@code p1}, … ({@code index.html#compare=p0,0}); each run is compared by default
     * with the previous export's latest run of the same source. config.json keeps only this export's runs. A missing
     * or unreadable previous export is a warning.
     */
    @Parameter(property = "stackviz.previous")
    protected File previous;
    /** Fail the build when a configured input does not exist, instead of warning and skipping it. */
    @Parameter(property = "stackviz.failOnMissingInput", defaultValue = "false")
    protected boolean failOnMissingInput;
    /** Skip the goal. */
    @Parameter(property = "stackviz.skip", defaultValue = "false")
    protected boolean skip;

    /**
     * A configuration for an export into {@code output}, with these parameters set.
     *
     * @param base what relative paths resolve against
     */
    ExportConfig.Builder exportConfig(Path output, Path base) {
        return ExportConfig.builder(output)
                .gzip(gzip)
                .viewer(viewer)
                .jitHints(jitHints)
                .failOnMissingInput(failOnMissingInput)
                .previous(previous == null ? null : resolve(base, previous));
    }

    static Path resolve(Path base, File file) {
        Path path = file.toPath();
        return path.isAbsolute() ? path.normalize() : base.resolve(path).toAbsolutePath().normalize();
    }
}
