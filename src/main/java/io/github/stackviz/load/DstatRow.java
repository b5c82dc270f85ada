package io.github.stackviz.load;

import io.github.stackviz.load.ProcSnapshot.ProcessCounters;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One row of the load file: the values dstat 0.7.4 computes from two snapshots, formatted as its CSV writer
 * formats them. Every formula is dstat's (its plugin named in brackets); rates are per second of
 * {@code elapsed}, the seconds between the two snapshots. The first row of a file has no snapshot before it:
 * like dstat's first row, its rates are averages since boot ({@code elapsed} is then the uptime) and its
 * network rates are 0.
 */
final class DstatRow {
    /** dstat's column groups and names, in its order (-tT, then devstack's -cmndrylpg --top-cpu-adv --top-io-adv). */
    static final String[][] COLUMNS = {
        {"system", "time"}, {"epoch", "epoch"},
        {"total cpu usage", "usr"}, {"", "sys"}, {"", "idl"}, {"", "wai"}, {"", "stl"},
        {"memory usage", "used"}, {"", "free"}, {"", "buff"}, {"", "cach"},
        {"net/total", "recv"}, {"", "send"},
        {"dsk/total", "read"}, {"", "writ"},
        {"io/total", "read"}, {"", "writ"},
        {"system", "int"}, {"", "csw"},
        {"load avg", "1m"}, {"", "5m"}, {"", "15m"},
        {"procs", "run"}, {"", "blk"}, {"", "new"},
        {"paging", "in"}, {"", "out"},
        {"most expensive cpu process", "process              pid  cpu read write"},
        {"most expensive i/o process", "process              pid  read write cpu"},
    };
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd-MM HH:mm:ss", Locale.ROOT);
    /** dstat shows a process name in 20 characters (its plugins' width less 20). */
    private static final int NAME_WIDTH = 20;

    private DstatRow() {
    }

    /**
     * The row for snapshot {@code now} after {@code before} ({@code null}: the file's first row, rates since boot).
     *
     * @param elapsed  seconds between the snapshots (ignored for a first row)
     * @param pageSize bytes per page (paging)
     * @param cpus     number of CPUs (a process's CPU share)
     */
    static List<String> compute(ProcSnapshot before, ProcSnapshot now, double elapsed, int pageSize, int cpus,
                                ZoneId zone) {
        boolean first = before == null;
        double seconds = first ? (now.uptime() == null ? Double.NaN : now.uptime()) : elapsed;
        List<String> row = new ArrayList<>(COLUMNS.length);
        row.add(TIME.format(Instant.ofEpochMilli((long) Math.floor(now.time() * 1000)).atZone(zone)));
        row.add(number(now.time()));
        // [cpu] each part's share of the jiffies that passed
        long[] c0 = first ? new long[5] : before.cpu();
        long[] c1 = now.cpu();
        if (c0 == null || c1 == null) {
            empty(row, 5);
        } else {
            long total = sum(c1) - sum(c0);
            for (int i = 0; i < 5; i++) {
                row.add(number(total > 0 ? 100.0 * (c1[i] - c0[i]) / total : 0));
            }
        }
        // [mem] used = MemTotal - MemFree - Buffers - Cached - SReclaimable + Shmem
        long[] m = now.memory();
        if (m == null) {
            empty(row, 4);
        } else {
            row.add(number((double) m[0] - m[1] - m[2] - m[3] - m[4] + m[5]));
            row.add(number(m[1]));
            row.add(number(m[2]));
            row.add(number(m[3]));
        }
        // [net] bytes per second; dstat's first row leaves them 0
        if (first) {
            row.add(now.net() == null ? "" : "0");
            row.add(now.net() == null ? "" : "0");
        } else {
            rates(row, before.net(), now.net(), 0, 2, 1.0, seconds);
        }
        // [disk] sectors of 512 bytes; [io] requests
        long[] d0 = first ? new long[4] : before.disk();
        rates(row, d0, now.disk(), 0, 2, 512.0, seconds);
        rates(row, d0, now.disk(), 2, 2, 1.0, seconds);
        // [sys] interrupts and context switches per second
        long[] s0 = first ? new long[5] : before.system();
        rates(row, s0, now.system(), 0, 2, 1.0, seconds);
        // [load]
        double[] load = now.load();
        if (load == null) {
            empty(row, 3);
        } else {
            for (double v : load) {
                row.add(number(v));
            }
        }
        // [proc] running (less the sampler itself, as dstat counts itself out), blocked, forks per second
        long[] s1 = now.system();
        if (s0 == null || s1 == null) {
            empty(row, 3);
        } else {
            row.add(number(s1[3] - 1));
            row.add(number(s1[4]));
            row.add(number((s1[2] - s0[2]) * 1.0 / seconds));
        }
        // [page] pages swapped in and out, in bytes per second
        rates(row, first ? new long[2] : before.paging(), now.paging(), 0, 2, (double) pageSize, seconds);
        // [top-cpu-adv], [top-io-adv]
        top(row, first ? Map.of() : before.processes(), now.processes(), seconds, cpus);
        return row;
    }

    private static long sum(long[] values) {
        long sum = 0;
        for (long v : values) {
            sum += v;
        }
        return sum;
    }

    private static void rates(List<String> row, long[] before, long[] now, int from, int count, double scale,
                              double seconds) {
        if (before == null || now == null) {
            empty(row, count);
            return;
        }
        for (int i = from; i < from + count; i++) {
            // a counter that went back (an interface or disk gone, a wrap) counts as no traffic
            row.add(number(Math.max(0, now[i] - before[i]) * scale / seconds));
        }
    }

    /**
     * dstat's most expensive process by CPU (jiffies per second per CPU: a percentage at 100 jiffies a second)
     * and by bytes read plus written, over processes in pid order, the first of equals; a process not in the
     * snapshot before counts from 0. Empty when no process used any.
     */
    private static void top(List<String> row, Map<Integer, ProcessCounters> before,
                            Map<Integer, ProcessCounters> now, double seconds, int cpus) {
        if (now == null || before == null) {
            empty(row, 2);
            return;
        }
        String topCpu = "";
        String topIo = "";
        double maxCpu = 0;
        double maxIo = 0;
        ProcessCounters none = new ProcessCounters("", 0, 0, 0);
        for (Map.Entry<Integer, ProcessCounters> e : now.entrySet()) {
            ProcessCounters p1 = e.getValue();
            ProcessCounters p0 = before.getOrDefault(e.getKey(), none);
            double cpu = (p1.cpuTime() - p0.cpuTime()) * 1.0 / seconds / cpus;
            double read = (p1.rchar() - p0.rchar()) * 1.0 / seconds;
            double write = (p1.wchar() - p0.wchar()) * 1.0 / seconds;
            String name = name(p1.name());
            if (cpu > maxCpu) {
                maxCpu = cpu;
                topCpu = "Top: " + name + "\t" + python(cpu) + "\t" + python(read) + "\t" + python(write);
            }
            if (read + write > maxIo) {
                maxIo = read + write;
                topIo = "Top: " + name + "\t" + python(read) + "\t" + python(write) + "\t" + python(cpu);
            }
        }
        row.add(topCpu);
        row.add(topIo);
    }

    /** A process name as dstat shows it, and safe in an unquoted CSV cell. */
    private static String name(String comm) {
        String shown = comm.length() > NAME_WIDTH ? comm.substring(0, NAME_WIDTH) : comm;
        return shown.replaceAll("[,\"\\p{Cntrl}]", "_");
    }

    private static void empty(List<String> row, int count) {
        for (int i = 0; i < count; i++) {
            row.add("");
        }
    }

    /** dstat's {@code printcsv}: a whole number as an integer, any other with three decimals (C's rounding). */
    static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "";
        }
        if (v == Math.rint(v)) {
            return new BigDecimal(v).toPlainString();
        }
        return new BigDecimal(v).setScale(3, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** Python's {@code str} of a float, as dstat writes the process columns' numbers. */
    static String python(double v) {
        if (v == 0) {
            return "0.0";
        }
        double a = Math.abs(v);
        BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        if (a >= 1e-4 && a < 1e16) {
            String s = d.toPlainString();
            return s.indexOf('.') < 0 ? s + ".0" : s;
        }
        String s = d.unscaledValue().abs().toString();
        int exponent = s.length() - 1 - d.scale();
        String digits = s.length() == 1 ? s : s.charAt(0) + "." + s.substring(1);
        return (v < 0 ? "-" : "") + digits + "e" + (exponent < 0 ? "-" : "+") + String.format(Locale.ROOT, "%02d",
                Math.abs(exponent));
    }
}
