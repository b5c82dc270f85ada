package io.github.stackviz.maven;

import io.github.stackviz.export.ExportLog;
import org.apache.maven.plugin.logging.Log;

/** Maven's log behind the core's logging interface. */
record MavenExportLog(Log log) implements ExportLog {
    @Override
    public void info(String message) {
        log.info(message);
    }

    @Override
    public void warn(String message) {
        log.warn(message);
    }

    @Override
    public void debug(String message) {
        log.debug(message);
    }
}
