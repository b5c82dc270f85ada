package io.github.stackviz.maven;

import io.github.stackviz.sources.DefaultReports;
import io.github.stackviz.sources.ModuleInputs;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * What one module's own {@code export} would read, found in its POM: the inputs its executions of the plugin
 * configure, or, when they configure none, the module's own test reports; and the load log its
 * {@code record-load} writes, where that file exists.
 */
final class ModuleSettings {
    static final String PLUGIN_KEY = "io.github.stackviz:stackviz-maven-plugin";
    /** Where {@code record-load} writes by default, relative to the build folder. */
    static final String LOAD_FILE = "stackviz-load.csv";

    private ModuleSettings() {
    }

    /**
     * The module's inputs, named after its artifactId; {@code null} when its export is skipped in its POM or it has
     * nothing to export.
     */
    static ModuleInputs of(MavenProject module) {
        Path basedir = module.getBasedir().toPath();
        Path build = Path.of(module.getBuild().getDirectory());
        List<Xpp3Dom> exports = new ArrayList<>();
        Path loadFile = build.resolve(LOAD_FILE);
        Plugin plugin = module.getBuild().getPluginsAsMap().get(PLUGIN_KEY);
        if (plugin != null) {
            for (PluginExecution execution : plugin.getExecutions()) {
                Xpp3Dom merged = merged(execution, plugin);
                if (execution.getGoals().contains("export")) {
                    exports.add(merged);
                }
                String recordedInto = value(merged, "loadFile");
                if (execution.getGoals().contains("record-load") && recordedInto != null) {
                    loadFile = resolve(basedir, recordedInto);
                }
            }
        }
        List<Path> streamFiles = new ArrayList<>();
        List<Path> repositories = new ArrayList<>();
        List<Path> junitReports = new ArrayList<>();
        Path dstat = null;
        for (Xpp3Dom config : exports) {
            if ("true".equals(value(config, "skip"))) {
                return null;
            }
            streamFiles.addAll(paths(basedir, config, "streamFiles"));
            repositories.addAll(paths(basedir, config, "repositories"));
            junitReports.addAll(paths(basedir, config, "junitReports"));
            if (value(config, "dstat") != null) {
                dstat = resolve(basedir, value(config, "dstat"));
            }
        }
        if (streamFiles.isEmpty() && repositories.isEmpty() && junitReports.isEmpty()) {
            junitReports.addAll(DefaultReports.under(build));
        }
        if (dstat == null && Files.isRegularFile(loadFile)) {
            dstat = loadFile;
        }
        if (streamFiles.isEmpty() && repositories.isEmpty() && junitReports.isEmpty()) {
            return null;
        }
        return new ModuleInputs(module.getArtifactId(), streamFiles, repositories, junitReports, dstat);
    }

    /** The execution's configuration over the plugin's. */
    private static Xpp3Dom merged(PluginExecution execution, Plugin plugin) {
        Xpp3Dom own = (Xpp3Dom) execution.getConfiguration();
        Xpp3Dom shared = (Xpp3Dom) plugin.getConfiguration();
        if (own == null) {
            return shared == null ? new Xpp3Dom("configuration") : shared;
        }
        return shared == null ? own : Xpp3Dom.mergeXpp3Dom(new Xpp3Dom(own), shared);
    }

    private static String value(Xpp3Dom config, String name) {
        Xpp3Dom child = config.getChild(name);
        if (child == null || child.getValue() == null || child.getValue().isBlank()) {
            return null;
        }
        return child.getValue().strip();
    }

    /** A list parameter, written as child elements ({@code <streamFile>a</streamFile>}) or comma-separated. */
    private static List<Path> paths(Path basedir, Xpp3Dom config, String name) {
        List<Path> paths = new ArrayList<>();
        Xpp3Dom list = config.getChild(name);
        if (list == null) {
            return paths;
        }
        List<String> values = new ArrayList<>();
        if (list.getChildCount() > 0) {
            for (Xpp3Dom item : list.getChildren()) {
                values.add(item.getValue());
            }
        } else if (list.getValue() != null) {
            values.addAll(List.of(list.getValue().split(",")));
        }
        for (String value : values) {
            if (value != null && !value.isBlank() && !value.contains("${")) {
                paths.add(resolve(basedir, value.strip()));
            }
        }
        return paths;
    }

    private static Path resolve(Path basedir, String value) {
        return ExportParameters.resolve(basedir, new File(value));
    }
}
