package io.github.stackviz.reports;

import io.github.stackviz.results.Attachment;
import io.github.stackviz.results.AttachmentBuffer;
import io.github.stackviz.results.AttachmentStore;
import io.github.stackviz.results.ContentType;
import io.github.stackviz.results.Diagnostics;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** What both report readers do with the XML: texts into attachments, times, skipping what they do not read. */
abstract class XmlReading {
    static final ContentType TEXT = ContentType.parse("text/plain; charset=utf-8");
    static final ContentType TRACEBACK = ContentType.parse("text/x-traceback; charset=utf-8");

    final AttachmentStore store;
    final Diagnostics diagnostics;
    final ZoneId zone;
    final Utf8Writer text = new Utf8Writer();
    /** The file being read, for warnings. */
    XmlFile file;

    XmlReading(AttachmentStore store, Diagnostics diagnostics, ZoneId zone) {
        this.store = store;
        this.diagnostics = diagnostics;
        this.zone = zone;
    }

    /** Reads the file, whose root element {@code file.xml} is at, and hands each complete test to {@code out}. */
    abstract void read(XmlFile file, CaseSink out) throws XMLStreamException, IOException;

    /**
     * Moves to the next child element of the element the reader is in: true at the child's start, false at
     * the end of the element. Text, comments and the like between them are passed over.
     */
    static boolean nextChild(XMLStreamReader xml) throws XMLStreamException {
        while (true) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                return true;
            }
            if (event == XMLStreamConstants.END_ELEMENT) {
                return false;
            }
        }
    }

    /** Skips the element the reader is at (its start), up to and including its end. */
    static void skip(XMLStreamReader xml) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    /** A new attachment that {@link #text} writes into. */
    AttachmentBuffer begin() {
        AttachmentBuffer buffer = store.newBuffer();
        text.begin(buffer);
        return buffer;
    }

    /**
     * Ends the attachment {@code buffer} and adds it to {@code to} as {@code name}, or frees it when it is
     * empty.
     */
    void end(AttachmentBuffer buffer, String name, ContentType type, List<Attachment> to) throws IOException {
        text.end();
        if (buffer.size() == 0) {
            buffer.release();
        } else {
            to.add(Attachment.of(name, type, buffer));
        }
    }

    /**
     * Appends the text of the element the reader is at (its start) to the attachment being written, up to
     * its end; the text of elements inside it is taken too. Whatever its length, it goes piece by piece.
     */
    void copyText(XMLStreamReader xml) throws XMLStreamException, IOException {
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            switch (event) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                        text.append(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
                case XMLStreamConstants.START_ELEMENT -> depth++;
                case XMLStreamConstants.END_ELEMENT -> depth--;
                case XMLStreamConstants.ENTITY_REFERENCE -> undeclaredEntity(xml);
                default -> {
                }
            }
        }
    }

    /** Reads the element the reader is at into an attachment of {@code to}, unless its text is empty. */
    void attach(XMLStreamReader xml, String name, ContentType type, List<Attachment> to)
            throws XMLStreamException, IOException {
        AttachmentBuffer buffer = begin();
        boolean done = false;
        try {
            copyText(xml);
            end(buffer, name, type, to);
            done = true;
        } finally {
            if (!done) {
                buffer.release();
            }
        }
    }

    /** Adds {@code value} to {@code to} as an attachment, unless it is empty. */
    void attachText(String value, String name, ContentType type, List<Attachment> to) throws IOException {
        AttachmentBuffer buffer = begin();
        boolean done = false;
        try {
            text.append(value);
            end(buffer, name, type, to);
            done = true;
        } finally {
            if (!done) {
                buffer.release();
            }
        }
    }

        void undeclaredEntity(XMLStreamReader xml) {
        diagnostics.warn("entity references", file.path + ": the entity reference &" + xml.getLocalName()
                + "; at line " + xml.getLocation().getLineNumber() + " was left out: entities are never read");
    }

    /**
     * An instant as a report writes it: {@code 2026-12-03T07:28:32.721Z} or with an offset as it is; without
     * an offset ({@code 2026-12-03T07:28:32}, as Ant and old tools wrote a suite's) in this reader's time zone,
     * with a warning. {@code null} when absent or unreadable (with a warning).
     */
    Instant instant(String value, String what) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        Instant utc = utc(v);
        if (utc != null) {
            return utc;
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeException e) {
            // no offset, or not a time at all
        }
        try {
            Instant local = LocalDateTime.parse(v).atZone(zone).toInstant();
            diagnostics.warn("local times", file.path + ": " + what + " " + v + " has no time zone: taken as local"
                    + " time (" + zone.getId() + ")");
            return local;
        } catch (DateTimeException e) {
            diagnostics.warn("bad times", file.path + ": " + what + " \"" + v + "\" is no time: left out");
            return null;
        }
    }

    /**
     * {@code 2026-12-03T07:28:32.721Z}, as Surefire and JUnit write every instant ({@link Instant#toString()}),
     * read without the general parser (a tenth of the reader's time went there); {@code null} for any other
     * form, which the general parser then reads.
     */
    static Instant utc(String v) {
        int length = v.length();
        if (length < 20 || length > 30 || v.charAt(length - 1) != 'Z' || v.charAt(4) != '-' || v.charAt(7) != '-'
                || v.charAt(10) != 'T' || v.charAt(13) != ':' || v.charAt(16) != ':') {
            return null;
        }
        int year = digits(v, 0, 4);
        int month = digits(v, 5, 7);
        int day = digits(v, 8, 10);
        int hour = digits(v, 11, 13);
        int minute = digits(v, 14, 16);
        int second = digits(v, 17, 19);
        int nanos = 0;
        if (length > 20) {
            if (v.charAt(19) != '.' || length - 21 > 9 || length == 21) {
                return null;
            }
            int fraction = digits(v, 20, length - 1);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction;
            for (int i = length - 21; i < 9; i++) {
                nanos *= 10;
            }
        } else if (v.charAt(19) != 'Z') {
            return null;
        }
        if ((year | month | day | hour | minute | second) < 0 || month < 1 || month > 12 || day < 1
                || day > java.time.YearMonth.of(year, month).lengthOfMonth() || hour > 23 || minute > 59
                || second > 59) {
            return null;
        }
        long days = java.time.LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(days * 86400 + hour * 3600L + minute * 60L + second, nanos);
    }

    /** The decimal number in {@code v[from, to)}, or -1 when a character is no digit. */
    private static int digits(String v, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /**
     * A duration in seconds ({@code 0.195}; {@code 1,234.5} as some tools write thousands) in nanoseconds, or
     * -1 when absent or unreadable (with a warning).
     */
    long seconds(String value, String what) {
        if (value == null || value.isBlank()) {
            return -1;
        }
        try {
            double seconds = Double.parseDouble(value.trim().replace(",", ""));
            if (seconds >= 0 && seconds < 1e9) {
                return Math.round(seconds * 1e9);
            }
        } catch (NumberFormatException e) {
            // warned below
        }
        diagnostics.warn("bad times", file.path + ": " + what + " \"" + value + "\" is no duration: left out");
        return -1;
    }
}
