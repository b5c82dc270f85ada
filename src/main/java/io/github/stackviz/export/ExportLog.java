package io.github.stackviz.export;

/** Where the export reports progress and problems; the Maven goal hands it Maven's log. */
public interface ExportLog {
    void info(String message);

    void warn(String message);

    /** Details for those who ask for them (Maven's {@code -X}); dropped by default. */
    default void debug(String message) {
    }

    /** A log that drops everything. */
    ExportLog SILENT = new ExportLog() {
        @Override
        public void info(String message) {
        }

        @Override
        public void warn(String message) {
        }
    };
}
