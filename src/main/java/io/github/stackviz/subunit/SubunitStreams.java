package io.github.stackviz.subunit;

import io.github.stackviz.util.GzipInput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;

/**
 * Reads a subunit input of either version: v2 packets, or v1 text (what test repositories store), either of
 * them gzip-compressed or not. The version and the compression are told from the first bytes
 * ({@link SubunitFormat#detect}), per input.
 */
public final class SubunitStreams {
    /** How much of the input the detection looks at. */
    static final int HEAD = 64 * 1024;

    private SubunitStreams() {
    }

    /**
     * Reads the whole input with the reader its format needs.
     *
     * @return the format it was read as
     */
    public static SubunitFormat read(InputStream in, StreamHandler handler) throws IOException {
        byte[] head = new byte[HEAD];
        int length = in.readNBytes(head, 0, HEAD);
        GzipInput gzip = null;
        if (GzipInput.isGzip(head, length)) {
            gzip = new GzipInput(new SequenceInputStream(new ByteArrayInputStream(head, 0, length), in));
            handler.compressed();
            in = gzip;
            length = in.readNBytes(head, 0, HEAD);
        }
        SubunitFormat format = SubunitFormat.detect(head, length);
        InputStream whole = new SequenceInputStream(new ByteArrayInputStream(head, 0, length), in);
        if (format == SubunitFormat.V1) {
            new SubunitV1Reader(whole).read(handler);
        } else {
            new SubunitV2Reader(whole).read(handler);
        }
        if (gzip != null && gzip.damage() != null) {
            handler.compressionDamaged(gzip.position(), gzip.damage());
        }
        return format;
    }
}
