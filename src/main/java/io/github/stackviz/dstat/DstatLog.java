package io.github.stackviz.dstat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A dstat CSV log of machine load. The export copies it byte for byte; it is checked first so a wrong
 * file is reported instead of silently shipped: dstat's first row is {@code "Dstat <version> CSV output"}.
 */
public final class DstatLog {
    private final Path path;

    private DstatLog(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /**
     * Opens and checks a dstat log.
     *
     * @throws InvalidDstatException when the file is not a dstat CSV log
     */
    public static DstatLog open(Path path) throws IOException, InvalidDstatException {
        String first;
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.ISO_8859_1);
             CSVParser csv = CSVFormat.DEFAULT.builder().setMaxRows(1).get().parse(reader)) {
            Iterator<CSVRecord> records = csv.iterator();
            first = records.hasNext() ? records.next().get(0) : null;
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            first = null;
        }
        if (first == null || !first.startsWith("Dstat") || !first.contains("CSV output")) {
            throw new InvalidDstatException(path + " is not a dstat CSV log: its first row should be \"Dstat <version> CSV"
                    + " output\" (dstat --output FILE writes it), but it is " + describe(first));
        }
        return new DstatLog(path);
    }

    private static String describe(String first) {
        if (first == null) {
            return "empty or not CSV";
        }
        String shown = first.length() > 60 ? first.substring(0, 60) + "..." : first;
        return "\"" + shown.replaceAll("\\p{Cntrl}", "?") + "\"";
    }

    /** Copies the log unchanged. */
    public void copyTo(OutputStream out) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            in.transferTo(out);
        }
    }

    /** The file is not a dstat log. */
    public static final class InvalidDstatException extends Exception {
        public InvalidDstatException(String message) {
            super(message);
        }
    }
}
