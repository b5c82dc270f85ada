package io.github.stackviz.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ContentTypeTest {

    @Test
    void readsTheFormsProducersWrite() {
        ContentType quoted = ContentType.parse("text/x-traceback; charset=\"utf8\"; language=\"python\"");
        assertEquals("x-traceback", quoted.subtype());
        assertEquals(StandardCharsets.UTF_8, quoted.charset());
        ContentType commaBug = ContentType.parse("text/x-traceback;charset=utf8,language=python");
        assertEquals("utf8", commaBug.charsetName());
        assertEquals(StandardCharsets.UTF_8, commaBug.charset());
        assertEquals(StandardCharsets.ISO_8859_1, ContentType.parse("text/plain").charset(), "testtools' default");
        assertTrue(ContentType.parse("TEXT/Plain").isText());
    }

    @Test
    void malformedAndEmptyTypesAreTextPlain() {
        assertTrue(ContentType.parse("").isText());
        assertTrue(ContentType.parse("garbage").isText());
        assertTrue(ContentType.parse("a/b/c").isText());
    }

    @Test
    void noTypeIsOctetStreamAndNotText() {
        assertFalse(ContentType.parse(null).isText());
        assertFalse(ContentType.parse("image/png").isText());
    }

    @Test
    void anUnknownCharsetIsDecodedAsUtf8() {
        ContentType unknown = ContentType.parse("text/plain; charset=klingon");
        assertTrue(unknown.charsetUnknown());
        assertEquals(StandardCharsets.UTF_8, unknown.charset());
    }
}
