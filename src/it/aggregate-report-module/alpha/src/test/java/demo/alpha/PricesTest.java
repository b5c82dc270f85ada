package demo.alpha;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PricesTest {
    @Test
    void addsTax() {
        assertEquals(121, Prices.withTax(100));
    }

    @Test
    void roundsDown() {
        assertEquals(1, Prices.withTax(1));
    }
}
