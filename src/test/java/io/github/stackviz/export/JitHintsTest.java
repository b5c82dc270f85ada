package io.github.stackviz.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JitHintsTest {
    @TempDir
    Path temp;

    private final RecordingLog log = new RecordingLog();

    /** What a large export logs at debug level, in Maven's -X. */
    static final List<String> ADDED_THEN_REMOVED = List.of(
            "Compiler directive added for the export (stackviz.jitHints)", "Compiler directive removed");

    /** How many directives of this project the JVM holds now. */
    static int directives() throws Exception {
        String printed = JitHints.command("compilerDirectivesPrint");
        return (int) Pattern.compile(Pattern.quote("matching: " + JitHints.MATCH)).matcher(printed).results().count();
    }

    @Test
    void aLargeExportsHintIsAddedThenRemoved() throws Exception {
        int before = directives();
        try (JitHints hints = JitHints.start(true, JitHints.LARGE, temp, log)) {
            hints.awaitAdded();
            assertTrue(hints.added(), log.debugs.toString());
            assertEquals(before + 1, directives());
            String printed = JitHints.command("compilerDirectivesPrint");
            assertTrue(printed.contains("-com/fasterxml/jackson/core/json/UTF8JsonGenerator.writeString"), printed);
            assertTrue(printed.contains("-java/nio/charset/CharsetDecoder.decode"), printed);
            try (var left = Files.list(temp)) {
                assertEquals(0, left.count(), "the directive's file is deleted once the JVM has read it");
            }
        }
        assertEquals(before, directives());
        assertEquals(ADDED_THEN_REMOVED, log.debugs);
    }

    @Test
    void anExportThatEndsBeforeTheHintIsAddedLeavesNoHintBehind() throws Exception {
        int before = directives();
        JitHints hints = JitHints.start(true, JitHints.LARGE, temp, log);
        hints.close(); // most likely before the thread has added it; either way, nothing may stay
        hints.awaitAdded();
        assertFalse(hints.added());
        assertEquals(before, directives());
        assertEquals(ADDED_THEN_REMOVED, log.debugs);
    }

    @Test
    void aStdinThatGrowsLargeBeginsTheHintOnceAndNotAfterTheExport() throws Exception {
        int before = directives();
        try (JitHints hints = JitHints.start(true, 0, temp, log)) {
            hints.awaitAdded();
            assertFalse(hints.added(), "nothing known to be large yet");
            hints.begin();
            hints.begin(); // a second large input: one hint
            hints.awaitAdded();
            assertTrue(hints.added());
            assertEquals(before + 1, directives());
        }
        assertEquals(before, directives());
        assertEquals(ADDED_THEN_REMOVED, log.debugs);

        JitHints ended = JitHints.start(true, 0, temp, log);
        ended.close();
        ended.begin(); // a run still reading when the export failed
        ended.awaitAdded();
        assertEquals(before, directives());
        assertEquals(ADDED_THEN_REMOVED, log.debugs, "nothing more");
    }

    @Test
    void readingPastTheSizeBeginsTheHintOnce() throws IOException {
        int[] calls = {0};
        byte[] bytes = new byte[30];
        Arrays.fill(bytes, (byte) 7);
        bytes[8] = 0; // a zero byte counts as read as well
        try (ReadFailures in = new ReadFailures(new java.io.ByteArrayInputStream(bytes), 10, () -> calls[0]++)) {
            byte[] buffer = new byte[4];
            assertEquals(4, in.read(buffer, 0, 4));
            assertEquals(4, in.read(buffer, 0, 4));
            assertEquals(0, calls[0]);
            assertEquals(0, in.read());
            assertEquals(9, in.position());
            assertEquals(0, calls[0], "9 bytes read");
            assertEquals(7, in.read());
            assertEquals(1, calls[0], "10 bytes read");
            while (in.read(buffer, 0, 4) > 0) {
                assertEquals(1, calls[0]);
            }
            assertEquals(30, in.position());
        }
    }

    @Test
    void aHintThatCannotBeWrittenIsLoggedAndTheExportGoesOn() throws Exception {
        int before = directives();
        try (JitHints hints = JitHints.start(true, JitHints.LARGE, temp.resolve("no such folder"), log)) {
            hints.awaitAdded();
            assertFalse(hints.added());
        }
        assertEquals(before, directives());
        assertEquals(1, log.debugs.size(), log.debugs.toString());
        String why = log.debugs.get(0);
        assertTrue(why.startsWith("No compiler directive for the export (java.nio.file.NoSuchFileException"), why);
    }

    @Test
    void smallExportsAndDisabledHintsLeaveTheJitAlone() throws Exception {
        int before = directives();
        for (JitHints hints : List.of(JitHints.start(true, JitHints.LARGE - 1, temp, log),
                JitHints.start(false, Long.MAX_VALUE, temp, log))) {
            hints.awaitAdded();
            assertFalse(hints.added());
            assertEquals(before, directives());
            hints.close();
            assertEquals(before, directives());
        }
        assertEquals(List.of(), log.debugs);
    }

    @Test
    void theDirectiveNamesEveryListedMethodAsAPattern() throws IOException {
        Path file = temp.resolve("d.json");
        JitHints.writeDirective(file);
        String text = Files.readString(file);
        assertTrue(text.startsWith("[{\"match\":\"io/github/stackviz/*.*\",\"c2\":{\"inline\":[\"-"), text);
        List<String> methods = JitHints.methods();
        assertTrue(methods.size() > 50, methods.toString());
        for (String method : methods) {
            assertTrue(text.contains("\"-" + JitHints.pattern(method) + "\""), method);
        }
        assertEquals("java/nio/Buffer.limit", JitHints.pattern("java.nio.Buffer.limit"));
        assertEquals("io/github/stackviz/export/TreeBuilder$Records.read",
                JitHints.pattern("io.github.stackviz.export.TreeBuilder$Records.read"));
    }

    /** The JVM ignores a name that matches nothing: a renamed method of ours would silently lose its hint. */
    @Test
    void theListedMethodsOfThisProjectExist() throws Exception {
        int ours = 0;
        for (String method : JitHints.methods()) {
            if (method.startsWith("io.github.stackviz.")) {
                int dot = method.lastIndexOf('.');
                String name = method.substring(dot + 1);
                Method[] declared = Class.forName(method.substring(0, dot)).getDeclaredMethods();
                assertTrue(Arrays.stream(declared).anyMatch(m -> m.getName().equals(name)), method);
                ours++;
            }
        }
        assertTrue(ours > 10, "the list names the project's larger methods too");
    }

    @Test
    void aDirectiveTheJvmRefusesIsReportedNotAdded() throws Exception {
        Path file = temp.resolve("bad.json");
        Files.writeString(file, "[{\"match\": \"io/github/stackviz/*.*\", \"c2\": {\"NoSuchOption\": 1}}]");
        int before = directives();
        String refused = JitHints.addDirective(file);
        assertTrue(refused != null && !refused.isEmpty(), String.valueOf(refused));
        assertEquals(before, directives());
        JitHints.writeDirective(file);
        assertEquals(null, JitHints.addDirective(file));
        assertEquals(before + 1, directives());
        JitHints.command("compilerDirectivesRemove");
        assertEquals(before, directives());
    }
}
