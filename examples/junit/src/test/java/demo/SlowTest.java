package demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SlowTest {

    @Test
    void warmsCache() {
        System.out.println("warming the cache");
        Work.sleep(800);
        assertEquals(4, Calculator.add(2, 2));
    }

    @Test
    void loadsFixtures() {
        Work.sleep(500);
        System.err.println("fixture 'big.csv' not found, using defaults");
        assertEquals(9, Calculator.square(3));
    }

    @Test
    void compactsLog() {
        Work.sleep(300);
        assertEquals(1, Calculator.divide(7, 7));
    }
}
