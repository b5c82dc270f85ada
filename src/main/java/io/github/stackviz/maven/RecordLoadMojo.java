package io.github.stackviz.maven;

import io.github.stackviz.load.LoadConfig;
import io.github.stackviz.load.LoadRecorder;
import java.io.File;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Records the machine's load (CPU, memory, network, disk, I/O requests, interrupts, load average, processes,
 * paging, the most expensive process by CPU and by I/O) from Linux's {@code /proc} while the build goes on, into a
 * dstat CSV log ({@code loadFile}), computed as dstat 0.7.4 computes it. Runs by default in
 * {@code process-test-classes}, just before the tests; the {@code export} goal of the same build takes a last
 * sample and exports the file as its dstat log. One sampling thread per JVM: in a multi-module or {@code -T} build
 * each module that runs this goal gets its own file from the same sampler, from this goal until its export (or the
 * build's end). Not on Linux: a warning, and the build goes on.
 */
@Mojo(name = "record-load", defaultPhase = LifecyclePhase.PROCESS_TEST_CLASSES, threadSafe = true)
public class RecordLoadMojo extends AbstractMojo {

    /** Seconds between samples (dstat's delay). The JVM's one sampler takes the first module's. */
    @Parameter(property = "stackviz.loadInterval", defaultValue = "1")
    private int loadInterval;

    /** The dstat CSV file the load is recorded into; created anew (replacing one of an earlier build). */
    @Parameter(property = "stackviz.loadFile", defaultValue = "${project.build.directory}/stackviz-load.csv")
    private File loadFile;

    /** Skip recording (the same property skips the export). */
    @Parameter(property = "stackviz.skip", defaultValue = "false")
    private boolean skip;

    @Override
    public void execute() throws MojoExecutionException {
        if (skip) {
            getLog().info("Skipping the machine load recording (stackviz.skip)");
            return;
        }
        LoadConfig config;
        try {
            config = LoadConfig.of(loadFile.toPath(), loadInterval);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage() + " (loadInterval, -Dstackviz.loadInterval)", e);
        }
        LoadRecorder.Started started = LoadRecorder.jvm().start(config, new MavenExportLog(getLog()));
        String every = "every " + started.intervalSeconds() + " s";
        switch (started.outcome()) {
            case STARTED -> getLog().info("Recording the machine load " + every + " into " + config.file());
            case JOINED -> getLog().info("Recording the machine load into " + config.file() + " too (this build's"
                    + " sampler, " + every + ")");
            case ALREADY -> getLog().info("The machine load is already recorded into " + config.file());
            default -> {
                // the core warned
            }
        }
    }
}
