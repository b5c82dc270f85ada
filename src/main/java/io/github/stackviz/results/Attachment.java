package io.github.stackviz.results;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;

/**
 * One attachment ("detail") of a test: its name as sent, the MIME type of its first non-empty chunk,
 * and its bytes.
 */
public final class Attachment {
    private final String name;
    private final ContentType contentType;
    private final AttachmentBuffer content;

    Attachment(String name, ContentType contentType, AttachmentBuffer content) {
        this.name = name;
        this.contentType = contentType;
        this.content = content;
    }

    public String name() {
        return name;
    }

    public ContentType contentType() {
        return contentType;
    }

    public AttachmentBuffer content() {
        return content;
    }

    /**
     * The attachment as text, decoded with the charset its MIME type names (ISO-8859-1 when it names
     * none, as testtools does); bytes invalid in that charset become U+FFFD instead of failing.
     */
    public Reader openText() throws IOException {
        return new InputStreamReader(content.open(), contentType.charset().newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE));
    }
}
