package io.github.stackviz.subunit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.stackviz.Fixtures;
import io.github.stackviz.results.AttachmentStore;
import io.github.stackviz.results.Diagnostics;
import io.github.stackviz.results.ExistsResolver;
import io.github.stackviz.results.ResultAssembler;
import io.github.stackviz.results.TestRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzing of the reader and the assembler: random streams and real ones, damaged by bit flips,
 * truncation, insertion (random bytes, stray signatures, CRC-valid packets with inconsistent fields),
 * deletion and duplication. For every case:
 * <ul>
 *   <li>nothing escapes but the reader's normal return (bad data never throws);</li>
 *   <li>every packet that was intact in the original and untouched by a mutation is still delivered, at
 *       its new offset;</li>
 *   <li>events and skipped runs arrive in input order and never overlap;</li>
 *   <li>memory stays bounded: the read buffer never passes one packet, and attachment memory goes back to
 *       zero once the records are released.</li>
 * </ul>
 * Damaged v1 runs and damaged gzip files (cut, flipped, with bytes inserted) are checked for the first and the
 * last of these.
 * Cases are seeded: a failure names its seed, and {@code -Dstackviz.fuzz.seed=<seed> -Dstackviz.fuzz.cases=1}
 * replays it. {@code -Dstackviz.fuzz.cases=1000000} runs a longer campaign.
 */
class SubunitFuzzTest {
    static final int CASES = Integer.getInteger("stackviz.fuzz.cases", 10_000);
    static final long SEED = Long.getLong("stackviz.fuzz.seed", 0x5EED_5EEDL);

    static final String[] FIXTURES = {"edge-parallel.subunit", "edge-raw-subunit-run.subunit", "killed-raw.subunit",
            "tap.subunit", "nonutf8.subunit", "binary-attachment.subunit"};
    static final List<Stream> REAL = new ArrayList<>();

    @TempDir
    static Path spill;

    /** A stream and where its packets are. */
    record Stream(byte[] bytes, List<long[]> packets) {
    }

    @BeforeAll
    static void readRealStreams() throws IOException {
        for (String name : FIXTURES) {
            byte[] bytes = Files.readAllBytes(Fixtures.path("streams/" + name));
            List<long[]> packets = new ArrayList<>();
            List<Long> offsets = new ArrayList<>();
            new SubunitV2Reader(new ByteArrayInputStream(bytes)).read(new StreamHandler() {
                @Override
                public void event(Event event) {
                    offsets.add(event.offset());
                }

                @Override
                public void skipped(long offset, long length, long problemOffset, String problem) {
                    offsets.add(-offset - 1); // a skipped run ends the packet before it
                }
            });
            // A packet ends where the next event or skipped run starts, or at the end.
            for (int i = 0; i < offsets.size(); i++) {
                if (offsets.get(i) < 0) {
                    continue;
                }
                long end = i + 1 < offsets.size() ? Math.abs(offsets.get(i + 1) + (offsets.get(i + 1) < 0 ? 1 : 0))
                        : bytes.length;
                packets.add(new long[] {offsets.get(i), end - offsets.get(i)});
            }
            REAL.add(new Stream(bytes, packets));
        }
    }

    @Test
    void randomAndMutatedStreamsLoseNoIntactPacket() {
        for (int i = 0; i < CASES; i++) {
            long seed = SEED + i * 0x9E3779B97F4A7C15L;
            try {
                runCase(seed);
            } catch (Throwable t) {
                fail("fuzz case " + i + " failed; replay with -Dstackviz.fuzz.seed=" + seed
                        + " -Dstackviz.fuzz.cases=1", t);
            }
        }
    }

    @Test
    void damagedV1RunsAndAnyInputExportWithoutErrors() throws IOException {
        List<byte[]> runs = new ArrayList<>();
        for (String run : List.of("repos/.stestr/0", "repos/.testrepository/1", "repos/.stestr/failing")) {
            runs.add(Files.readAllBytes(Fixtures.path(run)));
        }
        int cases = Math.max(1, CASES / 5);
        for (int i = 0; i < cases; i++) {
            long seed = SEED - i * 0x9E3779B97F4A7C15L;
            Random random = new Random(seed);
            byte[] base = runs.get(random.nextInt(runs.size()));
            int from = random.nextInt(base.length);
            Mutated mutated = new Mutated(new Stream(Arrays.copyOfRange(base, from,
                    Math.min(base.length, from + 1 + random.nextInt(8000))), List.of()));
            for (int m = random.nextInt(5); m > 0; m--) {
                mutated.mutate(random);
            }
            exportsWithoutErrors(mutated.bytes(), "v1 fuzz case " + i + " failed; seed " + seed);
        }
    }

    @Test
    void damagedGzipInputsExportWithoutErrors() throws IOException {
        List<byte[]> inputs = new ArrayList<>();
        for (String input : List.of("streams/edge-parallel.subunit", "streams/bulk-logging.subunit",
                "repos/.stestr/0")) {
            inputs.add(SubunitStreamsTest.gzip(Files.readAllBytes(Fixtures.path(input))));
        }
        int cases = Math.max(1, CASES / 10);
        for (int i = 0; i < cases; i++) {
            long seed = SEED ^ (i * 0x9E3779B97F4A7C15L);
            Random random = new Random(seed);
            Mutated mutated = new Mutated(new Stream(inputs.get(random.nextInt(inputs.size())), List.of()));
            for (int m = 1 + random.nextInt(3); m > 0; m--) {
                mutated.mutate(random);
            }
            exportsWithoutErrors(mutated.bytes(), "gzip fuzz case " + i + " failed; seed " + seed);
        }
    }

    /** Reads {@code input} through the assembler: nothing may escape, and attachment memory is all given back. */
    static void exportsWithoutErrors(byte[] input, String failure) {
        AttachmentStore store = new AttachmentStore(spill, 64 * 1024, 16 * 1024);
        List<TestRecord> records = new ArrayList<>();
        ResultAssembler assembler = new ResultAssembler(records::add, store, new Diagnostics());
        try {
            SubunitStreams.read(new ByteArrayInputStream(input), assembler);
            assembler.finish();
            for (TestRecord record : records) {
                record.release();
            }
            assertEquals(0, store.inMemory(), "attachment memory is all given back");
        } catch (Throwable t) {
            fail(failure, t);
        }
    }

    void runCase(long seed) throws IOException {
        Random random = new Random(seed);
        Stream original = random.nextInt(10) < 3 ? REAL.get(random.nextInt(REAL.size())) : randomStream(random);
        Mutated mutated = new Mutated(original);
        int mutations = random.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            mutated.mutate(random);
        }

        AttachmentStore store = new AttachmentStore(spill, 64 * 1024, 16 * 1024);
        List<TestRecord> records = new ArrayList<>();
        ExistsResolver exists = new ExistsResolver(records::add);
        ResultAssembler assembler = new ResultAssembler(exists, store, new Diagnostics());
        List<Long> delivered = new ArrayList<>();
        long[] lastEnd = {-1};
        SubunitV2Reader reader = new SubunitV2Reader(new ByteArrayInputStream(mutated.bytes()));
        reader.read(new StreamHandler() {
            @Override
            public void event(Event event) throws IOException {
                assertTrue(event.offset() > lastEnd[0], "events arrive in input order");
                lastEnd[0] = event.offset();
                delivered.add(event.offset());
                assembler.event(event);
            }

            @Override
            public void skipped(long offset, long length, long problemOffset, String problem) throws IOException {
                assertTrue(offset > lastEnd[0] && length > 0, "skipped runs arrive in input order");
                assertTrue(problemOffset == -1 || (problemOffset >= offset && problemOffset < offset + length));
                lastEnd[0] = offset + length - 1;
                assembler.skipped(offset, length, problemOffset, problem);
            }
        });
        assembler.finish();
        exists.finish();
        assertTrue(reader.bufferCapacity() <= SubunitV2Reader.MAX_PACKET_SIZE + 1, "one packet buffered at most");

        Set<Long> at = new HashSet<>(delivered);
        for (long[] packet : mutated.intactPackets()) {
            assertTrue(at.contains(packet[0]), "the intact packet at byte " + packet[0] + " was delivered");
        }
        for (TestRecord record : records) {
            record.release();
        }
        assertEquals(0, store.inMemory(), "attachment memory is all given back");
    }

    /** A stream of random packets of every kind, with some non-subunit text between them. */
    static Stream randomStream(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<long[]> packets = new ArrayList<>();
        int count = random.nextInt(30);
        String[] ids = {"a.b.test_one", "a.b.test_two[id-1,smoke]", "setUpClass (a.B)", "ü.ñ.test_ß", ""};
        for (int i = 0; i < count; i++) {
            if (random.nextInt(8) == 0) {
                out.writeBytes(("log line " + random.nextInt() + (random.nextBoolean() ? "\n" : "\u00b3\n"))
                        .getBytes(StandardCharsets.UTF_8));
            }
            SubunitV2Writer.Packet packet = SubunitV2Writer.newPacket();
            if (random.nextInt(6) > 0) {
                packet.testId(ids[random.nextInt(ids.length)] + (random.nextBoolean() ? random.nextInt(3) : ""));
            }
            if (random.nextBoolean()) {
                packet.status(TestStatus.fromCode(random.nextInt(8)));
            }
            if (random.nextBoolean()) {
                packet.timestamp(Instant.ofEpochSecond(random.nextInt() & 0xFFFFFFFFL, random.nextInt(1 << 30)));
            }
            if (random.nextInt(3) == 0) {
                packet.tags(random.nextBoolean() ? new String[] {"worker-" + random.nextInt(4)} : new String[0]);
            }
            if (random.nextInt(3) == 0) {
                byte[] content = new byte[random.nextInt(random.nextInt(10) == 0 ? 40_000 : 300)];
                random.nextBytes(content);
                packet.file(random.nextBoolean() ? "traceback" : "pythonlogging:''", content);
                if (random.nextBoolean()) {
                    packet.mime(random.nextBoolean() ? "text/plain;charset=utf8" : "application/octet-stream");
                }
            }
            if (random.nextInt(4) == 0) {
                packet.route(Integer.toString(random.nextInt(3)));
            }
            if (random.nextInt(5) == 0) {
                packet.eof();
            }
            packet.runnable(random.nextBoolean());
            byte[] bytes = packet.bytes();
            packets.add(new long[] {out.size(), bytes.length});
            out.writeBytes(bytes);
        }
        return new Stream(out.toByteArray(), packets);
    }

    /** A CRC-valid packet whose flags and fields need not agree. */
    static byte[] inconsistentPacket(Random random) {
        byte[] body = new byte[4 + random.nextInt(40)];
        random.nextBytes(body);
        body[0] = (byte) 0xB3;
        body[1] = (byte) (0x20 | random.nextInt(16));
        body[3] = (byte) (body.length + 4); // a one-byte length: below 64
        if (body.length + 4 > 63) {
            body[3] = 63;
            body = Arrays.copyOf(body, 59);
        }
        return SubunitV2Writer.withCrc(body);
    }

    /** A stream being damaged, tracking where its untouched packets went. */
    static final class Mutated {
        private byte[] bytes;
        private final List<long[]> packets = new ArrayList<>(); // offset, length, touched (0/1)

        Mutated(Stream original) {
            bytes = original.bytes();
            for (long[] p : original.packets()) {
                packets.add(new long[] {p[0], p[1], 0});
            }
        }

        byte[] bytes() {
            return bytes;
        }

        List<long[]> intactPackets() {
            return packets.stream().filter(p -> p[2] == 0).toList();
        }

        void mutate(Random random) {
            int n = bytes.length;
            switch (random.nextInt(6)) {
                case 0 -> { // flip bits
                    if (n == 0) {
                        return;
                    }
                    int at = random.nextInt(n);
                    bytes = bytes.clone();
                    bytes[at] ^= (byte) (1 << random.nextInt(8));
                    touch(at, at + 1);
                }
                case 1 -> { // truncate
                    int at = n == 0 ? 0 : random.nextInt(n);
                    bytes = Arrays.copyOf(bytes, at);
                    touch(at, Long.MAX_VALUE);
                }
                case 2 -> { // insert random bytes, often with a signature and a plausible header in them
                    byte[] junk = new byte[1 + random.nextInt(64)];
                    random.nextBytes(junk);
                    if (random.nextBoolean()) {
                        int sig = random.nextInt(junk.length);
                        junk[sig] = (byte) 0xB3;
                        if (sig + 1 < junk.length) {
                            junk[sig + 1] = (byte) (0x20 | (junk[sig + 1] & 0x0F));
                        }
                    }
                    insert(random.nextInt(n + 1), junk);
                }
                case 3 -> insert(random.nextInt(n + 1), inconsistentPacket(random));
                case 4 -> { // delete a range
                    if (n == 0) {
                        return;
                    }
                    int from = random.nextInt(n);
                    int to = Math.min(n, from + 1 + random.nextInt(100));
                    byte[] shorter = new byte[n - (to - from)];
                    System.arraycopy(bytes, 0, shorter, 0, from);
                    System.arraycopy(bytes, to, shorter, from, n - to);
                    for (long[] p : packets) {
                        if (p[0] < to && p[0] + p[1] > from) {
                            p[2] = 1;
                        } else if (p[0] >= to) {
                            p[0] -= to - from;
                        }
                    }
                    bytes = shorter;
                }
                default -> { // duplicate a range right after itself
                    if (n == 0) {
                        return;
                    }
                    int from = random.nextInt(n);
                    int to = Math.min(n, from + 1 + random.nextInt(200));
                    insert(to, Arrays.copyOfRange(bytes, from, to));
                }
            }
        }

        private void insert(int at, byte[] inserted) {
            byte[] longer = new byte[bytes.length + inserted.length];
            System.arraycopy(bytes, 0, longer, 0, at);
            System.arraycopy(inserted, 0, longer, at, inserted.length);
            System.arraycopy(bytes, at, longer, at + inserted.length, bytes.length - at);
            for (long[] p : packets) {
                if (p[0] < at && p[0] + p[1] > at) {
                    p[2] = 1;
                } else if (p[0] >= at) {
                    p[0] += inserted.length;
                }
            }
            bytes = longer;
        }

        private void touch(long from, long to) {
            for (long[] p : packets) {
                if (p[0] < to && p[0] + p[1] > from) {
                    p[2] = 1;
                }
            }
        }
    }
}
