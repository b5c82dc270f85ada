package io.github.stackviz.subunit;

import java.util.Objects;
import java.util.zip.CRC32;

/**
 * The two subunit wire formats, and a guess of which one an input uses from its first bytes.
 */
public enum SubunitFormat {

    /** Subunit v1: line-oriented text ({@code test: …}, {@code success: …}, …); read with {@link SubunitV1Reader}. */
    V1,

    /** Subunit v2: binary packets starting with {@code 0xB3}. */
    V2;

    private static final int SIGNATURE = 0xB3;
    private static final int MAX_PACKET = 4_194_303;
    private static final int MIN_PACKET = 8;

    /**
     * Guesses the format of an input from its head. A pure function: the caller reads up to, say, 64 KiB, calls
     * this, and then hands the reader the head followed by the rest of the input.
     *
     * <p>Rules, in this order:
     * <ol>
     *   <li>empty input, or input starting with {@code 0xB3}: {@link #V2};</li>
     *   <li>otherwise the lines of the head (split on LF) are examined in order, and the first that is evidence
     *       decides: a line starting with {@code 0xB3} followed by a plausible v2 header (version nibble
     *       {@code 0x2}, a 1–3-byte length of 8 to 4 194 303 bytes, and a valid CRC32 when the whole packet is in
     *       the head) means {@link #V2}; a v1 directive line — a v1 keyword ({@code test}, {@code testing},
     *       {@code time}, {@code tags}, {@code progress}, {@code success}, {@code successful}, {@code failure},
     *       {@code error}, {@code skip}, {@code xfail}, {@code uxsuccess}) <em>with its colon</em>, then white space
     *       and an argument — means {@link #V1}. The colon is optional for the v1 parser, but requiring it here
     *       keeps ordinary text such as "test results follow" from being taken for v1;</li>
     *   <li>nothing decisive: {@link #V2}, whose reader treats unknown bytes as non-subunit data.</li>
     * </ol>
     * The ordering matters for mixed inputs: v1 streams open with directives and v2 streams with packets, so the
     * first piece of evidence is the reliable one (a v1 attachment may well contain a Latin-1 {@code ³ } at the
     * start of a line, which looks like a v2 signature and flags).
     *
     * @param head   the first bytes of the input
     * @param length how many bytes of {@code head} are valid
     * @return the format to read the input with
     * @throws IllegalArgumentException if {@code length} is negative or larger than {@code head.length}
     */
    public static SubunitFormat detect(byte[] head, int length) {
        Objects.requireNonNull(head, "head");
        if (length < 0 || length > head.length) {
            throw new IllegalArgumentException("length " + length + " outside 0.." + head.length);
        }
        if (length == 0 || (head[0] & 0xFF) == SIGNATURE) {
            return V2;
        }
        int start = 0;
        while (start < length) {
            int end = start;
            while (end < length && head[end] != '\n') {
                end++;
            }
            if ((head[start] & 0xFF) == SIGNATURE) {
                if (plausiblePacket(head, start, length)) {
                    return V2;
                }
            } else {
                int contentEnd = end > start && head[end - 1] == '\r' ? end - 1 : end;
                if (SubunitV1Reader.keyword(head, start, contentEnd, true) != null) {
                    return V1;
                }
            }
            start = end + 1;
        }
        return V2;
    }

    /** Whether a v2 packet can start at {@code at}; checks as much as the head holds. */
    private static boolean plausiblePacket(byte[] b, int at, int length) {
        if (at + 1 >= length) {
            return false; // a lone trailing 0xB3 is no evidence either way
        }
        if ((b[at + 1] & 0xF0) != 0x20) {
            return false;
        }
        int lengthAt = at + 3;
        if (lengthAt >= length) {
            return true;
        }
        int first = b[lengthAt] & 0xFF;
        int size = (first >>> 6) + 1;
        if (size == 4) {
            return false; // the reference accepts at most a 3-byte length field
        }
        if (lengthAt + size > length) {
            return true;
        }
        long packet = first & 0x3F;
        for (int i = 1; i < size; i++) {
            packet = (packet << 8) | (b[lengthAt + i] & 0xFF);
        }
        if (packet < MIN_PACKET || packet > MAX_PACKET || packet < 3 + size + 4) {
            return false;
        }
        if (at + packet > length) {
            return true;
        }
        int crcAt = at + (int) packet - 4;
        CRC32 crc = new CRC32();
        crc.update(b, at, crcAt - at);
        long stored = ((b[crcAt] & 0xFFL) << 24) | ((b[crcAt + 1] & 0xFFL) << 16) | ((b[crcAt + 2] & 0xFFL) << 8)
                | (b[crcAt + 3] & 0xFFL);
        return crc.getValue() == stored;
    }
}
