package io.github.stackviz.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.stackviz.subunit.SubunitV1Reader;
import io.github.stackviz.subunit.SubunitV2Reader;
import io.github.stackviz.subunit.SubunitV2Writer;
import io.github.stackviz.subunit.TestStatus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The StreamToDict rules of subunit-v2.md §9, on streams made by our writer. */
class ResultAssemblerTest {
    static final Instant T1 = Instant.parse("2026-01-01T00:00:01Z");
    static final Instant T2 = Instant.parse("2026-01-01T00:00:02Z");
    static final Instant T3 = Instant.parse("2026-01-01T00:00:03Z");

    @TempDir
    Path temp;

    final List<TestRecord> records = new ArrayList<>();
    final Diagnostics diagnostics = new Diagnostics();

    List<TestRecord> assemble(Consumer<SubunitV2Writer> stream) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        stream.accept(new SubunitV2Writer(out));
        return assemble(out.toByteArray());
    }

    List<TestRecord> assemble(byte[] bytes) throws IOException {
        ResultAssembler assembler = new ResultAssembler(records::add, new AttachmentStore(temp, 1 << 20, 1 << 16),
                diagnostics);
        new SubunitV2Reader(new ByteArrayInputStream(bytes)).read(assembler);
        assembler.finish();
        return records;
    }

    static String text(Attachment attachment) throws IOException {
        try (Reader reader = attachment.openText()) {
            StringBuilder out = new StringBuilder();
            reader.transferTo(new java.io.Writer() {
                @Override
                public void write(char[] c, int off, int len) {
                    out.append(c, off, len);
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            });
            return out.toString();
        }
    }

    @Test
    void aTestFromStartToFinish() throws IOException {
        List<TestRecord> r = assemble(w -> {
            w.packet().testId("a.b.c").status(TestStatus.INPROGRESS).timestamp(T1).write();
            w.packet().testId("a.b.c").mime("text/plain;charset=utf8").file("stdout", "hello ").timestamp(T2).write();
            w.packet().testId("a.b.c").file("stdout", "world").eof().timestamp(T2).write();
            w.packet().testId("a.b.c").status(TestStatus.SUCCESS).tags("worker-0").timestamp(T3).write();
        });
        assertEquals(1, r.size());
        TestRecord record = r.get(0);
        assertEquals("a.b.c", record.id());
        assertEquals(TestStatus.SUCCESS, record.status());
        assertEquals(Set.of("worker-0"), record.tags());
        assertEquals(T1, record.start());
        assertEquals(T3, record.end());
        assertEquals(1, record.attachments().size());
        assertEquals("hello world", text(record.attachments().get(0)));
    }

    @Test
    void recordsAreKeyedByIdAndRouteCode() throws IOException {
        List<TestRecord> r = assemble(w -> {
            w.packet().testId("t").status(TestStatus.INPROGRESS).route("0").timestamp(T1).write();
            w.packet().testId("t").status(TestStatus.INPROGRESS).route("1").timestamp(T2).write();
            w.packet().testId("t").status(TestStatus.FAIL).route("1").timestamp(T3).write();
            w.packet().testId("t").status(TestStatus.SUCCESS).route("0").timestamp(T3).write();
        });
        assertEquals(List.of(TestStatus.FAIL, TestStatus.SUCCESS), r.stream().map(TestRecord::status).toList(),
                "completion order");
        assertEquals(T2, r.get(0).start());
        assertEquals(T1, r.get(1).start());
    }

    @Test
    void idsWithTheSameHashCodeStayApart() throws IOException {
        assertEquals("Aa".hashCode(), "BB".hashCode());
        List<TestRecord> r = assemble(w -> {
            w.packet().testId("Aa").status(TestStatus.INPROGRESS).timestamp(T1).write();
            w.packet().testId("BB").status(TestStatus.INPROGRESS).timestamp(T2).write();
            w.packet().testId("Aa").status(TestStatus.SUCCESS).timestamp(T3).write();
            w.packet().testId("BB").status(TestStatus.FAIL).timestamp(T3).write();
        });
        assertEquals(List.of("Aa", "BB"), r.stream().map(TestRecord::id).toList());
        assertEquals(List.of(TestStatus.SUCCESS, TestStatus.FAIL), r.stream().map(TestRecord::status).toList());
        assertEquals(List.of(T1, T2), r.stream().map(TestRecord::start).toList());
    }

    @Test
    void withoutRouteCodesConcurrentRunsOfOneIdMerge() throws IOException {
        List<TestRecord> r = assemble(w -> {
            w.packet().testId("t").status(TestStatus.INPROGRESS).timestamp(T1).write();
            w.packet().testId("t").status(TestStatus.INPROGRESS).timestamp(T2).write();
            w.packet().testId("t").status(TestStatus.SUCCESS).timestamp(T3).write();
        });
        assertEquals(1, r.size());
        assertEquals(T1, r.get(0).start());
    }

    @Test
    void aRerunGivesASecondRecord() throws IOException {
        List<TestRecord> r = assemble(w -> {
            w.packet().testId("t").status(TestStatus.FAIL).timestamp(T1).write();
            w.packet().testId("t").status(TestStatus.SUCCESS).timestamp(T2).write();
        });
        assertEquals(List.of(TestStatus.FAIL, TestStatus.SUCCESS), r.stream().map(TestRecord::status).toList());
        assertEquals(T1, r.get(0).start(), "a final status alone gives [t, t]");
        assertEquals(T1, r.get(0).end());
    }

    @Test
    void tagsReplaceAndAnEmptySetClears() throws IOException {
        List<TestRecord> r = assemble(w -> {
            w.packet().testId("a").status(TestStatus.INPROGRESS).tags("x", "y").write();
            w.packet().testId("a").status(TestStatus.SUCCESS).tags("z").write();
            w.packet().testId("b").status(TestStatus.INPROGRESS).tags("x").write();
            w.packet().testId("b").status(TestStatus.SUCCESS).tags().write();
            w.packet().testId("c").status(TestStatus.INPROGRESS).tags("x").write();
            w.packet().testId("c").status(TestStatus.SUCCESS).write();
        });
        assertEquals(Set.of("z"), r.get(0).tags());
        assertEquals(Set.of(), r.get(1).tags());
        assertEquals(Set.of("x"), r.get(2).tags(), "an event without tags keeps them");
    }

    @Test
    void theFirstNonEmptyChunkFixesTheMimeTypeAndChunksAfterEofAreKept() throws IOException {
        List<TestRecord> r = assemble(w -> {
            w.packet().testId("t").status(TestStatus.INPROGRESS).write();
            w.packet().testId("t").mime("application/octet-stream").file("log", new byte[0]).write();
            w.packet().testId("t").mime("text/plain;charset=utf8").file("log", "é").eof().write();
            w.packet().testId("t").mime("image/png").file("log", "!").write();
            w.packet().testId("t").status(TestStatus.FAIL).write();
        });
        Attachment log = r.get(0).attachments().get(0);
        assertEquals("text", log.contentType().type());
        assertEquals("é!", text(log));
    }

    @Test
    void anAttachmentWithoutMimeIsOctetStream() throws IOException {
        List<TestRecord> r = assemble(w -> {
            w.packet().testId("t").file("blob", "data").write();
            w.packet().testId("t").status(TestStatus.SUCCESS).write();
        });
        assertEquals("application", r.get(0).attachments().get(0).contentType().type());
    }

    @Test
    void anEventWithoutATimeTakesTheLastTimeBeforeIt() throws IOException {
        List<TestRecord> r = assemble(w -> {
            w.packet().testId("t").status(TestStatus.INPROGRESS).timestamp(T1).write();
            w.packet().testId("t").status(TestStatus.SUCCESS).write();
            w.packet().testId("u").status(TestStatus.INPROGRESS).timestamp(T2).write();
            w.packet().testId("u").status(TestStatus.SUCCESS).timestamp(T3).write();
            w.packet().testId("v").status(TestStatus.INPROGRESS).write();
            w.packet().testId("v").status(TestStatus.SUCCESS).write();
        });
        assertEquals(List.of(T1, T1), List.of(r.get(0).start(), r.get(0).end()), "the end takes the time before it");
        assertEquals(List.of(T3, T3), List.of(r.get(2).start(), r.get(2).end()), "both take the last time, T3");
    }

    @Test
    void recordsBeforeTheStreamsFirstTimeWaitForItInOrder() throws IOException {
        List<TestRecord> r = assemble(w -> {
            w.packet().testId("a").status(TestStatus.INPROGRESS).write();
            w.packet().testId("a").status(TestStatus.SUCCESS).write();
            w.packet().testId("b").status(TestStatus.INPROGRESS).write();
            w.packet().testId("c").status(TestStatus.EXISTS).write();
            w.packet().testId("b").status(TestStatus.FAIL).timestamp(T2).write();
            w.packet().testId("d").status(TestStatus.SUCCESS).timestamp(T3).write();
        });
        assertEquals(List.of("a", "c", "b", "d"), r.stream().map(TestRecord::id).toList(), "completion order kept");
        assertEquals(List.of(T2, T2), List.of(r.get(0).start(), r.get(0).end()), "no time before: the first after");
        assertEquals(List.of(T2, T2), List.of(r.get(1).start(), r.get(1).end()));
        assertEquals(List.of(T2, T2), List.of(r.get(2).start(), r.get(2).end()));
        assertEquals(T3, r.get(3).start());
    }

    @Test
    void aStreamWithoutAnyTimeKeepsNull() throws IOException {
        List<TestRecord> r = assemble(w -> {
            w.packet().testId("a").status(TestStatus.EXISTS).write();
            w.packet().testId("b").status(TestStatus.SUCCESS).write();
            w.packet().testId("c").status(TestStatus.INPROGRESS).write();
        });
        assertEquals(List.of("a", "b", "c"), r.stream().map(TestRecord::id).toList());
        for (TestRecord record : r) {
            assertNull(record.start(), record.id());
            assertNull(record.end(), record.id());
        }
    }

    @Test
    void anExistsRecordTakesItsOwnTimeOrTheOneBeforeWithDurationZero() throws IOException {
        List<TestRecord> r = assemble(w -> {
            w.packet().testId("listed").status(TestStatus.EXISTS).timestamp(T2).write();
            w.packet().testId("t").status(TestStatus.SUCCESS).timestamp(T3).write();
            w.packet().testId("unlisted-time").status(TestStatus.EXISTS).write();
        });
        assertEquals(List.of(T2, T2), List.of(r.get(0).start(), r.get(0).end()));
        assertEquals(List.of(T3, T3), List.of(r.get(2).start(), r.get(2).end()));
    }

    @Test
    void aLateAttachmentOpensARecordThatEndsUnknown() throws IOException {
        List<TestRecord> r = assemble(w -> {
            w.packet().testId("t").status(TestStatus.SUCCESS).timestamp(T1).write();
            w.packet().testId("t").mime("text/plain").file("late", "x").timestamp(T2).write();
        });
        assertEquals(2, r.size());
        assertNull(r.get(1).status());
        assertEquals("unknown", r.get(1).statusWord());
        assertEquals(T2, r.get(1).start());
        assertEquals(T2, r.get(1).end(), "still open: it ends where the stream stopped");
    }

    @Test
    void openRecordsAreCompletedInTheOrderTheyOpenedAndEndAtTheStreamsLastTime() throws IOException {
        List<TestRecord> r = assemble(w -> {
            w.packet().testId("first").status(TestStatus.INPROGRESS).timestamp(T1).write();
            w.packet().testId("second").status(TestStatus.INPROGRESS).timestamp(T2).write();
            w.packet().mime("text/plain").file("stdout", "run-level output").timestamp(T3).write();
        });
        assertEquals(List.of("first", "second"), r.stream().map(TestRecord::id).toList());
        assertEquals(TestStatus.INPROGRESS, r.get(0).status());
        assertEquals(List.of(T1, T3), List.of(r.get(0).start(), r.get(0).end()), "the last time the stream carried");
        assertEquals(List.of(T2, T3), List.of(r.get(1).start(), r.get(1).end()));
        assertEquals(2, diagnostics.count(ResultAssembler.UNFINISHED));
    }

    @Test
    void anOpenRecordNeverEndsBeforeItStarts() throws IOException {
        List<TestRecord> r = assemble(w -> {
            w.packet().testId("late").status(TestStatus.INPROGRESS).timestamp(T3).write();
            w.packet().testId("t").status(TestStatus.SUCCESS).timestamp(T1).write(); // another worker's clock
        });
        assertEquals(List.of(T3, T3), List.of(r.get(1).start(), r.get(1).end()));
    }

    @Test
    void eventsWithoutATestIdAreDropped() throws IOException {
        List<TestRecord> r = assemble(w -> {
            w.packet().mime("text/plain").file("stdout", "run-level output").write();
            w.packet().testId("t").status(TestStatus.SUCCESS).write();
        });
        assertEquals(1, r.size());
        assertTrue(r.get(0).attachments().isEmpty());
    }

    @Test
    void aCorruptPacketBecomesAFailedParserPseudoTest() throws IOException {
        byte[] good = SubunitV2Writer.newPacket().testId("t").status(TestStatus.SUCCESS).bytes();
        byte[] bad = SubunitV2Writer.newPacket().testId("u").status(TestStatus.SUCCESS).bytes();
        bad[bad.length - 1] ^= 1;
        List<TestRecord> r = assemble(SubunitV2ReaderTestBytes.concat(good, bad, good));
        assertEquals(List.of("t", ResultAssembler.PARSER_TEST_ID, "t"), r.stream().map(TestRecord::id).toList());
        TestRecord parser = r.get(1);
        assertEquals(TestStatus.FAIL, parser.status());
        assertNull(parser.start(), "the stream carried no time");
        assertEquals("Parser Error", parser.attachments().get(0).name());
        String message = text(parser.attachments().get(0));
        assertTrue(message.startsWith("corrupt packet at byte " + good.length + ": bad CRC"), message);
        assertEquals(1, diagnostics.count(ResultAssembler.CORRUPT));
    }

    @Test
    void aParserRecordIsPlacedAtTheLastTimeBeforeTheDamage() throws IOException {
        byte[] before = SubunitV2Writer.newPacket().testId("t").status(TestStatus.SUCCESS).timestamp(T1).bytes();
        byte[] bad = SubunitV2Writer.newPacket().testId("u").status(TestStatus.SUCCESS).timestamp(T2).bytes();
        bad[bad.length - 1] ^= 1;
        byte[] after = SubunitV2Writer.newPacket().testId("v").status(TestStatus.SUCCESS).timestamp(T3).bytes();
        List<TestRecord> r = assemble(SubunitV2ReaderTestBytes.concat(before, bad, after));
        assertEquals(ResultAssembler.PARSER_TEST_ID, r.get(1).id());
        assertEquals(List.of(T1, T1), List.of(r.get(1).start(), r.get(1).end()));
    }

    @Test
    void aParserRecordBeforeAnyTimeTakesTheStreamsFirstTime() throws IOException {
        byte[] bad = SubunitV2Writer.newPacket().testId("u").status(TestStatus.SUCCESS).timestamp(T1).bytes();
        bad[bad.length - 1] ^= 1;
        byte[] after = SubunitV2Writer.newPacket().testId("v").status(TestStatus.SUCCESS).timestamp(T2).bytes();
        List<TestRecord> r = assemble(SubunitV2ReaderTestBytes.concat(bad, after));
        assertEquals(List.of(ResultAssembler.PARSER_TEST_ID, "v"), r.stream().map(TestRecord::id).toList());
        assertEquals(List.of(T2, T2), List.of(r.get(0).start(), r.get(0).end()));
    }

    @Test
    void aV1TimeLineIsATimeTheStreamCarriedEvenWithNoEventAfterIt() throws IOException {
        String v1 = "test: a\nsuccess: a\ntime: 2026-01-01 00:00:01Z\n";
        ResultAssembler assembler = new ResultAssembler(records::add, new AttachmentStore(temp, 1 << 20, 1 << 16),
                diagnostics);
        new SubunitV1Reader(new ByteArrayInputStream(v1.getBytes(StandardCharsets.UTF_8))).read(assembler);
        assembler.finish();
        assertEquals(TestStatus.SUCCESS, records.get(0).status());
        assertEquals(List.of(T1, T1), List.of(records.get(0).start(), records.get(0).end()));
    }

    @Test
    void aStoredV1RunWithoutItsFirstTimeLineStartsItsFirstTestAtTheStreamsFirstTime() throws IOException {
        // a real stored run, its first line ("time: ...") cut off: its first test: line has no time before it
        byte[] run = java.nio.file.Files.readAllBytes(io.github.stackviz.Fixtures.path("repos/.testrepository/0"));
        String text = new String(run, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("time: 2026-11-28 09:01:42.380176Z\n"), text.substring(0, 40));
        byte[] cut = java.util.Arrays.copyOfRange(run, text.indexOf('\n') + 1, run.length);
        ResultAssembler assembler = new ResultAssembler(records::add, new AttachmentStore(temp, 1 << 20, 1 << 16),
                diagnostics);
        new SubunitV1Reader(new ByteArrayInputStream(cut)).read(assembler);
        assembler.finish();
        assertEquals(290, records.size());
        Instant second = Instant.parse("2026-11-28T09:01:42.383331Z"); // the run's next time line, its first now
        assertEquals(List.of(second, second), List.of(records.get(0).start(), records.get(0).end()));
        records.forEach(r -> assertTrue(r.start() != null && r.end() != null, r.id()));
    }

    @Test
    void bigAttachmentsSpillToDiskAndComeBackWhole() throws IOException {
        byte[] chunk = new byte[60_000];
        java.util.Arrays.fill(chunk, (byte) 'x');
        List<TestRecord> r = assemble(w -> {
            for (int i = 0; i < 10; i++) {
                w.packet().testId("t").mime("text/plain").file("log", chunk).write();
            }
            w.packet().testId("t").status(TestStatus.SUCCESS).write();
        });
        AttachmentBuffer content = r.get(0).attachments().get(0).content();
        assertTrue(content.spilled(), "600 KB passes the 64 KB in-memory limit of this test's store");
        assertEquals(600_000, content.size());
        try (InputStream in = content.open()) {
            byte[] all = in.readAllBytes();
            assertEquals(600_000, all.length);
            for (byte b : all) {
                assertEquals('x', b);
            }
        }
        r.get(0).release();
    }
}
