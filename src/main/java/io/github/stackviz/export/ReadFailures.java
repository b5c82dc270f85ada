package io.github.stackviz.export;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Marks the errors of an input stream, so that a failure to read an input ("Cannot read a.subunit") is
 * told apart from a failure to write the export, which reaches the same reader call.
 */
final class ReadFailures extends FilterInputStream {

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

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (IOException e) {
            throw new Failure(e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return in.read(b, off, len);
        } catch (IOException e) {
            throw new Failure(e);
        }
    }
}
