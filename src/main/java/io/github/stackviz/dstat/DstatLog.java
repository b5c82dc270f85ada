package io.github.stackviz.dstat;

import io.github.stackviz.util.GzipInput;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
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
 * A dstat CSV log of machine load, plain or gzip-compressed. The export copies it byte for byte (decompressed), with
 * the blank line after each header's {@code Cmdline} row that the StackViz front-end needs; it is checked first so a
 * wrong file is reported instead of silently shipped: dstat's first row is {@code "Dstat <version> CSV output"}.
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
        try (Reader reader = new InputStreamReader(read(path), StandardCharsets.ISO_8859_1);
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

    /** The log's bytes, decompressed when it is gzip-compressed (CI systems keep it as {@code dstat-csv.log.gz}). */
    private static InputStream read(Path path) throws IOException {
        return GzipInput.decompressedIfGzip(new BufferedInputStream(Files.newInputStream(path), 64 * 1024));
    }

    private static String describe(String first) {
        if (first == null) {
            return "empty or not CSV";
        }
        String shown = first.length() > 60 ? first.substring(0, 60) + "..." : first;
        return "\"" + shown.replaceAll("\\p{Cntrl}", "?") + "\"";
    }

    /**
     * Copies the log (decompressed, when it was compressed) byte for byte, but for a blank line added after each
     * header block's {@code Cmdline} row that has none (dstat 0.7.4 and later write none; the StackViz front-end
     * needs it: see {@link HeaderSpacing}).
     *
     * @return why its compressed data broke off, when it did (what came before is copied), or {@code null}
     */
    public String copyTo(OutputStream out) throws IOException {
        try (InputStream in = read(path)) {
            long copied = in.transferTo(new HeaderSpacing(out));
            String damage = in instanceof GzipInput gzip ? gzip.damage() : null;
            return damage == null ? null : "its gzip data is damaged after byte " + copied
                    + " of the decompressed log (" + damage + "): copied up to there";
        }
    }

    /** The file is not a dstat log. */
    public static final class InvalidDstatException extends Exception {
        public InvalidDstatException(String message) {
            super(message);
        }
    }
}
