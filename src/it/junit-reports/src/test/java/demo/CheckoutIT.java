package demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CheckoutIT {

    @Test
    void checksOutACart() {
        System.out.println("checkout of 3 items");
        Pause.ms(600);
        assertEquals("3.97", Shop.format(Shop.total(99, 99, 199)));
    }

    @Test
    void appliesDiscountAtCheckout() {
        Pause.ms(400);
        assertEquals(900, Shop.discount(Shop.total(500, 500), 10));
    }

    @Test
    void printsReceipt() {
        Pause.ms(300);
        System.err.println("receipt printer offline");
        assertEquals("0.05", Shop.format(5));
    }
}
