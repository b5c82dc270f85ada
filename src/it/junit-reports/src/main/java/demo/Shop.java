package demo;

/** The code under test: prices in cents. */
public final class Shop {

    private Shop() {
    }

    public static int total(int... cents) {
        int sum = 0;
        for (int c : cents) {
            sum += c;
        }
        return sum;
    }

    public static int discount(int cents, int percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("percent out of range: " + percent);
        }
        return cents - cents * percent / 100;
    }

    public static String format(int cents) {
        return cents / 100 + "." + String.format("%02d", cents % 100);
    }
}
