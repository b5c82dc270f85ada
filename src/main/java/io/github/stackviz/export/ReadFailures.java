package io.github.stackviz.export;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Marks the errors of an input stream, so that a failure to read an input ("Cannot read a.subunit") is
 * told apart from a failure to write the export, which reaches the same reader call. Also counts the
 * bytes read, for progress lines on another thread.
 */
final class ReadFailures extends FilterInputStream {
    private volatile long position;
    private long large;
    private final Runnable whenLarge;

    /** An input could not be read; {@link #cause()} says why. */
    static final class Failure extends IOException {
        Failure(IOException cause) {
            super(cause.getMessage(), cause);
        }

        IOException cause() {
            return (IOException) getCause();
        }
    }

    /** Also runs {@code whenLarge}, once, when {@code large} bytes have been read (the JIT hint of a large stdin). */
    ReadFailures(InputStream in, long large, Runnable whenLarge) {
        super(in);
        this.large = large;
        this.whenLarge = whenLarge;
    }

    /** Bytes read so far; safe to call from any thread. */
    long position() {
        return position;
    }

    @Override
    public int read() throws IOException {
        try {
            int b = in.read();
            if (b >= 0) {
                advance(1);
            }
            return b;
        } catch (IOException e) {
            throw new Failure(e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            int n = in.read(b, off, len);
            if (n > 0) {
                advance(n);
            }
            return n;
        } catch (IOException e) {
            throw new Failure(e);
        }
    }

    private void advance(int n) {
        position += n;
        if (position >= large) {
            large = Long.MAX_VALUE;
            whenLarge.run();
        }
    }
}
