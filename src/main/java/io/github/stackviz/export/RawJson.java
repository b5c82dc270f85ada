package io.github.stackviz.export;

import com.fasterxml.jackson.core.SerializableString;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A window on UTF-8 bytes that Jackson wrote, handed back to a generator as they are: spliced without
 * decoding them to a String and encoding them again. The window is moved with {@link #set}; the generator
 * copies the bytes before it returns. Two kinds, each supporting only its own forms:
 * <ul>
 *   <li>{@link #json()}: JSON text (values, fields), for {@code writeRaw(SerializableString)} and
 *       {@code writeRawValue}: the unquoted forms;</li>
 *   <li>{@link #stringContent()}: the escaped content of a JSON string, without its quotes, for
 *       {@code writeString(SerializableString)}: the quoted forms.</li>
 * </ul>
 */
final class RawJson implements SerializableString {
    private final boolean stringContent;
    private byte[] bytes = new byte[0];
    private int offset;
    private int length;

    private RawJson(boolean stringContent) {
        this.stringContent = stringContent;
    }

    /** A window on JSON text, spliced as it is. */
    static RawJson json() {
        return new RawJson(false);
    }

    /** A window on a string's escaped content, written between quotes as it is. */
    static RawJson stringContent() {
        return new RawJson(true);
    }

    /** Points at {@code bytes[offset, offset + length)} (not copied). */
    RawJson set(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
        this.value = null;
        return this;
    }

    /**
     * Points at the escaped content of a string, whose value is {@code value}: a generator that asks for it
     * (writing a field name, Jackson keeps the name) gets it rather than a decoding of the bytes.
     */
    RawJson set(byte[] bytes, int offset, int length, String value) {
        set(bytes, offset, length);
        this.value = value;
        return this;
    }

    /** The string the window's escaped bytes stand for, when it was given. */
    private String value;

    int length() {
        return length;
    }

    // ------------------------------------------------------------ the forms of the window's kind

    @Override
    public int appendUnquotedUTF8(byte[] buffer, int at) {
        return append(!stringContent, buffer, at);
    }

    @Override
    public int appendQuotedUTF8(byte[] buffer, int at) {
        return append(stringContent, buffer, at);
    }

    @Override
    public byte[] asUnquotedUTF8() {
        return copy(!stringContent);
    }

    @Override
    public byte[] asQuotedUTF8() {
        return copy(stringContent);
    }

    @Override
    public int writeUnquotedUTF8(OutputStream out) throws IOException {
        return write(!stringContent, out);
    }

    @Override
    public int writeQuotedUTF8(OutputStream out) throws IOException {
        return write(stringContent, out);
    }

    @Override
    public int putUnquotedUTF8(ByteBuffer out) {
        return put(!stringContent, out);
    }

    @Override
    public int putQuotedUTF8(ByteBuffer out) {
        return put(stringContent, out);
    }

    private int append(boolean supported, byte[] buffer, int at) {
        check(supported);
        if (at + length > buffer.length) {
            return -1; // the generator then takes the copy and writes it through its flushing path
        }
        System.arraycopy(bytes, offset, buffer, at, length);
        return length;
    }

    private byte[] copy(boolean supported) {
        check(supported);
        return Arrays.copyOfRange(bytes, offset, offset + length);
    }

    private int write(boolean supported, OutputStream out) throws IOException {
        check(supported);
        out.write(bytes, offset, length);
        return length;
    }

    private int put(boolean supported, ByteBuffer out) {
        check(supported);
        if (length > out.remaining()) {
            return -1;
        }
        out.put(bytes, offset, length);
        return length;
    }

    private void check(boolean supported) {
        if (!supported) {
            throw new UnsupportedOperationException(stringContent
                    ? "a string's escaped content is written between quotes, never spliced as JSON text"
                    : "raw JSON text is spliced as it is, never quoted");
        }
    }

    // ------------------------------------------------------------ the text, decoded (not on hot paths)

    /**
     * The string's value when it was given to {@link #set(byte[], int, int, String)}; else the bytes
     * decoded: the JSON text, or the string's content as it stands escaped.
     */
    @Override
    public String getValue() {
        return value != null ? value : new String(bytes, offset, length, StandardCharsets.UTF_8);
    }

    @Override
    public int charLength() {
        return getValue().length();
    }

    @Override
    public int appendUnquoted(char[] buffer, int at) {
        check(!stringContent);
        return appendChars(buffer, at);
    }

    @Override
    public int appendQuoted(char[] buffer, int at) {
        check(stringContent);
        return appendChars(buffer, at);
    }

    @Override
    public char[] asQuotedChars() {
        check(stringContent);
        return getValue().toCharArray();
    }

    private int appendChars(char[] buffer, int at) {
        String value = getValue();
        if (at + value.length() > buffer.length) {
            return -1;
        }
        value.getChars(0, value.length(), buffer, at);
        return value.length();
    }

    @Override
    public String toString() {
        return getValue();
    }
}
