package demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DiscountTest {

    @Test
    void noDiscount() {
        assertEquals(1000, Shop.discount(1000, 0));
    }

    @Nested
    class InRange {

        @Test
        void halfPrice() {
            Pause.ms(400);
            assertEquals(500, Shop.discount(1000, 50));
        }

        @Test
        void free() {
            Pause.ms(300);
            assertEquals(0, Shop.discount(1000, 100));
        }
    }

    @Nested
    class OutOfRange {

        @Test
        void rejectsNegative() {
            System.err.println("expecting a rejected discount of -5%");
            assertThrows(IllegalArgumentException.class, () -> Shop.discount(1000, -5));
        }

        @Test
        void overHundredThrows() {
            Pause.ms(200);
            // an error: the exception escapes the test
            Shop.discount(1000, 120);
        }

        @Test
        @Disabled("coupons are not implemented")
        void stacksCoupons() {
            assertEquals(250, Shop.discount(Shop.discount(1000, 50), 50));
        }
    }
}
