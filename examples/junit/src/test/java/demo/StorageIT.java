package demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StorageIT {

    @Test
    void writesAndReads() {
        Work.sleep(500);
        assertEquals(16, Calculator.square(4));
    }

    @Test
    void survivesRestart() {
        Work.sleep(250);
        // always fails: the storage forgets on restart
        assertEquals(3, Calculator.add(1, 1), "records lost after restart");
    }
}
