package io.github.stackviz.subunit;

import java.io.IOException;
import java.time.Instant;

/**
 * Receives what a subunit reader finds in its input, in input order.
 */
public interface StreamHandler {

    /** One event; see {@link Event} for the lifetime of its file content. */
    void event(Event event) throws IOException;

    /**
     * A time the stream carried outside any event: a v1 {@code time:} line, which sets the clock of the events after
     * it (v2 packets carry their own times). The last one may follow the last event, as in a run that was killed.
     */
    default void time(Instant time) throws IOException {
    }

    /**
     * A run of bytes that belong to no valid packet (or, in v1, a line that is no directive).
     *
     * @param offset        where the run starts in the input
     * @param length        how many bytes it has
     * @param problemOffset where a corrupt packet starts inside the run, or -1 when the run is plain
     *                      non-subunit data (test output, log lines, random bytes)
     * @param problem       what was wrong with that packet ("bad CRC", "truncated", ...), or {@code null}
     */
    default void skipped(long offset, long length, long problemOffset, String problem) throws IOException {
    }

    /** The input is gzip-compressed: the offsets reported from now on count decompressed bytes. */
    default void compressed() {
    }

    /**
     * The compressed data broke off or is damaged after {@code offset} decompressed bytes: the input was read up to
     * there, and what followed is lost.
     *
     * @param problem what the decompression found ("Unexpected end of ZLIB input stream", "invalid block type")
     */
    default void compressionDamaged(long offset, String problem) throws IOException {
    }

    /**
     * The input is compressed in a way only other tools read, and was not read.
     *
     * @param compression which: {@code xz}
     * @param command     what decompresses it: {@code xz -d}
     */
    default void unreadableCompression(String compression, String command) throws IOException {
    }
}
