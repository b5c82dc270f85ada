package io.github.stackviz.export;

import java.nio.file.Path;

/**
 * The core from the command line, without Maven: {@code ExportMain OUT [--gzip] [--stdin] [--no-viewer] [--no-jit-hints] [--junit REPORTS]... [FILE...]}.
 * Used by tests that need an export in another process (to kill it), and by the benchmark.
 */
public final class ExportMain {
    private ExportMain() {
    }

    public static void main(String[] args) throws Exception {
        ExportConfig.Builder config = ExportConfig.builder(Path.of(args[0]).toAbsolutePath());
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--gzip" -> config.gzip(true);
                case "--stdin" -> config.stdin(System.in);
                case "--no-viewer" -> config.viewer(false);
                case "--no-jit-hints" -> config.jitHints(false);
                case "--junit" -> config.junitReports(java.util.List.of(Path.of(args[++i]).toAbsolutePath()));
                default -> config.streamFile(Path.of(args[i]).toAbsolutePath());
            }
        }
        new Exporter(config.build(), new ExportLog() {
            @Override
            public void info(String message) {
                System.out.println("[INFO] " + message);
            }

            @Override
            public void warn(String message) {
                System.out.println("[WARNING] " + message);
            }
        }).export();
    }
}
