package io.github.stackviz.reports;

import io.github.stackviz.results.Attachment;
import io.github.stackviz.subunit.TestStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes the attempts of a rerun test one case, as Surefire's XML has them ({@code rerunFailingTestsCount}). Open
 * Test Reporting logs each rerun round as a launcher execution of its own, so a test that failed and was rerun
 * is a case per attempt, all with the same {@code uniqueId}. The merged case is the main attempt's times, the
 * last attempt's status and every attempt's attachments: the main attempt is the passing one of a test that
 * passed in the end (then {@code flaky} when an attempt before it failed), the first one of a test that failed
 * every time, as Surefire writes them; the others' attachments are renamed {@code traceback-rerun-N}...
 */
final class Reruns {

    private Reruns() {
    }

    /** The name of an attachment of the {@code number}th other attempt: {@code traceback-rerun-1}. */
    static String rerunName(String name, int number) {
        return name + "-rerun-" + number;
    }

    /**
     * Merges the cases of {@code tests} that share an {@link ReportCase#attempt} key into one each, in place
     * (the others are removed; their attachments move to the merged case), and clears the keys.
     */
    static void merge(List<ReportCase> tests) {
        Map<String, ReportCase> first = new HashMap<>();
        Map<String, List<ReportCase>> attempts = new HashMap<>();
        for (ReportCase test : tests) {
            if (test.attempt == null) {
                continue;
            }
            ReportCase earlier = first.putIfAbsent(test.attempt, test);
            if (earlier != null) {
                attempts.computeIfAbsent(test.attempt, k -> new ArrayList<>(List.of(earlier))).add(test);
            }
        }
        if (!attempts.isEmpty()) {
            Set<ReportCase> merged = new HashSet<>(); // by identity: a case has no equals of its own
            for (List<ReportCase> group : attempts.values()) {
                merged.addAll(mergeAttempts(group));
            }
            tests.removeIf(merged::contains);
        }
        for (ReportCase test : tests) {
            test.attempt = null;
        }
    }

    /** Makes the main attempt of one test's attempts the test; returns the others, emptied of attachments. */
    private static List<ReportCase> mergeAttempts(List<ReportCase> group) {
        group.sort(Comparator.comparing((ReportCase t) -> t.start, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparingInt(t -> t.order));
        ReportCase last = group.get(group.size() - 1);
        ReportCase main = last.status == TestStatus.FAIL ? group.get(0) : last;
        List<Attachment> others = new ArrayList<>();
        int number = 0;
        boolean failed = false;
        for (ReportCase test : group) {
            if (test == main) {
                continue;
            }
            number++;
            failed |= test.status == TestStatus.FAIL;
            for (Attachment attachment : test.attachments) {
                others.add(Attachment.of(rerunName(attachment.name(), number), attachment.contentType(),
                        attachment.content()));
            }
        }
        main.attachments.addAll(others);
        main.status = last.status;
        main.flaky = last.status == TestStatus.SUCCESS && failed;
        group.remove(main);
        for (ReportCase test : group) {
            test.attachments.clear(); // the main attempt owns them now
        }
        return group;
    }
}
