package io.github.stackviz.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes a large, deterministic folder of Surefire reports for the benchmark ({@code bench/run.sh}) from the
 * real reports of {@code src/test/fixtures/junit/parallel} (the {@code TEST-*.xml} of its surefire-reports and
 * failsafe-reports: 27 tests in 7 files, every outcome, reruns, output). Nothing is random: the same arguments
 * give the same bytes.
 *
 * <pre>ReportGenerator &lt;out-dir&gt; &lt;tests&gt; [fixtures-dir]</pre>
 *
 * <p>Each <em>pass</em> writes every real file again as {@code TEST-demo.p000123.<Class>.xml}, its class names
 * moved into a package of the pass ({@code demo.p000123.MathTest}: distinct names, one package per pass in the
 * tree) and its timestamps moved on by the fixture's span, so the passes follow one another. It stops after the
 * pass that reaches {@code tests}, and prints the tests, bytes and files written. Like a real
 * {@code surefire-reports}, every file carries Surefire's {@code <properties>} block.
 */
public final class ReportGenerator {
    private static final Pattern TIMESTAMP = Pattern.compile("timestamp=\"([^\"]+)\"");
    private static final Pattern TESTCASE = Pattern.compile("<testcase ");

    private ReportGenerator() {
    }

    /** One real report: its class part of the name ({@code MathTest}) and its text. */
    private record Real(String simpleName, String text, int tests) {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        long wanted = Long.parseLong(args[1]);
        Path fixtures = Path.of(args.length > 2 ? args[2] : "src/test/fixtures/junit/parallel");
        List<Real> reals = new ArrayList<>();
        Instant first = null;
        Instant last = null;
        for (String folder : List.of("surefire-reports", "failsafe-reports")) {
            try (Stream<Path> files = Files.list(fixtures.resolve(folder))) {
                for (Path file : files.filter(p -> p.getFileName().toString().startsWith("TEST-")).sorted().toList()) {
                    String text = Files.readString(file);
                    String name = file.getFileName().toString();
                    reals.add(new Real(name.substring("TEST-demo.".length(), name.length() - ".xml".length()), text,
                            (int) TESTCASE.matcher(text).results().count()));
                    Matcher m = TIMESTAMP.matcher(text);
                    while (m.find()) {
                        Instant t = Instant.parse(m.group(1));
                        first = first == null || t.isBefore(first) ? t : first;
                        last = last == null || t.isAfter(last) ? t : last;
                    }
                }
            }
        }
        Duration span = Duration.between(first, last).plusSeconds(1);
        Files.createDirectories(out);
        long tests = 0;
        long bytes = 0;
        long files = 0;
        for (int pass = 0; tests < wanted; pass++) {
            String pkg = String.format(Locale.ROOT, "demo.p%06d.", pass);
            Duration shift = span.multipliedBy(pass);
            for (Real real : reals) {
                String text = real.text().replace("classname=\"demo.", "classname=\"" + pkg)
                        .replace("name=\"demo.", "name=\"" + pkg);
                Matcher m = TIMESTAMP.matcher(text);
                StringBuilder moved = new StringBuilder(text.length());
                while (m.find()) {
                    m.appendReplacement(moved, "timestamp=\"" + Instant.parse(m.group(1)).plus(shift) + "\"");
                }
                m.appendTail(moved);
                Path file = out.resolve("TEST-" + pkg + real.simpleName() + ".xml");
                try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    writer.write(moved.toString());
                }
                bytes += Files.size(file);
                tests += real.tests();
                files++;
            }
        }
        System.out.println("tests=" + tests + " bytes=" + bytes + " files=" + files);
    }
}
