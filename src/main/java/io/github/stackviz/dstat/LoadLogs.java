package io.github.stackviz.dstat;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The load logs of a multi-module build's modules as one log. {@code record-load} runs one sampler per JVM and writes
 * its rows into each module's file while that module records, so the files hold the same rows over spans that
 * overlap: their union is the sampler's whole record. The merged log has the first file's header block and every
 * distinct sample row once, in time order (by the {@code epoch} column where there is one, else as the files give
 * them). A log holds a row a second, so a build's fit in memory.
 */
public final class LoadLogs {

    /** How record-load's Cmdline row starts: what tells its logs from dstat's own. */
    public static final String RECORDED_BY = "stackviz record-load";

    private LoadLogs() {
    }

    /** Writes the union of {@code logs} (plain dstat CSV files of one sampler) to {@code into}. */
    public static void merge(List<Path> logs, Path into) throws IOException {
        List<String> header = new ArrayList<>();
        Set<String> rows = new LinkedHashSet<>();
        int epoch = -1;
        for (Path log : logs) {
            boolean first = header.isEmpty();
            try (BufferedReader reader = Files.newBufferedReader(log, StandardCharsets.ISO_8859_1)) {
                boolean inHeader = true;
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (isSample(line)) {
                        inHeader = false;
                        rows.add(line);
                    } else if (inHeader && first) {
                        header.add(line);
                        if (line.startsWith("\"time\"")) {
                            epoch = List.of(line.split(",", -1)).indexOf("\"epoch\"");
                        }
                    }
                }
            }
        }
        List<String> sorted = new ArrayList<>(rows);
        if (epoch >= 0) {
            // each row's time read once, not at every comparison
            record Sample(double epoch, String row) {
            }
            int column = epoch;
            sorted = rows.stream().map(row -> new Sample(epochOf(row, column), row))
                    .sorted(Comparator.comparingDouble(Sample::epoch)).map(Sample::row).toList();
        }
        try (BufferedWriter out = Files.newBufferedWriter(into, StandardCharsets.ISO_8859_1)) {
            for (String line : header) {
                out.write(line);
                out.write('\n');
            }
            for (String row : sorted) {
                out.write(row);
                out.write('\n');
            }
        }
    }

    /** Whether {@code log} was written by the plugin's {@code record-load} (its Cmdline row says so). */
    public static boolean recordedByPlugin(Path log) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(log, StandardCharsets.ISO_8859_1)) {
            for (int i = 0; i < 6; i++) {
                String line = reader.readLine();
                if (line == null) {
                    return false;
                }
                if (line.startsWith("\"Cmdline:\",\"" + RECORDED_BY)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * The times of the first and the last sample of {@code log} (seconds since the epoch, from its {@code epoch}
     * column, as record-load writes it), or {@code null} when it has no such column or no sample.
     */
    public static double[] span(Path log) throws IOException {
        int epoch = -1;
        double first = Double.MAX_VALUE;
        double last = -Double.MAX_VALUE;
        try (BufferedReader reader = Files.newBufferedReader(log, StandardCharsets.ISO_8859_1)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (epoch < 0 && line.startsWith("\"time\"")) {
                    epoch = List.of(line.split(",", -1)).indexOf("\"epoch\"");
                } else if (epoch >= 0 && isSample(line)) {
                    double time = epochOf(line, epoch);
                    if (time != Double.MAX_VALUE) {
                        first = Math.min(first, time);
                        last = Math.max(last, time);
                    }
                }
            }
        }
        return first <= last ? new double[] {first, last} : null;
    }

    /** A sample row starts with its time, {@code dd-mm HH:MM:SS}; header rows are quoted or blank. */
    private static boolean isSample(String line) {
        return !line.isEmpty() && Character.isDigit(line.charAt(0));
    }

    private static double epochOf(String row, int column) {
        String[] fields = row.split(",", column + 2);
        try {
            return fields.length > column ? Double.parseDouble(fields[column]) : Double.MAX_VALUE;
        } catch (NumberFormatException e) {
            return Double.MAX_VALUE;
        }
    }
}
