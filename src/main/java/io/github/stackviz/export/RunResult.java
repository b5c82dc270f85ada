package io.github.stackviz.export;

import io.github.stackviz.sources.Source;
import java.util.List;

/**
 * One exported run: its source, the files written, its stats and the warnings it produced.
 *
 * @param seconds how long the export of this run took
 */
record RunResult(Source source, RunWriter.RunFiles files, List<String> warnings, double seconds) {
}
