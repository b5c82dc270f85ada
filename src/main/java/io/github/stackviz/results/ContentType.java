package io.github.stackviz.results;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;

/**
 * A parsed MIME type, read the way testtools reads attachment types: type and subtype lower-cased, a
 * malformed type taken as {@code text/plain}, the {@code charset} parameter cut at its first comma (an
 * old testtools bug wrote {@code charset=utf8,language=python}) and unquoted.
 *
 * @param type           primary type, e.g. {@code text}
 * @param subtype        e.g. {@code x-traceback}
 * @param charsetName    the charset parameter as written (after the comma cut), or {@code null}
 * @param charset        the charset to decode with: the named one, else ISO-8859-1
 * @param charsetUnknown whether a charset was named that Java does not know (decoded as UTF-8 then)
 */
public record ContentType(String type, String subtype, String charsetName, Charset charset, boolean charsetUnknown) {

    /** What a file without any MIME type is. */
    public static final String DEFAULT = "application/octet-stream";

    public static ContentType parse(String mime) {
        if (mime == null) {
            mime = DEFAULT;
        }
        String[] parts = mime.split(";");
        String full = parts[0].trim().toLowerCase(Locale.ROOT);
        int slash = full.indexOf('/');
        String type;
        String subtype;
        if (slash <= 0 || slash != full.lastIndexOf('/') || slash == full.length() - 1) {
            type = "text";
            subtype = "plain";
        } else {
            type = full.substring(0, slash).trim();
            subtype = full.substring(slash + 1).trim();
        }
        String charsetName = null;
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq > 0 && parts[i].substring(0, eq).trim().equalsIgnoreCase("charset")) {
                String value = parts[i].substring(eq + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                int comma = value.indexOf(',');
                charsetName = (comma >= 0 ? value.substring(0, comma) : value).trim();
            }
        }
        Charset charset = StandardCharsets.ISO_8859_1;
        boolean unknown = false;
        if (charsetName != null) {
            try {
                charset = Charset.forName(charsetName);
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                charset = StandardCharsets.UTF_8;
                unknown = true;
            }
        }
        return new ContentType(type, subtype, charsetName, charset, unknown);
    }

    /** Only text can go into details.json (the reference calls {@code as_text()} on every detail). */
    public boolean isText() {
        return type.equals("text");
    }

    @Override
    public String toString() {
        return type + "/" + subtype + (charsetName == null ? "" : "; charset=" + charsetName);
    }
}
