package io.github.stackviz.reports;

import java.io.IOException;

/** Takes the complete tests a report reader finds, in the order it finds them; owns them from then on. */
interface CaseSink {
    void accept(ReportCase test) throws IOException;
}
