package io.github.stackviz.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The counters dstat's plugins read, read at one instant from a {@code /proc} folder ({@code /proc} itself, or
 * recorded copies in tests). A file that cannot be read or parsed leaves its counters {@code null}: its columns
 * stay empty, the others are still written.
 *
 * @param time       when it was read, seconds since the epoch (dstat's {@code starttime})
 * @param cpu        {@code /proc/stat}'s {@code cpu} line as dstat's cpu plugin groups it: usr (user + nice + irq
 *                   + softirq), sys, idl, wai (iowait), stl (steal), in jiffies
 * @param system     {@code /proc/stat}: intr (the first number, all interrupts), ctxt, processes (forks since
 *                   boot), procs_running, procs_blocked
 * @param memory     {@code /proc/meminfo} in bytes: MemTotal, MemFree, Buffers, Cached, SReclaimable, Shmem
 * @param net        {@code /proc/net/dev}: bytes received and sent by the interfaces dstat's total counts
 * @param disk       {@code /proc/diskstats} over the devices dstat's total counts: sectors read, sectors written
 *                   (of devices with either non-zero), reads completed, writes completed (of devices with
 *                   either non-zero)
 * @param paging     {@code /proc/vmstat}: pswpin, pswpout (pages)
 * @param load       {@code /proc/loadavg}'s first three numbers
 * @param uptime     {@code /proc/uptime}'s first number, seconds (the first sample's rates are since boot)
 * @param processes  per process, from {@code /proc/<pid>/stat} and {@code io}, by pid; {@code null} when not asked
 */
record ProcSnapshot(double time, long[] cpu, long[] system, long[] memory, long[] net, long[] disk, long[] paging,
                    double[] load, Double uptime, Map<Integer, ProcessCounters> processes) {

    /**
     * dstat's {@code diskfilter}: partitions and virtual devices its total leaves out, so that a disk's bytes are
     * not counted twice (note: NVMe partitions, {@code nvme0n1p1}, and {@code loop} devices are not in it, and
     * are counted, as dstat counts them).
     */
    static final Pattern DISK_FILTER = Pattern.compile(
            "^([hsv]d[a-z]+\\d+|cciss/c\\d+d\\d+p\\d+|dm-\\d+|md\\d+|mmcblk\\d+p\\d0|VxVM\\d+)$");
    /** dstat's net {@code totalfilter}: loopback, bonds (their slaves are counted), VLANs. */
    static final Pattern NET_FILTER = Pattern.compile("^(lo|bond\\d+|face|.+\\.\\d+)$");

    /**
     * A process: its name ({@code comm}), CPU time (utime + stime, jiffies), and bytes read and written
     * ({@code rchar}, {@code wchar}; 0 when its {@code io} is not readable).
     */
    record ProcessCounters(String name, long cpuTime, long rchar, long wchar) {
    }

    /** Reads a snapshot from {@code root} (a {@code /proc} folder); per-process counters with {@code processes}. */
    static ProcSnapshot read(Path root, boolean processes, double time) {
        long[][] stat = parse(root.resolve("stat"), ProcSnapshot::stat);
        return new ProcSnapshot(time, stat == null ? null : stat[0], stat == null ? null : stat[1],
                parse(root.resolve("meminfo"), ProcSnapshot::memory), parse(root.resolve("net/dev"), ProcSnapshot::net),
                parse(root.resolve("diskstats"), ProcSnapshot::disk),
                parse(root.resolve("vmstat"), lines -> named(lines, List.of("pswpin", "pswpout"), 1)),
                parse(root.resolve("loadavg"), lines -> new double[] {Double.parseDouble(lines.get(0)[0]),
                    Double.parseDouble(lines.get(0)[1]), Double.parseDouble(lines.get(0)[2])}),
                parse(root.resolve("uptime"), lines -> Double.valueOf(lines.get(0)[0])),
                processes ? processes(root) : null);
    }

    /**
     * {@code file}'s lines split at white space, given to {@code parser}; {@code null} when the file cannot be read
     * or is not what the parser expects (a number that is not one, a line too short).
     */
    private static <T> T parse(Path file, Function<List<String[]>, T> parser) {
        List<String[]> lines = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
                String trimmed = line.trim();
                lines.add(trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+"));
            }
            return parser.apply(lines);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The cpu line (dstat's cpu plugin), and the system counters (its sys and proc plugins); {@code null} without
     * a cpu line.
     */
    private static long[][] stat(List<String[]> lines) {
        long[] cpu = null;
        long[] system = named(lines, List.of("intr", "ctxt", "processes", "procs_running", "procs_blocked"), 1);
        for (String[] l : lines) {
            if (l.length >= 9 && l[0].equals("cpu")) {
                cpu = new long[] {Long.parseLong(l[1]) + Long.parseLong(l[2]) + Long.parseLong(l[6])
                        + Long.parseLong(l[7]), Long.parseLong(l[3]), Long.parseLong(l[4]), Long.parseLong(l[5]),
                    Long.parseLong(l[8])};
            }
        }
        return cpu == null || system == null ? null : new long[][] {cpu, system};
    }

    /** The numbers after the given names at the start of a line, times {@code scale}; {@code null} if one is missing. */
    private static long[] named(List<String[]> lines, List<String> names, long scale) {
        long[] values = new long[names.size()];
        int found = 0;
        for (String[] l : lines) {
            int i = l.length >= 2 ? names.indexOf(l[0]) : -1;
            if (i >= 0) {
                values[i] = Long.parseLong(l[1]) * scale;
                found |= 1 << i;
            }
        }
        return found == (1 << names.size()) - 1 ? values : null;
    }

    private static long[] memory(List<String[]> lines) {
        return named(lines, List.of("MemTotal:", "MemFree:", "Buffers:", "Cached:", "SReclaimable:", "Shmem:"), 1024);
    }

    /** dstat's net plugin: an interface with no packet either way is left out, the filtered ones too. */
    private static long[] net(List<String[]> lines) {
        long[] net = new long[2];
        for (String[] raw : lines) {
            String[] l = String.join(" ", raw).replace(':', ' ').trim().split("\\s+");
            if (l.length < 17 || l[2].equals("0") && l[10].equals("0") || NET_FILTER.matcher(l[0]).matches()) {
                continue;
            }
            net[0] += Long.parseLong(l[1]);
            net[1] += Long.parseLong(l[9]);
        }
        return net;
    }

    /** dstat's disk and io plugins over {@code /proc/diskstats}. */
    private static long[] disk(List<String[]> lines) {
        long[] disk = new long[4];
        for (String[] l : lines) {
            if (l.length < 13 || DISK_FILTER.matcher(l[2]).matches()) {
                continue;
            }
            if (!(l[5].equals("0") && l[9].equals("0"))) {
                disk[0] += Long.parseLong(l[5]);
                disk[1] += Long.parseLong(l[9]);
            }
            if (!(l[3].equals("0") && l[7].equals("0"))) {
                disk[2] += Long.parseLong(l[3]);
                disk[3] += Long.parseLong(l[7]);
            }
        }
        return disk;
    }

    /** Every process whose {@code stat} can be read, by pid (dstat's top-cpu-adv and top-io-adv plugins). */
    private static Map<Integer, ProcessCounters> processes(Path root) {
        Map<Integer, ProcessCounters> processes = new TreeMap<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, ProcSnapshot::isPid)) {
            for (Path dir : dirs) {
                ProcessCounters p = process(dir);
                if (p != null) {
                    processes.put(Integer.valueOf(dir.getFileName().toString()), p);
                }
            }
        } catch (IOException | RuntimeException e) {
            // a /proc that cannot be listed: no process columns this time
        }
        return processes;
    }

    private static boolean isPid(Path path) {
        String name = path.getFileName().toString();
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) < '0' || name.charAt(i) > '9') {
                return false;
            }
        }
        return !name.isEmpty() && name.length() < 10;
    }

    /**
     * A process from its {@code stat} (the name between the first '(' and the last ')', which may hold spaces;
     * utime and stime, the 14th and 15th fields) and its {@code io} ({@code rchar}, {@code wchar}); {@code null}
     * when it ended or cannot be read.
     */
    private static ProcessCounters process(Path dir) {
        String stat;
        try {
            stat = Files.readString(dir.resolve("stat"), StandardCharsets.ISO_8859_1);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 0 || close < open) {
            return null;
        }
        String[] rest = stat.substring(close + 1).trim().split("\\s+");
        long cpuTime;
        try {
            // after the name: state is field 3, so utime (14) and stime (15) are rest[11] and rest[12]
            cpuTime = rest.length < 13 ? 0 : Long.parseLong(rest[11]) + Long.parseLong(rest[12]);
        } catch (NumberFormatException e) {
            return null;
        }
        long[] io = parse(dir.resolve("io"), lines -> named(lines, List.of("rchar:", "wchar:"), 1));
        return new ProcessCounters(stat.substring(open + 1, close), cpuTime, io == null ? 0 : io[0], io == null ? 0 : io[1]);
    }
}
