package io.github.stackviz.subunit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A streaming reader for subunit v1, the line-oriented text protocol that testrepository and stestr still
 * use for their stored runs. It translates the stream into the same {@link Event}s a v2 reader would give for
 * the output of python-subunit's {@code subunit-1to2} (v1 parser {@code TestProtocolServer} feeding testtools'
 * {@code ExtendedToStreamDecorator}).
 *
 * <h2>What is emitted</h2>
 * <ul>
 *   <li>{@code test: <id>} gives an {@link TestStatus#INPROGRESS} event carrying the current time and no tags.</li>
 *   <li>An outcome gives, in this order, one event per detail chunk (see below) and then the final status event,
 *       which carries the test's tags (global tags when the test started, plus the tags added and minus the tags
 *       removed inside the test) and the current time. An empty tag set is reported as {@code null}, which is
 *       what a v2 reader decodes from {@code subunit-1to2} output (the v2 writer omits empty tag sets).
 *       {@code success}/{@code successful} give {@link TestStatus#SUCCESS}; {@code failure} and {@code error}
 *       both give {@link TestStatus#FAIL}; {@code skip}, {@code xfail} and {@code uxsuccess} give
 *       {@link TestStatus#SKIP}, {@link TestStatus#XFAIL} and {@link TestStatus#UXSUCCESS}.</li>
 *   <li>{@code tags: a -b} outside a test changes the global tags, inside a test only that test's tags.</li>
 *   <li>{@code time: YYYY-MM-DD HH:MM:SS[.fraction]Z} sets the clock used for every following event. The
 *       parse is lenient: {@code T} or a space between date and time, {@code .} or {@code ,} before a fraction
 *       of any length (read to the microsecond as python-subunit does: as a float, truncated), seconds optional, a zone of {@code Z} or
 *       {@code ±HH[[:]MM]} (none means UTC), or a date alone. An unparsable time line is reported through
 *       {@link StreamHandler#skipped}. <b>Until the first {@code time:} line events have a {@code null}
 *       timestamp</b>: the reference uses the wall-clock time of the conversion there, which is not
 *       reproducible.</li>
 *   <li>{@code progress: N|+N|-N|push|pop} is consumed and dropped; a progress line with any other argument is
 *       reported as skipped (the reference crashes on it).</li>
 *   <li>Every other line, and every directive that is not valid where it appears, is reported through
 *       {@link StreamHandler#skipped skipped(offset, length, -1, null)}, with {@code length} counting the line
 *       ending. This includes, as in the reference: an outcome line outside a test; a {@code test:} line while a
 *       test is open (the open test stays open); and <b>an outcome line whose id is not the open test's id</b>
 *       (the reference prints such a line through as non-protocol output and keeps waiting for the open test's
 *       outcome, so the line is skipped and the open test stays open).</li>
 * </ul>
 * Every event has {@code runnable = true}, no route code, and no {@code exists} events are produced.
 *
 * <h2>Directive syntax</h2>
 * Following python-subunit: a directive line starts (without leading white space) with a keyword, optionally
 * followed by any number of colons, then white space and a non-empty argument. The keywords are {@code test},
 * {@code testing}, {@code success}, {@code successful}, {@code failure}, {@code error}, {@code skip},
 * {@code xfail}, {@code uxsuccess}, {@code tags}, {@code time} and {@code progress}. The argument starts one byte
 * after the keyword (so the separator is exactly one white-space byte) and ends before the line ending, which
 * may be LF or CRLF. Ids and tags are decoded as UTF-8, replacing invalid bytes. An outcome line names the open
 * test's id exactly, optionally followed by {@code " ["} (bracketed details) or {@code " [ multipart"}.
 * Deliberate difference: python-subunit tests the skip keyword with a substring match, so it also takes
 * {@code s:}, {@code ki:} or a bare {@code :} for {@code skip:}; this reader accepts only {@code skip}.
 *
 * <h2>Details</h2>
 * File content is streamed: no attachment is held in memory beyond one piece of at most
 * {@link #MAX_CHUNK_SIZE} bytes, and the reader's memory does not grow with the stream.
 * <ul>
 *   <li><b>Bracketed</b> ({@code ... [} up to a line holding only {@code ]}): the lines in between, with their
 *       line endings, form one attachment; a line starting with {@code " ]"} loses its first byte (an escaped
 *       {@code ]}). Following python-subunit's {@code details.py}, it is named {@code traceback} with MIME
 *       {@code text/x-traceback; charset=utf8} for failure, error, xfail <i>and uxsuccess</i> (the reference
 *       asks for the default detail style for uxsuccess too), {@code reason} with {@code text/plain; charset=utf8}
 *       for skip, and {@code message} with {@code text/plain} for success. It is emitted in pieces of up to
 *       {@link #MAX_CHUNK_SIZE} bytes; an empty block gives one empty chunk.</li>
 *   <li><b>Multipart</b> ({@code ... [ multipart}): each part is a {@code Content-Type: <type>} line (the text
 *       after the first space is passed through verbatim as the MIME type, e.g.
 *       {@code text/x-traceback;charset=utf8,language=python}; a line without a space is taken whole), a name
 *       line, and a chunked body: hex length lines (CRLF or LF) each followed by that many raw bytes, ended by a
 *       {@code 0} length. Each body chunk becomes one event; a chunk larger than {@link #MAX_CHUNK_SIZE} is split
 *       into several. A line holding only {@code ]} where a part would start closes the block.</li>
 *   <li>As in §8 of the v2 notes, only the last chunk of each attachment has {@code eof} set (the reader looks
 *       one chunk ahead to know), and an empty attachment gives one empty chunk with {@code eof}.</li>
 *   <li>A <b>malformed chunk length</b> (anything but hex digits, or too large for a {@code long}) switches the
 *       part to raw mode: that line and all following lines up to a line holding only {@code ]} are content of
 *       the part, and the {@code ]} ends the part and the block. A {@code ]} line where a chunk length is expected
 *       ends the part and the block (the reference would wait forever).</li>
 *   <li>Detail events carry the test id and the current time, no status and no tags.</li>
 * </ul>
 *
 * <h2>End of input</h2>
 * A test still open at the end becomes a failure, as {@code subunit-1to2} does: if a detail block was being
 * read, what was read of the current attachment is emitted first (closed with {@code eof}); then comes a
 * {@code traceback} attachment (MIME {@code text/x-traceback; charset=utf8}) holding
 * {@code lost connection during test '<id>'} (or {@code lost connection during <outcome> report of test
 * '<id>'} when the input ended inside the outcome's details, the reference's wording), then a
 * {@link TestStatus#FAIL} event with the test's tags.
 *
 * <h2>Offsets</h2>
 * {@link Event#offset()} is the byte offset of the line an event comes from: the {@code test:} line for
 * {@code inprogress}; the outcome line for the final status (even though it is emitted after the details);
 * the chunk-length line for a multipart chunk; the line holding the first byte of a bracketed or raw piece;
 * the closing line for an empty attachment. Events made up at the end of input (the rest of a cut-off
 * attachment when empty, the lost-connection traceback and failure) carry the input length.
 *
 * <h2>Limits</h2>
 * Lines are split on LF in a {@value #BUFFER_SIZE}-byte buffer. A line longer than that is never a directive:
 * outside details it is reported as one skipped run; inside details it is content like any other; as a part's
 * {@code Content-Type} or name line only its first {@value #BUFFER_SIZE} bytes are used. The reader never throws
 * for bad input: only an {@link IOException} from the underlying stream or the handler escapes.
 *
 * <p>An instance reads its stream once and is not thread-safe. It does not close the stream.
 */
public final class SubunitV1Reader {

    /** The largest {@link Event#fileContent()} this reader produces, in bytes. */
    public static final int MAX_CHUNK_SIZE = 64 * 1024;

    /** Size of the read buffer, and so the longest line that can be a directive. */
    static final int BUFFER_SIZE = 256 * 1024;

    static final String TRACEBACK_MIME = "text/x-traceback; charset=utf8";
    static final String REASON_MIME = "text/plain; charset=utf8";
    static final String MESSAGE_MIME = "text/plain";

    private static final byte[] SIMPLE_MARKER = " [".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MULTIPART_MARKER = " [ multipart".getBytes(StandardCharsets.US_ASCII);

    /** The v1 keywords, after trailing colons are stripped. */
    enum Keyword {
        TEST, TAGS, TIME, PROGRESS,
        SUCCESS(TestStatus.SUCCESS, "success", "message", MESSAGE_MIME),
        FAILURE(TestStatus.FAIL, "failure", "traceback", TRACEBACK_MIME),
        ERROR(TestStatus.FAIL, "error", "traceback", TRACEBACK_MIME),
        SKIP(TestStatus.SKIP, "skip", "reason", REASON_MIME),
        XFAIL(TestStatus.XFAIL, "xfail", "traceback", TRACEBACK_MIME),
        UXSUCCESS(TestStatus.UXSUCCESS, "uxsuccess", "traceback", TRACEBACK_MIME);

        final TestStatus status;
        final String label;
        final String detailName;
        final String detailMime;

        Keyword() {
            this(null, null, null, null);
        }

        Keyword(TestStatus status, String label, String detailName, String detailMime) {
            this.status = status;
            this.label = label;
            this.detailName = detailName;
            this.detailMime = detailMime;
        }

        boolean isOutcome() {
            return status != null;
        }
    }

    private static final Map<String, Keyword> KEYWORDS = Map.ofEntries(
            Map.entry("test", Keyword.TEST), Map.entry("testing", Keyword.TEST),
            Map.entry("tags", Keyword.TAGS), Map.entry("time", Keyword.TIME),
            Map.entry("progress", Keyword.PROGRESS),
            Map.entry("success", Keyword.SUCCESS), Map.entry("successful", Keyword.SUCCESS),
            Map.entry("failure", Keyword.FAILURE), Map.entry("error", Keyword.ERROR),
            Map.entry("skip", Keyword.SKIP), Map.entry("xfail", Keyword.XFAIL),
            Map.entry("uxsuccess", Keyword.UXSUCCESS));

    private static final int LONGEST_KEYWORD = 10; // "successful"

    private static final Pattern TIME = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})"
                    + "(?:[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d+))?)?)?"
                    + "(Z|z|[+-]\\d{2}(?::?\\d{2})?)?");

    private static final Pattern PROGRESS = Pattern.compile("[+-]?\\d+|push|pop");

    private enum State { OUTSIDE, IN_TEST, BRACKETED, PART_TYPE, PART_NAME, CHUNK_LENGTH, CHUNK_BODY, RAW_PART }

    private final InputStream in;

    // Input buffer: buf[pos, limit) is unread; buf[i] is at stream offset base + i.
    private final byte[] buf = new byte[BUFFER_SIZE];
    private int pos;
    private int limit;
    private long base;
    private boolean eof;

    // The current line segment: a whole line, or a buffer-full piece of a longer one.
    private int segStart;
    private int segEnd;
    private boolean segLineStart;
    private boolean segLineEnd;
    private boolean midLine;
    private long lineOffset;
    private long segEndOffset;
    // Rest of an over-long line to pass over; skipStart >= 0 when it is reported as skipped.
    private boolean discarding;
    private long skipStart = -1;

    private StreamHandler handler;
    private boolean used;
    private State state = State.OUTSIDE;
    private Instant clock;
    private final Set<String> globalTags = new HashSet<>();
    private Set<String> testTags;
    private String testId;
    private byte[] testIdBytes;
    private Keyword outcome;
    private long outcomeOffset;
    private String partMime;
    private long chunkRemaining;
    private long chunkOffset;

    // The open attachment. One piece is held back so that eof can go on the last real chunk.
    private final byte[] pending = new byte[MAX_CHUNK_SIZE];
    private int pendingLength;
    private long pendingOffset;
    private String fileName;
    private String fileMime;

    /**
     * Creates a reader over a subunit v1 byte stream.
     *
     * @param in the input; read in large blocks, never closed by this reader
     */
    public SubunitV1Reader(InputStream in) {
        this.in = Objects.requireNonNull(in, "in");
    }

    /**
     * Reads the whole stream, in a single pass, and reports what it holds to {@code handler} in input order.
     *
     * @param handler receives the events and the skipped (non-protocol) lines
     * @throws IOException           if the underlying stream or the handler throws it
     * @throws IllegalStateException if this reader has already been used
     */
    public void read(StreamHandler handler) throws IOException {
        Objects.requireNonNull(handler, "handler");
        if (used) {
            throw new IllegalStateException("a SubunitV1Reader reads its stream only once");
        }
        used = true;
        this.handler = handler;
        while (true) {
            if (state == State.CHUNK_BODY) {
                if (!readChunkBody()) {
                    endOfInput();
                    return;
                }
                continue;
            }
            if (!nextSegment()) {
                endOfInput();
                return;
            }
            if (discarding) {
                if (segLineEnd) {
                    discarding = false;
                    if (skipStart >= 0) {
                        handler.skipped(skipStart, segEndOffset - skipStart, -1, null);
                        skipStart = -1;
                    }
                }
                continue;
            }
            switch (state) {
                case OUTSIDE, IN_TEST -> directiveLine();
                case BRACKETED -> bracketedLine();
                case PART_TYPE -> partTypeLine();
                case PART_NAME -> partNameLine();
                case CHUNK_LENGTH -> chunkLengthLine();
                case RAW_PART -> rawPartLine();
                default -> throw new AssertionError(state);
            }
        }
    }

    // ---------------------------------------------------------------- input

    /**
     * Index just past the next LF at or after {@code pos}; {@code limit} when the input ends first; -1 when the
     * buffer is full of one line with no LF. Refills (and compacts) the buffer as needed.
     */
    private int findLineEnd() throws IOException {
        int scan = pos;
        while (true) {
            for (int i = scan; i < limit; i++) {
                if (buf[i] == '\n') {
                    return i + 1;
                }
            }
            if (eof) {
                return limit;
            }
            if (pos == 0 && limit == buf.length) {
                return -1;
            }
            if (pos == limit) {
                base += limit;
                pos = 0;
                limit = 0;
            } else if (limit == buf.length) {
                // Move the partial line to the front; lines are short, so this copies little.
                int length = limit - pos;
                System.arraycopy(buf, pos, buf, 0, length);
                base += pos;
                pos = 0;
                limit = length;
            }
            scan = limit;
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                eof = true;
            } else {
                limit += n;
            }
        }
    }

    /** Makes the next line (or buffer-full piece of a long line) the current segment and consumes it. */
    private boolean nextSegment() throws IOException {
        boolean atLineStart = !midLine;
        int end = findLineEnd();
        if (atLineStart && pos == limit && eof) {
            return false;
        }
        if (atLineStart) {
            lineOffset = base + pos;
        }
        segStart = pos;
        segLineStart = atLineStart;
        if (end < 0) {
            segEnd = limit;
            segLineEnd = false;
            midLine = true;
        } else {
            segEnd = end;
            segLineEnd = true;
            midLine = false;
        }
        segEndOffset = base + segEnd;
        pos = segEnd;
        return true;
    }

    /** Refills the empty buffer with raw bytes; false at the end of input. */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        base += limit;
        pos = 0;
        limit = 0;
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            eof = true;
            return false;
        }
        limit = n;
        return true;
    }

    private boolean wholeLine() {
        return segLineStart && segLineEnd;
    }

    /** End of the current segment's text, without the LF or CRLF that ends the line. */
    private int contentEnd() {
        int e = segEnd;
        if (segLineEnd) {
            if (e > segStart && buf[e - 1] == '\n') {
                e--;
            }
            if (e > segStart && buf[e - 1] == '\r') {
                e--;
            }
        }
        return e;
    }

    /** Whether the current segment is a whole line holding only {@code ]}. */
    private boolean isCloser() {
        return wholeLine() && contentEnd() - segStart == 1 && buf[segStart] == ']';
    }

    private void skipLine() throws IOException {
        handler.skipped(lineOffset, segEndOffset - lineOffset, -1, null);
    }

    /** Passes over the rest of an over-long line, reporting it as skipped from {@code from} if >= 0. */
    private void discardRestOfLine(long from) {
        if (!segLineEnd) {
            discarding = true;
            skipStart = from;
        }
    }

    // ---------------------------------------------------------------- directives

    private static boolean isSpace(byte b) {
        // Python's bytes.split() white space
        return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0x0b || b == 0x0c;
    }

    /**
     * The keyword of a v1 directive line in {@code b[start, end)} ({@code end} excluding the line ending), or
     * {@code null}; {@link #argumentStart} gives where its argument starts. With {@code requireColon} only the
     * spelling with a colon counts (format detection is stricter than the parser).
     */
    static Keyword keyword(byte[] b, int start, int end, boolean requireColon) {
        if (start >= end || isSpace(b[start])) {
            return null;
        }
        int t = start;
        while (t < end && !isSpace(b[t])) {
            t++;
        }
        int r = t;
        while (r < end && isSpace(b[r])) {
            r++;
        }
        if (r == end) {
            return null; // no argument: python's split() gives one part only
        }
        int k = t;
        while (k > start && b[k - 1] == ':') {
            k--;
        }
        if (requireColon && k == t) {
            return null;
        }
        if (k == start || k - start > LONGEST_KEYWORD) {
            return null;
        }
        return KEYWORDS.get(new String(b, start, k - start, StandardCharsets.ISO_8859_1));
    }

    /** Start of the argument of a directive line: one byte past the keyword and its colons. */
    private static int argumentStart(byte[] b, int start) {
        int t = start;
        while (!isSpace(b[t])) {
            t++;
        }
        return t + 1;
    }

    private void directiveLine() throws IOException {
        if (!wholeLine()) {
            // Too long to be a directive: pass it over and report it as one skipped line.
            discardRestOfLine(lineOffset);
            return;
        }
        int end = contentEnd();
        Keyword keyword = keyword(buf, segStart, end, false);
        if (keyword == null) {
            skipLine();
            return;
        }
        int arg = argumentStart(buf, segStart);
        switch (keyword) {
            case TEST -> {
                if (state == State.OUTSIDE) {
                    startTest(arg, end);
                } else {
                    skipLine(); // the reference passes a nested test: line through
                }
            }
            case TAGS -> changeTags(decode(arg, end), state == State.IN_TEST ? testTags : globalTags);
            case TIME -> {
                Instant time = parseTime(decode(arg, end));
                if (time == null) {
                    skipLine();
                } else {
                    clock = time;
                    handler.time(time);
                }
            }
            case PROGRESS -> {
                if (!PROGRESS.matcher(decode(arg, end).strip()).matches()) {
                    skipLine();
                }
            }
            default -> outcomeLine(keyword, arg, end);
        }
    }

    private void startTest(int arg, int end) throws IOException {
        testIdBytes = Arrays.copyOfRange(buf, arg, end);
        testId = new String(testIdBytes, StandardCharsets.UTF_8);
        testTags = new HashSet<>(globalTags);
        state = State.IN_TEST;
        handler.event(new Event(lineOffset, testId, TestStatus.INPROGRESS, null, true, null, null, false, null,
                null, clock));
    }

    private void outcomeLine(Keyword keyword, int arg, int end) throws IOException {
        if (state != State.IN_TEST) {
            skipLine();
            return;
        }
        int idLength = testIdBytes.length;
        if (!startsWithId(arg, end)) {
            skipLine();
        } else if (end - arg == idLength) {
            outcome = keyword;
            outcomeOffset = lineOffset;
            finishTest();
        } else if (matchesAt(arg + idLength, end, SIMPLE_MARKER)) {
            outcome = keyword;
            outcomeOffset = lineOffset;
            openFile(keyword.detailName, keyword.detailMime);
            state = State.BRACKETED;
        } else if (matchesAt(arg + idLength, end, MULTIPART_MARKER)) {
            outcome = keyword;
            outcomeOffset = lineOffset;
            state = State.PART_TYPE;
        } else {
            skipLine(); // an outcome for some other test: the reference prints it through
        }
    }

    private boolean startsWithId(int from, int end) {
        return end - from >= testIdBytes.length && matchesAt(from, from + testIdBytes.length, testIdBytes);
    }

    private boolean matchesAt(int from, int end, byte[] expected) {
        if (end - from != expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (buf[from + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private String decode(int from, int end) {
        return new String(buf, from, end - from, StandardCharsets.UTF_8);
    }

    /** Applies {@code tags: a -b} to {@code target}: additions first, then removals, as testtools does. */
    private static void changeTags(String argument, Set<String> target) {
        Set<String> gone = new HashSet<>();
        int i = 0;
        int n = argument.length();
        while (i < n) {
            while (i < n && isWhitespace(argument.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isWhitespace(argument.charAt(i))) {
                i++;
            }
            if (i > start) {
                String tag = argument.substring(start, i);
                if (tag.charAt(0) == '-') {
                    gone.add(tag.substring(1));
                } else {
                    target.add(tag);
                }
            }
        }
        target.removeAll(gone);
    }

    private static boolean isWhitespace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /**
     * Parses the argument of a {@code time:} line leniently (see the class comment); {@code null} if it cannot.
     */
    static Instant parseTime(String text) {
        Matcher m = TIME.matcher(text.strip());
        if (!m.matches()) {
            return null;
        }
        try {
            LocalDate date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
            LocalTime time = LocalTime.MIDNIGHT;
            if (m.group(4) != null) {
                int nanos = 0;
                String fraction = m.group(7);
                if (fraction != null) {
                    // As python-subunit's iso8601 parser does: the fraction as a float, times 10^6,
                    // truncated, so "46.032698" is 46.032697 s there (and must be here for parity).
                    nanos = (int) (Double.parseDouble("0." + fraction) * 1e6) * 1000;
                }
                time = LocalTime.of(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                        m.group(6) == null ? 0 : Integer.parseInt(m.group(6)), nanos);
            }
            ZoneOffset zone = ZoneOffset.UTC;
            String z = m.group(8);
            if (z != null && !z.equalsIgnoreCase("Z")) {
                int hours = Integer.parseInt(z.substring(1, 3));
                String rest = z.substring(3).replace(":", "");
                int minutes = rest.isEmpty() ? 0 : Integer.parseInt(rest);
                int sign = z.charAt(0) == '-' ? -1 : 1;
                zone = ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
            }
            return ZonedDateTime.of(date, time, zone).toInstant();
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    /** The final status of the open test, then back to outside any test. */
    private void finishTest() throws IOException {
        emitStatus(outcomeOffset, outcome.status);
    }

    private void emitStatus(long offset, TestStatus status) throws IOException {
        Set<String> tags = testTags.isEmpty() ? null : Collections.unmodifiableSet(new TreeSet<>(testTags));
        String id = testId;
        state = State.OUTSIDE;
        testId = null;
        testIdBytes = null;
        testTags = null;
        outcome = null;
        handler.event(new Event(offset, id, status, tags, true, null, null, false, null, null, clock));
    }

    // ---------------------------------------------------------------- details

    private void bracketedLine() throws IOException {
        if (isCloser()) {
            closeFile(lineOffset);
            finishTest();
            return;
        }
        int from = segStart;
        if (segLineStart && segEnd - from >= 2 && buf[from] == ' ' && buf[from + 1] == ']') {
            from++; // " ]" is an escaped "]"
        }
        append(buf, from, segEnd - from, lineOffset);
    }

    private void partTypeLine() throws IOException {
        if (isCloser()) {
            finishTest();
            return;
        }
        int end = contentEnd();
        int from = segStart;
        while (from < end && buf[from] != ' ') {
            from++;
        }
        // "Content-Type: <type>": everything after the first space, verbatim; no space: the whole line
        partMime = from < end ? decode(from + 1, end) : decode(segStart, end);
        state = State.PART_NAME;
        discardRestOfLine(-1);
    }

    private void partNameLine() {
        openFile(decode(segStart, contentEnd()), partMime);
        state = State.CHUNK_LENGTH;
        discardRestOfLine(-1);
    }

    private void chunkLengthLine() throws IOException {
        if (!wholeLine()) {
            flushPiece();
            state = State.RAW_PART;
            append(buf, segStart, segEnd - segStart, lineOffset);
            return;
        }
        if (isCloser()) {
            closeFile(lineOffset);
            finishTest();
            return;
        }
        long length = parseHex(segStart, contentEnd());
        if (length < 0) {
            // Not a chunk length: the rest of the part, up to "]", is taken as it is.
            flushPiece();
            state = State.RAW_PART;
            append(buf, segStart, segEnd - segStart, lineOffset);
        } else if (length == 0) {
            closeFile(lineOffset);
            state = State.PART_TYPE;
        } else {
            flushPiece(); // the held-back chunk was not the last one: each v1 chunk is its own event
            chunkRemaining = length;
            chunkOffset = lineOffset;
            state = State.CHUNK_BODY;
        }
    }

    private long parseHex(int from, int end) {
        if (from == end || end - from > 15) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < end; i++) {
            int digit = Character.digit(buf[i], 16);
            if (digit < 0) {
                return -1;
            }
            value = value * 16 + digit;
        }
        return value;
    }

    /** Passes the raw body bytes of the current chunk on; false if the input ends inside it. */
    private boolean readChunkBody() throws IOException {
        while (chunkRemaining > 0) {
            if (pos == limit && !fill()) {
                return false;
            }
            int n = (int) Math.min(chunkRemaining, limit - pos);
            append(buf, pos, n, chunkOffset);
            pos += n;
            chunkRemaining -= n;
        }
        state = State.CHUNK_LENGTH;
        return true;
    }

    private void rawPartLine() throws IOException {
        if (isCloser()) {
            closeFile(lineOffset);
            finishTest();
            return;
        }
        append(buf, segStart, segEnd - segStart, lineOffset);
    }

    private void openFile(String name, String mime) {
        fileName = name;
        fileMime = mime;
        pendingLength = 0;
    }

    /** Adds content to the open attachment, emitting full pieces once more content is known to follow. */
    private void append(byte[] bytes, int from, int length, long origin) throws IOException {
        while (length > 0) {
            if (pendingLength == pending.length) {
                emitPiece(false);
            }
            if (pendingLength == 0) {
                pendingOffset = origin;
            }
            int n = Math.min(length, pending.length - pendingLength);
            System.arraycopy(bytes, from, pending, pendingLength, n);
            pendingLength += n;
            from += n;
            length -= n;
        }
    }

    private void flushPiece() throws IOException {
        if (pendingLength > 0) {
            emitPiece(false);
        }
    }

    /** Ends the open attachment: the held-back piece (or an empty one at {@code emptyOffset}) gets eof. */
    private void closeFile(long emptyOffset) throws IOException {
        if (pendingLength == 0) {
            pendingOffset = emptyOffset;
        }
        emitPiece(true);
        fileName = null;
        fileMime = null;
    }

    private void emitPiece(boolean last) throws IOException {
        ByteBuffer content = ByteBuffer.wrap(pending, 0, pendingLength).slice().asReadOnlyBuffer();
        pendingLength = 0;
        emitFile(pendingOffset, fileName, content, last, fileMime);
    }

    private void emitFile(long offset, String name, ByteBuffer content, boolean last, String mime)
            throws IOException {
        handler.event(new Event(offset, testId, null, null, true, name, content, last, mime, null, clock));
    }

    // ---------------------------------------------------------------- end of input

    private void endOfInput() throws IOException {
        long end = base + limit;
        switch (state) {
            case OUTSIDE -> {
            }
            case IN_TEST -> lostConnection("", end);
            case PART_TYPE, PART_NAME -> lostConnection(outcome.label + " report of ", end);
            case BRACKETED, CHUNK_LENGTH, CHUNK_BODY, RAW_PART -> {
                closeFile(end); // what was read of the attachment is kept
                lostConnection(outcome.label + " report of ", end);
            }
            default -> throw new AssertionError(state);
        }
    }

    private void lostConnection(String what, long offset) throws IOException {
        String message = "lost connection during " + what + "test '" + testId + "'";
        ByteBuffer content = ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer();
        emitFile(offset, "traceback", content, true, TRACEBACK_MIME);
        emitStatus(offset, TestStatus.FAIL);
    }
}
