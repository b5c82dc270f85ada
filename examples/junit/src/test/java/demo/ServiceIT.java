package demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ServiceIT {

    @Test
    void startsService() {
        System.out.println("service listening on port 8080");
        Work.sleep(600);
        assertEquals(42, Calculator.parse("(42)"));
    }

    @Test
    void answersPing() {
        Work.sleep(300);
        assertEquals(2, Calculator.add(1, 1));
    }

    @Test
    void reportsVersion() {
        Work.sleep(150);
        System.err.println("version endpoint is slow");
        assertEquals("1", "1." .substring(0, 1));
    }
}
