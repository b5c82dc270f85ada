package io.github.stackviz.subunit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Encodes subunit v2 packets the way python-subunit's {@code StreamResultToBytes} does, so tests and the
 * benchmark can build any stream they need. {@link Packet#bytes()} gives one packet for tests that
 * damage bytes on purpose.
 */
public final class SubunitV2Writer {
    private final OutputStream out;

    public SubunitV2Writer(OutputStream out) {
        this.out = out;
    }

    /** Starts a packet; {@link Packet#write()} sends it to this writer's stream. */
    public Packet packet() {
        return new Packet(this);
    }

    /** Starts a packet that is only encoded, for {@link Packet#bytes()}. */
    public static Packet newPacket() {
        return new Packet(null);
    }

    /** The minimal varint for {@code value}, as the reference encoder writes it. */
    /** {@code body} (a packet without its CRC) followed by its CRC32, big-endian. */
    public static byte[] withCrc(byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body);
        long value = crc.getValue();
        byte[] packet = Arrays.copyOf(body, body.length + 4);
        for (int i = 0; i < 4; i++) {
            packet[body.length + i] = (byte) (value >>> (24 - 8 * i));
        }
        return packet;
    }

    public static byte[] varint(int value) {
        if (value < 0x40) {
            return varint(value, 1);
        } else if (value < 0x4000) {
            return varint(value, 2);
        } else if (value < 0x400000) {
            return varint(value, 3);
        } else if (value < 0x40000000) {
            return varint(value, 4);
        }
        throw new IllegalArgumentException("value too large for a varint: " + value);
    }

    /** A varint of exactly {@code width} bytes (non-minimal widths are legal to readers). */
    public static byte[] varint(int value, int width) {
        byte[] bytes = new byte[width];
        for (int i = width - 1; i >= 0; i--) {
            bytes[i] = (byte) (value & 0xFF);
            value >>>= 8;
        }
        bytes[0] = (byte) ((bytes[0] & 0x3F) | ((width - 1) << 6));
        return bytes;
    }

    public static final class Packet {
        private final SubunitV2Writer writer;
        private String testId;
        private TestStatus status;
        private List<String> tags;
        private boolean runnable = true;
        private String fileName;
        private byte[] fileContent;
        private boolean eof;
        private String mime;
        private String route;
        private Instant timestamp;
        private int version = 2;

        private Packet(SubunitV2Writer writer) {
            this.writer = writer;
        }

        public Packet testId(String value) {
            testId = value;
            return this;
        }

        public Packet status(TestStatus value) {
            status = value;
            return this;
        }

        /** Tags in the given order; an empty call writes a present-but-empty tag list. */
        public Packet tags(String... values) {
            tags = new ArrayList<>(Arrays.asList(values));
            return this;
        }

        public Packet runnable(boolean value) {
            runnable = value;
            return this;
        }

        public Packet file(String name, byte[] content) {
            fileName = name;
            fileContent = content;
            return this;
        }

        public Packet file(String name, String utf8Content) {
            return file(name, utf8Content.getBytes(StandardCharsets.UTF_8));
        }

        public Packet eof() {
            eof = true;
            return this;
        }

        public Packet mime(String value) {
            mime = value;
            return this;
        }

        public Packet route(String value) {
            route = value;
            return this;
        }

        public Packet timestamp(Instant value) {
            timestamp = value;
            return this;
        }

        /** A version nibble other than 2, for tests of rejected packets. */
        public Packet version(int value) {
            version = value;
            return this;
        }

        /** The packet's bytes, length and CRC included. */
        public byte[] bytes() {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            int flags = version << 12;
            if (testId != null) {
                flags |= SubunitV2Reader.FLAG_TEST_ID;
            }
            if (route != null) {
                flags |= SubunitV2Reader.FLAG_ROUTE_CODE;
            }
            if (timestamp != null) {
                flags |= SubunitV2Reader.FLAG_TIMESTAMP;
            }
            if (runnable) {
                flags |= SubunitV2Reader.FLAG_RUNNABLE;
            }
            if (tags != null) {
                flags |= SubunitV2Reader.FLAG_TAGS;
            }
            if (fileName != null) {
                flags |= SubunitV2Reader.FLAG_FILE;
            }
            if (mime != null) {
                flags |= SubunitV2Reader.FLAG_MIME;
            }
            if (eof) {
                flags |= SubunitV2Reader.FLAG_EOF;
            }
            if (status != null) {
                flags |= status.code();
            }
            if (timestamp != null) {
                long seconds = timestamp.getEpochSecond();
                body.writeBytes(new byte[] {(byte) (seconds >>> 24), (byte) (seconds >>> 16),
                        (byte) (seconds >>> 8), (byte) seconds});
                body.writeBytes(varint(timestamp.getNano()));
            }
            if (testId != null) {
                writeString(body, testId);
            }
            if (tags != null) {
                body.writeBytes(varint(tags.size()));
                tags.forEach(tag -> writeString(body, tag));
            }
            if (mime != null) {
                writeString(body, mime);
            }
            if (fileName != null) {
                writeString(body, fileName);
                body.writeBytes(varint(fileContent.length));
                body.writeBytes(fileContent);
            }
            if (route != null) {
                writeString(body, route);
            }
            // The length counts itself: pick its width after adding it, as the reference does.
            int base = 1 + 2 + body.size() + 4;
            int length;
            int width;
            if (base + 1 <= 63) {
                width = 1;
            } else if (base + 2 <= 16383) {
                width = 2;
            } else if (base + 3 <= SubunitV2Reader.MAX_PACKET_SIZE) {
                width = 3;
            } else {
                throw new IllegalArgumentException("packet too large: " + base);
            }
            length = base + width;
            ByteArrayOutputStream packet = new ByteArrayOutputStream(length);
            packet.write(0xB3);
            packet.write(flags >>> 8);
            packet.write(flags & 0xFF);
            packet.writeBytes(varint(length, width));
            packet.writeBytes(body.toByteArray());
            return withCrc(packet.toByteArray());
        }

        /** Encodes the packet and writes it to the writer's stream. */
        public void write() {
            try {
                writer.out.write(bytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void writeString(ByteArrayOutputStream body, String value) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            body.writeBytes(varint(bytes.length));
            body.writeBytes(bytes);
        }
    }
}
