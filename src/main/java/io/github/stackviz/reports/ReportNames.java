package io.github.stackviz.reports;

/** The names the test report readers give their records. */
final class ReportNames {

    private ReportNames() {
    }

    /**
     * {@code <class>.<method>}: a nested class's {@code $} turned into a dot ({@code demo.Outer$Inner} becomes
     * {@code demo.Outer.Inner}, nested in the tree), a trailing {@code ()} dropped (as Surefire does), and the
     * parameter types of a parameterized method named without their packages ({@code greets(java.lang.String)[1]}
     * becomes {@code greets(String)[1]}), so the tree does not split them at their dots. The invocation's
     * {@code [1]}, {@code [2]} stay: each invocation is a record of its own.
     *
     * @param className the class, or {@code null}/empty
     * @param method    the test's name in its class, or {@code null}/empty (a class-level result)
     */
    static String testName(String className, String method) {
        String cls = className == null ? "" : className.replace('$', '.');
        String m = method == null ? "" : shortTypes(method.endsWith("()") ? method.substring(0, method.length() - 2)
                : method);
        if (cls.isEmpty()) {
            return m.isEmpty() ? "(unnamed)" : m;
        }
        return m.isEmpty() ? cls : cls + "." + m;
    }

    /** Drops the packages of the types in the first {@code (...)} of {@code method}. */
    static String shortTypes(String method) {
        int open = method.indexOf('(');
        int close = open < 0 ? -1 : method.indexOf(')', open);
        if (close < 0 || method.lastIndexOf('.', close) < open) {
            return method;
        }
        StringBuilder out = new StringBuilder(method.length()).append(method, 0, open + 1);
        int from = open + 1;
        while (from <= close) {
            int comma = method.indexOf(',', from);
            int to = comma < 0 || comma > close ? close : comma;
            String type = method.substring(from, to);
            int dot = type.lastIndexOf('.');
            out.append(dot < 0 ? type : leading(type) + type.substring(dot + 1)).append(method.charAt(to));
            from = to + 1;
        }
        return out.append(method, close + 1, method.length()).toString();
    }

    /** The spaces a type name starts with ({@code ", java.lang.String"} keeps its space). */
    private static String leading(String type) {
        int i = 0;
        while (i < type.length() && type.charAt(i) == ' ') {
            i++;
        }
        return type.substring(0, i);
    }
}
