package io.github.stackviz.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @TempDir
    Path tmp;

    private static List<String> testNames(Path file) throws Exception {
        List<String> names = new ArrayList<>();
        try (XmlFile opened = XmlFile.open(file, n -> { })) {
            XMLStreamReader xml = opened.xml;
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("testcase")) {
                    names.add(xml.getAttributeValue(null, "name"));
                }
            }
        }
        return names;
    }

    @Test
    void readsTheCharsetAByteOrderMarkOrTheDeclarationNames() throws Exception {
        // a real report, one test renamed with characters beyond ASCII, in the encodings a report may come in
        String report = Files.readString(CALCULATOR, StandardCharsets.UTF_8).replace("name=\"addsZero\"",
                "name=\"addsZéro\u00df\"");
        List<String> expected = testNames(CALCULATOR);
        expected.set(expected.indexOf("addsZero"), "addsZéro\u00df");
        String declared = "encoding=\"UTF-8\"";
        List<byte[]> encodings = List.of(
                bytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, report, StandardCharsets.UTF_8),
                bytes(new byte[0], report.replace(declared, "encoding=\"UTF-16\""), StandardCharsets.UTF_16),
                bytes(new byte[0], report.replace(declared, "encoding=\"ISO-8859-1\""), StandardCharsets.ISO_8859_1),
                bytes(new byte[0], report.replace(declared, "encoding='windows-1252'"), Charset.forName("windows-1252")));
        for (int i = 0; i < encodings.size(); i++) {
            Path file = tmp.resolve("TEST-" + i + ".xml");
            Files.write(file, encodings.get(i));
            assertEquals(expected, testNames(file), "encoding " + i);
        }
    }

    private static byte[] bytes(byte[] mark, String text, Charset charset) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(mark);
        out.write(text.getBytes(charset)); // UTF_16 writes its own byte order mark
        return out.toByteArray();
    }
}
