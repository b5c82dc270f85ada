package io.github.stackviz.reports;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * One XML file opened for streaming with the JDK's StAX parser, safely: no DTD is read, no external entity
 * is fetched (an entity reference reaches the reader as an event it skips), a CDATA section comes in
 * pieces however long it is, bytes invalid in the file's charset and characters XML forbids become U+FFFD.
 */
final class XmlFile implements AutoCloseable {
    /** A factory per thread: the JDK's reuses one reader per factory and is not safe for parallel runs. */
    private static final ThreadLocal<XMLInputFactory> FACTORY = ThreadLocal.withInitial(XmlFile::factory);
    /** The character buffer of the thread's last closed file, for its next (a run reads thousands of files). */
    private static final ThreadLocal<char[]> SPARE = new ThreadLocal<>();
    private static final Pattern ENCODING = Pattern.compile("^<\\?xml[^>]*encoding\\s*=\\s*[\"']([A-Za-z0-9._-]+)[\"']");

    final Path path;
    final XMLStreamReader xml;
    private final XmlCharFilter chars;
    private final Reader reader;

    private XmlFile(Path path, Reader reader, XmlCharFilter chars, XMLStreamReader xml) {
        this.path = path;
        this.reader = reader;
        this.chars = chars;
        this.xml = xml;
    }

    private static XMLInputFactory factory() {
        // the JDK's own parser, whatever other StAX implementation the class path holds
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        // without it the JDK's parser gathers a whole CDATA section (a test's 200 MB of output) in memory
        factory.setProperty("jdk.xml.cdataChunkSize", 65536);
        try {
            factory.setProperty("reuse-instance", Boolean.TRUE);
        } catch (IllegalArgumentException e) {
            // another JDK's parser: a new reader per file
        }
        return factory;
    }

    /**
     * Opens {@code path}.
     *
     * @param bytesRead told how many bytes of the file have been read, as they are
     * @throws IOException        when the file cannot be opened or read (its message names the file)
     * @throws XMLStreamException when its start is no XML
     */
    static XmlFile open(Path path, LongConsumer bytesRead) throws IOException, XMLStreamException {
        InputStream in = null;
        try {
            // the decoder below reads in blocks of its own: only the head is buffered, to be read again
            PushbackInputStream head = new PushbackInputStream(new Counting(Files.newInputStream(path), bytesRead),
                    HEAD);
            in = head;
            Charset charset = charset(head);
            CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
            Reader reader = new InputStreamReader(in, decoder);
            char[] spare = SPARE.get();
            SPARE.remove();
            XmlCharFilter chars = new XmlCharFilter(reader, spare != null ? spare : new char[XmlCharFilter.BUFFER]);
            XMLStreamReader xml = FACTORY.get().createXMLStreamReader(path.toString(), chars);
            return new XmlFile(path, reader, chars, xml);
        } catch (XMLStreamException e) {
            in.close(); // the start of the file is no XML: the caller warns
            throw e;
        } catch (IOException e) {
            if (in != null) {
                in.close();
            }
            throw named(path, e);
        }
    }

    /** The exception with a message that names the file. */
    static IOException named(Path path, IOException e) {
        String message = e.getMessage();
        if (message != null && message.contains(path.toString())) {
            return e;
        }
        return new IOException(path + ": " + (message == null ? e.getClass().getSimpleName() : message), e);
    }

    /** The bytes looked at for a byte order mark or an XML declaration. */
    private static final int HEAD = 512;

    /**
     * The charset a byte order mark or the XML declaration names; UTF-8 without either (as XML says). The bytes
     * looked at are pushed back, but a UTF-8 byte order mark.
     */
    private static Charset charset(PushbackInputStream in) throws IOException {
        byte[] head = in.readNBytes(HEAD);
        in.unread(head);
        if (head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            in.skip(3);
            return StandardCharsets.UTF_8;
        }
        if (head.length >= 2 && ((head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF
                || (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE)) {
            return StandardCharsets.UTF_16; // reads and drops the mark
        }
        Matcher m = ENCODING.matcher(new String(head, StandardCharsets.ISO_8859_1));
        if (m.find()) {
            try {
                Charset named = Charset.forName(m.group(1).toUpperCase(Locale.ROOT));
                // UTF-16 without a byte order mark would not have matched as bytes: an ASCII-compatible one
                return named.name().startsWith("UTF-16") || named.name().startsWith("UTF-32") ? StandardCharsets.UTF_8
                        : named;
            } catch (IllegalArgumentException e) {
                return StandardCharsets.UTF_8;
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** How many characters XML does not allow were replaced so far. */
    long replacedCharacters() {
        return chars.replaced();
    }

    @Override
    public void close() throws IOException {
        try {
            xml.close();
        } catch (XMLStreamException e) {
            // the reader below is closed next
        }
        reader.close();
        SPARE.set(chars.buffer());
    }

    /** Counts the bytes read from a file. */
    private static final class Counting extends FilterInputStream {
        private final LongConsumer bytesRead;
        private long count;

        Counting(InputStream in, LongConsumer bytesRead) {
            super(in);
            this.bytesRead = bytesRead;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                bytesRead.accept(++count);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
                bytesRead.accept(count);
            }
            return n;
        }
    }
}
