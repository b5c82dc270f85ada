package io.github.stackviz.util;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * A gzip-compressed input (CI systems keep streams as {@code testrepository.subunit.gz}, dstat logs as
 * {@code dstat-csv.log.gz}), decompressed as it is read. Damaged or cut-off compressed data ends the input where it
 * breaks, as a truncated stream would, and says why ({@link #damage()}): what came before it is still read. A
 * failure to read the bytes below is no damage and is thrown as it is.
 */
public final class GzipInput extends InputStream {
    /**
     * Whether {@code head} starts as a gzip file does: its magic number, deflate (the only method gzip has), and
     * no reserved flag set (RFC 1952). Neither subunit version starts so (v2 packets start with 0xb3, v1 is
     * text), nor does a CSV file.
     */
    public static boolean isGzip(byte[] head, int length) {
        return length >= 4 && head[0] == (byte) 0x1f && head[1] == (byte) 0x8b && head[2] == 8
                && (head[3] & 0xe0) == 0;
    }

    /** {@code in} decompressed when it starts as a gzip file does, else {@code in} itself, unread. */
    public static InputStream decompressedIfGzip(BufferedInputStream in) throws IOException {
        in.mark(4);
        byte[] head = in.readNBytes(4);
        in.reset();
        return isGzip(head, head.length) ? new GzipInput(in) : in;
    }

    private final Below compressed;
    private GZIPInputStream gzip; // made at the first read: it reads the header at once
    private long position;
    private String damage;

    public GzipInput(InputStream compressed) {
        this.compressed = new Below(compressed);
    }

    /** Why the compressed data ended early, or {@code null} while it has not. */
    public String damage() {
        return damage;
    }

    /** Decompressed bytes read so far. */
    public long position() {
        return position;
    }

    private final byte[] one = new byte[1];

    @Override
    public int read() throws IOException {
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (damage != null) {
            return -1;
        }
        try {
            if (gzip == null) {
                gzip = new GZIPInputStream(compressed, 64 * 1024);
            }
            int n = gzip.read(b, off, len);
            if (n > 0) {
                position += n;
            }
            return n;
        } catch (BelowFailed e) {
            throw e.failure();
        } catch (IOException e) {
            // ZipException (corrupt data, bad CRC or length) or EOFException (cut off): the input ends here
            damage = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return -1;
        }
    }

    @Override
    public void close() throws IOException {
        if (gzip != null) {
            gzip.close(); // frees the inflater's native memory, and closes the stream below
        } else {
            compressed.close();
        }
    }

    /**
     * Frees the inflater's native memory now, not when the garbage collector gets to it, and leaves the stream
     * below open: for a reader that does not own it.
     */
    public void release() throws IOException {
        compressed.keepOpen = true;
        close();
    }

    /** Marks the failures of the stream below, which GZIPInputStream passes on as they are. */
    private static final class Below extends FilterInputStream {
        boolean keepOpen;

        Below(InputStream in) {
            super(in);
        }

        @Override
        public void close() throws IOException {
            if (!keepOpen) {
                super.close();
            }
        }

        @Override
        public int read() throws IOException {
            try {
                return in.read();
            } catch (IOException e) {
                throw new BelowFailed(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return in.read(b, off, len);
            } catch (IOException e) {
                throw new BelowFailed(e);
            }
        }
    }

    private static final class BelowFailed extends IOException {
        BelowFailed(IOException cause) {
            super(cause);
        }

        IOException failure() {
            return (IOException) getCause();
        }
    }
}
