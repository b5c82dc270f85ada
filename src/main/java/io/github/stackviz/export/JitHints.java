package io.github.stackviz.export;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Asks HotSpot's C2 compiler to inline less into the export's own methods while a large export runs.
 *
 * <p>An export of a few seconds is mostly the JIT's warm-up: on two cores, C2 (one thread) spent 4 to 5 s
 * compiling the export's hot methods with all they call inlined, and those methods ran slower code while they
 * waited for it. Told not to inline the larger callees ({@code jit-hints.txt}: the methods over 60 bytes of
 * bytecode it inlined there, what {@code -XX:FreqInlineSize=60} would leave out), it compiles the same methods in
 * half the time. The hint is a compiler directive (JEP 165) matching only this project's classes, so no other
 * code's compiles change; it is added through the JVM's DiagnosticCommand MBean (what {@code jcmd
 * Compiler.directives_add} does) on a thread of its own, as starting the platform MBean server takes about
 * 0.2 s, and removed when the export ends. Where the JVM has no such command, nothing happens.
 */
final class JitHints implements AutoCloseable {
    /**
     * Inputs at least this large together get the hint: at 20 MB it still saved a little, and the MBean server
     * costs 0.2 s of CPU to start, too much for the small exports of most projects' own tests.
     */
    static final long LARGE = 20L << 20;
    static final String LIST = "jit-hints.txt";
    /** The compiles it applies to: those of this project's methods, in the directives' pattern syntax. */
    static final String MATCH = "io/github/stackviz/*.*";
    private static final String[] STRINGS = {String[].class.getName()};

    private final boolean enabled;
    private final ExportLog log;
    private final Thread adding;
    private boolean begun; // guarded by this, as are added and closed
    private boolean added;
    private boolean closed;

    private JitHints(boolean enabled, ExportLog log, Path folder) {
        this.enabled = enabled;
        this.log = log;
        this.adding = new Thread(() -> add(folder), "stackviz-jit-hints");
        adding.setDaemon(true);
    }

    /**
     * Starts adding the hint for inputs of {@code inputBytes} together (their known sizes), or gets ready to add it
     * when {@link #begin()} is called.
     */
    static JitHints start(boolean enabled, long inputBytes, ExportLog log) {
        // the directive's file, read by the JVM at once, goes to the system's temporary folder: in the export's
        // work folder, it could appear while a failed export removes that folder
        return start(enabled, inputBytes, Path.of(System.getProperty("java.io.tmpdir")), log);
    }

    /** With the directive's file in {@code folder}, for tests. */
    static JitHints start(boolean enabled, long inputBytes, Path folder, ExportLog log) {
        JitHints hints = new JitHints(enabled, log, folder);
        if (inputBytes >= LARGE) {
            hints.begin();
        }
        return hints;
    }

    /** Starts adding the hint now, unless it is off, begun or the export ended: for stdin, once it has been large. */
    synchronized void begin() {
        if (enabled && !begun && !closed) {
            begun = true;
            adding.start();
        }
    }

    /** Whether the JVM holds the hint now (known once {@link #awaitAdded()} returned). */
    synchronized boolean added() {
        return added;
    }

    /** Waits until the hint is added or refused; returns at once when it was not asked for. For tests. */
    void awaitAdded() throws InterruptedException {
        adding.join();
    }

    private void add(Path folder) {
        try {
            Path file = Files.createTempFile(folder, "stackviz-jit-hints", ".json");
            try {
                writeDirective(file);
                String refused = addDirective(file);
                log.debug(refused == null ? "Compiler directive added for the export (stackviz.jitHints)"
                        : "The JVM did not take the export's compiler directive: " + refused);
                synchronized (this) {
                    added = refused == null;
                    if (closed) {
                        remove(); // the export ended (or failed) before the JVM had the hint
                    }
                }
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (Exception | LinkageError e) {
            // not HotSpot, no java.management, or no DiagnosticCommand: the export runs as it would without
            log.debug("No compiler directive for the export (" + e + ")");
        }
    }

    /**
     * Removes the hint when the export ends: now if the JVM has it, else as soon as it is added. Does not wait for
     * the thread adding it.
     */
    @Override
    public synchronized void close() {
        closed = true;
        remove();
    }

    private synchronized void remove() {
        if (!added) {
            return;
        }
        added = false;
        try {
            // removes the directive on top of the stack: the one added above, or one just like it added by
            // another export in this JVM at the same time
            command("compilerDirectivesRemove");
            log.debug("Compiler directive removed");
        } catch (Exception | LinkageError e) {
            log.debug("Could not remove the export's compiler directive (" + e + ")");
        }
    }

    /** Adds the directives in {@code file}; returns null, or what the JVM said when it refused them. */
    static String addDirective(Path file) throws Exception {
        String answer = command("compilerDirectivesAdd", file.toString());
        // HotSpot answers "1 compiler directives added", or why it could not parse or add them
        return answer.contains("1 compiler directives added") ? null : answer.strip();
    }

    /** The directive: for this project's methods, C2 inlines none of the listed methods. */
    static void writeDirective(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); JsonGenerator json = Json.generator(out)) {
            json.writeStartArray();
            json.writeStartObject();
            json.writeStringField("match", MATCH);
            json.writeObjectFieldStart("c2");
            json.writeArrayFieldStart("inline");
            for (String method : methods()) {
                json.writeString("-" + pattern(method));
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndObject();
            json.writeEndArray();
        }
    }

    /** The listed methods, {@code java.nio.Buffer.limit}: one a line, {@code #} for comments. */
    static List<String> methods() throws IOException {
        try (InputStream in = JitHints.class.getResourceAsStream(LIST)) {
            if (in == null) {
                throw new IOException(LIST + " is missing from the plugin");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .toList();
        }
    }

    /** {@code java.nio.Buffer.limit} as a directive's pattern: {@code java/nio/Buffer.limit}. */
    static String pattern(String method) {
        int dot = method.lastIndexOf('.');
        return method.substring(0, dot).replace('.', '/') + method.substring(dot);
    }

    /** Runs a diagnostic command (a {@code jcmd} command) in this JVM and returns what it printed. */
    static String command(String operation, String... arguments) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Object answer = server.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), operation,
                new Object[] {arguments}, STRINGS);
        return String.valueOf(answer);
    }
}
