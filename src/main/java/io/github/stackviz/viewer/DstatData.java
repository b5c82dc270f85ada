package io.github.stackviz.viewer;

import com.fasterxml.jackson.core.JsonGenerator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a dstat CSV log into {@code dstat-J.js}:
 * {@code {"dstat": J, "file": name, "year": Y, "yearFrom": "run"|"header"|"clock", "blocks": [{"columns":
 * [[group, name], ...], "rows": [[epochSeconds, v, ...], ...]}, ...], "skipped": n, "problems": [..]}}.
 *
 * <p>dstat writes a header (title, metadata rows, a row of group names, a row of column names) and then one
 * row per sample whose {@code system time} is {@code dd-mm HH:MM:SS}, without a year; it writes a second
 * header when it appends to an existing file, and the columns may differ. Each header starts a block. The
 * year is the run's (from its timestamps), else the header's {@code Date:}, else this machine's clock; a
 * sample whose month is lower than the one before it is in the next year. Times are taken as UTC. An
 * {@code epoch} column, when dstat wrote one ({@code -T}), gives the time directly.
 *
 * <p>Only the columns the viewer charts are kept: CPU, memory, network and disk. The file is read once, a
 * row at a time.
 */
final class DstatData {

    private static final Pattern TIME = Pattern.compile("(\\d{1,2})-(\\d{1,2}) (\\d{1,2}):(\\d{2}):(\\d{2})");
    private static final Pattern DATE_YEAR = Pattern.compile("\\b(\\d{4})\\b");

    private DstatData() {
    }

    static String dataFile(int j) {
        return "dstat-" + j + ".js";
    }

    /** Whether dstat column {@code name} of {@code group} is one the viewer charts. */
    static boolean wanted(String group, String name) {
        if (name.isEmpty() || name.equals("time") || name.equals("epoch")) {
            return false;
        }
        String g = group.toLowerCase(java.util.Locale.ROOT);
        return g.equals("total cpu usage") || g.equals("memory usage") || g.startsWith("net/") || g.startsWith("dsk/");
    }

    /**
     * Writes {@code dstat-J.js} for {@code csv}. {@code runYear} is the year of the runs that name it, or
     * {@code null}. A missing or unreadable file, or none ({@code csv} is {@code null} for a name outside
     * the export folder), becomes a problem in the data file.
     */
    static void write(Path dataDir, int j, Path csv, String fileName, Integer runYear) throws IOException {
        try (JsData out = JsData.create(dataDir.resolve(dataFile(j)), "dstat")) {
            JsonGenerator g = out.gen();
            g.writeStartObject();
            g.writeNumberField("dstat", j);
            g.writeStringField("file", fileName);
            g.writeFieldName("blocks");
            g.writeStartArray();
            Converter c = new Converter(g, runYear);
            if (csv == null) {
                c.problems.add(RunData.outside(fileName));
            } else {
                read(csv, fileName, c);
            }
            JsData.unwindToTop(g);
            g.writeNumberField("year", c.year());
            g.writeStringField("yearFrom", c.yearFrom());
            g.writeNumberField("skipped", c.skipped);
            g.writeFieldName("problems");
            g.writeStartArray();
            for (String p : c.problems) {
                g.writeString(p);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void read(Path csv, String fileName, Converter c) throws IOException {
        try (InputStream in = JsData.openInput(csv);
             Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get().parse(reader)) {
            for (CSVRecord record : parser) {
                c.row(record);
            }
        } catch (UncheckedIOException e) {
            // commons-csv reports a failed read of the next record this way
            c.problems.add(unreadable(fileName, e.getCause()));
        } catch (IOException e) {
            if (!RunData.readProblem(e)) {
                throw e;
            }
            c.problems.add(unreadable(fileName, e));
        } catch (IllegalStateException e) {
            c.problems.add("Could not read " + fileName + " to the end: " + e.getMessage()
                    + " (the samples read before it are shown).");
        }
    }

    private static String unreadable(String fileName, IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return fileName + " does not exist.";
        }
        return "Could not read " + fileName + " to the end: " + RunData.describe(e)
                + " (the samples read before it are shown).";
    }

    private static final class Converter {
        final JsonGenerator g;
        final Integer runYear;
        final List<String> problems = new ArrayList<>();
        Integer headerYear;
        int clockYear = java.time.Year.now(ZoneOffset.UTC).getValue();
        int yearOffset;
        int lastMonth;
        boolean blockOpen;
        int skipped;
        /** group names of the row before, for the column-name row that follows. */
        List<String> previous;
        int timeColumn = -1;
        int epochColumn = -1;
        int[] columns = new int[0];

        Converter(JsonGenerator g, Integer runYear) {
            this.g = g;
            this.runYear = runYear;
        }

        int year() {
            return runYear != null ? runYear : headerYear != null ? headerYear : clockYear;
        }

        String yearFrom() {
            return runYear != null ? "run" : headerYear != null ? "header" : "clock";
        }

        void row(CSVRecord record) throws IOException {
            List<String> cells = record.toList();
            String first = cells.isEmpty() ? "" : cells.get(0).trim();
            if (first.equals("time") || first.equals("epoch")) {
                header(cells);
                previous = null;
                return;
            }
            if (first.equals("Cmdline:") || first.equals("Host:") || first.startsWith("Dstat ")
                    || first.equals("Author:")) {
                for (int i = 0; i + 1 < cells.size(); i++) {
                    if (cells.get(i).trim().equals("Date:") && headerYear == null) {
                        Matcher m = DATE_YEAR.matcher(cells.get(i + 1));
                        if (m.find()) {
                            headerYear = Integer.parseInt(m.group(1));
                        }
                    }
                }
                previous = null;
                return;
            }
            if (!blockOpen) {
                previous = cells;
                return;
            }
            double time = time(cells);
            if (Double.isNaN(time)) {
                // a group-name row of a following header, or garbage
                previous = cells;
                if (!first.isEmpty() && Character.isDigit(first.charAt(0))) {
                    skipped++;
                }
                return;
            }
            g.writeStartArray();
            g.writeNumber(time);
            for (int c : columns) {
                String cell = c < cells.size() ? cells.get(c).trim() : "";
                writeNumber(cell);
            }
            g.writeEndArray();
        }

        private void writeNumber(String cell) throws IOException {
            if (cell.isEmpty()) {
                g.writeNull();
                return;
            }
            double v;
            try {
                v = Double.parseDouble(cell);
            } catch (NumberFormatException e) {
                g.writeNull();
                return;
            }
            if (!Double.isFinite(v)) {
                g.writeNull();
            } else if (v == Math.rint(v) && Math.abs(v) < 9.0e15) {
                g.writeNumber((long) v);
            } else {
                g.writeNumber(v);
            }
        }

        private double time(List<String> cells) {
            if (epochColumn >= 0 && epochColumn < cells.size()) {
                try {
                    double epoch = Double.parseDouble(cells.get(epochColumn).trim());
                    if (Double.isFinite(epoch)) {
                        return epoch;
                    }
                } catch (NumberFormatException e) {
                    // fall through to the time column
                }
            }
            if (timeColumn < 0 || timeColumn >= cells.size()) {
                return Double.NaN;
            }
            Matcher m = TIME.matcher(cells.get(timeColumn).trim());
            if (!m.matches()) {
                return Double.NaN;
            }
            int day = Integer.parseInt(m.group(1));
            int month = Integer.parseInt(m.group(2));
            if (month < lastMonth) {
                yearOffset++; // December to January: the log runs into the next year
            }
            try {
                LocalDateTime t = LocalDateTime.of(year() + yearOffset, month, day, Integer.parseInt(m.group(3)),
                        Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)));
                lastMonth = month;
                return t.toEpochSecond(ZoneOffset.UTC);
            } catch (DateTimeException e) {
                return Double.NaN;
            }
        }

        private void header(List<String> names) throws IOException {
            if (blockOpen) {
                g.writeEndArray(); // rows
                g.writeEndObject();
            }
            List<String> groups = previous == null ? List.of() : previous;
            List<Integer> keep = new ArrayList<>();
            timeColumn = -1;
            epochColumn = -1;
            String group = "";
            g.writeStartObject();
            g.writeFieldName("columns");
            g.writeStartArray();
            for (int i = 0; i < names.size(); i++) {
                if (i < groups.size() && !groups.get(i).isBlank()) {
                    group = groups.get(i).trim();
                }
                String name = names.get(i).trim();
                if (name.equals("time") && timeColumn < 0) {
                    timeColumn = i;
                } else if (name.equals("epoch") && epochColumn < 0) {
                    epochColumn = i;
                } else if (wanted(group, name)) {
                    keep.add(i);
                    g.writeStartArray();
                    g.writeString(group);
                    g.writeString(name);
                    g.writeEndArray();
                }
            }
            g.writeEndArray();
            columns = keep.stream().mapToInt(Integer::intValue).toArray();
            g.writeFieldName("rows");
            g.writeStartArray();
            blockOpen = true;
            if (timeColumn < 0 && epochColumn < 0) {
                problems.add("A dstat header has no time column; its samples are left out.");
            }
        }
    }
}
