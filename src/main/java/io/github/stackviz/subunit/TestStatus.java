package io.github.stackviz.subunit;

/**
 * The test status a subunit v2 packet carries in the low three bits of its flags (§4 of the spec).
 * Code 0 ("undefined") is not a status: {@link #fromCode(int)} returns {@code null} for it.
 */
public enum TestStatus {
    EXISTS(1, "exists"),
    INPROGRESS(2, "inprogress"),
    SUCCESS(3, "success"),
    UXSUCCESS(4, "uxsuccess"),
    SKIP(5, "skip"),
    FAIL(6, "fail"),
    XFAIL(7, "xfail");

    private static final TestStatus[] BY_CODE = {null, EXISTS, INPROGRESS, SUCCESS, UXSUCCESS, SKIP, FAIL, XFAIL};

    private final int code;
    private final String word;

    TestStatus(int code, String word) {
        this.code = code;
        this.word = word;
    }

    /** The status for a wire code 0..7; {@code null} for 0 (no status). */
    public static TestStatus fromCode(int code) {
        return BY_CODE[code & 0x7];
    }

    /** The status for its subunit word ({@code "success"}, {@code "fail"}, ...), or {@code null}. */
    public static TestStatus fromWord(String word) {
        for (TestStatus status : values()) {
            if (status.word.equals(word)) {
                return status;
            }
        }
        return null;
    }

    public int code() {
        return code;
    }

    /** The word subunit and StackViz use for this status. */
    public String word() {
        return word;
    }

    /** Final statuses end a test record; {@code inprogress} does not. */
    public boolean isFinal() {
        return this != INPROGRESS;
    }
}
