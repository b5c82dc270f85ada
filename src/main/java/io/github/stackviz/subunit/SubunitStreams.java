package io.github.stackviz.subunit;

import io.github.stackviz.util.GzipInput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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

    /** A compression the JDK cannot read: its magic number, its name, and what decompresses it. */
    record OtherCompression(byte[] magic, String name, String command) {
        static final List<OtherCompression> KNOWN = known();

        private static List<OtherCompression> known() {
            List<OtherCompression> known = new ArrayList<>(List.of(
                    new OtherCompression(new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0}, "xz", "xz -d"),
                    new OtherCompression(new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd}, "zstd", "zstd -d"),
                    new OtherCompression(new byte[] {'P', 'K', 3, 4}, "zip", "unzip")));
            // bzip2: "BZh", the block size 1 to 9, then the first block's magic (the digits of pi): text never does
            for (char level = '1'; level <= '9'; level++) {
                known.add(new OtherCompression(new byte[] {'B', 'Z', 'h', (byte) level, 0x31, 0x41, 0x59, 0x26, 0x53,
                    0x59}, "bzip2", "bunzip2"));
            }
            return List.copyOf(known);
        }

        /** The compression {@code head} starts with, among these, or {@code null}. */
        static OtherCompression of(byte[] head, int length) {
            for (OtherCompression compression : KNOWN) {
                byte[] magic = compression.magic();
                if (length >= magic.length && Arrays.equals(head, 0, magic.length, magic, 0, magic.length)) {
                    return compression;
                }
            }
            return null;
        }
    }

    /**
     * Reads the whole input with the reader its format needs.
     *
     * @return the format it was read as
     */
    public static SubunitFormat read(InputStream in, StreamHandler handler) throws IOException {
        byte[] head = new byte[HEAD];
        int length = in.readNBytes(head, 0, HEAD);
        if (!GzipInput.isGzip(head, length)) {
            return read(head, length, in, handler);
        }
        handler.compressed();
        GzipInput gzip = new GzipInput(new SequenceInputStream(new ByteArrayInputStream(head, 0, length), in));
        try {
            SubunitFormat format = read(head, gzip.readNBytes(head, 0, HEAD), gzip, handler);
            if (gzip.damage() != null) {
                handler.compressionDamaged(gzip.position(), gzip.damage());
            }
            return format;
        } finally {
            gzip.release(); // the caller closes its stream
        }
    }

    /** Reads an uncompressed input whose first {@code length} bytes, read already, are in {@code head}. */
    private static SubunitFormat read(byte[] head, int length, InputStream rest, StreamHandler handler)
            throws IOException {
        OtherCompression unreadable = OtherCompression.of(head, length);
        if (unreadable != null) {
            // its bytes would only be skipped as non-subunit data, run after run: say what it is instead
            handler.unreadableCompression(unreadable.name(), unreadable.command());
            return SubunitFormat.V2;
        }
        SubunitFormat format = SubunitFormat.detect(head, length);
        InputStream whole = new SequenceInputStream(new ByteArrayInputStream(head, 0, length), rest);
        if (format == SubunitFormat.V1) {
            new SubunitV1Reader(whole).read(handler);
        } else {
            new SubunitV2Reader(whole).read(handler);
        }
        return format;
    }
}
