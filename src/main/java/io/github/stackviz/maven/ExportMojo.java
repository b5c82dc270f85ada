package io.github.stackviz.maven;

import io.github.stackviz.export.ExportConfig;
import io.github.stackviz.export.ExportException;
import io.github.stackviz.export.Exporter;
import io.github.stackviz.sources.DefaultReports;
import io.github.stackviz.sources.RunSelection;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Exports test results (Surefire, Failsafe and JUnit reports; subunit stream files, test repositories, or a stream on
 * standard input) and a dstat log of machine load into the data files of OpenStack's StackViz: {@code config.json} and, per run,
 * {@code tempest_<source>_<i>_raw.json}, {@code _details.json} and {@code _tree.json}, plus
 * {@code dstat_log.csv}, and a report, {@code index.html}. Runs by default in the {@code post-integration-test}
 * phase; given no input, it exports the project's own test reports. Also runs without a project:
 * {@code mvn io.github.stackviz:stackviz-maven-plugin:export -Dstackviz.streamFiles=a.subunit}.
 */
@Mojo(name = "export", defaultPhase = LifecyclePhase.POST_INTEGRATION_TEST, requiresProject = false,
        threadSafe = true)
public class ExportMojo extends ExportParameters {

    /**
     * Subunit v2 stream files to export, one run each, plain or gzip-compressed (told from their first bytes). On
     * the command line: comma-separated (spaces around the commas are ignored). Relative paths resolve against the
     * project directory (the current directory without a project). A name may be a glob ({@code results/*.subunit},
     * {@code target/**}{@code /*.subunit}), replaced by the files it matches in name order. A file that does not
     * exist, or a glob that matches none, is skipped with a warning, or fails the build with
     * {@code failOnMissingInput}.
     */
    @Parameter(property = "stackviz.streamFiles")
    private List<String> streamFiles;

    /**
     * Test repositories to export: a {@code .testrepository} or {@code .stestr} folder, or a folder that
     * holds one (a folder holding both exports {@code .testrepository} and says how to name the other).
     * Each selected run is exported as its own entry, oldest first, named after the folder that holds the
     * repository. On the command line: comma-separated (spaces around the commas are ignored).
     */
    @Parameter(property = "stackviz.repositories")
    private List<String> repositories;

    /**
     * Test reports to export: folders of Surefire or Failsafe XML reports ({@code TEST-*.xml}) or of JUnit Open Test
     * Reporting files, single report files, or globs of them (as {@code streamFiles} takes them). Each folder, or each
     * file given alone, is one run, named after what it is and the project it lies in ({@code Surefire: myapp}). On
     * the command line: comma-separated. When no input at all is configured, a project's
     * {@code target/surefire-reports}, {@code target/failsafe-reports} and {@code target/junit-platform} are read
     * where they exist.
     */
    @Parameter(property = "stackviz.junitReports")
    private List<String> junitReports;

    /**
     * Which runs of each repository to export: {@code all}, {@code latest}, or a number n for the latest n
     * runs.
     */
    @Parameter(property = "stackviz.repositoryRuns", defaultValue = "all")
    private String repositoryRuns;

    /**
     * Also read a subunit stream from standard input, plain or gzip-compressed:
     * {@code cat run.subunit | mvn ... -Dstackviz.stdin}.
     */
    @Parameter(property = "stackviz.stdin", defaultValue = "false")
    private boolean stdin;

    /**
     * A dstat CSV log of machine load during the run ({@code dstat --output FILE}), plain or gzip-compressed,
     * copied into the export as {@code dstat_log.csv} (decompressed) and named in every run's entry.
     */
    @Parameter(property = "stackviz.dstat")
    private File dstat;






    /**
     * The machine-load file of {@code record-load} (the same property): when this build records into it, the export
     * takes a last sample, ends the recording, and exports the file as the dstat log when {@code dstat} is not set. A
     * file record-load wrote in an earlier build is exported when it was recorded while the tests ran (their times
     * overlap), and left out otherwise.
     */
    @Parameter(property = "stackviz.loadFile", defaultValue = "${project.build.directory}/stackviz-load.csv")
    private File loadFile;



    /** The directory relative paths resolve against; without a project, the current directory. */
    @Parameter(defaultValue = "${project.basedir}", readonly = true)
    private File basedir;

    /** The project's build folder, where its test reports are by default; unresolved without a project. */
    @Parameter(defaultValue = "${project.build.directory}", readonly = true)
    private File buildDirectory;

    /** How the goal was started: bound to the build's lifecycle, or named on the command line. */
    @Parameter(defaultValue = "${mojoExecution}", readonly = true)
    private MojoExecution mojoExecution;

    @Override
    public void execute() throws MojoExecutionException {
        if (skip) {
            getLog().info("Skipping the StackViz export (stackviz.skip)");
            return;
        }
        if (stdin && System.console() != null) {
            throw new MojoExecutionException("stackviz.stdin is set but standard input is a terminal: pipe a"
                    + " subunit stream into Maven, e.g. cat run.subunit | mvn ... -Dstackviz.stdin");
        }
        RunSelection runs;
        try {
            runs = RunSelection.parse(repositoryRuns);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        List<Path> streams = resolveAll(streamFiles);
        List<Path> folders = resolveAll(repositories);
        List<Path> reports = resolveAll(junitReports);
        boolean configured = !streams.isEmpty() || !folders.isEmpty() || !reports.isEmpty() || stdin || dstat != null;
        if (!configured && hasProject()) {
            reports = DefaultReports.under(buildDirectory.toPath());
            String defaults = DefaultReports.names(basedir.toPath().relativize(buildDirectory.toPath()).toString());
            if (reports.isEmpty()) {
                String nothing = "no input is configured and none of the project's test report folders exists ("
                        + defaults + ")";
                if (mojoExecution != null && mojoExecution.getSource() == MojoExecution.Source.LIFECYCLE) {
                    getLog().info("Skipping the StackViz export: " + nothing);
                    return;
                }
                throw new MojoExecutionException("Nothing to export: " + nothing + ". Run the project's tests first"
                        + " (mvn verify), or set junitReports (-Dstackviz.junitReports=target/surefire-reports),"
                        + " streamFiles (-Dstackviz.streamFiles=a.subunit), repositories (-Dstackviz.repositories=.),"
                        + " stdin (-Dstackviz.stdin) or dstat (-Dstackviz.dstat=dstat.csv)");
            }
            getLog().info("No input configured: exporting the project's test reports ("
                    + String.join(", ", reports.stream().map(path -> basedir.toPath().relativize(path).toString())
                    .toList()) + ")");
        }
        ExportConfig.Builder config = exportConfig(outputPath(), base())
                .repositories(folders)
                .repositoryRuns(runs)
                .streamFiles(streams)
                .junitReports(reports)
                .dstat(dstat == null ? null : resolve(dstat))
                .recordedLoad(loadFile == null || loadFile.getPath().contains("${") ? null : resolve(loadFile));
        if (stdin) {
            config.stdin(System.in);
        }
        try {
            Exporter.Summary summary = new Exporter(config.build(), new MavenExportLog(getLog())).export();
            getLog().debug("StackViz export: " + summary);
        } catch (ExportException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }

    /** Whether the goal runs in a project (without one, Maven leaves {@code ${project.*}} unresolved). */
    private boolean hasProject() {
        return basedir != null && buildDirectory != null && !buildDirectory.getPath().contains("${");
    }

    /**
     * Without a project Maven leaves {@code ${project.basedir}} unresolved in the default output folder:
     * the default is then {@code target/stackviz} in the current directory.
     */
    private Path outputPath() {
        if (basedir == null && outputDirectory.getPath().contains("${")) {
            return Path.of(System.getProperty("user.dir"), "target", "stackviz").toAbsolutePath();
        }
        return resolve(outputDirectory);
    }

    private Path resolve(File file) {
        return resolve(base(), file);
    }

    /** What relative paths resolve against: the project folder, or the current one without a project. */
    private Path base() {
        return basedir != null ? basedir.toPath() : Path.of(System.getProperty("user.dir"));
    }

    /**
     * Resolves a list's paths, stripped: {@code -Dstackviz.streamFiles="a.subunit, b.subunit"} names b.subunit.
     * Strings, not Files: Maven would resolve " b.subunit" against the project folder before it could be stripped.
     */
    private List<Path> resolveAll(List<String> files) {
        List<Path> paths = new ArrayList<>();
        if (files != null) {
            for (String file : files) {
                if (file != null && !file.isBlank()) {
                    paths.add(resolve(new File(file.strip())));
                }
            }
        }
        return paths;
    }
}
