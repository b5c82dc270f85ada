package io.github.stackviz.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {
    @Test
    void readsTheTimesAfterANameWithSpacesAndParentheses() {
        String stat = "4242 (C2 Compiler) (x)) S 4200 4200 4200 0 -1 1077936192 15397 0 0 0 629 9 0 0 20 0 1 0 1";
        ThreadCpu.Cpu cpu = ThreadCpu.parse(stat, 100);
        assertEquals("C2 Compiler) (x)", cpu.name());
        assertEquals(6.29, cpu.user(), 1e-9);
        assertEquals(0.09, cpu.system(), 1e-9);
    }

    @Test
    void groupsThreadsByWhatTheyDo() {
        assertEquals("C2 compiler", ThreadCpu.group("C2 CompilerThre"));
        assertEquals("C1 compiler", ThreadCpu.group("C1 CompilerThre"));
        assertEquals("GC", ThreadCpu.group("GC Thread#1"));
        assertEquals("GC", ThreadCpu.group("G1 Conc#0"));
        assertEquals("stackviz-write", ThreadCpu.group("stackviz-write-0"));
        assertEquals("java", ThreadCpu.group("java"));
    }

    @Test
    void addsUpEachGroup() {
        String report = ThreadCpu.report(List.of(new ThreadCpu.Cpu("GC Thread#0", 0.5, 0.25),
                new ThreadCpu.Cpu("GC Thread#1", 0.5, 0.25), new ThreadCpu.Cpu("main", 2, 0)), 3.0, 0);
        assertTrue(report.contains("## CPU by thread: 3.50 s over 3.00 s wall (exit code 0)"), report);
        assertTrue(report.contains("| main | 2.00 | 0.00 |\n| GC | 1.00 | 0.50 |"), report);
    }
}
