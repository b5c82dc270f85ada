package io.github.stackviz.export;

import static io.github.stackviz.export.ExporterTest.EDGE;
import static io.github.stackviz.export.ExporterTest.TAP;
import static io.github.stackviz.export.ExporterTest.TAP_FILES;
import static io.github.stackviz.export.ExporterTest.listing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export replaces its output directory whole, so it only takes one that holds nothing else: a folder of the
 * user's ({@code -Dstackviz.outputDirectory=.}) is refused, never emptied.
 */
class OutputDirectoryTest {
    @TempDir
    Path temp;

    private final RecordingLog log = new RecordingLog();

    private Exporter.Summary export(ExportConfig.Builder config) throws ExportException {
        return new Exporter(config.build(), log).export();
    }

    private List<String> siblings() throws IOException {
        try (Stream<Path> files = Files.list(temp)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aFolderOfTheUsersIsRefusedAndKeptAsItWas() throws Exception {
        Path project = Files.createDirectory(temp.resolve("project"));
        Path stream = Files.copy(EDGE, project.resolve("results.subunit"));
        Files.writeString(project.resolve("notes.txt"), "mine");
        Files.createDirectory(project.resolve("src"));
        Files.writeString(project.resolve("src/Main.java"), "class Main {}");
        List<String> before = listing(project);

        ExportException e = assertThrows(ExportException.class,
                () -> export(ExportConfig.builder(project).streamFile(stream)));

        assertEquals("The output directory " + project + " holds files that are not a StackViz export's (notes.txt,"
                + " results.subunit, src): the export replaces its output directory whole, and would delete them."
                + " Choose a new or empty directory, or one that holds only a previous export (such as "
                + project.resolve("stackviz") + ")", e.getMessage());
        assertEquals(List.of(), log.infos, "refused before anything was read");
        assertEquals(before, listing(project));
        assertEquals("mine", Files.readString(project.resolve("notes.txt")));
        assertEquals(List.of("project"), siblings(), "no work folder left beside it");
    }

    @Test
    void theMessageNamesThreeFilesAndCountsTheRest() throws Exception {
        Path out = Files.createDirectory(temp.resolve("out"));
        for (String name : List.of("a", "b", "c", "d", "e")) {
            Files.writeString(out.resolve(name), name);
        }
        ExportException e = assertThrows(ExportException.class,
                () -> export(ExportConfig.builder(out).streamFile(EDGE)));
        assertTrue(e.getMessage().contains("(a, b, c and 2 more)"), e.getMessage());
    }

    @Test
    void exportNamesWithoutAStackVizConfigAreNoExport() throws Exception {
        // a site's own index.html and config.json: the names are the export's, the files are not
        Path site = Files.createDirectory(temp.resolve("site"));
        Files.writeString(site.resolve("index.html"), "<html>my site</html>");
        Files.writeString(site.resolve("config.json"), "{\"theme\": \"dark\"}");
        ExportException e = assertThrows(ExportException.class,
                () -> export(ExportConfig.builder(site).streamFile(EDGE)));
        assertTrue(e.getMessage().contains("(config.json, index.html)"), e.getMessage());
        assertEquals("<html>my site</html>", Files.readString(site.resolve("index.html")));

        Files.writeString(site.resolve("config.json"), "[{\"tempest\": []}]"); // JSON, but no StackViz index
        assertThrows(ExportException.class, () -> export(ExportConfig.builder(site).streamFile(EDGE)));
        Files.writeString(site.resolve("config.json"), "not json");
        assertThrows(ExportException.class, () -> export(ExportConfig.builder(site).streamFile(EDGE)));
        Files.delete(site.resolve("config.json"));
        assertThrows(ExportException.class, () -> export(ExportConfig.builder(site).streamFile(EDGE)));
        assertEquals(List.of("index.html"), listing(site));
    }

    @Test
    void anEmptyFolderIsTaken() throws Exception {
        Path out = Files.createDirectory(temp.resolve("out"));
        export(ExportConfig.builder(out).streamFile(EDGE));
        assertTrue(Files.exists(out.resolve("config.json")));
    }

    @Test
    void anExportOfTheOriginalToolIsReplaced() throws Exception {
        // an export of stackviz-export: its config.json (json.dump's spacing; "tempest" need not come first), its
        // data files and dstat log
        Path out = Files.createDirectory(temp.resolve("out"));
        Files.writeString(out.resolve("config.json"), "{\"deployer\": false, \"tempest\": [{\"id\": 0}]}");
        Files.writeString(out.resolve("tempest_repo_old_0_raw.json"), "[]");
        Files.writeString(out.resolve("tempest_repo_old_0_details.json.gz"), "");
        Files.writeString(out.resolve("dstat_log.csv"), "");
        export(ExportConfig.builder(out).streamFile(TAP).viewer(false));
        assertEquals(TAP_FILES, listing(out));
    }

    @Test
    void aFilePutInTheFolderDuringTheExportStopsItsCommit() throws Exception {
        Path out = temp.resolve("out");
        export(ExportConfig.builder(out).streamFile(EDGE));
        assertArrivalStopsTheCommit(out, false);
        assertEquals(List.of("out"), siblings());
    }

    /** A file written into {@code folder} while the export runs stops its commit; the rest stays as it was. */
    private void assertArrivalStopsTheCommit(Path folder, boolean mountPoint) throws Exception {
        List<String> before = listing(folder);
        try (Staging staging = Staging.create(folder, mountPoint)) {
            writeExport(staging.output(), "new");
            Files.writeString(folder.resolve("arrived.txt"), "meanwhile");
            ExportException e = assertThrows(ExportException.class, staging::commit);
            assertTrue(e.getMessage().contains("(arrived.txt)"), e.getMessage());
        }
        List<String> expected = new ArrayList<>(before);
        expected.add("arrived.txt");
        Collections.sort(expected);
        assertEquals(expected, listing(folder), "the previous export in place, the work folder gone");
    }

    @Test
    void aSymbolicLinkIsFollowedAndKept() throws Exception {
        Path real = Files.createDirectory(temp.resolve("real"));
        Path link = Files.createSymbolicLink(temp.resolve("link"), real);
        Exporter.Summary summary = export(ExportConfig.builder(link).streamFile(EDGE));
        assertTrue(Files.isSymbolicLink(link));
        assertTrue(Files.exists(real.resolve("config.json")));
        assertEquals(real.toRealPath(), summary.outputDirectory());
        export(ExportConfig.builder(link).streamFile(EDGE)); // and again, over the previous export
        assertTrue(Files.isSymbolicLink(link));
        assertTrue(Files.exists(link.resolve("config.json")));
    }

    @Test
    void aBrokenSymbolicLinkIsAnError() throws Exception {
        Path link = Files.createSymbolicLink(temp.resolve("link"), temp.resolve("gone"));
        ExportException e = assertThrows(ExportException.class,
                () -> export(ExportConfig.builder(link).streamFile(EDGE)));
        assertTrue(e.getMessage().startsWith("The output directory " + link + " is a symbolic link to nothing"),
                e.getMessage());
    }

    @Test
    void theRootIsRefused() {
        Path root = temp.getRoot();
        ExportException e = assertThrows(ExportException.class,
                () -> export(ExportConfig.builder(root).streamFile(EDGE)));
        assertEquals("The output directory cannot be the root of the file system (" + root
                + "): the export replaces its output directory whole", e.getMessage());
    }

    // ---------------------------------------------------------------- a mount point (a container's volume)

    /** Writes what an export of one run would, with {@code marker} in its config. */
    private static void writeExport(Path folder, String marker) throws IOException {
        Files.writeString(folder.resolve("config.json"), "{\"tempest\": [], \"marker\": \"" + marker + "\"}");
        Files.writeString(folder.resolve("tempest_file_a_0_raw.json"), marker);
        Files.createDirectories(folder.resolve("viewer-data"));
        Files.writeString(folder.resolve("viewer-data/index.js"), marker);
    }

    @Test
    void aMountPointGetsTheExportPieceByPieceAndKeepsLostAndFound() throws Exception {
        // a mount point cannot be renamed: the work folder goes inside it, and the files are moved in one by one
        Path volume = Files.createDirectory(temp.resolve("volume"));
        Files.createDirectory(volume.resolve("lost+found"));
        Files.writeString(volume.resolve("lost+found/#1234"), "the file system's");
        writeExport(volume, "old");
        Files.writeString(volume.resolve("tempest_file_gone_0_tree.json"), "of the previous export only");
        try (Staging staging = Staging.create(volume, true)) {
            assertTrue(staging.output().startsWith(volume), "works inside the mount point");
            writeExport(staging.output(), "new");
            staging.commit();
        }
        assertEquals(List.of("config.json", "lost+found/#1234", "tempest_file_a_0_raw.json", "viewer-data/index.js"),
                listing(volume));
        assertTrue(Files.readString(volume.resolve("config.json")).contains("new"));
        assertEquals("new", Files.readString(volume.resolve("viewer-data/index.js")));
        assertEquals("the file system's", Files.readString(volume.resolve("lost+found/#1234")));
        assertEquals(List.of("volume"), siblings(), "nothing beside it");
    }

    @Test
    void aMountPointHoldingOtherFilesIsRefused() throws Exception {
        Path volume = Files.createDirectory(temp.resolve("volume"));
        Files.writeString(volume.resolve("notes.txt"), "mine");
        ExportException e = assertThrows(ExportException.class, () -> Staging.create(volume, true));
        assertTrue(e.getMessage().contains("(notes.txt)"), e.getMessage());
        assertEquals(List.of("notes.txt"), listing(volume));
        // lost+found counts as the user's where the folder is no mount point: it would go with the folder
        Path plain = Files.createDirectory(temp.resolve("plain"));
        Files.createDirectory(plain.resolve("lost+found"));
        assertThrows(ExportException.class, () -> Staging.create(plain, false));
    }

    @Test
    void aFileWrittenIntoAMountPointDuringTheExportStopsItsCommit() throws Exception {
        Path volume = Files.createDirectory(temp.resolve("volume"));
        writeExport(volume, "old");
        assertArrivalStopsTheCommit(volume, true);
        assertTrue(Files.readString(volume.resolve("config.json")).contains("old"));
    }

    @Test
    void intoAMountPointConfigJsonMovesLastAndOutFirst() {
        List<String> names = List.of("viewer", "config.json", "index.html", "tempest_a_0_raw.json");
        assertEquals(List.of("index.html", "tempest_a_0_raw.json", "viewer", "config.json"),
                Staging.configLast(names, false));
        assertEquals(List.of("config.json", "index.html", "tempest_a_0_raw.json", "viewer"),
                Staging.configLast(names, true));
        assertEquals(List.of("a", "b"), Staging.configLast(List.of("b", "a"), false));
    }

    @Test
    void mountPointsAreFoundInTheMountTable() {
        assertEquals("a b\\c", OutputFolder.unescape("a\\040b\\134c"));
        assertTrue(OutputFolder.isMountPoint(temp.getRoot()));
        assertFalse(OutputFolder.isMountPoint(temp));
        // lines as Linux writes them: a volume, a bind mount of the same disk, a path with a space
        List<String> table = List.of(
                "22 1 254:1 / / rw,relatime shared:1 - ext4 /dev/vda rw",
                "301 22 0:52 / /work/report rw,relatime - tmpfs tmpfs rw,size=65536k",
                "302 22 254:1 /src /work/bind rw,relatime shared:1 - ext4 /dev/vda rw",
                "303 22 254:1 /x /work/my\\040out rw - ext4 /dev/vda rw");
        for (String folder : List.of("/work/report", "/work/bind", "/work/my out", "/")) {
            assertTrue(OutputFolder.listed(Path.of(folder), table.stream()), folder);
        }
        for (String folder : List.of("/work", "/work/report/stackviz", "/work/my\\040out", "/dev/vda")) {
            assertFalse(OutputFolder.listed(Path.of(folder), table.stream()), folder);
        }
    }
}
