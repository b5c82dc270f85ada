package io.github.stackviz.export;

/** The export cannot be done; the message says why and names the file or parameter at fault. */
public final class ExportException extends Exception {
    public ExportException(String message) {
        super(message);
    }

    public ExportException(String message, Throwable cause) {
        super(message, cause);
    }
}
