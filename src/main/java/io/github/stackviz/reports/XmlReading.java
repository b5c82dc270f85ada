package io.github.stackviz.reports;

import io.github.stackviz.results.Attachment;
import io.github.stackviz.results.AttachmentBuffer;
import io.github.stackviz.results.AttachmentStore;
import io.github.stackviz.results.ContentType;
import io.github.stackviz.results.Diagnostics;
import io.github.stackviz.util.IsoInstant;
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
        Instant fast = fast(v);
        if (fast != null) {
            return fast;
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
     * {@code 2026-12-03T07:28:32.721Z}, as Surefire and JUnit write every instant ({@link Instant#toString()}), or
     * with an offset, read by {@link IsoInstant}; {@code null} for any other form, which the general parser then
     * reads.
     */
    static Instant fast(String v) {
        long nanos = IsoInstant.epochNanos(v);
        return nanos == IsoInstant.NONE ? null
                : Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
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
