package io.github.stackviz.viewer;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Runs {@link ViewerWriter#write} on an export folder and prints what it took: started in its own JVM by
 * {@link ViewerMemoryTest} (with {@code -Xmx32m}), or by hand: {@code java -Xmx32m -cp ... ViewerBench DIR}.
 */
public final class ViewerBench {

    private ViewerBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long input;
        try (Stream<Path> files = Files.list(dir)) {
            input = files.filter(f -> f.getFileName().toString().startsWith("tempest_")
                    || f.getFileName().toString().startsWith("dstat_")).mapToLong(f -> f.toFile().length()).sum();
        }
        long start = System.nanoTime();
        ViewerWriter.write(dir);
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("VIEWER-BENCH input=%d seconds=%.3f mbps=%.1f peakHeap=%d maxHeap=%d%n", input, seconds,
                input / 1e6 / seconds, peak, Runtime.getRuntime().maxMemory());
    }
}
