package io.github.stackviz.bench;

import io.github.stackviz.subunit.Event;
import io.github.stackviz.subunit.StreamHandler;
import io.github.stackviz.subunit.SubunitStreams;
import io.github.stackviz.subunit.SubunitV2Writer;
import io.github.stackviz.subunit.TestStatus;
import io.github.stackviz.util.CountingOutputStream;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes large, deterministic subunit v2 streams for the benchmark ({@code bench/run.sh}) by re-encoding
 * the real records of the project's fixture streams (src/test/fixtures) with {@link SubunitV2Writer}. Nothing is random: the same
 * arguments give the same bytes.
 *
 * <pre>StreamGenerator &lt;tests|attachments|logs&gt; &lt;out-file&gt; &lt;size-MB&gt; [fixtures-dir]</pre>
 *
 * <p>{@code size-MB} is in MiB (2^20 bytes). The stream stops at the first point after the size is reached
 * where no test is open (a packet boundary that is also a test boundary), so every test written is
 * complete; it overshoots the size by less than one test.
 *
 * <ul>
 * <li>{@link Kind#TESTS}: many distinct tests with small attachments. Each <em>pass</em> replays
 * {@code edge-parallel.subunit} (31 tests, every outcome, workers {@code worker-0}/{@code worker-1}) with the
 * pass number inserted into the module part of every test id ({@code realedge.test_outcomes_000123.Testcase
 * Outcomes.test_fail}), so ids stay distinct and the tree grows by one module per pass, and with timestamps
 * moved on by one fixture span per pass. A full pass keeps the real tracebacks of failures and the real
 * reasons of skips (other attachments are dropped); it is followed by {@value #SUCCESS_PASSES} passes that
 * replay only the fixture's passing tests, as a real suite is mostly passing. That keeps a test at about
 * 270 bytes: 300 MB hold more than a million tests.</li>
 * <li>{@link Kind#ATTACHMENTS}: mostly attachments. Each pass replays {@code bulk-logging.subunit} (11 tests
 * with real {@code pythonlogging:''} attachments of 9.6 KB to 780 KB, and their tracebacks), every
 * attachment written in {@value #CHUNK}-byte file packets (testtools' default chunk size), {@code eof} on
 * the last. 300 MB hold about 2,600 tests. {@code logs} is another name for it: {@code logs-355}, 355 MB of
 * logs (3,033 tests), is the case of issue 22, measured against the original tool.</li>
 * </ul>
 */
public final class StreamGenerator {
    /** Attachment chunk size of the attachments kind. */
    static final int CHUNK = 4096;
    /** Passes with only the passing tests after each full pass of the tests kind. */
    static final int SUCCESS_PASSES = 4;
    static final long MB = 1024L * 1024L;

    public enum Kind {
        TESTS("edge-parallel.subunit"),
        ATTACHMENTS("bulk-logging.subunit");

        final String fixture;

        Kind(String fixture) {
            this.fixture = fixture;
        }

        /** {@code logs} is {@code attachments} under the name of issue 22's case ({@code logs-355}). */
        static Kind of(String word) {
            return word.equals("logs") ? ATTACHMENTS : valueOf(word.toUpperCase(Locale.ROOT));
        }
    }

    /** What was written: complete tests (distinct ids), bytes, and passes over the fixture. */
    public record Result(long tests, long bytes, int passes) {
    }

    /** One fixture event, copied out of the reader's buffer. */
    private record Rec(String testId, TestStatus status, Set<String> tags, boolean runnable, String fileName,
                       byte[] content, boolean eof, String mime, String route, Instant timestamp) {
    }

    private StreamGenerator() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3 || args.length > 4) {
            System.err.println("usage: StreamGenerator <tests|attachments|logs> <out-file> <size-MB> [fixtures-dir]");
            System.exit(2);
        }
        Kind kind = Kind.of(args[0]);
        Path out = Path.of(args[1]).toAbsolutePath();
        long target = Math.round(Double.parseDouble(args[2]) * MB);
        Path fixtures = Path.of(args.length > 3 ? args[3] : "src/test/fixtures/streams");
        Files.createDirectories(out.getParent());
        Path part = out.resolveSibling(out.getFileName() + ".part");
        long start = System.nanoTime();
        Result result;
        try (OutputStream stream = new BufferedOutputStream(Files.newOutputStream(part), 1 << 16)) {
            result = generate(kind, stream, target, fixtures);
        }
        Files.move(part, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.printf(Locale.ROOT, "kind=%s tests=%d bytes=%d MB=%.1f passes=%d bytes/test=%.0f file=%s (%.1f s)%n",
                kind.name().toLowerCase(Locale.ROOT), result.tests(), result.bytes(), result.bytes() / (double) MB,
                result.passes(), result.bytes() / (double) Math.max(1, result.tests()), out,
                (System.nanoTime() - start) / 1e9);
    }

    /** Writes a stream of {@code kind} of at least {@code targetBytes} to {@code out} (not closed). */
    public static Result generate(Kind kind, OutputStream out, long targetBytes, Path fixturesDir) throws IOException {
        List<Rec> fixture = load(fixturesDir.resolve(kind.fixture));
        Map<String, TestStatus> finals = new HashMap<>();
        Instant first = null;
        Instant last = null;
        for (Rec rec : fixture) {
            if (rec.testId() != null && rec.status() != null && rec.status().isFinal()) {
                finals.put(rec.testId(), rec.status());
            }
            if (rec.timestamp() != null) {
                first = first == null || rec.timestamp().isBefore(first) ? rec.timestamp() : first;
                last = last == null || rec.timestamp().isAfter(last) ? rec.timestamp() : last;
            }
        }
        // One pass takes the fixture's span and a millisecond, so passes follow one another on each worker.
        Duration span = first == null ? Duration.ZERO : Duration.between(first, last).plusMillis(1);
        List<Rec> full = new ArrayList<>();
        List<Rec> passing = new ArrayList<>();
        for (Rec rec : fixture) {
            TestStatus outcome = rec.testId() == null ? null : finals.get(rec.testId());
            if (kind == Kind.ATTACHMENTS) {
                full.add(rec);
            } else if (rec.fileName() == null) {
                full.add(rec);
                if (outcome == TestStatus.SUCCESS) {
                    passing.add(rec);
                }
            } else if (rec.fileName().equals("traceback") && outcome == TestStatus.FAIL
                    || rec.fileName().equals("reason") && outcome == TestStatus.SKIP) {
                full.add(rec);
            }
        }
        CountingOutputStream counted = new CountingOutputStream(out);
        SubunitV2Writer writer = new SubunitV2Writer(counted);
        Set<String> open = new HashSet<>();
        long tests = 0;
        int pass = 0;
        while (true) {
            List<Rec> replay = kind == Kind.TESTS && pass % (SUCCESS_PASSES + 1) != 0 ? passing : full;
            Duration shift = span.multipliedBy(pass);
            for (Rec rec : replay) {
                String id = rec.testId() == null ? null : numbered(rec.testId(), pass);
                Instant time = rec.timestamp() == null ? null : rec.timestamp().plus(shift);
                if (rec.fileName() != null && kind == Kind.ATTACHMENTS) {
                    writeChunked(writer, rec, id, time);
                } else {
                    write(writer, rec, id, rec.fileName(), rec.content(), rec.eof(), time);
                }
                if (id != null) {
                    if (rec.status() != null && rec.status().isFinal()) {
                        open.remove(id);
                        tests++;
                    } else {
                        open.add(id);
                    }
                }
                if (counted.count() >= targetBytes && open.isEmpty()) {
                    out.flush();
                    return new Result(tests, counted.count(), pass + 1);
                }
            }
            pass++;
        }
    }

    /**
     * The test id with {@code _NNNNNN} after the part that follows its first dot (the module), so
     * {@code realedge.test_outcomes.C.test_x} becomes {@code realedge.test_outcomes_000007.C.test_x} and
     * {@code setUpModule (realedge.test_module_fixture)} becomes
     * {@code setUpModule (realedge.test_module_fixture_000007)}; an id without a dot gets it at its end.
     */
    static String numbered(String id, int pass) {
        String suffix = String.format(Locale.ROOT, "_%06d", pass);
        int dot = id.indexOf('.');
        if (dot < 0) {
            return id + suffix;
        }
        int end = dot + 1;
        while (end < id.length() && (Character.isLetterOrDigit(id.charAt(end)) || id.charAt(end) == '_')) {
            end++;
        }
        return id.substring(0, end) + suffix + id.substring(end);
    }

    private static void writeChunked(SubunitV2Writer writer, Rec rec, String id, Instant time) {
        byte[] content = rec.content();
        if (content.length <= CHUNK) {
            write(writer, rec, id, rec.fileName(), content, rec.eof(), time);
            return;
        }
        for (int from = 0; from < content.length; from += CHUNK) {
            int to = Math.min(content.length, from + CHUNK);
            byte[] chunk = new byte[to - from];
            System.arraycopy(content, from, chunk, 0, chunk.length);
            write(writer, rec, id, rec.fileName(), chunk, rec.eof() && to == content.length, time);
        }
    }

    private static void write(SubunitV2Writer writer, Rec rec, String id, String fileName, byte[] content, boolean eof,
                              Instant time) {
        SubunitV2Writer.Packet packet = writer.packet().runnable(rec.runnable());
        if (id != null) {
            packet.testId(id);
        }
        if (rec.status() != null) {
            packet.status(rec.status());
        }
        if (rec.tags() != null) {
            packet.tags(rec.tags().stream().sorted().toArray(String[]::new));
        }
        if (fileName != null) {
            packet.file(fileName, content);
        }
        if (eof) {
            packet.eof();
        }
        if (rec.mime() != null) {
            packet.mime(rec.mime());
        }
        if (rec.route() != null) {
            packet.route(rec.route());
        }
        if (time != null) {
            packet.timestamp(time);
        }
        packet.write();
    }

    private static List<Rec> load(Path file) throws IOException {
        List<Rec> recs = new ArrayList<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            SubunitStreams.read(in, new StreamHandler() {
                @Override
                public void event(Event e) {
                    byte[] content = null;
                    if (e.fileContent() != null) {
                        ByteBuffer view = e.fileContent().duplicate();
                        content = new byte[view.remaining()];
                        view.get(content);
                    }
                    recs.add(new Rec(e.testId(), e.status(), e.tags(), e.runnable(), e.fileName(), content, e.eof(),
                            e.mimeType(), e.routeCode(), e.timestamp()));
                }

                @Override
                public void skipped(long offset, long length, long problemOffset, String problem) {
                    throw new IllegalStateException(file + ": not a clean fixture, bytes skipped at " + offset);
                }
            });
        }
        if (recs.isEmpty()) {
            throw new IllegalStateException(file + ": no events");
        }
        return recs;
    }
}
