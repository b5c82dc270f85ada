package io.github.stackviz.maven;

import io.github.stackviz.export.ExportConfig;
import io.github.stackviz.export.ExportException;
import io.github.stackviz.export.Exporter;
import io.github.stackviz.sources.ModuleInputs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.maven.model.Dependency;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Exports every module of a multi-module build into one report: what each module's own {@code export} would read
 * (its configured streams, repositories and test reports, or its Surefire, Failsafe and JUnit reports), one run per
 * module input, named after its module ({@code alpha: Surefire}), with the modules' load logs. Run it on the
 * reactor's root after the build ({@code mvn verify stackviz:aggregate}), or bind it in a module of its own that
 * depends on the modules to report on (as jacoco's {@code report-aggregate}): it then reports on those modules.
 */
@Mojo(name = "aggregate", aggregator = true, requiresProject = true, threadSafe = true)
public class AggregateMojo extends ExportParameters {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Parameter(defaultValue = "${reactorProjects}", readonly = true, required = true)
    private List<MavenProject> reactorProjects;

    @Override
    public void execute() throws MojoExecutionException {
        if (skip) {
            getLog().info("Skipping the StackViz report (stackviz.skip)");
            return;
        }
        List<ModuleInputs> modules = new ArrayList<>();
        for (MavenProject module : modules()) {
            ModuleInputs inputs = ModuleSettings.of(module);
            if (inputs == null) {
                getLog().debug("StackViz: nothing to export in " + module.getArtifactId());
                continue;
            }
            modules.add(inputs);
        }
        if (modules.isEmpty()) {
            getLog().info("Skipping the StackViz report: no module has test reports or configured inputs");
            return;
        }
        Path base = project.getBasedir().toPath();
        ExportConfig.Builder config = exportConfig(resolve(base, outputDirectory), base);
        modules.forEach(config::module);
        try {
            Exporter.Summary summary = new Exporter(config.build(), new MavenExportLog(getLog())).export();
            getLog().debug("StackViz report: " + summary);
        } catch (ExportException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }

    /**
     * The modules reported on: on the build's root, every project of the build; in a module of its own, the
     * projects of the build it depends on (and itself), as jacoco's report-aggregate.
     */
    private List<MavenProject> modules() {
        if (project.isExecutionRoot()) {
            return reactorProjects;
        }
        Set<String> wanted = new LinkedHashSet<>();
        for (Dependency dependency : project.getDependencies()) {
            wanted.add(dependency.getGroupId() + ":" + dependency.getArtifactId());
        }
        List<MavenProject> modules = new ArrayList<>();
        for (MavenProject candidate : reactorProjects) {
            if (candidate == project || wanted.contains(candidate.getGroupId() + ":" + candidate.getArtifactId())) {
                modules.add(candidate);
            }
        }
        return modules;
    }
}
