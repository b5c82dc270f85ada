package io.github.stackviz.dstat;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Passes a dstat log through byte for byte, but for one thing: where a header block's {@code Cmdline} row is not
 * followed by a blank line, one is added (with the row's own line ending). dstat up to 0.7.2 wrote that blank
 * line; 0.7.4 and later write none, and the StackViz front-end, which takes the 6th and 7th lines of the file as
 * the group and column names, misreads a log without it. A row is a {@code Cmdline} row when it starts with
 * {@code Cmdline:}, quoted or not. Works on any cut of the bytes into writes: it streams.
 */
final class HeaderSpacing extends FilterOutputStream {
    private static final byte[] CMDLINE = {'C', 'm', 'd', 'l', 'i', 'n', 'e', ':'};
    private static final byte[] LF = {'\n'};
    private static final byte[] CRLF = {'\r', '\n'};

    /** How much of {@code Cmdline:} the current line has started with, or -1 when it is another row. */
    private int matched;
    /** Whether the current line opened with a quote (before {@code Cmdline:}). */
    private boolean quoted;
    private boolean cmdlineRow;
    private boolean lastWasCr;
    /** The line ending to add before the next byte unless it starts a blank line, or {@code null}. */
    private byte[] pending;

    HeaderSpacing(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        int from = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            byte b = bytes[i];
            if (pending != null) {
                if (b != '\n' && b != '\r') {
                    out.write(bytes, from, i - from);
                    out.write(pending);
                    from = i;
                }
                pending = null;
            }
            if (b == '\n') {
                if (cmdlineRow) {
                    pending = lastWasCr ? CRLF : LF;
                }
                matched = 0;
                quoted = false;
                cmdlineRow = false;
            } else if (matched >= 0) {
                if (matched == 0 && !quoted && b == '"') {
                    quoted = true;
                } else if (b == CMDLINE[matched]) {
                    matched++;
                    if (matched == CMDLINE.length) {
                        cmdlineRow = true;
                        matched = -1;
                    }
                } else {
                    matched = -1;
                }
            }
            lastWasCr = b == '\r';
        }
        out.write(bytes, from, end - from);
    }
}
