package demo.gamma;

/** A module without tests: it has no reports, and its export says so without failing the build. */
public final class Names {
    private Names() {
    }

    public static String shout(String name) {
        return name.toUpperCase(java.util.Locale.ROOT);
    }
}
