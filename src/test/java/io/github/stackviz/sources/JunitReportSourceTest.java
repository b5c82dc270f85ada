package io.github.stackviz.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How report inputs become runs, and how those are named. */
class JunitReportSourceTest {
    static final Path PARALLEL = Path.of("src/test/fixtures/junit/parallel");

    @TempDir
    Path temp;

    /** A project's target folder as Maven leaves it, with real reports. */
    private Path project() throws IOException {
        Path target = temp.resolve("myapp/target");
        for (String folder : List.of("surefire-reports", "failsafe-reports")) {
            Files.createDirectories(target.resolve(folder));
            try (var files = Files.list(PARALLEL.resolve(folder))) {
                for (Path file : files.toList()) {
                    Files.copy(file, target.resolve(folder).resolve(file.getFileName()));
                }
            }
        }
        for (String fork : List.of("surefire-5513666737320309785", "failsafe-1995586841289221820",
                "surefire-989192503355804411")) {
            Path folder = Files.createDirectories(target.resolve("junit-platform").resolve(fork));
            Files.copy(PARALLEL.resolve("junit-platform").resolve(fork).resolve("open-test-report.xml"),
                    folder.resolve("open-test-report.xml"));
        }
        return target;
    }

    private static List<String> describe(InputPlan plan) {
        List<String> runs = new ArrayList<>();
        for (Source source : plan.sources()) {
            JunitReportSource reports = (JunitReportSource) source;
            runs.add(source.displayName() + " | " + source.sourceName() + "_" + source.index() + " | "
                    + reports.files().size());
        }
        return runs;
    }

    private static InputPlan plan(Path... reports) throws IOException {
        return InputPlan.of(List.of(), RunSelection.ALL, List.of(), List.of(reports), false, null);
    }

    @Test
    void foldersAreNamedAfterWhatTheyHoldAndTheirProject() throws IOException {
        Path target = project();
        assertEquals(List.of("Surefire: myapp | junit_surefire-reports_0 | 5",
                        "Failsafe: myapp | junit_failsafe-reports_0 | 3",
                        "JUnit: myapp (failsafe) | junit_junit-platform_0 | 1",
                        "JUnit: myapp (surefire) | junit_junit-platform_1 | 2"),
                describe(plan(target.resolve("surefire-reports"), target.resolve("failsafe-reports"),
                        target.resolve("junit-platform"))));
    }

    @Test
    void aModulesRunsAreNamedAfterTheModuleFirst() throws IOException {
        Path target = project();
        Path stream = Path.of("src/test/fixtures/streams/tap.subunit").toAbsolutePath();
        InputPlan plan = InputPlan.ofModules(List.of(new ModuleInputs("alpha", List.of(stream), List.of(),
                List.of(target.resolve("surefire-reports"), target.resolve("junit-platform")), null)), RunSelection.ALL);
        List<String> runs = new ArrayList<>();
        for (Source source : plan.sources()) {
            runs.add(source.displayName() + " | " + source.sourceName() + "_" + source.index() + " | "
                    + (source instanceof RecordSource));
        }
        assertEquals(target.resolve("junit-platform") + " (surefire)", plan.sources().get(3).label());
        assertEquals(List.of("alpha: Subunit File: tap.subunit | alpha_file_tap.subunit_0 | false",
                "alpha: Surefire | alpha_junit_surefire-reports_0 | true",
                "alpha: JUnit (failsafe) | alpha_junit_junit-platform_0 | true",
                "alpha: JUnit (surefire) | alpha_junit_junit-platform_1 | true"), runs);
    }

    @Test
    void aFileAloneIsARunOfItsOwn() throws IOException {
        Path target = project();
        assertEquals(List.of("Surefire: myapp (TEST-demo.MathTest.xml) | junit_TEST-demo.MathTest.xml_0 | 1"),
                describe(plan(target.resolve("surefire-reports/TEST-demo.MathTest.xml"))));
        Path elsewhere = Files.copy(target.resolve("surefire-reports/TEST-demo.MathTest.xml"), temp.resolve("r.xml"));
        assertEquals(List.of("JUnit Report: r.xml | junit_r.xml_0 | 1"), describe(plan(elsewhere)));
    }

    @Test
    void anyOtherFolderIsNamedAfterItself() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("ci-results"));
        Files.copy(PARALLEL.resolve("surefire-reports/TEST-demo.MathTest.xml"), folder.resolve("TEST-a.xml"));
        assertEquals(List.of("JUnit Reports: ci-results | junit_ci-results_0 | 1"), describe(plan(folder)));
    }

    @Test
    void globsMatchFoldersAndTheSameFolderTwiceIsOneRun() throws IOException {
        Path target = project();
        assertEquals(List.of("Failsafe: myapp | junit_failsafe-reports_0 | 3",
                        "Surefire: myapp | junit_surefire-reports_0 | 5"),
                describe(plan(target.resolve("*-reports"), target.resolve("surefire-reports"))));
    }

    @Test
    void aGlobThatMatchesNothingIsMissing() throws IOException {
        InputPlan plan = plan(temp.resolve("*-reports"));
        assertEquals(List.of("Test report pattern " + temp.resolve("*-reports") + " matches no file"), plan.missing());
    }

    @Test
    void aFoldersReportsAreItsXmlFilesAndLinksToThemInPathOrderWithTheirSizes() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("reports"));
        Path math = PARALLEL.resolve("surefire-reports/TEST-demo.MathTest.xml").toAbsolutePath();
        Path calculator = PARALLEL.resolve("surefire-reports/TEST-demo.CalculatorTest.xml").toAbsolutePath();
        Files.copy(math, folder.resolve("TEST-b.xml"));
        Files.createSymbolicLink(folder.resolve("TEST-a.xml"), calculator);
        Files.createDirectories(folder.resolve("empty.xml")); // a folder named like a report
        Files.writeString(folder.resolve("notes.txt"), "not a report");
        Files.createSymbolicLink(folder.resolve("TEST-gone.xml"), temp.resolve("nowhere.xml"));
        JunitReportSource run = (JunitReportSource) plan(folder).sources().get(0);
        assertEquals(List.of(folder.resolve("TEST-a.xml"), folder.resolve("TEST-b.xml")), run.files());
        assertEquals(Files.size(calculator) + Files.size(math), run.size());
    }
}
