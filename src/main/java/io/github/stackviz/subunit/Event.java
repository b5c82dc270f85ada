package io.github.stackviz.subunit;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Set;

/**
 * One subunit event: what a v2 packet carries, or what a v1 directive translates to.
 *
 * <p>Every field but {@code offset}, {@code runnable} and {@code eof} may be {@code null}, meaning the
 * packet did not carry it. An empty {@code tags} set is not the same as {@code null}: it clears the tags.
 *
 * <p>{@code fileContent} is a read-only view into the reader's buffer and is valid only while the
 * {@link StreamHandler#event(Event)} call that received it runs: copy what you keep. This is what lets
 * the readers stream attachments without allocating per chunk.
 *
 * @param offset      byte offset of the packet (or v1 line) in its input
 * @param testId      the test id, or {@code null} for run-level data
 * @param status      the test status, or {@code null} for none (a pure file chunk or tag update)
 * @param tags        the tags, or {@code null} when the event carries none
 * @param runnable    the runnable flag
 * @param fileName    name of the attached file, or {@code null} when the event carries no file chunk
 * @param fileContent the chunk's bytes when {@code fileName} is set (may be empty), else {@code null}
 * @param eof         whether this chunk is the last of its file
 * @param mimeType    the MIME type, or {@code null}
 * @param routeCode   the route code, or {@code null}
 * @param timestamp   the event time (nanosecond precision), or {@code null}
 */
public record Event(long offset, String testId, TestStatus status, Set<String> tags, boolean runnable,
                    String fileName, ByteBuffer fileContent, boolean eof, String mimeType, String routeCode,
                    Instant timestamp) {
}
