package io.github.stackviz.subunit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.CRC32;

/**
 * Streaming reader of subunit v2 packets (see {@code subunit-v2.md}): one pass, one packet buffered at a
 * time, every packet CRC-checked.
 *
 * <p>Bytes that are not part of a valid packet are reported to {@link StreamHandler#skipped} as runs,
 * and reading goes on. Resynchronisation is <em>robust</em>: when a packet candidate fails (bad CRC,
 * truncated, malformed field), its {@code 0xB3} is treated as data and scanning resumes at the next
 * byte, so a corrupt length can never swallow the good packet that follows (python-subunit skips the
 * claimed length instead). A candidate is only reported as a corrupt packet when it is plausible: version
 * 2 and a length between the smallest and the largest legal packet. Anything else is plain non-subunit
 * data. As in python-subunit, a {@code 0xB3} that continues a multi-byte UTF-8 character of such data
 * is taken as text: it is never reported as a corrupt packet. Unlike python-subunit, a packet that checks
 * out there is still read, so a good packet right after a damaged one is not lost to that rule.
 *
 * <p>Strings must be strict UTF-8 without NUL; the version nibble must be 2; reserved flag bit 3 and
 * spare bytes before the CRC are ignored, as the reference reader does.
 */
public final class SubunitV2Reader {

    /** The largest legal packet: a 3-byte length field holds at most 2^22 - 1. */
    public static final int MAX_PACKET_SIZE = 4_194_303;

    static final int SIGNATURE = 0xB3;
    static final int FLAG_TEST_ID = 0x0800;
    static final int FLAG_ROUTE_CODE = 0x0400;
    static final int FLAG_TIMESTAMP = 0x0200;
    static final int FLAG_RUNNABLE = 0x0100;
    static final int FLAG_TAGS = 0x0080;
    static final int FLAG_FILE = 0x0040;
    static final int FLAG_MIME = 0x0020;
    static final int FLAG_EOF = 0x0010;

    private static final int INITIAL_BUFFER = 256 * 1024;

    private final InputStream in;
    private byte[] buf = new byte[INITIAL_BUFFER];
    private int pos;
    private int limit;
    /** Input offset of {@code buf[0]}. */
    private long bufferStart;
    private boolean endOfInput;
    /** Parse cursor inside the current packet, and the packet's last field byte (exclusive). */
    private int cursor;
    private int fieldsEnd;

    private final CRC32 crc = new CRC32();
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final InternCache<String> ids = new InternCache<>(1024);
    private final InternCache<String> shortStrings = new InternCache<>(64);
    private final InternCache<Set<String>> tagSets = new InternCache<>(64);

    // The current run of skipped bytes.
    private long junkStart = -1;
    private long junkLength;
    private long problemOffset = -1;
    private String problem;
    /** UTF-8 continuation bytes still expected in skipped data. */
    private int utf8Pending;

    private volatile long position;
    private long packets;

    public SubunitV2Reader(InputStream in) {
        this.in = in;
    }

    /** Bytes consumed so far; may be read from another thread (progress reports). */
    public long position() {
        return position;
    }

    /** The size of the read buffer, which never needs to pass one packet. */
    int bufferCapacity() {
        return buf.length;
    }

    /** Valid packets delivered so far. */
    public long packets() {
        return packets;
    }

    /**
     * Reads the whole input, handing every packet to {@code handler} as an {@link Event}.
     *
     * @throws IOException only when the input or the handler fails; bad data never throws
     */
    public void read(StreamHandler handler) throws IOException {
        while (fill(1) > 0) {
            if ((buf[pos] & 0xFF) == SIGNATURE && tryPacket(handler)) {
                continue;
            }
            skipByte();
        }
        flushJunk(handler);
        position = bufferStart + pos;
    }

    private long offset() {
        return bufferStart + pos;
    }

    /**
     * Makes at least {@code n} bytes available from {@code pos}, unless the input ends first.
     *
     * @return how many bytes are available (at most {@code n} is promised)
     */
    private int fill(int n) throws IOException {
        while (limit - pos < n && !endOfInput) {
            if (buf.length - pos < n) {
                if (pos > 0) {
                    System.arraycopy(buf, pos, buf, 0, limit - pos);
                    bufferStart += pos;
                    limit -= pos;
                    pos = 0;
                }
                if (buf.length < n) {
                    buf = Arrays.copyOf(buf, Math.max(n, Math.min(buf.length * 2, MAX_PACKET_SIZE + 1)));
                }
            }
            int read = in.read(buf, limit, buf.length - limit);
            if (read < 0) {
                endOfInput = true;
            } else {
                limit += read;
            }
        }
        return Math.min(limit - pos, n);
    }

    private void skipByte() {
        if (junkStart < 0) {
            junkStart = offset();
            junkLength = 0;
        }
        junkLength++;
        int b = buf[pos] & 0xFF;
        if (utf8Pending > 0 && (b & 0xC0) == 0x80) {
            utf8Pending--;
        } else if (b >= 0xC2 && b <= 0xDF) {
            utf8Pending = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
            utf8Pending = 2;
        } else if (b >= 0xF0 && b <= 0xF4) {
            utf8Pending = 3;
        } else {
            utf8Pending = 0;
        }
        pos++;
    }

    private void noteProblem(String what) {
        // A 0xB3 that continues a UTF-8 character of skipped text is text, not a damaged packet.
        if (problem == null && utf8Pending == 0) {
            problemOffset = offset();
            problem = what;
        }
    }

    private void flushJunk(StreamHandler handler) throws IOException {
        if (junkStart >= 0) {
            long start = junkStart;
            junkStart = -1;
            long where = problemOffset;
            String what = problem;
            problemOffset = -1;
            problem = null;
            handler.skipped(start, junkLength, where, what);
        }
        utf8Pending = 0;
    }

    /**
     * Tries to read a packet at {@code pos}. On success the event is delivered and {@code pos} moves past
     * the packet; otherwise nothing moves and a plausible candidate's problem is noted.
     */
    private boolean tryPacket(StreamHandler handler) throws IOException {
        int available = fill(4);
        if (available < 2 || (buf[pos + 1] & 0xF0) != 0x20) {
            return false; // a lone 0xB3 at the end, or not version 2: plain data
        }
        if (available < 4) {
            noteProblem("truncated packet: the input ends " + available + " bytes into it");
            return false;
        }
        int lengthBytes = ((buf[pos + 3] & 0xFF) >>> 6) + 1;
        if (lengthBytes == 4) {
            return false; // no legal packet needs a 4-byte length
        }
        int headerSize = 3 + lengthBytes;
        available = fill(headerSize);
        if (available < headerSize) {
            noteProblem("truncated packet: the input ends " + available + " bytes into it");
            return false;
        }
        int length = buf[pos + 3] & 0x3F;
        for (int i = 1; i < lengthBytes; i++) {
            length = (length << 8) | (buf[pos + 3 + i] & 0xFF);
        }
        if (length < headerSize + 4 || length > MAX_PACKET_SIZE) {
            return false;
        }
        available = fill(length);
        if (available < length) {
            noteProblem("truncated packet: it claims " + length + " bytes, the input ends after " + available);
            return false;
        }
        int flags = ((buf[pos + 1] & 0xFF) << 8) | (buf[pos + 2] & 0xFF);
        int crcAt = pos + length - 4;
        long stored = readUint32(crcAt);
        crc.reset();
        crc.update(buf, pos, length - 4);
        long calculated = crc.getValue();
        if (calculated != stored) {
            noteProblem(String.format("bad CRC (calculated 0x%08x, stored 0x%08x)%s",
                    calculated, stored, testIdHint(flags, headerSize, crcAt)));
            return false;
        }
        Event event;
        try {
            event = parseFields(flags, headerSize, crcAt);
        } catch (PacketFormatException e) {
            noteProblem("malformed packet: " + e.getMessage());
            return false;
        }
        flushJunk(handler);
        handler.event(event);
        pos += length;
        packets++;
        position = bufferStart + pos;
        return true;
    }

    /** Best effort: the test id of a packet whose CRC failed, for the warning. */
    private String testIdHint(int flags, int headerSize, int end) {
        try {
            Event event = parseFields(flags, headerSize, end);
            return event.testId() == null ? "" : " (test " + event.testId() + ")";
        } catch (PacketFormatException | RuntimeException e) {
            return "";
        }
    }

    private long readUint32(int at) {
        return ((long) (buf[at] & 0xFF) << 24) | ((buf[at + 1] & 0xFF) << 16)
                | ((buf[at + 2] & 0xFF) << 8) | (buf[at + 3] & 0xFF);
    }

    private Event parseFields(int flags, int headerSize, int end) throws PacketFormatException {
        cursor = pos + headerSize;
        fieldsEnd = end;
        Instant timestamp = null;
        if ((flags & FLAG_TIMESTAMP) != 0) {
            need(4, "timestamp");
            long seconds = readUint32(cursor);
            cursor += 4;
            timestamp = Instant.ofEpochSecond(seconds, readVarint("timestamp nanoseconds"));
        }
        String testId = (flags & FLAG_TEST_ID) != 0 ? readString("test id", ids) : null;
        Set<String> tags = (flags & FLAG_TAGS) != 0 ? readTags() : null;
        String mime = (flags & FLAG_MIME) != 0 ? readString("MIME type", shortStrings) : null;
        String fileName = null;
        ByteBuffer content = null;
        if ((flags & FLAG_FILE) != 0) {
            fileName = readString("file name", shortStrings);
            int size = readVarint("file length");
            need(size, "file content");
            content = contentView(cursor, size);
            cursor += size;
        }
        String route = (flags & FLAG_ROUTE_CODE) != 0 ? readString("route code", shortStrings) : null;
        return new Event(offset(), testId, TestStatus.fromCode(flags & 0x7), tags, (flags & FLAG_RUNNABLE) != 0,
                fileName, content, (flags & FLAG_EOF) != 0, mime, route, timestamp);
    }

    /** A read-only view of the buffer, moved to each packet's file content: not one made per packet. */
    private ByteBuffer view;

    /** {@code buf[from, from + size)} as the view's remaining bytes (valid until the next packet is read). */
    private ByteBuffer contentView(int from, int size) {
        if (view == null || viewOf != buf) {
            view = ByteBuffer.wrap(buf).asReadOnlyBuffer();
            viewOf = buf;
        }
        view.limit(from + size);
        view.position(from);
        return view;
    }

    /** The array {@link #view} shows: the buffer is replaced when it grows. */
    private byte[] viewOf;

    private void need(int n, String field) throws PacketFormatException {
        need(n, field, "");
    }

    /** {@code field + suffix} names the field in the error: joined only when there is one. */
    private void need(int n, String field, String suffix) throws PacketFormatException {
        if (n > fieldsEnd - cursor) {
            throw new PacketFormatException(field + suffix + " extends past the end of the packet");
        }
    }

    private int readVarint(String field) throws PacketFormatException {
        return readVarint(field, "");
    }

    /**
     * @param suffix ends the field's name in an error ({@code " length"}): joining the two for every string
     *     read cost a String per packet field, and C2 compiled the joining into the reader's hottest method
     */
    private int readVarint(String field, String suffix) throws PacketFormatException {
        need(1, field, suffix);
        int first = buf[cursor] & 0xFF;
        int size = (first >>> 6) + 1;
        need(size, field, suffix);
        int value = first & 0x3F;
        for (int i = 1; i < size; i++) {
            value = (value << 8) | (buf[cursor + i] & 0xFF);
        }
        cursor += size;
        return value;
    }

    private String readString(String field, InternCache<String> cache) throws PacketFormatException {
        int length = readVarint(field, " length");
        need(length, field);
        int start = cursor;
        cursor += length;
        int hash = InternCache.hash(buf, start, length);
        String cached = cache.get(hash, buf, start, length);
        if (cached != null) {
            return cached;
        }
        String value = decode(field, start, length);
        cache.put(hash, buf, start, length, value);
        return value;
    }

    private String decode(String field, int start, int length) throws PacketFormatException {
        boolean ascii = true;
        for (int i = start, end = start + length; i < end; i++) {
            byte b = buf[i];
            if (b == 0) {
                throw new PacketFormatException(field + " contains a NUL byte");
            }
            if (b < 0) {
                ascii = false;
            }
        }
        if (ascii) {
            return new String(buf, start, length, StandardCharsets.ISO_8859_1);
        }
        try {
            return utf8.reset().decode(ByteBuffer.wrap(buf, start, length)).toString();
        } catch (CharacterCodingException e) {
            throw new PacketFormatException(field + " is not valid UTF-8");
        }
    }

    private Set<String> readTags() throws PacketFormatException {
        int start = cursor;
        int count = readVarint("tag count");
        for (int i = 0; i < count; i++) {
            int length = readVarint("tag length");
            need(length, "tag");
            cursor += length;
        }
        int end = cursor;
        int hash = InternCache.hash(buf, start, end - start);
        Set<String> cached = tagSets.get(hash, buf, start, end - start);
        if (cached != null) {
            return cached;
        }
        cursor = start;
        readVarint("tag count");
        TreeSet<String> tags = new TreeSet<>();
        for (int i = 0; i < count; i++) {
            tags.add(readString("tag", shortStrings));
        }
        Set<String> value = Collections.unmodifiableSortedSet(tags);
        tagSets.put(hash, buf, start, end - start, value);
        return value;
    }
}
