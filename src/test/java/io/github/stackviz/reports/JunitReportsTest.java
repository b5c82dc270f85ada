package io.github.stackviz.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stackviz.reports.ReportRecords.Rec;
import io.github.stackviz.results.TestRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report readers on real Surefire, Failsafe and Open Test Reporting files (src/test/fixtures/junit). */
class JunitReportsTest {
    private static final Path PARALLEL = ReportRecords.FIXTURES.resolve("parallel/surefire-reports");

    @TempDir
    Path temp;

    static List<Path> xmlFiles(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
    }

    /** Every {@code <testcase>} of the files, as name, time and timestamp, read with a regular expression. */
    private static List<String[]> testcases(List<Path> files) throws IOException {
        Pattern testcase = Pattern.compile("<testcase name=\"([^\"]*)\" classname=\"([^\"]*)\" time=\"([^\"]*)\""
                + "(?: timestamp=\"([^\"]*)\")?");
        List<String[]> all = new ArrayList<>();
        for (Path file : files) {
            Matcher m = testcase.matcher(Files.readString(file));
            while (m.find()) {
                all.add(new String[] {m.group(2).replace('$', '.') + "." + m.group(1), m.group(3), m.group(4)});
            }
        }
        return all;
    }

    @Test
    void everyTestcaseIsARecordWithItsTimes() throws IOException {
        List<Path> files = xmlFiles(PARALLEL);
        ReportRecords read = ReportRecords.read(temp, files);
        List<String[]> testcases = testcases(files);
        assertEquals(22, testcases.size());
        assertEquals(testcases.size(), read.records.size());
        for (String[] testcase : testcases) {
            TestRecord record = read.named(testcase[0]).record();
            Instant start = Instant.parse(testcase[2]);
            assertEquals(start, record.start(), testcase[0]);
            assertEquals(start.plusMillis(Math.round(Double.parseDouble(testcase[1]) * 1000)), record.end(),
                    testcase[0]);
        }
        assertTrue(read.diagnostics.warnings().isEmpty(), read.diagnostics.warnings().toString());
    }

    @Test
    void recordsComeInCompletionOrder() throws IOException {
        ReportRecords read = ReportRecords.read(temp, xmlFiles(ReportRecords.FIXTURES.resolve("sequential")));
        assertEquals(559, read.records.size());
        for (int i = 1; i < read.records.size(); i++) {
            assertFalse(read.records.get(i).record().end().isBefore(read.records.get(i - 1).record().end()));
        }
    }

    @Test
    void namesAreDottedNestedAndInvocationsDistinct() throws IOException {
        ReportRecords read = ReportRecords.read(temp, xmlFiles(PARALLEL));
        Set<String> names = new TreeSet<>();
        read.records.forEach(r -> names.add(r.name()));
        assertEquals(read.records.size(), names.size(), "no two records share a name");
        assertTrue(names.containsAll(List.of("demo.MathTest.squares(int)[1]", "demo.MathTest.squares(int)[2]",
                "demo.MathTest.squares(int)[3]", "demo.MathTest.squares(int)[4]",
                "demo.MathTest.addsRepeatedly(RepetitionInfo)[1]", "demo.CalculatorTest.Division.rejectsZero",
                "demo.CalculatorTest.Addition.addsPositives", "demo.ParserTest.parsesBracketed")), names.toString());
    }

    @Test
    void outcomesMapToStatusesAndAttachments() throws IOException {
        ReportRecords read = ReportRecords.read(temp, xmlFiles(PARALLEL));
        assertEquals("success", read.named("demo.MathTest.squares(int)[1]").status());

        Rec failed = read.named("demo.ParserTest.formatsHex");
        assertEquals("fail", failed.status());
        String message = "org.opentest4j.AssertionFailedError: hex formatting is off by one ==> expected: <ff> but was:"
                + " <fe>";
        assertEquals(message + "\n\tat org.junit.jupiter.api.Assertions.assertEquals(Assertions.java:1210)\n"
                + "\tat demo.ParserTest.formatsHex(ParserTest.java:36)\n" + message, failed.texts().get("traceback"),
                "the trace, then its type and message as the last line");
        assertEquals("parsing 42 and -7\n", failed.texts().get("stdout"));
        assertEquals(List.of("traceback", "stdout", "traceback-rerun-1", "traceback-rerun-2"),
                List.copyOf(failed.texts().keySet()), "every attempt kept");
        assertTrue(failed.texts().get("traceback-rerun-2").endsWith("\n" + message));
        assertFalse(failed.record().tags().contains("flaky"));

        Rec error = read.named("demo.CalculatorTest.Division.dividesByZeroUnguarded");
        assertEquals("fail", error.status(), "an <error> fails as a <failure> does");
        assertTrue(error.texts().get("traceback").startsWith("java.lang.ArithmeticException"), error.texts().toString());

        Rec skipped = read.named("demo.CalculatorTest.Division.roundsHalfUp");
        assertEquals("skip", skipped.status());
        assertEquals(Map.of("reason", "rounding mode not decided yet"), skipped.texts());

        Rec flaky = read.named("demo.FlakyTest.passesOnRetry");
        assertEquals("success", flaky.status());
        assertTrue(flaky.record().tags().contains("flaky"), flaky.record().tags().toString());
        assertTrue(flaky.texts().get("traceback-rerun-1").endsWith(
                "attempt 1 fails: the service is not warm yet ==> expected: <true> but was: <false>"));
        assertEquals("attempt 1\n", flaky.texts().get("stdout-rerun-1"));
    }

    @Test
    void anAssumptionsTraceIsTheReasonWhenThereIsNoMessage() throws IOException {
        ReportRecords read = ReportRecords.read(temp, xmlFiles(ReportRecords.FIXTURES.resolve("assumption")));
        Rec skipped = read.named("demo.BetaTest.three");
        assertEquals("skip", skipped.status());
        assertTrue(skipped.texts().get("reason").startsWith(
                "org.opentest4j.TestAbortedException: Assumption failed: assumption off\n\tat "),
                skipped.texts().toString());
    }

    @Test
    void outputOfPassingTestsIsKept() throws IOException {
        ReportRecords read = ReportRecords.read(temp, xmlFiles(ReportRecords.FIXTURES.resolve("sequential")));
        long withOutput = read.records.stream().filter(r -> r.status().equals("success"))
                .filter(r -> r.texts().containsKey("stdout")).count();
        assertTrue(withOutput > 0);
        long stderr = read.records.stream().filter(r -> r.texts().containsKey("stderr")).count();
        long inXml = 0;
        for (Path file : xmlFiles(ReportRecords.FIXTURES.resolve("sequential"))) {
            inXml += Pattern.compile("<system-err>").matcher(Files.readString(file)).results().count();
        }
        assertEquals(inXml > 0, stderr > 0);
    }

    @Test
    void withoutTimestampsTimesAreNullAndOneWarningSaysHowToTurnThemOn() throws IOException {
        ReportRecords read = ReportRecords.read(temp, xmlFiles(ReportRecords.FIXTURES.resolve("no-timestamps")
                .resolve("surefire-reports")));
        assertEquals(22, read.records.size());
        for (Rec rec : read.records) {
            assertNull(rec.record().start());
            assertNull(rec.record().end());
            assertTrue(rec.record().tags().stream().noneMatch(t -> t.startsWith("worker-")));
        }
        List<String> warnings = read.diagnostics.warnings();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("<reportTestTimestamp>true</reportTestTimestamp>"));
        assertTrue(warnings.get(0).contains("-DreportTestTimestamp=true"));
    }

    /** Surefire 3.6.1 writes a suite timestamp only with the tests' own: other tools write only the suite's. */
    @Test
    void withOnlyASuiteTimestampTestsAreLaidEndToEnd() throws IOException {
        Path real = PARALLEL.resolve("TEST-demo.MathTest.xml");
        String xml = Files.readString(real).replaceAll("(<testcase [^>]*?) timestamp=\"[^\"]*\"", "$1");
        Path file = Files.writeString(temp.resolve("TEST-demo.MathTest.xml"), xml);
        ReportRecords read = ReportRecords.read(temp.resolve("spill"), List.of(file));
        Matcher suite = Pattern.compile("<testsuite [^>]* timestamp=\"([^\"]*)\"").matcher(xml);
        assertTrue(suite.find());
        Instant next = Instant.parse(suite.group(1));
        List<String[]> testcases = testcases(List.of(file));
        Map<String, Rec> byName = new HashMap<>();
        read.records.forEach(r -> byName.put(r.name(), r));
        for (String[] testcase : testcases) {
            TestRecord record = byName.get(testcase[0]).record();
            assertEquals(next, record.start(), testcase[0]);
            next = next.plusMillis(Math.round(Double.parseDouble(testcase[1]) * 1000));
            assertEquals(next, record.end());
        }
        assertEquals(1, read.diagnostics.warnings().size());
        assertTrue(read.diagnostics.warnings().get(0).contains("laid end to end"));
        assertTrue(read.diagnostics.warnings().get(0).contains("-DreportTestTimestamp=true"));
    }

    @Test
    void aTimestampWithoutAnOffsetIsLocalTimeWithAWarning() throws IOException {
        String xml = Files.readString(PARALLEL.resolve("TEST-demo.MathTest.xml"))
                .replaceAll("(<testcase [^>]*?) timestamp=\"[^\"]*\"", "$1")
                .replaceFirst("(<testsuite [^>]* timestamp=\")[^\"]*\"", "$12026-12-03T08:30:00\"");
        Path file = Files.writeString(temp.resolve("TEST-x.xml"), xml);
        ReportRecords read = new ReportRecords(new io.github.stackviz.results.AttachmentStore(temp, 1 << 20, 1 << 16));
        new JunitReports(read.store, read.diagnostics, java.time.ZoneId.of("Europe/Berlin")).read(List.of(file),
                record -> {
                    read.records.add(new Rec(record, Map.of()));
                    record.release();
                }, n -> { });
        Instant first = read.records.stream().map(r -> r.record().start()).min(Instant::compareTo).orElseThrow();
        assertEquals(Instant.parse("2026-12-03T07:30:00Z"), first);
        assertTrue(read.diagnostics.warnings().stream().anyMatch(w -> w.contains("taken as local time (Europe/Berlin)")),
                read.diagnostics.warnings().toString());
    }

    @Test
    void openTestReportingNamesMatchSurefiresAndInstantsAreKept() throws IOException {
        ReportRecords otr = ReportRecords.read(temp, List.of(ReportRecords.FIXTURES.resolve(
                "otr/junit-platform/surefire-4527733036394697001/open-test-report.xml")));
        ReportRecords surefire = ReportRecords.read(temp, xmlFiles(ReportRecords.FIXTURES.resolve("otr/surefire-reports")));
        Set<String> otrNames = new TreeSet<>();
        otr.records.forEach(r -> otrNames.add(r.name()));
        Set<String> surefireNames = new TreeSet<>();
        surefire.records.forEach(r -> surefireNames.add(r.name()));
        assertEquals(surefireNames, otrNames, "the same tests by the same names");
        Rec repeated = otr.named("demo.MathTest.addsRepeatedly(RepetitionInfo)[2]");
        assertEquals(Instant.parse("2026-12-03T07:31:59.018476676Z"), repeated.record().start());
        assertEquals(Instant.parse("2026-12-03T07:31:59.361016262Z"), repeated.record().end());
        assertEquals("skip", otr.named("demo.CalculatorTest.Division.roundsHalfUp").status());
        assertEquals(Map.of("reason", "rounding mode not decided yet"),
                otr.named("demo.CalculatorTest.Division.roundsHalfUp").texts());
        Rec failed = otr.named("demo.ParserTest.formatsHex");
        assertEquals("fail", failed.status());
        assertTrue(failed.texts().get("traceback").startsWith("org.opentest4j.AssertionFailedError: hex formatting"));
        assertTrue(otr.diagnostics.warnings().isEmpty(), otr.diagnostics.warnings().toString());
    }

    /** The Open Test Reporting logs of one run: every {@code <prefix>-<n>/open-test-report.xml} of its folder. */
    static List<Path> openTestLogs(String recording, String prefix) throws IOException {
        return xmlFiles(ReportRecords.FIXTURES.resolve(recording).resolve("junit-platform")).stream()
                .filter(p -> p.getParent().getFileName().toString().startsWith(prefix + "-")).toList();
    }

    private static Map<String, String> statuses(ReportRecords read) {
        Map<String, String> statuses = new java.util.TreeMap<>();
        for (Rec rec : read.records) {
            statuses.put(rec.name(), rec.status() + (rec.record().tags().contains(JunitReports.FLAKY) ? " flaky" : ""));
        }
        return statuses;
    }

    /**
     * Open Test Reporting logs each rerun round apart (a log per launcher execution): its attempts become one
     * record per test, as in Surefire's XML of the same run, in every recording that has both.
     */
    @Test
    void openTestReportingRerunsAreOneRecordPerTestAsInSurefiresXml() throws IOException {
        String[][] runs = {{"otr", "surefire", "otr/surefire-reports"},
                {"parallel", "surefire", "parallel/surefire-reports"}, {"parallel", "failsafe", "parallel/failsafe-reports"},
                {"parallel-loaded", "surefire", "parallel-loaded/surefire-reports"},
                {"parallel-loaded", "failsafe", "parallel-loaded/failsafe-reports"},
                {"redirected", "surefire", "redirected/surefire-reports"},
                {"no-timestamps", "surefire", "no-timestamps/surefire-reports"}};
        for (String[] run : runs) {
            List<Path> logs = openTestLogs(run[0], run[1]);
            assertTrue(logs.size() >= 3, run[0] + " " + run[1] + ": a first execution and two rerun rounds at least");
            ReportRecords otr = ReportRecords.read(temp, logs);
            ReportRecords surefire = ReportRecords.read(temp, xmlFiles(ReportRecords.FIXTURES.resolve(run[2])));
            Map<String, String> statuses = statuses(otr);
            assertEquals(statuses.size(), otr.records.size(), run[0] + " " + run[1] + ": one record per test");
            assertEquals(statuses(surefire), statuses, run[0] + " " + run[1] + ": the same tests and outcomes");
            for (Rec rec : surefire.records) {
                assertEquals(rec.texts().keySet().stream().filter(n -> n.startsWith("traceback")).toList(),
                        otr.named(rec.name()).texts().keySet().stream().filter(n -> n.startsWith("traceback")).toList(),
                        run[0] + " " + run[1] + ": " + rec.name() + "'s attempts");
            }
            assertTrue(otr.diagnostics.warnings().isEmpty(), otr.diagnostics.warnings().toString());
        }
    }

    @Test
    void aFlakyOpenTestReportingTestIsItsPassingAttemptWithTheFailedOnesTraces() throws IOException {
        ReportRecords read = ReportRecords.read(temp, openTestLogs("otr", "surefire"));
        assertEquals(22, read.records.size(), "27 finished tests in the three logs, 22 tests");
        Rec flaky = read.named("demo.FlakyTest.passesOnRetry");
        assertEquals("success", flaky.status());
        assertTrue(flaky.record().tags().contains(JunitReports.FLAKY), flaky.record().tags().toString());
        assertEquals(List.of("traceback-rerun-1"), List.copyOf(flaky.texts().keySet()));
        assertTrue(flaky.texts().get("traceback-rerun-1").startsWith("org.opentest4j.AssertionFailedError: attempt 1"
                + " fails: the service is not warm yet"), flaky.texts().toString());
        // the passing attempt, from the second log (Surefire writes the passing attempt's times too)
        assertEquals(Instant.parse("2026-12-03T07:32:02.399426400Z"), flaky.record().start());
        assertEquals(Instant.parse("2026-12-03T07:32:02.602851174Z"), flaky.record().end());

        Rec failed = read.named("demo.ParserTest.formatsHex");
        assertEquals("fail", failed.status());
        assertFalse(failed.record().tags().contains(JunitReports.FLAKY));
        assertEquals(List.of("traceback", "traceback-rerun-1", "traceback-rerun-2"),
                failed.texts().keySet().stream().filter(n -> n.startsWith("traceback")).toList());
        for (String attempt : List.of("traceback", "traceback-rerun-1", "traceback-rerun-2")) {
            assertTrue(failed.texts().get(attempt).startsWith("org.opentest4j.AssertionFailedError: hex formatting"));
        }
        // the first attempt, as Surefire writes a test that never passed: its XML stamps it 07:32:01.387
        assertEquals(Instant.parse("2026-12-03T07:32:01.374858866Z"), failed.record().start());
        assertEquals(Instant.parse("2026-12-03T07:32:01.497884010Z"), failed.record().end());
        assertEquals("fail", read.named("demo.CalculatorTest.Division.dividesByZeroUnguarded").status());
    }

    @Test
    void attemptsGoByTheirTimesNotByTheOrderTheirLogsAreRead() throws IOException {
        // the folders' numbers are random: formatsHex's first attempt is in surefire-989..., read after the rerun
        // rounds' surefire-297... and surefire-688...; Surefire's XML stamps the first one (07:30:03.203)
        List<Path> logs = openTestLogs("parallel", "surefire");
        assertTrue(logs.indexOf(logs.stream().filter(p -> p.toString().contains("surefire-989")).findFirst()
                .orElseThrow()) == logs.size() - 1);
        ReportRecords read = ReportRecords.read(temp, logs);
        Rec failed = read.named("demo.ParserTest.formatsHex");
        assertEquals(Instant.parse("2026-12-03T07:30:03.014105192Z"), failed.record().start());
        assertEquals(Instant.parse("2026-12-03T07:30:03.209703581Z"), failed.record().end());
        Rec flaky = read.named("demo.FlakyTest.passesOnRetry");
        assertEquals(Instant.parse("2026-12-03T07:30:04.657735043Z"), flaky.record().start());
        assertTrue(flaky.record().tags().contains(JunitReports.FLAKY));
    }

    @Test
    void aFailsafeSummaryIsSkippedQuietly() throws IOException {
        ReportRecords read = ReportRecords.read(temp, xmlFiles(ReportRecords.FIXTURES.resolve(
                "parallel/failsafe-reports")));
        assertEquals(5, read.records.size());
        assertTrue(read.diagnostics.warnings().isEmpty(), read.diagnostics.warnings().toString());
    }

    @Test
    void anXmlFileThatIsNoReportIsSkippedWithAWarningNamingItsRoot() throws IOException {
        Path pom = Path.of("pom.xml");
        ReportRecords read = ReportRecords.read(temp, List.of(pom, PARALLEL.resolve("TEST-demo.MathTest.xml")));
        assertEquals(7, read.records.size());
        assertEquals(List.of("pom.xml: not a test report (its root element is <project>): skipped"),
                read.diagnostics.warnings());
    }

    @Test
    void aReportCutOffKeepsTheTestsBeforeTheCutAndSaysWhere() throws IOException {
        String xml = Files.readString(PARALLEL.resolve("TEST-demo.ParserTest.xml"));
        int cut = xml.indexOf("hex formatting is off by one ==> expected") + 10; // inside formatsHex's trace
        int before = (int) Pattern.compile("<testcase ").matcher(xml.substring(0, cut)).results().count() - 1;
        assertTrue(before >= 1);
        Path file = Files.writeString(temp.resolve("TEST-demo.ParserTest.xml"), xml.substring(0, cut));
        ReportRecords read = ReportRecords.read(temp.resolve("spill"), List.of(file));
        assertEquals(before, read.records.size());
        List<String> warnings = read.diagnostics.warnings();
        assertEquals(1, warnings.size(), warnings.toString());
        long line = xml.substring(0, cut).lines().count();
        assertTrue(warnings.get(0).startsWith(file + ", line " + line + ", column "), warnings.get(0));
        assertTrue(warnings.get(0).endsWith("the " + before + (before == 1 ? " test" : " tests")
                + " before it are kept, the rest of the file is left out"), warnings.get(0));
        assertEquals(0, read.store.inMemory(), "the cut test's attachments are given back");
    }

    @Test
    void aDoctypeIsIgnoredAndNoEntityIsEverRead() throws IOException {
        Path secret = Files.writeString(temp.resolve("secret.txt"), "the secret text");
        Path dtd = Files.writeString(temp.resolve("evil.dtd"), "<!ENTITY leak SYSTEM \"" + secret.toUri() + "\">");
        String xml = Files.readString(PARALLEL.resolve("TEST-demo.ParserTest.xml"));
        String external = xml.replaceFirst("\\?>", "?><!DOCTYPE testsuite SYSTEM \"" + dtd.toUri() + "\">")
                .replace("parsing 42 and -7", "parsing &leak; 42");
        String internal = xml.replaceFirst("\\?>", "?><!DOCTYPE testsuite [<!ENTITY leak SYSTEM \""
                        + secret.toUri() + "\">]>").replace("parsing 42 and -7", "]]>&leak;<![CDATA[");
        for (String text : List.of(external, internal)) {
            Path file = Files.writeString(temp.resolve("TEST-demo.ParserTest.xml"), text);
            ReportRecords read = ReportRecords.read(temp.resolve("spill"), List.of(file));
            assertEquals(4, read.records.size());
            for (Rec rec : read.records) {
                rec.texts().values().forEach(t -> assertFalse(t.contains("secret"), t));
            }
            assertTrue(read.diagnostics.warnings().get(0).endsWith(
                    "its DOCTYPE was ignored: DTDs and external entities are never read"));
        }
    }

    @Test
    void charactersXmlForbidsBecomeReplacementCharacters() throws IOException {
        String xml = Files.readString(PARALLEL.resolve("TEST-demo.ParserTest.xml"))
                .replace("]]></system-out>", "]]>&#27;[31mred&#x1b;[0m\u0001&#xFFFE;</system-out>");
        Path file = Files.writeString(temp.resolve("TEST-demo.ParserTest.xml"), xml, StandardCharsets.UTF_8);
        ReportRecords read = ReportRecords.read(temp.resolve("spill"), List.of(file));
        assertEquals(4, read.records.size());
        assertEquals("parsing 42 and -7\n\uFFFD[31mred\uFFFD[0m\uFFFD\uFFFD",
                read.named("demo.ParserTest.formatsHex").texts().get("stdout"));
        assertEquals(List.of(file + ": 4 characters not allowed in XML (or references to them) read as U+FFFD"),
                read.diagnostics.warnings());
    }

    @Test
    void bytesInvalidInUtf8BecomeReplacementCharacters() throws IOException {
        byte[] xml = Files.readAllBytes(PARALLEL.resolve("TEST-demo.ParserTest.xml"));
        String text = new String(xml, StandardCharsets.ISO_8859_1).replace("parsing 42", "parsing \u00ff\u00fe42");
        Path file = Files.write(temp.resolve("TEST-demo.ParserTest.xml"), text.getBytes(StandardCharsets.ISO_8859_1));
        ReportRecords read = ReportRecords.read(temp.resolve("spill"), List.of(file));
        assertEquals("parsing \uFFFD\uFFFD42 and -7\n", read.named("demo.ParserTest.formatsHex").texts().get("stdout"));
    }

    @Test
    void anUnreadableFileIsAnErrorNamingIt() {
        Path missing = temp.resolve("TEST-gone.xml");
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> ReportRecords.read(temp, List.of(missing)));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }
}
