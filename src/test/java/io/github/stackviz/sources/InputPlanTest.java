package io.github.stackviz.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stream files named by globs. */
class InputPlanTest {
    @TempDir
    Path temp;

    private Path file(String relative) throws IOException {
        Path file = temp.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "");
    }

    private List<String> expand(String... patterns) throws IOException {
        List<Path> paths = new ArrayList<>();
        for (String pattern : patterns) {
            paths.add(temp.resolve(pattern));
        }
        List<String> missing = new ArrayList<>();
        List<String> found = new ArrayList<>();
        for (Path path : InputPlan.expand(paths, missing, "Stream file")) {
            found.add(temp.relativize(path).toString());
        }
        found.addAll(missing.stream().map(m -> "missing: " + m.replace(temp + "/", "")).toList());
        return found;
    }

    @Test
    void globsAreReplacedByTheFilesTheyMatchInNameOrder() throws IOException {
        file("results/b.subunit");
        file("results/a.subunit");
        file("results/notes.txt");
        file("results/nested/c.subunit");
        file("other/x1/d.subunit");
        file("other/x2/e.subunit");
        assertEquals(List.of("results/a.subunit", "results/b.subunit"), expand("results/*.subunit"));
        assertEquals(List.of("results/nested/c.subunit"), expand("results/**/*.subunit"), "Java's ** needs a folder");
        assertEquals(List.of("other/x1/d.subunit", "other/x2/e.subunit"), expand("other/x?/*"));
        assertEquals(List.of("results/a.subunit", "results/b.subunit"), expand("results/{a,b}.subunit"));
        assertEquals(List.of("results/notes.txt", "results/a.subunit"),
                expand("results/notes.txt", "results/[a].subunit"), "plain names stay as given, in the order given");
    }

    @Test
    void aGlobThatMatchesNothingIsMissing() throws IOException {
        file("results/a.subunit");
        assertEquals(List.of("missing: Stream file pattern results/*.xml matches no file"), expand("results/*.xml"));
        assertEquals(List.of("missing: Stream file pattern nowhere/*.subunit matches no file"),
                expand("nowhere/*.subunit"));
        assertEquals(List.of("no-such.subunit"), expand("no-such.subunit"), "a plain name is checked later, as before");
    }
}
