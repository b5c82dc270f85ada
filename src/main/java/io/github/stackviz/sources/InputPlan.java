package io.github.stackviz.sources;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Decides what gets exported, in the order config.json lists it: repository runs (oldest first, per
 * repository in the order given), stream files, test reports (each folder, or file given alone, a run), then
 * stdin. The very same repository or file given
 * twice is exported once; different ones with the same name are all exported, later ones with a suffix
 * ({@code file_a.subunit-2}) where the reference silently kept only the last.
 *
 * @param sources what to export
 * @param missing inputs that were asked for but do not exist (or are no repository)
 * @param notes   remarks for the user: a repository without runs, a folder holding two repositories
 */
public record InputPlan(List<Source> sources, List<String> missing, List<String> notes) {

    public static InputPlan of(List<Path> repositories, RunSelection runs, List<Path> streamFiles,
                               List<Path> junitReports, boolean stdin, InputStream stdinStream) throws IOException {
        List<Source> sources = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        Map<String, Integer> names = new HashMap<>();
        for (Path path : repositories) {
            if (!Files.exists(path)) {
                missing.add("Repository " + path + " does not exist");
                continue;
            }
            TestRepository repository = TestRepository.find(path);
            if (repository == null) {
                missing.add("Repository " + path + " is no .testrepository or .stestr folder and holds none");
                continue;
            }
            if (!seen.add(repository.folder())) {
                continue;
            }
            if (repository.note() != null) {
                notes.add(repository.note());
            }
            List<Path> runFiles = repository.runs();
            if (runFiles.isEmpty()) {
                notes.add("Repository " + repository.folder() + " holds no runs: nothing exported for it");
                continue;
            }
            List<Path> selected = runs.select(runFiles);
            String name = unique(names, "repo_" + repository.holderName());
            for (int i = 0; i < selected.size(); i++) {
                sources.add(new RepositoryRunSource(selected.get(i), name, repository.holderName(), i,
                        selected.size() > 1));
            }
        }
        for (Path file : expand(streamFiles, missing, "Stream file")) {
            if (!Files.exists(file)) {
                missing.add("Stream file " + file + " does not exist");
                continue;
            }
            if (seen.add(file.toRealPath())) {
                sources.add(new StreamFileSource(file, unique(names, "file_" + file.getFileName())));
            }
        }
        for (Path reports : expand(junitReports, missing, "Test report", true)) {
            if (!Files.exists(reports)) {
                missing.add("Test report " + reports + " does not exist");
                continue;
            }
            if (seen.add(reports.toRealPath())) {
                sources.addAll(JunitReportSource.runs(reports, unique(names, "junit_" + reports.getFileName()),
                        ZoneId.systemDefault()));
            }
        }
        if (stdin) {
            sources.add(new StdinSource(stdinStream));
        }
        return new InputPlan(List.copyOf(sources), List.copyOf(missing), List.copyOf(notes));
    }

    /**
     * The runs of a multi-module build's modules, in the modules' order, each module's as {@link #of} plans them
     * (repositories, stream files, test reports), named after its module: {@code alpha_junit_surefire-reports},
     * {@code alpha: Surefire}.
     */
    public static InputPlan ofModules(List<ModuleInputs> modules, RunSelection runs) throws IOException {
        List<Source> sources = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (ModuleInputs module : modules) {
            InputPlan plan = of(module.repositories(), runs, module.streamFiles(), module.junitReports(), false, null);
            for (Source source : plan.sources()) {
                sources.add(ModuleSource.of(source, module.name()));
            }
            plan.missing().forEach(what -> missing.add(module.name() + ": " + what));
            plan.notes().forEach(note -> notes.add(module.name() + ": " + note));
        }
        return new InputPlan(List.copyOf(sources), List.copyOf(missing), List.copyOf(notes));
    }

    /** This plan's runs, then {@code other}'s. */
    public InputPlan and(InputPlan other) {
        if (other.sources.isEmpty() && other.missing.isEmpty() && other.notes.isEmpty()) {
            return this;
        }
        return new InputPlan(concat(sources, other.sources), concat(missing, other.missing),
                concat(notes, other.notes));
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }

    /**
     * The stream files, each glob ({@code results/*.subunit}, {@code target/**}{@code /*.subunit}: Java's glob
     * syntax) replaced by the files it matches, in name order. A glob that matches nothing is missing.
     */
    static List<Path> expand(List<Path> files, List<String> missing, String what) throws IOException {
        return expand(files, missing, what, false);
    }

    /**
     * @param what    what the files are, for the message of a glob that matches nothing: "Stream file"
     * @param folders whether a glob matches folders too (test reports are read from folders)
     */
    static List<Path> expand(List<Path> files, List<String> missing, String what, boolean folders)
            throws IOException {
        List<Path> expanded = new ArrayList<>();
        for (Path file : files) {
            int literal = 0; // the leading parts without glob characters: where the search starts
            while (literal < file.getNameCount() && !isGlob(file.getName(literal).toString())) {
                literal++;
            }
            if (literal == file.getNameCount()) {
                expanded.add(file);
                continue;
            }
            List<Path> matches = matches(file, literal, folders);
            if (matches.isEmpty()) {
                missing.add(what + " pattern " + file + " matches no file");
            }
            expanded.addAll(matches);
        }
        return expanded;
    }

    /** The files that {@code file}, a glob from its part {@code literal} on, matches, in name order. */
    private static List<Path> matches(Path file, int literal, boolean folders) throws IOException {
        Path root = file.getRoot() == null ? Path.of("") : file.getRoot();
        Path base = literal == 0 ? root : root.resolve(file.subpath(0, literal));
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        Path pattern = file.subpath(literal, file.getNameCount());
        PathMatcher matcher = base.getFileSystem().getPathMatcher("glob:" + pattern);
        int depth = pattern.toString().contains("**") ? Integer.MAX_VALUE : pattern.getNameCount();
        try (Stream<Path> walk = Files.walk(base, depth)) {
            return walk.filter(p -> Files.isRegularFile(p) || folders && Files.isDirectory(p) && !p.equals(base))
                    .filter(p -> matcher.matches(base.relativize(p)))
                    .sorted(Comparator.comparing(Path::toString)).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause(); // a folder on the way could not be read
        }
    }

    private static boolean isGlob(String part) {
        return part.indexOf('*') >= 0 || part.indexOf('?') >= 0 || part.indexOf('[') >= 0 || part.indexOf('{') >= 0;
    }

    /** The name, or the name with {@code -2}, {@code -3}... when an earlier source took it. */
    private static String unique(Map<String, Integer> names, String name) {
        int uses = names.merge(name, 1, Integer::sum);
        return uses == 1 ? name : name + "-" + uses;
    }
}
