package io.github.stackviz.reports;

import io.github.stackviz.results.AttachmentStore;
import io.github.stackviz.results.Diagnostics;
import io.github.stackviz.results.RecordSink;
import io.github.stackviz.results.TestRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongConsumer;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads one run's test reports (Surefire/Failsafe XML and Open Test Reporting files, told apart by their
 * content) into records: all of the run's tests are gathered (their attachments wait in the store), given
 * lanes by time, and handed on by end time, as they completed.
 */
public final class JunitReports {
    /**
     * How far a Surefire test may seem to start before the previous test of its lane ends and still share the
     * lane: above the largest overlap of consecutive tests in real sequential runs under load (114 ms of 559
     * tests; 41 ms in a run of 967 on a quieter machine), and the smallest tolerance that never gave more
     * lanes than threads in the seven recorded parallel runs (150 ms gave 5 for 4). See docs/junit-reports.md.
     */
    public static final Duration JITTER = Duration.ofMillis(200);

    /** The tag of the lanes: {@code worker-0}, {@code worker-1}... */
    public static final String WORKER = "worker-";
    /** The tag of a test that failed and then passed on a rerun. */
    public static final String FLAKY = "flaky";

    private final AttachmentStore store;
    private final Diagnostics diagnostics;
    private final ZoneId zone;
    private final Map<String, Set<String>> tagSets = new HashMap<>();
    /** The readers, made once a run (each holds a text buffer). */
    private SurefireReader surefire;
    private OpenTestReader openTest;

    /**
     * @param zone the time zone of times written without an offset (the suite timestamps of Ant and older
     *             tools; Surefire writes UTC)
     */
    public JunitReports(AttachmentStore store, Diagnostics diagnostics, ZoneId zone) {
        this.store = store;
        this.diagnostics = diagnostics;
        this.zone = zone;
    }

    /**
     * Reads {@code files} as one run and hands its records to {@code sink} by end time (tests without times
     * last, in reading order).
     *
     * @param bytesRead told the bytes read of all the files so far
     * @throws IOException when a file cannot be read (its message names it), or from the sink
     */
    public void read(List<Path> files, RecordSink sink, LongConsumer bytesRead) throws IOException {
        List<ReportCase> tests = new ArrayList<>();
        try {
            long before = 0;
            for (Path path : files) {
                long from = before;
                long[] size = {0};
                readFile(path, tests, read -> {
                    size[0] = read;
                    bytesRead.accept(from + read);
                });
                before += size[0];
            }
            Reruns.merge(tests);
            timesWarnings(tests);
            boolean jitter = tests.stream().anyMatch(t -> t.jitter);
            Lanes.pack(tests, jitter ? JITTER.toNanos() : 0);
            tests.sort(Comparator.comparing((ReportCase t) -> t.end, Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparing(t -> t.start, Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparingInt(t -> t.order));
            for (int i = 0; i < tests.size(); i++) {
                ReportCase test = tests.get(i);
                tests.set(i, null); // the sink owns it now
                sink.record(new TestRecord(test.name, test.status, tags(test), test.start, test.end,
                        List.copyOf(test.attachments), test.name));
            }
        } finally {
            for (ReportCase test : tests) {
                if (test != null) { // null: handed to the sink, which owns it
                    test.release();
                }
            }
        }
    }

    private void readFile(Path path, List<ReportCase> tests, LongConsumer bytesRead) throws IOException {
        int before = tests.size();
        XmlFile opened;
        try {
            opened = XmlFile.open(path, bytesRead);
        } catch (XMLStreamException e) {
            broken(path, e, 0);
            return;
        }
        try (XmlFile file = opened) {
            XmlReading reader = null;
            try {
                XMLStreamReader xml = file.xml;
                int event = xml.getEventType();
                while (event != XMLStreamConstants.START_ELEMENT) {
                    if (event == XMLStreamConstants.DTD) {
                        diagnostics.warn("DTDs", path + ": its DOCTYPE was ignored: DTDs and external entities are"
                                + " never read");
                    }
                    if (event == XMLStreamConstants.END_DOCUMENT) {
                        diagnostics.warn("not reports", path + ": no XML element in it: skipped");
                        return;
                    }
                    event = xml.next();
                }
                String root = xml.getLocalName();
                String namespace = xml.getNamespaceURI();
                if (SurefireReader.isRoot(namespace, root)) {
                    reader = surefire == null ? surefire = new SurefireReader(store, diagnostics, zone) : surefire;
                } else if (OpenTestReader.isRoot(namespace, root)) {
                    reader = openTest == null ? openTest = new OpenTestReader(store, diagnostics, zone) : openTest;
                } else if (root.equals("failsafe-summary")) {
                    return; // Failsafe's totals, beside its reports in every failsafe-reports folder
                } else {
                    diagnostics.warn("not reports", path + ": not a test report (its root element is <"
                            + (xml.getPrefix() == null || xml.getPrefix().isEmpty() ? "" : xml.getPrefix() + ":")
                            + root + ">): skipped");
                    return;
                }
                reader.read(file, test -> {
                    test.order = tests.size();
                    tests.add(test);
                });
                while (xml.hasNext()) {
                    xml.next(); // what follows the root element: only comments may, the parser checks
                }
            } catch (XMLStreamException e) {
                broken(path, e, tests.size() - before);
            } catch (IOException e) {
                throw XmlFile.named(path, e);
            } finally {
                if (file.replacedCharacters() > 0) {
                    diagnostics.warn("invalid characters", path + ": " + file.replacedCharacters()
                            + " characters not allowed in XML (or references to them) read as U+FFFD");
                }
            }
        }
    }

    /** A report cut off or damaged: what came before is kept. */
    private void broken(Path path, XMLStreamException e, int kept) throws IOException {
        if (e.getNestedException() instanceof IOException io) {
            throw XmlFile.named(path, io); // the file could not be read: not damage in it
        }
        Location at = e.getLocation();
        String message = e.getMessage();
        int cut = message == null ? -1 : message.indexOf("Message: ");
        String reason = cut >= 0 ? message.substring(cut + 9).trim() : message;
        diagnostics.warn("broken reports", path + (at == null ? "" : ", line " + at.getLineNumber() + ", column "
                + at.getColumnNumber()) + ": the XML ends or breaks here (" + reason + "): the " + kept
                + (kept == 1 ? " test" : " tests") + " before it are kept, the rest of the file is left out");
    }

    /** The warnings of a run whose tests lack times, once for the run. */
    private void timesWarnings(List<ReportCase> tests) {
        long laidOut = tests.stream().filter(t -> t.laidOut).count();
        long none = tests.stream().filter(t -> t.start == null).count();
        if (laidOut > 0) {
            diagnostics.warn("test times", laidOut + " of " + tests.size() + " tests have no timestamp of their"
                    + " own: each suite's tests are laid end to end from the suite's timestamp, so their lanes"
                    + " are a guess. " + HOW_TO_TIME);
        }
        if (none > 0) {
            diagnostics.warn("test times", none + " of " + tests.size() + " tests have no times (the reports carry"
                    + " no timestamps): their start and end are null and they have no lane. " + HOW_TO_TIME);
        }
    }

    /** How to make Surefire and Failsafe write each test's start. */
    static final String HOW_TO_TIME = "Surefire and Failsafe 3.5.5 or later write each test's start with"
            + " <reportTestTimestamp>true</reportTestTimestamp> in the plugin's configuration, or"
            + " -DreportTestTimestamp=true on the command line.";

    private Set<String> tags(ReportCase test) {
        String key = (test.lane >= 0 ? WORKER + test.lane : "") + (test.flaky ? "+" : "");
        return tagSets.computeIfAbsent(key, k -> {
            TreeSet<String> tags = new TreeSet<>();
            if (test.lane >= 0) {
                tags.add(WORKER + test.lane);
            }
            if (test.flaky) {
                tags.add(FLAKY);
            }
            return Collections.unmodifiableSortedSet(tags);
        });
    }
}
