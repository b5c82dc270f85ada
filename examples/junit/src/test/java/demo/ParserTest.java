package demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ParserTest {

    @Test
    void parsesNumbers() {
        System.out.println("parsing 42 and -7");
        Work.sleep(300);
        assertEquals(42, Calculator.parse("42"));
        assertEquals(-7, Calculator.parse(" -7 "));
    }

    @Test
    @DisplayName("parses (bracketed) numbers")
    void parsesBracketed() {
        Work.sleep(150);
        assertEquals(5, Calculator.parse("((5))"));
    }

    @Test
    void rejectsUnbalancedBrackets() {
        System.err.println("expecting an IllegalArgumentException for '(5'");
        assertThrows(IllegalArgumentException.class, () -> Calculator.parse("(5"));
    }

    @Test
    void formatsHex() {
        Work.sleep(100);
        // always fails: an assertion that does not hold
        assertEquals("ff", Integer.toHexString(Calculator.parse("254")), "hex formatting is off by one");
    }
}
