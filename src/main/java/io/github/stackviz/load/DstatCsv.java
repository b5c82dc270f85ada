package io.github.stackviz.load;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * A load file in dstat's CSV format: its header block (title, author, host and command-line rows, then a blank
 * line, as dstat 0.7.2 wrote it and the 2016 StackViz front-end's parser counts on: the group and column rows are
 * the file's 6th and 7th lines), the group and column rows, then one row per sample, each written whole in one
 * write and flushed, so a build killed at any moment leaves a valid file. The cells are written as dstat writes
 * them: header cells quoted, sample cells not (they are numbers, a time, and process names cleaned of commas and
 * quotes), which is why this is not a general CSV printer.
 */
final class DstatCsv implements AutoCloseable {
    /** The title row's version: the dstat release whose computations and format this follows. */
    static final String TITLE = "\"Dstat 0.7.4 CSV output\"";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd MMM yyyy HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter ZONE = DateTimeFormatter.ofPattern("z", Locale.ROOT);

    private final Path path;
    private final OutputStream out;

    private DstatCsv(Path path, OutputStream out) {
        this.path = path;
        this.out = out;
    }

    Path path() {
        return path;
    }

    /** Creates (or replaces) the file and writes the header block. */
    static DstatCsv create(Path path, String host, String user, String cmdline, ZonedDateTime date)
            throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        DstatCsv csv = new DstatCsv(path, out);
        try {
            csv.write(header(host, user, cmdline, date));
        } catch (IOException e) {
            out.close();
            throw e;
        }
        return csv;
    }

    static String header(String host, String user, String cmdline, ZonedDateTime date) {
        StringBuilder groups = new StringBuilder();
        StringBuilder names = new StringBuilder();
        for (String[] column : DstatRow.COLUMNS) {
            if (!names.isEmpty()) {
                groups.append(',');
                names.append(',');
            }
            groups.append(column[0].isEmpty() ? "" : quote(column[0]));
            names.append(quote(column[1]));
        }
        return TITLE + "\n"
                + "\"Author:\",\"Dag Wieers <dag@wieers.com>\",,,,\"URL:\",\"http://dag.wieers.com/home-made/dstat/\"\n"
                + "\"Host:\"," + quote(host) + ",,,,\"User:\"," + quote(user) + "\n"
                + "\"Cmdline:\"," + quote(cmdline) + ",,,,\"Date:\"," + quote(DATE.format(date) + " " + zone(date)) + "\n"
                + "\n"
                + groups + "\n"
                + names + "\n";
    }

    /** The zone's abbreviation, as Python's {@code %Z} writes it ({@code UTC}, {@code CET}). */
    private static String zone(ZonedDateTime date) {
        return date.getZone() instanceof java.time.ZoneOffset offset && offset.getTotalSeconds() == 0 ? "UTC"
                : ZONE.format(date);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\"", "'").replaceAll("\\p{Cntrl}", " ") + "\"";
    }

    /** Appends one sample's row, whole, and flushes it. */
    void row(List<String> cells) throws IOException {
        write(String.join(",", cells) + "\n");
    }

    private void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
