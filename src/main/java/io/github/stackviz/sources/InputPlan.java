package io.github.stackviz.sources;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides what gets exported, in the order config.json lists it: stream files, then stdin. The very
 * same file given twice is exported once; different files with the same basename are all exported,
 * later ones with a suffix ({@code file_a.subunit-2}) where the reference silently kept only the last.
 * Inputs that do not exist are collected for the caller to warn or fail about.
 *
 * @param sources what to export
 * @param missing inputs that were asked for but do not exist
 */
public record InputPlan(List<Source> sources, List<Path> missing) {

    public static InputPlan of(List<Path> streamFiles, boolean stdin, InputStream stdinStream) throws IOException {
        List<Source> sources = new ArrayList<>();
        List<Path> missing = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        Map<String, Integer> basenames = new HashMap<>();
        for (Path file : streamFiles) {
            if (!Files.exists(file)) {
                missing.add(file);
                continue;
            }
            if (!seen.add(file.toRealPath())) {
                continue;
            }
            String name = "file_" + file.getFileName();
            int uses = basenames.merge(name, 1, Integer::sum);
            sources.add(new StreamFileSource(file, uses == 1 ? name : name + "-" + uses));
        }
        if (stdin) {
            sources.add(new StdinSource(stdinStream));
        }
        return new InputPlan(List.copyOf(sources), List.copyOf(missing));
    }
}
