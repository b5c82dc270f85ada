package io.github.stackviz.subunit;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Keeps what a reader reports, copying file content out of the reader's buffer. */
public final class RecordingHandler implements StreamHandler {
    public final List<Event> events = new ArrayList<>();
    public final List<Skip> skips = new ArrayList<>();

    public boolean compressed;
    /** Where and why compressed data broke off, when it did. */
    public Long damagedAfter;
    public String damage;

    public record Skip(long offset, long length, long problemOffset, String problem) {
    }

    /** The compression and command of an input that was not read, when it was not. */
    public String unreadable;

    @Override
    public void unreadableCompression(String compression, String command) {
        unreadable = compression + " / " + command;
    }

    @Override
    public void compressed() {
        compressed = true;
    }

    @Override
    public void compressionDamaged(long offset, String problem) {
        damagedAfter = offset;
        damage = problem;
    }

    @Override
    public void event(Event e) {
        ByteBuffer copy = null;
        if (e.fileContent() != null) {
            copy = ByteBuffer.allocate(e.fileContent().remaining()).put(e.fileContent().duplicate()).flip();
        }
        events.add(new Event(e.offset(), e.testId(), e.status(), e.tags(), e.runnable(), e.fileName(), copy, e.eof(),
                e.mimeType(), e.routeCode(), e.timestamp()));
    }

    @Override
    public void skipped(long offset, long length, long problemOffset, String problem) {
        skips.add(new Skip(offset, length, problemOffset, problem));
    }

    public static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
