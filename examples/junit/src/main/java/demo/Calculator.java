package demo;

/** The code under test: a tiny calculator and number parser. */
public final class Calculator {

    private Calculator() {
    }

    public static int add(int a, int b) {
        return a + b;
    }

    public static int divide(int a, int b) {
        return a / b;
    }

    public static int square(int x) {
        return x * x;
    }

    /** Parses a decimal number, allowing surrounding brackets: "(42)" is 42. */
    public static int parse(String text) {
        String t = text.strip();
        while (t.startsWith("(")) {
            if (!t.endsWith(")")) {
                throw new IllegalArgumentException("unbalanced brackets: " + text);
            }
            t = t.substring(1, t.length() - 1).strip();
        }
        return Integer.parseInt(t);
    }
}
