package io.github.stackviz.results;

import java.io.CharArrayReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * One attachment ("detail") of a test: its name as sent, the MIME type of its first non-empty chunk,
 * and its bytes.
 */
public final class Attachment {
    private final String name;
    private final ContentType contentType;
    private final AttachmentBuffer content;
    /** The decoded text of a small attachment, kept once decoded: stats and details both read it. */
    private CharBuffer text;

    Attachment(String name, ContentType contentType, AttachmentBuffer content) {
        this.name = name;
        this.contentType = contentType;
        this.content = content;
    }

    /**
     * An attachment made by a reader other than the subunit one (the test report readers).
     *
     * @param contentType its MIME type, e.g. {@code ContentType.parse("text/plain; charset=utf-8")}, made once
     * @param content     its bytes, from {@link AttachmentStore#newBuffer()}; the attachment owns it
     */
    public static Attachment of(String name, ContentType contentType, AttachmentBuffer content) {
        return new Attachment(name, contentType, content);
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

    /** Attachments up to this many bytes, held in memory, are decoded whole instead of streamed. */
    static final int WHOLE_TEXT_LIMIT = 256 * 1024;

    /**
     * The attachment as text, decoded with the charset its MIME type names (ISO-8859-1 when it names
     * none, as testtools does); bytes invalid in that charset become U+FFFD instead of failing.
     */
    public Reader openText() throws IOException {
        CharBuffer whole = wholeText();
        if (whole != null) {
            return new CharArrayReader(whole.array(), whole.arrayOffset() + whole.position(), whole.remaining());
        }
        return new InputStreamReader(content.open(), decoder());
    }

    /**
     * The whole text, decoded as {@link #openText()} does, when the attachment is small and in memory;
     * {@code null} for a large one, which must be streamed. Decoded once; the buffer returned is the
     * caller's to move (its content must not be changed).
     */
    public CharBuffer wholeText() throws IOException {
        if (text == null) {
            if (!smallInMemory()) {
                return null;
            }
            text = decoder().decode(content.inMemoryBytes());
        }
        return text.duplicate();
    }

    /**
     * Whether the attachment's text is UTF-8 (its MIME type names UTF-8, or a charset Java does not know):
     * then its bytes can be escaped for JSON as they are, without {@link #openText()} or {@link #wholeText()}
     * ({@code util.Utf8JsonEscaper} gives the same result).
     */
    public boolean utf8() {
        return contentType.charset().equals(StandardCharsets.UTF_8);
    }

    /** Whether {@link #wholeText()} gives the text: the attachment is small and held in memory. */
    public boolean smallInMemory() {
        return !content.spilled() && content.size() <= WHOLE_TEXT_LIMIT;
    }

    private CharsetDecoder decoder() {
        return contentType.charset().newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
    }
}
