package io.github.stackviz.export;

import com.fasterxml.jackson.core.SerializableString;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A window on UTF-8 bytes of JSON text that Jackson wrote, handed back to a generator's
 * {@code writeRaw(SerializableString)} as they are: spliced without decoding them to a String and encoding
 * them again. The window is moved with {@link #set}; the generator copies the bytes before it returns.
 * Only the unquoted (raw) forms are supported: this is never written as a quoted string value.
 */
final class RawJson implements SerializableString {
    private byte[] bytes = new byte[0];
    private int offset;
    private int length;

    /** Points at {@code bytes[offset, offset + length)} (not copied). */
    RawJson set(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
        return this;
    }

    int length() {
        return length;
    }

    @Override
    public int appendUnquotedUTF8(byte[] buffer, int at) {
        if (at + length > buffer.length) {
            return -1; // the generator then takes asUnquotedUTF8() and writes it through its flushing path
        }
        System.arraycopy(bytes, offset, buffer, at, length);
        return length;
    }

    @Override
    public byte[] asUnquotedUTF8() {
        return Arrays.copyOfRange(bytes, offset, offset + length);
    }

    @Override
    public int writeUnquotedUTF8(OutputStream out) throws IOException {
        out.write(bytes, offset, length);
        return length;
    }

    @Override
    public int putUnquotedUTF8(ByteBuffer out) {
        if (length > out.remaining()) {
            return -1;
        }
        out.put(bytes, offset, length);
        return length;
    }

    @Override
    public String getValue() {
        return new String(bytes, offset, length, StandardCharsets.UTF_8);
    }

    @Override
    public int charLength() {
        return getValue().length();
    }

    @Override
    public int appendUnquoted(char[] buffer, int at) {
        String value = getValue();
        if (at + value.length() > buffer.length) {
            return -1;
        }
        value.getChars(0, value.length(), buffer, at);
        return value.length();
    }

    @Override
    public char[] asQuotedChars() {
        throw quoted();
    }

    @Override
    public byte[] asQuotedUTF8() {
        throw quoted();
    }

    @Override
    public int appendQuotedUTF8(byte[] buffer, int at) {
        throw quoted();
    }

    @Override
    public int appendQuoted(char[] buffer, int at) {
        throw quoted();
    }

    @Override
    public int writeQuotedUTF8(OutputStream out) {
        throw quoted();
    }

    @Override
    public int putQuotedUTF8(ByteBuffer buffer) {
        throw quoted();
    }

    private static UnsupportedOperationException quoted() {
        return new UnsupportedOperationException("raw JSON text is spliced as it is, never quoted");
    }

    @Override
    public String toString() {
        return getValue();
    }
}
