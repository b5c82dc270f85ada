package io.github.stackviz.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.Test;

/** The parser is set up once per thread and reused for the next file, but never while a file is open. */
class XmlFileTest {
    private static final Path REPORTS = Path.of("src/test/fixtures/junit/parallel/surefire-reports");
    private static final Path CALCULATOR = REPORTS.resolve("TEST-demo.CalculatorTest.xml");
    private static final Path MATH = REPORTS.resolve("TEST-demo.MathTest.xml");

    private static int testcases(XMLStreamReader xml) throws XMLStreamException {
        int count = 0;
        while (xml.hasNext()) {
            if (xml.next() == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("testcase")) {
                count++;
            }
        }
        return count;
    }

    @Test
    void reusesTheReaderOfAClosedFile() throws Exception {
        XMLStreamReader first;
        int calculator;
        try (XmlFile file = XmlFile.open(CALCULATOR, n -> { })) {
            first = file.xml;
            calculator = testcases(file.xml);
        }
        try (XmlFile file = XmlFile.open(MATH, n -> { })) {
            assertSame(first, file.xml);
            assertEquals(true, file.xml.getLocation().getSystemId().endsWith("TEST-demo.MathTest.xml"));
            testcases(file.xml);
        }
        try (XmlFile file = XmlFile.open(CALCULATOR, n -> { })) {
            assertEquals(calculator, testcases(file.xml), "the reused reader reads the file anew");
        }
    }

    @Test
    void readsTwoOpenFilesWithTwoReaders() throws Exception {
        try (XmlFile calculator = XmlFile.open(CALCULATOR, n -> { });
             XmlFile math = XmlFile.open(MATH, n -> { })) {
            assertNotSame(calculator.xml, math.xml);
            int mathCases = testcases(math.xml);
            int calculatorCases = testcases(calculator.xml);
            assertEquals(true, mathCases > 0 && calculatorCases > 0);
        }
    }
}
