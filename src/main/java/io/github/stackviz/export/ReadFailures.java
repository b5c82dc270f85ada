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

    /** An input could not be read; {@link #cause()} says why. */
    static final class Failure extends IOException {
        Failure(IOException cause) {
            super(cause.getMessage(), cause);
        }

        IOException cause() {
            return (IOException) getCause();
        }
    }

    ReadFailures(InputStream in) {
        super(in);
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
                position++;
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
                position += n;
            }
            return n;
        } catch (IOException e) {
            throw new Failure(e);
        }
    }
}
