package io.github.stackviz.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarizes a JFR recording made with {@code settings=profile} ({@code bench/profile.sh}):
 *
 * <ul>
 * <li>CPU: the hottest methods by self samples ({@code jdk.ExecutionSample}, top frame), and the same
 * samples charged to the nearest project frame ({@code io.github.stackviz.}), which says which of our
 * methods the time is spent under;</li>
 * <li>allocation: {@code jdk.ObjectAllocationSample} weights (estimated bytes) by top frame, by the nearest
 * project frame, and by allocated class;</li>
 * <li>GC: collections, their total pause, and the largest heap used after a collection.</li>
 * </ul>
 *
 * <pre>JfrTop &lt;file.jfr&gt; [top-n (25)]</pre>
 */
public final class JfrTop {
    private static final String PROJECT = System.getProperty("jfrtop.package", "io.github.stackviz.");

    private JfrTop() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: JfrTop <file.jfr> [top-n]");
            System.exit(2);
        }
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        Map<String, Long> cpuSelf = new HashMap<>();
        Map<String, Long> cpuProject = new HashMap<>();
        Map<String, Long> cpuThreads = new HashMap<>();
        Map<String, Long> allocSelf = new HashMap<>();
        Map<String, Long> allocProject = new HashMap<>();
        Map<String, Long> allocClass = new HashMap<>();
        long samples = 0;
        long allocBytes = 0;
        long allocEvents = 0;
        long gcs = 0;
        Duration gcPause = Duration.ZERO;
        long heapAfterGcMax = 0;
        try (RecordingFile file = new RecordingFile(Path.of(args[0]))) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                switch (event.getEventType().getName()) {
                    case "jdk.ExecutionSample" -> {
                        samples++;
                        RecordedStackTrace stack = event.getStackTrace();
                        cpuSelf.merge(topFrame(stack), 1L, Long::sum);
                        cpuProject.merge(projectFrame(stack), 1L, Long::sum);
                        RecordedThread thread = event.getThread("sampledThread");
                        cpuThreads.merge(thread == null ? "?" : String.valueOf(thread.getJavaName()), 1L, Long::sum);
                    }
                    case "jdk.ObjectAllocationSample" -> {
                        long weight = event.getLong("weight");
                        allocEvents++;
                        allocBytes += weight;
                        RecordedStackTrace stack = event.getStackTrace();
                        allocSelf.merge(topFrame(stack), weight, Long::sum);
                        allocProject.merge(projectFrame(stack), weight, Long::sum);
                        RecordedClass type = event.getClass("objectClass");
                        allocClass.merge(type == null ? "?" : prettyClass(type.getName()), weight, Long::sum);
                    }
                    case "jdk.GarbageCollection" -> {
                        gcs++;
                        gcPause = gcPause.plus(event.getDuration("sumOfPauses"));
                    }
                    case "jdk.GCHeapSummary" -> {
                        if ("After GC".equals(event.getString("when"))) {
                            heapAfterGcMax = Math.max(heapAfterGcMax, event.getLong("heapUsed"));
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "# %s%n%n", args[0]);
        System.out.printf(Locale.ROOT, "## CPU: %d execution samples%n%n", samples);
        print("hottest methods, self (top frame)", "method", cpuSelf, samples, top, false);
        print("by nearest " + PROJECT + "* frame (where the time is spent under)", "method", cpuProject, samples, top, false);
        print("by thread", "thread", cpuThreads, samples, 8, false);
        System.out.printf(Locale.ROOT, "## Allocation: %d samples, %s estimated%n%n", allocEvents, mb(allocBytes));
        print("allocating methods, self (top frame)", "method", allocSelf, allocBytes, top, true);
        print("by nearest " + PROJECT + "* frame", "method", allocProject, allocBytes, top, true);
        print("allocated classes", "class", allocClass, allocBytes, top, true);
        System.out.printf(Locale.ROOT, "## GC: %d collections, %d ms total pause, max heap used after GC %s%n",
                gcs, gcPause.toMillis(), mb(heapAfterGcMax));
    }

    private static void print(String title, String what, Map<String, Long> counts, long total, int top,
                              boolean bytes) {
        System.out.printf(Locale.ROOT, "### %s%n%n", title);
        System.out.printf(Locale.ROOT, "| # | %s | %% | %s |%n|---:|---:|---:|---|%n", bytes ? "bytes" : "samples", what);
        List<Map.Entry<String, Long>> sorted = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(top).toList();
        int rank = 1;
        for (Map.Entry<String, Long> entry : sorted) {
            System.out.printf(Locale.ROOT, "| %d | %s | %.1f | `%s` |%n", rank++,
                    bytes ? mb(entry.getValue()) : String.valueOf(entry.getValue()),
                    total == 0 ? 0.0 : 100.0 * entry.getValue() / total, entry.getKey());
        }
        System.out.println();
    }

    private static String topFrame(RecordedStackTrace stack) {
        if (stack == null || stack.getFrames().isEmpty()) {
            return "(no stack)";
        }
        return method(stack.getFrames().get(0));
    }

    /** The first frame, from the top, in the project's package; the top frame when there is none. */
    private static String projectFrame(RecordedStackTrace stack) {
        if (stack == null || stack.getFrames().isEmpty()) {
            return "(no stack)";
        }
        for (RecordedFrame frame : stack.getFrames()) {
            if (frame.isJavaFrame() && frame.getMethod().getType().getName().startsWith(PROJECT)) {
                return method(frame);
            }
        }
        // JFR truncates deep stacks (64 frames by default); say so rather than guess
        return (stack.isTruncated() ? "(truncated) " : "(no project frame) ") + method(stack.getFrames().get(0));
    }

    private static String method(RecordedFrame frame) {
        if (frame.getMethod() == null) {
            return "(unknown)";
        }
        String type = frame.getMethod().getType().getName();
        // project classes without their common package prefix, to keep the table narrow
        return (type.startsWith(PROJECT) ? type.substring(PROJECT.length()) : type) + "." + frame.getMethod().getName();
    }

    private static String prettyClass(String name) {
        // JVM descriptors for arrays: [B, [Ljava.lang.String;
        int dims = 0;
        while (dims < name.length() && name.charAt(dims) == '[') {
            dims++;
        }
        if (dims == 0) {
            return name;
        }
        String element = switch (name.substring(dims)) {
            case "B" -> "byte";
            case "C" -> "char";
            case "I" -> "int";
            case "J" -> "long";
            case "S" -> "short";
            case "Z" -> "boolean";
            case "F" -> "float";
            case "D" -> "double";
            default -> name.substring(dims + 1, name.length() - 1);
        };
        return element + "[]".repeat(dims);
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
