package io.github.stackviz.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** JitLog reads C2's compiles and traps from a compilation log as HotSpot writes it. */
class JitLogTest {
    /** A trimmed log: a C1 task, two C2 compiles of one method (the first thrown away by a trap), an OSR. */
    private static final String LOG = """
            <task compile_id='5' method='java.lang.String length ()I' bytes='11' level='3' stamp='0.040'>
            <task_done success='1' nmsize='400' stamp='0.041'/>
            </task>
            <task compile_id='7' method='io.github.stackviz.export.DetailsWriter write (Ljava/lang/Object;)V' bytes='502' stamp='1.000'>
            <parse method='1'/>
            <task_done success='1' nmsize='36000' inlined_bytes='6977' stamp='1.472'/>
            </task>
            <uncommon_trap thread='11' reason='profile_predicate' action='maybe_recompile' debug_id='0' compile_id='7' compiler='c2' level='4' stamp='3.937'>
            <jvms bci='24' method='com.fasterxml.jackson.core.json.UTF8JsonGenerator _writeStringSegment ([CII)V' bytes='73'/>
            <jvms bci='241' method='io.github.stackviz.export.DetailsWriter write (Ljava/lang/Object;)V' bytes='502'/>
            </uncommon_trap>
            <uncommon_trap thread='11' reason='unstable_if' action='reinterpret' debug_id='0' compile_id='5' compiler='c1' level='3' stamp='3.950'>
            <jvms bci='1' method='java.lang.String length ()I' bytes='11'/>
            </uncommon_trap>
            <task compile_id='9' method='io.github.stackviz.export.DetailsWriter write (Ljava/lang/Object;)V' bytes='502' decompiles='1' stamp='4.000'>
            <task_done success='1' nmsize='36000' stamp='4.780'/>
            </task>
            <task compile_id='12' compile_kind='osr' method='java.util.HashMap &lt;init&gt; ()V' bytes='20' osr_bci='3' stamp='5.000'>
            <task_done success='1' nmsize='900' stamp='5.010'/>
            </task>
            """;

    @Test
    void readsC2CompilesAndTheTrapsInTheirCode() {
        JitLog.Summary summary = JitLog.read(LOG);
        assertEquals(List.of(7, 9, 12), summary.compiles().stream().map(JitLog.Compile::id).toList(), "C1's left out");
        assertEquals(472 + 780 + 10, summary.totalMillis(), 1e-6);
        assertEquals("java.util.HashMap::<init>", summary.compiles().get(2).method());
        assertTrue(summary.compiles().get(2).osr());
        assertEquals(1, summary.traps().size(), "C1's trap left out");
        JitLog.Trap trap = summary.traps().get(0);
        assertEquals("profile_predicate", trap.reason());
        assertEquals(List.of("com.fasterxml.jackson.core.json.UTF8JsonGenerator::_writeStringSegment@24",
                "io.github.stackviz.export.DetailsWriter::write@241"), trap.frames());
    }

    @Test
    void reportsTheMethodsCompiledTwiceAndWhy() {
        String report = JitLog.report(JitLog.read(LOG), 10);
        assertTrue(report.contains("## C2: 3 compiles, 1262 ms (the project's methods 1252 ms)"), report);
        assertTrue(report.contains("| 1252 | 472 + 780 | `io.github.stackviz.export.DetailsWriter::write` |"), report);
        assertTrue(report.contains("| 10 | 10 (OSR) | `java.util.HashMap::<init>` |"), report);
        assertTrue(report.contains("- profile_predicate (maybe_recompile) in `io.github.stackviz.export.DetailsWriter::write`"
                + " at com.fasterxml.jackson.core.json.UTF8JsonGenerator::_writeStringSegment@24"), report);
    }

    /** A C2 compile of the project's method inlining a large, a small and a failed callee; one of the JDK's. */
    private static final String INLINING = """
            <task compile_id='20' method='io.github.stackviz.export.RunStats add (Ljava/lang/Object;)V' bytes='300' stamp='1.000'>
            <klass id='1' name='java.nio.Buffer' flags='1'/>
            <klass id='2' name='jdk.internal.misc.Unsafe' flags='17'/>
            <method id='10' holder='1' name='limit' return='3' bytes='65'/>
            <call method='10' instr='invokevirtual'/>
            <inline_success reason='inline'/>
            <method id='11' holder='1' name='position' return='3' bytes='5'/>
            <call method='11' instr='invokevirtual'/>
            <inline_success reason='accessor'/>
            <method id='12' holder='1' name='checkIndex' return='3' bytes='90'/>
            <call method='12' instr='invokevirtual'/>
            <inline_fail reason='hot method too big'/>
            <method id='13' holder='2' name='getLongUnaligned' return='3' bytes='173'/>
            <call method='13' instr='invokevirtual'/>
            <inline_success reason='force inline by annotation'/>
            <method id='14' holder='1' name='&lt;init&gt;' return='3' bytes='120'/>
            <call method='14' instr='invokespecial'/>
            <inline_success reason='inline'/>
            <task_done success='1' nmsize='900' stamp='1.010'/>
            </task>
            <task compile_id='21' method='java.util.HashMap putVal (I)V' bytes='300' stamp='2.000'>
            <klass id='1' name='java.util.HashMap' flags='1'/>
            <method id='10' holder='1' name='resize' return='3' bytes='356'/>
            <call method='10' instr='invokevirtual'/>
            <inline_success reason='inline'/>
            <task_done success='1' nmsize='900' stamp='2.010'/>
            </task>
            """;

    @Test
    void listsTheLargerMethodsInlinedIntoTheProjectsCompiles() {
        assertEquals(List.of("java.nio.Buffer.limit"), List.copyOf(JitLog.inlined(INLINING, 60)));
        assertEquals(List.of("java.nio.Buffer.limit", "java.nio.Buffer.position"),
                List.copyOf(JitLog.inlined(INLINING, 4)));
        assertEquals(List.of(), List.copyOf(JitLog.inlined(INLINING, 65)), "over the size, not at it");
    }
}
