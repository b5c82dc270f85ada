package io.github.stackviz.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs a command and reports the CPU time of each of its threads, grouped by name (the export's threads,
 * C2 and C1, the garbage collector), read from Linux's {@code /proc/PID/task/TID/stat} every 50 ms. A
 * thread's last reading is kept after it ends, so the export's threads count in full. Steadier than wall
 * time on a machine whose speed drifts: it says which thread the work of a change left.
 *
 * <pre>ThreadCpu command [arguments...]</pre>
 */
public final class ThreadCpu {
    private ThreadCpu() {
    }

    /** User and system seconds of one thread. */
    record Cpu(String name, double user, double system) {
    }

    /**
     * Reads a {@code /proc/.../stat} line: the name between the first '(' and the last ')' (it may hold
     * spaces and parentheses), then utime and stime, the 12th and 13th fields after it, in clock ticks.
     */
    static Cpu parse(String stat, double ticksPerSecond) {
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        String[] after = stat.substring(close + 2).trim().split(" ");
        return new Cpu(stat.substring(open + 1, close), Long.parseLong(after[11]) / ticksPerSecond,
                Long.parseLong(after[12]) / ticksPerSecond);
    }

    /** The group a thread counts in: its name without a trailing number, the JIT compilers and GC together. */
    static String group(String name) {
        if (name.startsWith("C2 ")) {
            return "C2 compiler";
        }
        if (name.startsWith("C1 ")) {
            return "C1 compiler";
        }
        if (name.startsWith("G1 ") || name.startsWith("GC ") || name.contains("GC Thread")) {
            return "GC";
        }
        return name.replaceAll("[-#]?\\d+$", "");
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: ThreadCpu command [arguments...]");
            System.exit(2);
        }
        double ticks = 100; // USER_HZ: 100 on Linux's common configurations
        long start = System.nanoTime();
        Process process = new ProcessBuilder(args).inheritIO().start();
        Path tasks = Path.of("/proc", Long.toString(process.pid()), "task");
        Map<String, Cpu> last = new HashMap<>();
        while (process.isAlive()) {
            try (Stream<Path> threads = Files.list(tasks)) {
                for (Path thread : (Iterable<Path>) threads::iterator) {
                    try {
                        last.put(thread.getFileName().toString(), parse(Files.readString(thread.resolve("stat")), ticks));
                    } catch (NoSuchFileException | RuntimeException e) {
                        // the thread ended between the listing and the reading
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            Thread.sleep(50);
        }
        double wall = (System.nanoTime() - start) / 1e9;
        System.out.print(report(new ArrayList<>(last.values()), wall, process.waitFor()));
    }

    static String report(List<Cpu> threads, double wall, int exitCode) {
        Map<String, double[]> groups = new LinkedHashMap<>();
        double total = 0;
        for (Cpu cpu : threads) {
            double[] g = groups.computeIfAbsent(group(cpu.name()), k -> new double[2]);
            g[0] += cpu.user();
            g[1] += cpu.system();
            total += cpu.user() + cpu.system();
        }
        List<Map.Entry<String, double[]>> sorted = new ArrayList<>(groups.entrySet());
        sorted.sort((a, b) -> Double.compare(b.getValue()[0] + b.getValue()[1], a.getValue()[0] + a.getValue()[1]));
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%n## CPU by thread: %.2f s over %.2f s wall (exit code %d)%n%n| threads | user s | system s |%n|---|---:|---:|%n",
                total, wall, exitCode));
        for (Map.Entry<String, double[]> g : sorted) {
            if (g.getValue()[0] + g.getValue()[1] >= 0.01) {
                out.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f |%n", g.getKey(), g.getValue()[0],
                        g.getValue()[1]));
            }
        }
        return out.toString();
    }
}
