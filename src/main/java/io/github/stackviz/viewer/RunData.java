package io.github.stackviz.viewer;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.github.stackviz.util.JsonEscaper;
import io.github.stackviz.util.Seconds;
import io.github.stackviz.util.Utf8JsonEscaper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one run's {@code raw} and {@code details} contract files into the viewer's data files.
 *
 * <ul>
 *   <li>{@code run-K.js}: {@code {"run": K, "tests": [[name, status, start, end, duration, [tags]], ...],
 *       "t0": ms, "problems": [..]}}; {@code start}/{@code end} are microseconds after {@code t0} (epoch
 *       milliseconds) or {@code null}.</li>
 *   <li>{@code run-K-index.js}: {@code {"run": K, "chunks": N, "tests": [[name, first, last], ...]}} (a test
 *       without attachments may have no entry): which
 *       detail chunks hold a test's attachments ({@code -1, -1} for none).</li>
 *   <li>{@code run-K-dC.js}: {@code {"run": K, "chunk": C, "items": [[name, key, text], ...]}}: attachment
 *       text in pieces; the pieces of one attachment follow each other, possibly across chunks, and are
 *       concatenated by the viewer. A chunk holds at most about {@link #CHUNK_CHARS} characters of text.</li>
 * </ul>
 * Everything is a list, never an object keyed by data: a test named {@code __proto__} stays a string.
 *
 * <p>Both files are read once, front to back. What is held in memory is one record, or one attachment.
 */
final class RunData {

    /** Characters of attachment text (and names) per detail chunk. */
    static final int CHUNK_CHARS = 1 << 20;

    /** An attachment too large for a chunk is not started in a chunk with less room than this. */
    private static final int MIN_PIECE = 1 << 16;

    /** Characters handed to the generator at a time. */
    private static final int PIECE = 1 << 18;

    private final Path dataDir;
    private final int run;
    /** Whether this is a run of a previous export ({@code prev-K.js}, kind {@code prev}: tests only). */
    private final boolean previous;
    private final List<String> problems = new ArrayList<>();

    private RunData(Path dataDir, int run) {
        this(dataDir, run, false);
    }

    private RunData(Path dataDir, int run, boolean previous) {
        this.dataDir = dataDir;
        this.run = run;
        this.previous = previous;
    }

    static String runFile(int run) {
        return "run-" + run + ".js";
    }

    static String previousFile(int run) {
        return "prev-" + run + ".js";
    }

    static String indexFile(int run) {
        return "run-" + run + "-index.js";
    }

    static String chunkFile(int run, int chunk) {
        return "run-" + run + "-d" + chunk + ".js";
    }

    /**
     * Writes the data files of run {@code run}. A name is {@code null} when the config names no such file;
     * a path is {@code null} when the name leads outside the export folder. Those, and a missing or
     * unreadable file, become problems shown with the run.
     */
    static void write(Path dataDir, int run, Path raw, String rawName, Path details, String detailsName)
            throws IOException {
        RunData data = new RunData(dataDir, run);
        int chunks = data.details(details, detailsName);
        data.raw(raw, rawName, chunks);
    }

    /**
     * Writes {@code prev-K.js} of run {@code run} of a previous export: its tests as {@code run-K.js} holds them,
     * under {@code "prev": K} instead of {@code "run": K}, without attachments (the compare view needs names,
     * statuses, durations and tags). Returns the problems met reading {@code raw} (missing, damaged, outside).
     */
    static List<String> writePrevious(Path dataDir, int run, Path raw, String rawName) throws IOException {
        RunData data = new RunData(dataDir, run, true);
        data.raw(raw, rawName, 0);
        return List.copyOf(data.problems);
    }

    // ---------------------------------------------------------------- raw

    private void raw(Path raw, String rawName, int chunks) throws IOException {
        try (JsData out = JsData.create(dataDir.resolve(previous ? previousFile(run) : runFile(run)),
                previous ? "prev" : "run")) {
            JsonGenerator g = out.gen();
            g.writeStartObject();
            g.writeNumberField(previous ? "prev" : "run", run);
            g.writeFieldName("tests");
            g.writeStartArray();
            if (rawName == null) {
                problems.add("The config names no raw file for this run.");
            } else if (raw == null) {
                problems.add(outside(rawName));
            } else {
                try (InputStream in = JsData.openInput(raw); JsonParser p = JsData.parser(in)) {
                    records(p, g);
                } catch (IOException e) {
                    if (!readProblem(e)) {
                        throw e;
                    }
                    problems.add("Could not read " + rawName + ": " + describe(e)
                            + " (the tests read before it are shown).");
                }
            }
            JsData.unwindToTop(g);
            endRunFile(g, chunks);
        }
    }

    /** Ends the run file's object: t0, the problems, the number of detail chunks. */
    private void endRunFile(JsonGenerator g, int chunks) throws IOException {
        g.writeFieldName("t0");
        if (t0Millis == Long.MIN_VALUE) {
            g.writeNull();
        } else {
            g.writeNumber(t0Millis);
        }
        g.writeFieldName("problems");
        g.writeStartArray();
        for (String problem : problems) {
            g.writeString(problem);
        }
        g.writeEndArray();
        g.writeNumberField("chunks", chunks);
        g.writeEndObject();
    }

    /** Epoch milliseconds of the first timestamp seen, which the test times are relative to. */
    private long t0Millis = Long.MIN_VALUE;

    private static final String[] NO_TAGS = new String[0];
    private final Seconds seconds = new Seconds();

    /**
     * Writes what follows the name of a test in the run file, {@code [name, status, start, end, duration,
     * [tags]]}: its status and the rest, and the end of the list.
     */
    private void writeTestAfterName(JsonGenerator g, String status, long startUs, long endUs,
                                    Double duration, String[] tags) throws IOException {
        if (t0Millis == Long.MIN_VALUE && (startUs != IsoTime.NONE || endUs != IsoTime.NONE)) {
            t0Millis = Math.floorDiv(startUs != IsoTime.NONE ? startUs : endUs, 1000L);
        }
        g.writeString(status);
        writeRelative(g, startUs, t0Millis);
        writeRelative(g, endUs, t0Millis);
        if (duration != null && Double.isFinite(duration)) {
            seconds.writeNumber(g, duration);
        } else {
            g.writeNull();
        }
        g.writeStartArray();
        for (String tag : tags) {
            g.writeString(tag);
        }
        g.writeEndArray();
        g.writeEndArray();
    }

    /** Copies the records. */
    private void records(JsonParser p, JsonGenerator g) throws IOException {
        if (p.nextToken() != JsonToken.START_ARRAY) {
            problems.add("The raw file is not a list of test records.");
            return;
        }
        int skipped = 0;
        List<String> tags = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new java.io.EOFException("unexpected end of the raw file");
            }
            if (t != JsonToken.START_OBJECT) {
                p.skipChildren();
                skipped++;
                continue;
            }
            String name = null;
            String status = null;
            String start = null;
            String end = null;
            boolean hasDuration = false;
            double duration = 0;
            boolean badTime = false;
            tags.clear();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                switch (field) {
                    case "name" -> name = v == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "status" -> status = v == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "duration" -> {
                        hasDuration = v == JsonToken.VALUE_NUMBER_FLOAT || v == JsonToken.VALUE_NUMBER_INT;
                        duration = hasDuration ? p.getDoubleValue() : 0;
                    }
                    case "tags" -> {
                        if (v == JsonToken.START_ARRAY) {
                            JsonToken e;
                            while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                                if (e == JsonToken.VALUE_STRING) {
                                    tags.add(p.getText());
                                } else {
                                    p.skipChildren();
                                }
                            }
                        } else {
                            p.skipChildren();
                        }
                    }
                    case "timestamps" -> {
                        if (v == JsonToken.START_ARRAY) {
                            int i = 0;
                            JsonToken e;
                            while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                                String value = e == JsonToken.VALUE_STRING ? p.getText() : null;
                                if (e != JsonToken.VALUE_STRING && e != JsonToken.VALUE_NULL) {
                                    p.skipChildren();
                                    badTime = true;
                                }
                                if (i == 0) {
                                    start = value;
                                } else if (i == 1) {
                                    end = value;
                                }
                                i++;
                            }
                        } else {
                            p.skipChildren();
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            long startUs = IsoTime.parseMicros(start);
            long endUs = IsoTime.parseMicros(end);
            if ((start != null && startUs == IsoTime.NONE) || (end != null && endUs == IsoTime.NONE)) {
                badTime = true;
            }
            g.writeStartArray();
            g.writeString(name);
            writeTestAfterName(g, status, startUs, endUs, hasDuration ? duration : null, tags.toArray(NO_TAGS));
            if (badTime) {
                badTimes++;
            }
        }
        if (skipped > 0) {
            problems.add(skipped + " entries of the raw file are not test records and were left out.");
        }
        if (badTimes > 0) {
            problems.add(badTimes + " records carry timestamps that are not ISO times; they count as missing.");
        }
    }

    private int badTimes;

    private void writeRelative(JsonGenerator g, long micros, long t0Millis) throws IOException {
        if (micros == IsoTime.NONE) {
            g.writeNull();
        } else {
            seconds.writeWhole(g, micros - t0Millis * 1000L);
        }
    }

    // ---------------------------------------------------------------- details

    private JsData chunk;
    private int chunkCount;
    private long chunkChars;

    /** Writes the detail chunks and their index; returns the number of chunks. */
    private int details(Path details, String detailsName) throws IOException {
        try (JsData index = JsData.create(dataDir.resolve(indexFile(run)), "dindex")) {
            JsonGenerator ig = index.gen();
            ig.writeStartObject();
            ig.writeNumberField("run", run);
            ig.writeFieldName("tests");
            ig.writeStartArray();
            if (detailsName == null) {
                problems.add("The config names no details file for this run: no attachments to show.");
            } else if (details == null) {
                problems.add(outside(detailsName));
            } else {
                try (InputStream in = JsData.openInput(details); JsonParser p = JsData.parserOfManyKeys(in)) {
                    tests(p, ig);
                } catch (IOException e) {
                    if (!readProblem(e)) {
                        throw e;
                    }
                    problems.add("Could not read " + detailsName + ": " + describe(e)
                            + " (attachments read before it are shown).");
                } finally {
                    closeChunk();
                }
            }
            JsData.unwindToTop(ig);
            ig.writeNumberField("chunks", chunkCount);
            ig.writeEndObject();
        }
        return chunkCount;
    }

    private void tests(JsonParser p, JsonGenerator ig) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            problems.add("The details file is not an object of tests: no attachments to show.");
            return;
        }
        int skipped = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            if (p.nextToken() != JsonToken.START_OBJECT) {
                p.skipChildren();
                skipped++;
                continue;
            }
            attachmentsOf = name;
            firstChunk = -1;
            try {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    JsonToken v = p.nextToken();
                    if (v == JsonToken.VALUE_STRING) {
                        // streamed out of the parser's buffer: no String of the whole text is made
                        begin(key, p.getTextLength());
                        p.getText(pieces);
                        pieces.end();
                    } else if (v.isScalarValue() && v != JsonToken.VALUE_NULL) {
                        String text = p.getText();
                        begin(key, text.length());
                        pieces.write(text);
                        pieces.end();
                    } else {
                        p.skipChildren();
                        skipped++;
                    }
                }
            } finally {
                writeIndexEntry(ig);
            }
        }
        if (skipped > 0) {
            problems.add(skipped + " entries of the details file are not text and were left out.");
        }
    }

    /** {@code [name, first chunk, last chunk]} of the test whose attachments were just written. */
    private void writeIndexEntry(JsonGenerator ig) throws IOException {
        ig.writeStartArray();
        writeAttachmentsOf(ig);
        ig.writeNumber(firstChunk);
        ig.writeNumber(firstChunk < 0 ? -1 : chunkCount - 1);
        ig.writeEndArray();
    }

    /** The test whose attachments are being written, and the chunk of its first piece (-1: none yet). */
    private String attachmentsOf;
    /** Its name as JSON escapes it, when the export gave it (else {@code null}: escaped here). */
    private byte[] attachmentsOfEscaped;
    private int firstChunk;
    private String key;
    private final Pieces pieces = new Pieces();

    /** Writes the name of the test whose attachments are being written. */
    private void writeAttachmentsOf(JsonGenerator g) throws IOException {
        if (attachmentsOfEscaped != null) {
            g.writeRawUTF8String(attachmentsOfEscaped, 0, attachmentsOfEscaped.length);
        } else {
            g.writeString(attachmentsOf);
        }
    }

    /**
     * Starts attachment {@code key} of {@code length} characters: in a new chunk when it does not fit the
     * current one, unless it is too large for any chunk and the current one still has room for a piece.
     */
    private void begin(String key, int length) throws IOException {
        this.key = key;
        long room = CHUNK_CHARS - chunkChars;
        if (chunk != null && length > room && (length <= CHUNK_CHARS || room < MIN_PIECE)) {
            closeChunk();
        }
        pieces.started = false;
    }

    /** Writes {@code len} characters of the current attachment, over as many chunks as they need. */
    private void emit(char[] c, int off, int len, boolean last) throws IOException {
        do {
            if (chunk != null && chunkChars >= CHUNK_CHARS && len > 0) {
                closeChunk();
            }
            if (chunk == null) {
                openChunk();
            }
            int take = (int) Math.min(len, Math.max(CHUNK_CHARS - chunkChars, 1));
            if (take < len && take > 1 && Character.isHighSurrogate(c[off + take - 1])) {
                take--; // keep a surrogate pair in one piece
            }
            JsonGenerator g = startItem();
            escaper.escape(c, off, take);
            g.writeRawUTF8String(escaper.bytes(), escaper.start(), escaper.length());
            if (alsoTo != null) {
                escaper.writeTo(alsoTo);
            }
            endItem(g, take);
            pieces.started = true;
            off += take;
            len -= take;
        } while (len > 0);
    }

    /** Escapes each piece of text once: for its chunk, and for {@link #alsoTo}. */
    private final JsonEscaper escaper = new JsonEscaper(JsData.JSON);

    /** Where the escaped pieces of the text being written go too (details.json, during the export), or null. */
    private OutputStream alsoTo;

    /** Starts an item of the open chunk: {@code [name, key, } and the text to come. */
    private JsonGenerator startItem() throws IOException {
        JsonGenerator g = chunk.gen();
        g.writeStartArray();
        writeAttachmentsOf(g);
        g.writeString(key);
        return g;
    }

    /** Ends an item whose piece of text had {@code chars} characters. */
    private void endItem(JsonGenerator g, int chars) throws IOException {
        g.writeEndArray();
        chunkChars += chars + attachmentsOf.length() + key.length();
        if (firstChunk < 0) {
            firstChunk = chunkCount - 1;
        }
    }

    /**
     * Receives an attachment's text from the parser's buffer and hands it on in pieces of at most
     * {@link #PIECE} characters; a surrogate pair is never split between two pieces.
     */
    private final class Pieces extends java.io.Writer {
        private final char[] buf = new char[PIECE];
        private int len;
        boolean started;

        @Override
        public void write(char[] c, int off, int n) throws IOException {
            while (n > 0) {
                int take = Math.min(n, buf.length - len);
                System.arraycopy(c, off, buf, len, take);
                len += take;
                off += take;
                n -= take;
                if (len == buf.length) {
                    boolean split = Character.isHighSurrogate(buf[len - 1]);
                    emit(buf, 0, split ? len - 1 : len, false);
                    if (split) {
                        buf[0] = buf[len - 1];
                        len = 1;
                    } else {
                        len = 0;
                    }
                }
            }
        }

        @Override
        public void write(String s) throws IOException {
            write(s.toCharArray(), 0, s.length());
        }

        @Override
        public void write(String s, int off, int n) throws IOException {
            write(s.substring(off, off + n));
        }

        /** Writes what is left of the attachment (an empty attachment is written as one empty piece). */
        void end() throws IOException {
            if (len > 0 || !started) {
                emit(buf, 0, len, true);
            }
            len = 0;
            escaper.release();
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    private void openChunk() throws IOException {
        chunk = JsData.create(dataDir.resolve(chunkFile(run, chunkCount)), "details");
        chunkCount++;
        chunkChars = 0;
        JsonGenerator g = chunk.gen();
        g.writeStartObject();
        g.writeNumberField("run", run);
        g.writeNumberField("chunk", chunkCount - 1);
        g.writeFieldName("items");
        g.writeStartArray();
    }

    private void closeChunk() throws IOException {
        if (chunk != null) {
            JsData c = chunk;
            chunk = null;
            c.close();
        }
    }

    // ---------------------------------------------------------------- live: fed by the export itself

    private JsData liveRun;
    private JsData liveIndex;

    /** Opens the run and index files of run {@code run}, to be fed test by test (see ViewerRunWriter). */
    static RunData live(Path dataDir, int run) throws IOException {
        RunData data = new RunData(dataDir, run);
        data.liveIndex = JsData.create(dataDir.resolve(indexFile(run)), "dindex");
        data.liveRun = JsData.create(dataDir.resolve(runFile(run)), "run");
        for (JsonGenerator g : List.of(data.liveIndex.gen(), data.liveRun.gen())) {
            g.writeStartObject();
            g.writeNumberField("run", run);
            g.writeFieldName("tests");
            g.writeStartArray();
        }
        return data;
    }

    /** One test, its name given as JSON escapes it (the export escaped it for raw.json). */
    void liveTest(byte[] escapedName, String status, long startUs, long endUs, Double duration, String[] tags)
            throws IOException {
        JsonGenerator g = liveRun.gen();
        g.writeStartArray();
        g.writeRawUTF8String(escapedName, 0, escapedName.length);
        writeTestAfterName(g, status, startUs, endUs, duration, tags);
    }

    /**
     * Starts the attachments of test {@code name}. A name seen before starts a new chunk, so the chunks of
     * its index entry (the one the viewer keeps: the last) hold no pieces of the earlier test's.
     */
    void liveBeginDetails(String name, byte[] escapedName, boolean repeated) throws IOException {
        if (repeated) {
            closeChunk();
        }
        attachmentsOf = name;
        attachmentsOfEscaped = escapedName;
        firstChunk = -1;
        liveRepeated = repeated;
    }

    /** Whether the test whose attachments are being written had a name seen before. */
    private boolean liveRepeated;

    /**
     * A whole text of {@code chars} characters (1 to {@link #CHUNK_CHARS}), given as its escaped UTF-8 bytes
     * (see {@link ViewerRunWriter#text(String, int, byte[], int, int)}): one piece, as
     * {@link #emit} writes a text that fits a chunk, in a new chunk when it does not fit the current one.
     */
    void liveEscapedText(String key, int chars, byte[] escaped, int offset, int length) throws IOException {
        if (chars < 1 || chars > CHUNK_CHARS) {
            throw new IllegalArgumentException(chars + " characters are not one piece");
        }
        begin(key, chars); // closes the chunk when the text does not fit: then room for it in a new one
        if (chunk == null) {
            openChunk();
        }
        JsonGenerator g = startItem();
        g.writeRawUTF8String(escaped, offset, length);
        endItem(g, chars);
    }

    /** Where a streamed text is read into, a piece at a time. */
    private final char[] readBuffer = new char[8192];

    /** A text streamed from {@code text}, each escaped piece also written to {@code details}. */
    void liveText(String key, java.io.Reader text, int lengthHint, OutputStream details) throws IOException {
        alsoTo = details;
        try {
            begin(key, lengthHint);
            int n;
            while ((n = text.read(readBuffer)) > 0) {
                pieces.write(readBuffer, 0, n);
            }
            pieces.end();
        } finally {
            alsoTo = null;
        }
    }

    /**
     * A UTF-8 text streamed as its bytes, each escaped part also written to {@code details}: the same files as
     * {@link #liveText} writes for its decoded text. The bytes are escaped without decoding them, and cut into
     * the same parts: {@link Pieces} cuts the characters into pieces of {@link #PIECE} (one fewer when the
     * last would be the first half of a pair), {@link #emit} each piece at the end of a chunk's room (one
     * fewer when that would split a pair, unless the room is one character).
     */
    void liveUtf8Text(String key, Utf8JsonEscaper.Bytes text, int lengthHint, OutputStream details)
            throws IOException {
        alsoTo = details;
        try {
            begin(key, lengthHint);
            utf8.startText();
            pieceLeft = PIECE;
            partOpen = false;
            partsWritten = 0;
            text.writeTo(utf8Parts);
            // the end: a sequence the text ends in, the second half of a split pair
            while (utf8.pending()) {
                openPart();
                if (utf8.finish(partBudget - utf8.chars())) {
                    break;
                }
                writePart();
            }
            if (partOpen && utf8.chars() > 0 || partsWritten == 0) {
                writePart(); // what is left; an empty text as one empty part, as liveText writes it
            }
        } finally {
            alsoTo = null;
            utf8.release();
        }
    }

    /** Escapes UTF-8 texts from their bytes, a part at a time (see {@link #liveUtf8Text}). */
    private final Utf8JsonEscaper utf8 = new Utf8JsonEscaper();
    /** Characters left in the piece {@link Pieces} would be filling. */
    private int pieceLeft;
    /** Whether the escaper holds a part begun, of at most {@link #partBudget} characters. */
    private boolean partOpen;
    private int partBudget;
    /** Whether the part may end in the first half of a pair: its room is one character, its piece longer. */
    private boolean partSplits;
    private int partsWritten;

    /** Receives a text's bytes and escapes them into parts. */
    private final OutputStream utf8Parts = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int p = off;
            int end = off + len;
            while (p < end) {
                openPart();
                p = utf8.escape(b, p, end, partBudget - utf8.chars(), partSplits);
                if (utf8.chars() == partBudget) {
                    writePart();
                } else if (p < end) {
                    // stopped before a pair, with room for one character
                    if (pieceLeft - utf8.chars() == 1) {
                        // the piece's last character would be the pair's first half: it ends before the pair
                        if (utf8.chars() > 0) {
                            writePart();
                        }
                        partOpen = false;
                        pieceLeft = PIECE;
                    } else {
                        writePart(); // the chunk's room ends before the pair
                    }
                }
            }
        }
    };

    /** Starts a part unless one is open: its budget is what {@link #emit} would take next. */
    private void openPart() {
        if (partOpen) {
            return;
        }
        // the chunk an item would go to now: a full one is closed first
        long used = chunk == null || chunkChars >= CHUNK_CHARS ? 0 : chunkChars;
        int room = (int) Math.max(CHUNK_CHARS - used, 1);
        partBudget = Math.min(pieceLeft, room);
        partSplits = room == 1 && pieceLeft >= 2;
        partOpen = true;
    }

    /** Writes the escaped part as an item of the chunk (as {@link #emit} writes each). */
    private void writePart() throws IOException {
        if (chunk != null && chunkChars >= CHUNK_CHARS && utf8.chars() > 0) {
            closeChunk();
        }
        if (chunk == null) {
            openChunk();
        }
        int chars = utf8.chars();
        JsonGenerator g = startItem();
        g.writeRawUTF8String(utf8.bytes(), 0, utf8.length());
        if (alsoTo != null) {
            utf8.writeTo(alsoTo);
        }
        endItem(g, chars);
        partsWritten++;
        pieceLeft -= chars;
        if (pieceLeft == 0) {
            pieceLeft = PIECE;
        }
        utf8.reset();
        partOpen = false;
    }

    /**
     * Ends a test's attachments. Its index entry is left out when it had none (most tests): the viewer
     * finds no entry as it finds {@code [-1, -1]}, and a million names are not written again. A repeated
     * name keeps its entry, which replaces the earlier test's.
     */
    void liveEndDetails() throws IOException {
        if (firstChunk >= 0 || liveRepeated) {
            writeIndexEntry(liveIndex.gen());
        }
    }

    void liveFinish() throws IOException {
        closeChunk();
        JsonGenerator ig = liveIndex.gen();
        ig.writeEndArray();
        ig.writeNumberField("chunks", chunkCount);
        ig.writeEndObject();
        liveIndex.close();
        JsonGenerator g = liveRun.gen();
        g.writeEndArray();
        endRunFile(g, chunkCount);
        liveRun.close();
    }

    /** Closes whatever is open; the files are left to the caller (the export discards them). */
    void liveAbandon() throws IOException {
        try {
            closeChunk();
        } finally {
            try {
                liveIndex.close();
            } finally {
                liveRun.close();
            }
        }
    }

    // ---------------------------------------------------------------- errors

    /** Whether {@code e} is about the input (missing, not JSON, not gzip, cut short) rather than the output. */
    static boolean readProblem(IOException e) {
        return e instanceof JsonProcessingException || e instanceof java.nio.file.NoSuchFileException
                || e instanceof java.util.zip.ZipException || e instanceof java.io.EOFException
                || e instanceof java.nio.file.AccessDeniedException;
    }

    static String outside(String name) {
        return "The config names " + name + ", which is not a file inside the export folder; it was not read.";
    }

    static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "the file does not exist";
        }
        if (e instanceof JsonProcessingException j) {
            return j.getOriginalMessage();
        }
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
