package io.github.stackviz.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.stackviz.results.Attachment;
import io.github.stackviz.results.AttachmentStore;
import io.github.stackviz.results.Diagnostics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzing of the report readers, as {@code SubunitFuzzTest} fuzzes the subunit reader: real Surefire, Failsafe
 * and Open Test Reporting files, cut, with bytes flipped, inserted (random ones and XML's own: {@code <},
 * {@code &}, {@code ]]>}, {@code &#0;}, a DOCTYPE), deleted and duplicated. For every case nothing escapes the
 * reader but records and the documented warnings, a cut file gives no more tests than the whole one (the
 * one-fork Open Test Reporting log is read with its two rerun rounds, whose attempts are merged with it), every
 * attachment can be read, and attachment memory and spill files are given back. Seeded: a failure names its
 * seed; {@code -Dstackviz.fuzz.seed=<seed> -Dstackviz.fuzz.cases=1} replays it.
 */
class ReportFuzzTest {
    static final int CASES = Integer.getInteger("stackviz.fuzz.reportCases", 2_000);
    static final long SEED = Long.getLong("stackviz.fuzz.seed", 0x7E57_5EEDL);

    static final String[] FILES = {"parallel/surefire-reports/TEST-demo.ParserTest.xml",
            "parallel/surefire-reports/TEST-demo.FlakyTest.xml", "parallel/surefire-reports/TEST-demo.CalculatorTest.xml",
            "parallel/failsafe-reports/TEST-demo.StorageIT.xml", "assumption/surefire-reports/TEST-demo.BetaTest.xml",
            "otr/junit-platform/surefire-4527733036394697001/open-test-report.xml",
            "parallel/junit-platform/surefire-5513666737320309785/open-test-report.xml"};

    /**
     * The rerun rounds read in the same run as the damaged first execution of the one-fork Open Test Reporting
     * run ({@code FILES[5]}), so that attempts are merged across damaged and whole logs.
     */
    static final List<Path> RERUN_ROUNDS = List.of(
            ReportRecords.FIXTURES.resolve("otr/junit-platform/surefire-5769316231466979877/open-test-report.xml"),
            ReportRecords.FIXTURES.resolve("otr/junit-platform/surefire-620076391625823770/open-test-report.xml"));

    /** The files read in one run with the {@code which}th of {@link #FILES} (or its damaged copy) first. */
    private static List<Path> run(int which, Path file) {
        List<Path> run = new ArrayList<>(List.of(file));
        if (FILES[which].startsWith("otr/")) {
            run.addAll(RERUN_ROUNDS);
        }
        return run;
    }

    /** Every warning the readers may give, and nothing else. */
    static final Pattern DOCUMENTED = Pattern.compile(".*(: the XML ends or breaks here \\(.*\\): the \\d+ tests?"
            + " before it are kept, the rest of the file is left out"
            + "|: not a test report \\(its root element is <.*>\\): skipped"
            + "|: no XML element in it: skipped"
            + "|: \\d+ characters not allowed in XML \\(or references to them\\) read as U\\+FFFD"
            + "|: its DOCTYPE was ignored: DTDs and external entities are never read"
            + "|: the entity reference &.*; at line \\d+ was left out: entities are never read"
            + "|\" is no (time|duration): left out"
            + "|has no time zone: taken as local time \\(UTC\\)"
            + "|tests have no timestamp of their own: .*"
            + "|tests have no times \\(the reports carry no timestamps\\).*"
            + "|: a finished event at line \\d+ is for no started test: left out"
            + ")|\\.\\.\\. and \\d+ more .*", Pattern.DOTALL);

    static final byte[][] INSERTS = {"<".getBytes(StandardCharsets.UTF_8), "&".getBytes(StandardCharsets.UTF_8),
            "]]>".getBytes(StandardCharsets.UTF_8), "&#0;".getBytes(StandardCharsets.UTF_8),
            "<![CDATA[".getBytes(StandardCharsets.UTF_8), "</testcase>".getBytes(StandardCharsets.UTF_8),
            "<testcase name=\"x\" time=\"zz\" timestamp=\"yesterday\">".getBytes(StandardCharsets.UTF_8),
            "<!DOCTYPE x SYSTEM \"file:///etc/passwd\">".getBytes(StandardCharsets.UTF_8),
            "&xxe;".getBytes(StandardCharsets.UTF_8), {(byte) 0xC3}, {0}, {(byte) 0xFF, (byte) 0xFE}};

    @TempDir
    Path temp;

    @Test
    void damagedReportsGiveTheirRecordsAndDocumentedWarningsOnly() throws Exception {
        List<byte[]> real = new ArrayList<>();
        List<Integer> tests = new ArrayList<>();
        for (int f = 0; f < FILES.length; f++) {
            Path path = ReportRecords.FIXTURES.resolve(FILES[f]);
            real.add(Files.readAllBytes(path));
            tests.add(ReportRecords.read(temp.resolve("whole"), run(f, path)).records.size());
        }
        Path spill = temp.resolve("spill");
        Path file = temp.resolve("TEST-fuzz.xml");
        for (int i = 0; i < CASES; i++) {
            long seed = SEED + i;
            Random random = new Random(seed);
            int which = random.nextInt(real.size());
            boolean cut = random.nextInt(4) == 0;
            byte[] bytes = cut ? Arrays.copyOf(real.get(which), random.nextInt(real.get(which).length))
                    : mutate(real.get(which), random);
            Files.write(file, bytes);
            // a small store: attachments spill to disk too
            AttachmentStore store = new AttachmentStore(spill, 4096, 1024);
            Diagnostics diagnostics = new Diagnostics();
            int[] count = {0};
            try {
                new JunitReports(store, diagnostics, ZoneId.of("UTC")).read(run(which, file), record -> {
                    try {
                        for (Attachment attachment : record.attachments()) {
                            try (InputStream in = attachment.content().open()) {
                                assertEquals(attachment.content().size(), in.transferTo(java.io.OutputStream.nullOutputStream()));
                            }
                            attachment.openText().transferTo(java.io.Writer.nullWriter());
                        }
                        count[0]++;
                    } finally {
                        record.release();
                    }
                }, n -> { });
            } catch (Throwable e) {
                throw new AssertionError("seed " + seed + " (" + FILES[which] + "): " + e, e);
            }
            for (String warning : diagnostics.warnings()) {
                if (!DOCUMENTED.matcher(warning).matches()) {
                    fail("seed " + seed + " (" + FILES[which] + "): undocumented warning " + warning);
                }
            }
            if (cut) {
                assertTrue(count[0] <= tests.get(which), "seed " + seed + ": a cut file gives no more tests");
            }
            assertEquals(0, store.inMemory(), "seed " + seed + ": attachment memory given back");
            if (Files.exists(spill)) {
                try (Stream<Path> left = Files.list(spill)) {
                    assertEquals(0, left.count(), "seed " + seed + ": spill files deleted");
                }
            }
        }
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] bytes = original.clone();
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations && bytes.length > 0; m++) {
            int at = random.nextInt(bytes.length);
            switch (random.nextInt(5)) {
                case 0 -> bytes[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> bytes = insert(bytes, at, INSERTS[random.nextInt(INSERTS.length)]);
                case 2 -> {
                    byte[] noise = new byte[1 + random.nextInt(16)];
                    random.nextBytes(noise);
                    bytes = insert(bytes, at, noise);
                }
                case 3 -> {
                    int length = Math.min(bytes.length - at, 1 + random.nextInt(64));
                    byte[] shorter = new byte[bytes.length - length];
                    System.arraycopy(bytes, 0, shorter, 0, at);
                    System.arraycopy(bytes, at + length, shorter, at, bytes.length - at - length);
                    bytes = shorter;
                }
                default -> {
                    int length = Math.min(bytes.length - at, 1 + random.nextInt(512));
                    bytes = insert(bytes, at, Arrays.copyOfRange(bytes, at, at + length));
                }
            }
        }
        return bytes;
    }

    private static byte[] insert(byte[] bytes, int at, byte[] what) {
        byte[] longer = new byte[bytes.length + what.length];
        System.arraycopy(bytes, 0, longer, 0, at);
        System.arraycopy(what, 0, longer, at, what.length);
        System.arraycopy(bytes, at, longer, at + what.length, bytes.length - at);
        return longer;
    }
}
