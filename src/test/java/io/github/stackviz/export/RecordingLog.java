package io.github.stackviz.export;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Keeps what the export logs. */
final class RecordingLog implements ExportLog {
    final List<String> infos = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    final List<String> debugs = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void info(String message) {
        infos.add(message);
    }

    @Override
    public void warn(String message) {
        warnings.add(message);
    }

    @Override
    public void debug(String message) {
        debugs.add(message); // also from the thread that adds the JIT hints
    }
}
