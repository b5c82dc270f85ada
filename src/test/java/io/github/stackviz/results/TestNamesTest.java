package io.github.stackviz.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
