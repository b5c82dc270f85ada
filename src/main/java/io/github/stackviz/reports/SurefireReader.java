package io.github.stackviz.reports;

import io.github.stackviz.results.AttachmentBuffer;
import io.github.stackviz.results.AttachmentStore;
import io.github.stackviz.results.Diagnostics;
import io.github.stackviz.subunit.TestStatus;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a Surefire or Failsafe report ({@code TEST-*.xml}; the JUnit XML that Ant, Gradle and others write is
 * the same shape): {@code <testsuite>} (or several in {@code <testsuites>}) holding {@code <testcase>}s.
 */
final class SurefireReader extends XmlReading {

    SurefireReader(AttachmentStore store, Diagnostics diagnostics, ZoneId zone) {
        super(store, diagnostics, zone);
    }

    /** Whether {@code root} (a local name, without namespace) is a JUnit XML report's root element. */
    static boolean isRoot(String namespace, String root) {
        return (namespace == null || namespace.isEmpty()) && (root.equals("testsuite") || root.equals("testsuites"));
    }

    @Override
    void read(XmlFile file, CaseSink out) throws XMLStreamException, IOException {
        this.file = file;
        XMLStreamReader xml = file.xml;
        if (xml.getLocalName().equals("testsuite")) {
            suite(xml, out);
        } else {
            suites(xml, out);
        }
    }

    /** {@code <testsuites>}: the suites in it, each read as one. */
    private void suites(XMLStreamReader xml, CaseSink out) throws XMLStreamException, IOException {
        while (nextChild(xml)) {
            if (xml.getLocalName().equals("testsuite")) {
                suite(xml, out);
            } else {
                skip(xml);
            }
        }
    }

    /** {@code <testsuite>}: its test cases; a suite nested in it (as Ant may write) is read as a suite too. */
    private void suite(XMLStreamReader xml, CaseSink out) throws XMLStreamException, IOException {
        Instant suiteStart = instant(xml.getAttributeValue(null, "timestamp"), "the suite's timestamp");
        Instant next = suiteStart;
        while (nextChild(xml)) {
            switch (xml.getLocalName()) {
                case "testcase" -> {
                    ReportCase test = testCase(xml);
                    if (test.start == null && next != null && test.end != null) {
                        // end holds the duration from the epoch until the case is placed: see testCase
                        long nanos = Lanes.nanos(test.end);
                        test.start = next;
                        test.end = next.plusNanos(nanos);
                        test.laidOut = true;
                        next = test.end;
                    } else if (test.start == null) {
                        test.end = null;
                    }
                    out.accept(test);
                }
                case "testsuite" -> suite(xml, out);
                default -> skip(xml);
            }
        }
    }

    /**
     * {@code <testcase>}: its outcome, reruns, output and times. Without its own timestamp, its {@code end} holds
     * its duration as an instant after the epoch, for {@link #suite} to lay it after the one before.
     */
    private ReportCase testCase(XMLStreamReader xml) throws XMLStreamException, IOException {
        String className = xml.getAttributeValue(null, "classname");
        String method = xml.getAttributeValue(null, "name");
        ReportCase test = new ReportCase(ReportNames.testName(className, method));
        test.jitter = true;
        long nanos = seconds(xml.getAttributeValue(null, "time"), test.name + "'s time");
        test.start = instant(xml.getAttributeValue(null, "timestamp"), test.name + "'s timestamp");
        if (nanos >= 0) {
            test.end = test.start == null ? Instant.EPOCH.plusNanos(nanos) : test.start.plusNanos(nanos);
        } else {
            test.end = test.start;
        }
        boolean complete = false;
        int reruns = 0;
        try {
            while (nextChild(xml)) {
                switch (xml.getLocalName()) {
                    case "failure", "error" -> {
                        test.status = TestStatus.FAIL;
                        failure(xml, "traceback", closingLine(xml), test);
                    }
                    case "skipped" -> {
                        if (test.status != TestStatus.FAIL) {
                            test.status = TestStatus.SKIP;
                        }
                        skipped(xml, test);
                    }
                    case "flakyFailure", "flakyError" -> {
                        test.flaky = true;
                        attempt(xml, ++reruns, test);
                    }
                    case "rerunFailure", "rerunError" -> {
                        test.status = TestStatus.FAIL;
                        attempt(xml, ++reruns, test);
                    }
                    case "system-out" -> attach(xml, "stdout", TEXT, test.attachments);
                    case "system-err" -> attach(xml, "stderr", TEXT, test.attachments);
                    default -> skip(xml);
                }
            }
            complete = true;
            return test;
        } finally {
            if (!complete) {
                test.release();
            }
        }
    }

    /**
     * A failure's trace as Surefire writes it, then its type and message as the last line (where a Python
     * traceback ends with them, and where StackViz's failure summary looks).
     */
    private void failure(XMLStreamReader xml, String name, String closing, ReportCase test)
            throws XMLStreamException, IOException {
        AttachmentBuffer buffer = begin();
        boolean done = false;
        try {
            copyText(xml);
            if (closing != null) {
                if (text.written() > 0 && !text.endsWithNewline()) {
                    text.append("\n");
                }
                text.append(closing);
            }
            end(buffer, name, TRACEBACK, test.attachments);
            done = true;
        } finally {
            if (!done) {
                buffer.release();
            }
        }
    }

    /** {@code type: message}, {@code type}, {@code message}, or {@code null}, from the element's attributes. */
    private static String closingLine(XMLStreamReader xml) {
        String type = xml.getAttributeValue(null, "type");
        String message = xml.getAttributeValue(null, "message");
        boolean hasType = type != null && !type.isBlank();
        boolean hasMessage = message != null && !message.isEmpty();
        if (hasType && hasMessage) {
            return type + ": " + message;
        }
        return hasType ? type : hasMessage ? message : null;
    }

    /** {@code <skipped>}: its message is the reason; without one, its text (an assumption's trace) is. */
    private void skipped(XMLStreamReader xml, ReportCase test) throws XMLStreamException, IOException {
        String message = xml.getAttributeValue(null, "message");
        if (message == null || message.isEmpty()) {
            attach(xml, "reason", TEXT, test.attachments);
            return;
        }
        skip(xml);
        attachText(message, "reason", TEXT, test.attachments);
    }

    /**
     * One failed attempt of a rerun test ({@code flakyFailure}, {@code rerunFailure}...): its trace and
     * output, as {@code traceback-rerun-N}, {@code stdout-rerun-N}, {@code stderr-rerun-N}.
     */
    private void attempt(XMLStreamReader xml, int number, ReportCase test) throws XMLStreamException, IOException {
        String closing = closingLine(xml);
        boolean traced = false;
        while (nextChild(xml)) {
            switch (xml.getLocalName()) {
                case "stackTrace" -> {
                    failure(xml, Reruns.rerunName("traceback", number), closing, test);
                    traced = true;
                }
                case "system-out" -> attach(xml, Reruns.rerunName("stdout", number), TEXT, test.attachments);
                case "system-err" -> attach(xml, Reruns.rerunName("stderr", number), TEXT, test.attachments);
                default -> skip(xml);
            }
        }
        if (!traced && closing != null) {
            attachText(closing, Reruns.rerunName("traceback", number), TRACEBACK, test.attachments);
        }
    }
}
