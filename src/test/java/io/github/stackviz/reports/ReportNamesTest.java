package io.github.stackviz.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ReportNamesTest {

    @Test
    void classAndMethodDottedWithNestedClassesNested() {
        assertEquals("demo.CalculatorTest.Division.rejectsZero",
                ReportNames.testName("demo.CalculatorTest$Division", "rejectsZero"));
        assertEquals("demo.MathTest.squares(int)[3]", ReportNames.testName("demo.MathTest", "squares(int)[3]"));
        assertEquals("demo.ParserTest.parsesBracketed", ReportNames.testName("demo.ParserTest", "parsesBracketed()"),
                "OTR's legacy name loses its () as Surefire's does");
        assertEquals("demo.MathTest.addsRepeatedly(RepetitionInfo)[1]",
                ReportNames.testName("demo.MathTest", "addsRepeatedly(org.junit.jupiter.api.RepetitionInfo)[1]"));
    }

    @Test
    void parameterTypesLoseTheirPackagesSoTheTreeDoesNotSplitThem() {
        assertEquals("greets(String, int, Map<K,V>[])[2]",
                ReportNames.shortTypes("greets(java.lang.String, int, java.util.Map<K,V>[])[2]"));
        assertEquals("plain", ReportNames.shortTypes("plain"));
        assertEquals("x(int)[1] 1.5", ReportNames.shortTypes("x(int)[1] 1.5"), "dots after the types stay");
    }

    @Test
    void aMissingClassOrMethod() {
        assertEquals("demo.MathTest", ReportNames.testName("demo.MathTest", ""));
        assertEquals("lonely", ReportNames.testName(null, "lonely"));
        assertEquals("(unnamed)", ReportNames.testName("", null));
    }
}
