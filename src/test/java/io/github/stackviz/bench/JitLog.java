package io.github.stackviz.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Summarizes HotSpot's compilation log ({@code -XX:+UnlockDiagnosticVMOptions -XX:+LogCompilation}, made by
 * {@code bench/jit.sh}) for what C2 spent its time on: its tasks' total time, the methods it compiled
 * longest (and how often: a method compiled twice had its code thrown away), and the uncommon traps that
 * threw away C2 code of the project's methods, with their reason and where they fired. The time of a task is
 * the wall time between its start and its end, so it includes waiting for a core on a busy machine.
 *
 * <pre>JitLog &lt;compilation.log&gt; [top-n (20)]</pre>
 *
 * <p>With {@code --inlined}, lists instead the methods over a size that C2 inlined into the project's methods,
 * one {@code package.Class.method} a line: the list of {@code JitHints} ({@code jit-hints.txt}).
 *
 * <pre>JitLog --inlined &lt;compilation.log&gt;... [min-bytes (60)]</pre>
 */
public final class JitLog {
    private static final String PROJECT = "io.github.stackviz.";
    private static final Pattern TASK = Pattern.compile("<task (compile_id='(\\d+)'[^>]*)>(.*?)</task>",
            Pattern.DOTALL);
    private static final Pattern ATTRIBUTE = Pattern.compile("(\\w+)='([^']*)'");
    private static final Pattern DONE = Pattern.compile("<task_done [^>]*stamp='([\\d.]+)'");
    private static final Pattern TRAP = Pattern.compile("<uncommon_trap thread='\\d+' ([^>]*)>((?:\\s*<jvms [^>]*/>)+)");
    private static final Pattern INLINING = Pattern.compile("<(klass|method|call|inline_success)\\b([^>]*)>");
    /** The JDK's internals and method handles: meant to be inlined (many are annotated so, or intrinsics). */
    private static final Pattern LEFT_OUT =
            Pattern.compile("(jdk\\.internal|java\\.lang\\.invoke|java\\.security)\\..*");
    private static final Pattern FRAME = Pattern.compile("<jvms bci='(\\d+)' method='([^ ']+) ([^ ']+)");

    private JitLog() {
    }

    /** One C2 compile: the method (holder and name), its wall time, and whether it was an OSR compile. */
    record Compile(int id, String method, double millis, boolean osr) {
    }

    /** An uncommon trap in C2 code: its reason and action, the compile it fired in, and its innermost frames. */
    record Trap(String reason, String action, int compileId, double stamp, List<String> frames) {
    }

    record Summary(List<Compile> compiles, List<Trap> traps) {
        double totalMillis() {
            return compiles.stream().mapToDouble(Compile::millis).sum();
        }

        Map<Integer, Compile> byId() {
            Map<Integer, Compile> byId = new HashMap<>();
            compiles.forEach(c -> byId.put(c.id(), c));
            return byId;
        }
    }

    /** Reads the C2 compiles (tasks without a tier level: C1's carry one) and the traps in C2 code. */
    static Summary read(String log) {
        List<Compile> compiles = new ArrayList<>();
        Matcher task = TASK.matcher(log);
        while (task.find()) {
            Map<String, String> head = attributes(task.group(1));
            if (head.containsKey("level")) {
                continue; // C1
            }
            Matcher done = DONE.matcher(task.group(3));
            if (!done.find()) {
                continue; // bailed out, or the log ended
            }
            String[] method = unescape(head.get("method")).split(" ");
            double millis = (Double.parseDouble(done.group(1)) - Double.parseDouble(head.get("stamp"))) * 1000;
            compiles.add(new Compile(Integer.parseInt(task.group(2)), method[0] + "::" + method[1], millis,
                    head.containsKey("osr_bci")));
        }
        List<Trap> traps = new ArrayList<>();
        Matcher trap = TRAP.matcher(log);
        while (trap.find()) {
            Map<String, String> a = attributes(trap.group(1));
            if (!"c2".equals(a.get("compiler")) || !a.containsKey("compile_id")) {
                continue;
            }
            List<String> frames = new ArrayList<>();
            Matcher frame = FRAME.matcher(trap.group(2));
            while (frame.find()) {
                frames.add(unescape(frame.group(2)) + "::" + unescape(frame.group(3)) + "@" + frame.group(1));
            }
            traps.add(new Trap(a.get("reason"), a.get("action"), Integer.parseInt(a.get("compile_id")),
                    Double.parseDouble(a.getOrDefault("stamp", "0")), frames));
        }
        return new Summary(compiles, traps);
    }

    /** A method a compile may call: {@code package.Class.method} and its size in bytes of bytecode. */
    private record Callee(String name, int bytes) {
    }

    /**
     * The methods of more than {@code minBytes} bytes of bytecode that C2 inlined into compiles of the project's
     * methods (constructors and the JDK's internals left out), as {@code package.Class.method}.
     */
    static SortedSet<String> inlined(String log, int minBytes) {
        SortedSet<String> inlined = new TreeSet<>();
        Matcher task = TASK.matcher(log);
        while (task.find()) {
            Map<String, String> head = attributes(task.group(1));
            if (head.containsKey("level") || !head.getOrDefault("method", "").startsWith(PROJECT)) {
                continue; // C1, or not the project's
            }
            Map<String, String> classes = new HashMap<>();
            Map<String, Callee> methods = new HashMap<>();
            String called = null;
            Matcher element = INLINING.matcher(task.group(3));
            while (element.find()) {
                Map<String, String> a = attributes(element.group(2));
                switch (element.group(1)) {
                    case "klass" -> classes.put(a.get("id"), a.get("name"));
                    case "method" -> methods.put(a.get("id"), new Callee(
                            classes.getOrDefault(a.get("holder"), "?") + "." + unescape(a.get("name")),
                            Integer.parseInt(a.getOrDefault("bytes", "0"))));
                    case "call" -> called = a.get("method");
                    default -> { // inline_success, of the call just before it
                        Callee callee = methods.get(called);
                        if (callee != null && callee.bytes() > minBytes && !callee.name().contains("<")
                                && !LEFT_OUT.matcher(callee.name()).matches()) {
                            inlined.add(callee.name().replace('/', '.'));
                        }
                    }
                }
            }
        }
        return inlined;
    }

    private static Map<String, String> attributes(String text) {
        Map<String, String> attributes = new LinkedHashMap<>();
        Matcher m = ATTRIBUTE.matcher(text);
        while (m.find()) {
            attributes.putIfAbsent(m.group(1), m.group(2));
        }
        return attributes;
    }

    private static String unescape(String xml) {
        return xml.replace("&lt;", "<").replace("&gt;", ">").replace("&apos;", "'").replace("&quot;", "\"")
                .replace("&amp;", "&");
    }

    static String report(Summary summary, int top) {
        StringBuilder out = new StringBuilder();
        List<Compile> compiles = summary.compiles();
        double ours = compiles.stream().filter(c -> c.method().startsWith(PROJECT)).mapToDouble(Compile::millis).sum();
        out.append(String.format(Locale.ROOT, "## C2: %d compiles, %.0f ms (the project's methods %.0f ms)%n%n",
                compiles.size(), summary.totalMillis(), ours));
        Map<String, List<Compile>> byMethod = new LinkedHashMap<>();
        for (Compile c : compiles) {
            byMethod.computeIfAbsent(c.method(), k -> new ArrayList<>()).add(c);
        }
        List<Map.Entry<String, List<Compile>>> methods = new ArrayList<>(byMethod.entrySet());
        methods.sort((a, b) -> Double.compare(sum(b.getValue()), sum(a.getValue())));
        out.append("| ms | compiles | method |\n|---:|---|---|\n");
        for (Map.Entry<String, List<Compile>> m : methods.subList(0, Math.min(top, methods.size()))) {
            StringBuilder each = new StringBuilder();
            for (Compile c : m.getValue()) {
                each.append(each.length() == 0 ? "" : " + ").append(Math.round(c.millis())).append(c.osr() ? " (OSR)" : "");
            }
            out.append(String.format(Locale.ROOT, "| %.0f | %s | `%s` |%n", sum(m.getValue()), each, m.getKey()));
        }
        out.append("\n## Traps that threw away C2 code of the project's methods\n\n");
        Map<Integer, Compile> byId = summary.byId();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (Trap t : summary.traps()) {
            Compile c = byId.get(t.compileId());
            if (c == null || !c.method().startsWith(PROJECT) || "none".equals(t.action())) {
                continue;
            }
            String key = String.format(Locale.ROOT, "%s (%s) in `%s` at %s", t.reason(), t.action(), c.method(),
                    String.join(" < ", t.frames().subList(0, Math.min(3, t.frames().size()))));
            seen.merge(key, 1, Integer::sum);
        }
        if (seen.isEmpty()) {
            out.append("none\n");
        }
        seen.forEach((key, n) -> out.append("- ").append(key).append(n > 1 ? " (" + n + " times)" : "").append('\n'));
        return out.toString();
    }

    private static double sum(List<Compile> compiles) {
        return compiles.stream().mapToDouble(Compile::millis).sum();
    }

    public static void main(String[] args) throws IOException {
        if (args.length > 1 && args[0].equals("--inlined")) {
            List<String> logs = new ArrayList<>(List.of(args).subList(1, args.length));
            String last = logs.get(logs.size() - 1);
            int minBytes = last.matches("\\d+") ? Integer.parseInt(logs.remove(logs.size() - 1)) : 60;
            SortedSet<String> inlined = new TreeSet<>();
            for (String log : logs) {
                inlined.addAll(inlined(Files.readString(Path.of(log)), minBytes));
            }
            inlined.forEach(System.out::println);
            return;
        }
        if (args.length < 1) {
            System.err.println("usage: JitLog <compilation.log> [top-n]");
            System.exit(2);
        }
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        System.out.print(report(read(Files.readString(Path.of(args[0]))), top));
    }
}
