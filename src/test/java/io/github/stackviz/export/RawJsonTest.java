package io.github.stackviz.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RawJsonTest {

    /** Windows spliced at every point of the generator's buffer, those that fit and those that do not. */
    @Test
    void splicesTheWindowExactlyWhereverTheGeneratorsBufferStands() throws Exception {
        byte[] source = "[\"ä\",{\"k\":1.5}]".getBytes(StandardCharsets.UTF_8);
        RawJson raw = RawJson.json().set(source, 1, source.length - 2);
        String big = "x".repeat(20_000); // larger than Jackson's output buffer: never fits in it
        byte[] bigSource = ("\"" + big + "\"").getBytes(StandardCharsets.UTF_8);
        RawJson bigRaw = RawJson.json();
        StringBuilder expected = new StringBuilder("[");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = Json.generator(out)) {
            json.writeStartArray();
            for (int i = 0; i < 3_000; i++) {
                json.writeString("v" + i); // moves the buffer's end by a few bytes each time
                json.writeRaw(',');
                json.writeRaw(raw);
                json.writeRaw(',');
                json.writeRaw(bigRaw.set(bigSource, 0, bigSource.length));
                expected.append(i == 0 ? "" : ",").append("\"v").append(i).append("\",\"ä\",{\"k\":1.5},\"")
                        .append(big).append('"');
            }
            json.writeEndArray();
        }
        assertEquals(expected.append(']').toString(), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void isNeverAQuotedValue() {
        RawJson raw = RawJson.json().set(new byte[] {'1'}, 0, 1);
        assertEquals("1", raw.getValue());
        assertThrows(UnsupportedOperationException.class, raw::asQuotedUTF8);
    }

    /** A string's escaped content goes between quotes as it is: what writeString of the string writes. */
    @Test
    void aStringsEscapedContentIsWrittenAsTheStringItself() throws Exception {
        String[] names = {"plain.name", "quote\"back\\slash", "tab\tnew\nline\u0001", "ä€", "emoji \ud83d\ude00",
                "x".repeat(20_000)};
        ByteArrayOutputStream escaped = new ByteArrayOutputStream();
        try (JsonGenerator json = Json.generator(escaped)) {
            json.writeStartArray();
            for (String name : names) {
                json.writeString(name);
            }
            json.writeEndArray();
        }
        byte[] bytes = escaped.toByteArray();
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        RawJson window = RawJson.stringContent();
        try (JsonGenerator json = Json.generator(again)) {
            json.writeStartArray();
            int at = 1;
            for (int i = 0; i < names.length; i++) {
                int end = at + 1;
                while (bytes[end] != '"' || bytes[end - 1] == '\\' && bytes[end - 2] != '\\') {
                    end++;
                }
                json.writeString(window.set(bytes, at + 1, end - at - 1));
                at = end + 2; // past the quote and the comma
            }
            json.writeEndArray();
        }
        assertEquals(escaped.toString(StandardCharsets.UTF_8), again.toString(StandardCharsets.UTF_8));
        assertThrows(UnsupportedOperationException.class, window::asUnquotedUTF8);
    }

    /** A window given its string's value hands that to the generator (as a field name's) rather than decoding bytes. */
    @Test
    void aWindowGivenItsValueReturnsIt() {
        byte[] escaped = "a\\\"b".getBytes(StandardCharsets.UTF_8); // a\"b: the value a"b escaped
        RawJson raw = RawJson.stringContent().set(escaped, 0, escaped.length, "a\"b");
        assertEquals("a\"b", raw.getValue());
        assertEquals("a\\\"b", raw.set(escaped, 0, escaped.length).getValue(), "set without a value forgets it");
    }
}
