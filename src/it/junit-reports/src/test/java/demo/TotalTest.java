package demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TotalTest {

    @Test
    void addsPrices() {
        System.out.println("adding 150 and 250 cents");
        Pause.ms(500);
        assertEquals(400, Shop.total(150, 250));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void repeatsOneItem(int count) {
        Pause.ms(300);
        int[] items = new int[count];
        java.util.Arrays.fill(items, 99);
        assertEquals(99 * count, Shop.total(items));
    }

    @Test
    void formatsCents() {
        System.out.println("formatting 150 cents");
        System.err.println("locale not set, using the default");
        Pause.ms(300);
        // always fails: format drops nothing, the expectation is wrong on purpose
        assertEquals("1.5", Shop.format(150), "cents are printed with two digits");
    }
}
