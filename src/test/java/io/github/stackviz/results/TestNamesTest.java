package io.github.stackviz.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TestNamesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "tempest.api.Test.test_x[id-1fc6,smoke]|tempest.api.Test.test_x",
        "setUpClass (pkg.mod.Cls)|pkg.mod.Cls.setUpClass",
        "pkg.Cls.test_format(json)|pkg.Cls.test_format(json)",
        "pkg.Cls.test_plain|pkg.Cls.test_plain",
        "a[b][c]|a[b]",
        "a[]|a[]",
        "[x]|[x]",
        "x[y]z|x[y]z",
        "test (a) (b)|b.test (a)",
        "test_x[id] (pkg.Cls)|pkg.Cls.test_x[id]",
        "pkg.test_ü[id-ä]|pkg.test_ü",
    })
    void cleansLikeTheReference(String id, String name) {
        assertEquals(name, TestNames.clean(id));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'a[b]\n'|a",
        "'a\n[b]'|'a\n[b]'",
        "'a[b\n]'|'a[b\n]'",
        "'a[b]\r'|'a[b]\r'",
        "'a\u2028[b]'|a\u2028",
    })
    void lineEndsBehaveAsInPythonsRe(String id, String name) {
        // Python's '.' matches anything but \n and '$' also matches before a final \n.
        assertEquals(name, TestNames.clean(id));
    }

    /** The reference's rules as regular expressions, which {@link TestNames} matches by hand. */
    static String byRegex(String id) {
        Matcher tags = Pattern.compile("^(.+)\\[(.+)\\]$", Pattern.UNIX_LINES).matcher(id);
        if (tags.find()) {
            return tags.group(1);
        }
        Matcher scenario = Pattern.compile("^(.+) \\((.+)\\)$", Pattern.UNIX_LINES).matcher(id);
        if (scenario.find()) {
            return scenario.group(2) + "." + scenario.group(1);
        }
        return id;
    }

    @Test
    void agreesWithTheRegularExpressionsOnRandomIds() {
        char[] alphabet = {'a', '.', '[', ']', '(', ')', ' ', '\n', '\r', 'b'};
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 200_000; i++) {
            char[] id = new char[random.nextInt(10)];
            for (int j = 0; j < id.length; j++) {
                id[j] = alphabet[random.nextInt(alphabet.length)];
            }
            String s = new String(id);
            assertEquals(byRegex(s), TestNames.clean(s), () -> "for " + s.replace("\n", "\\n"));
        }
    }
}
