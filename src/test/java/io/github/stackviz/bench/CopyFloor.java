package io.github.stackviz.bench;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * The bench's floor for the logs cases: what any export of a stream must do at least, in Java, and nothing
 * else. It reads the stream once in 1 MB blocks, checks it with CRC32 (as the reader checks each packet) and
 * writes its bytes to {@code copies} files (details.json and the report's data: two with the report on), in
 * a JVM started like the core's. No parsing, no escaping, no JSON: an export can only be slower.
 *
 * <pre>CopyFloor STREAM OUT-FOLDER COPIES</pre>
 */
public final class CopyFloor {
    private CopyFloor() {
    }

    public static void main(String[] args) throws IOException {
        Path stream = Path.of(args[0]);
        Path out = Files.createDirectories(Path.of(args[1]));
        int copies = Integer.parseInt(args[2]);
        byte[] block = new byte[1 << 20];
        CRC32 crc = new CRC32();
        OutputStream[] files = new OutputStream[copies];
        for (int i = 0; i < copies; i++) {
            files[i] = new FileOutputStream(out.resolve("copy-" + i).toFile());
        }
        try (InputStream in = new FileInputStream(stream.toFile())) {
            for (int n; (n = in.readNBytes(block, 0, block.length)) > 0; ) {
                crc.update(block, 0, n);
                for (OutputStream file : files) {
                    file.write(block, 0, n);
                }
            }
        } finally {
            for (OutputStream file : files) {
                file.close();
            }
        }
        System.out.println("crc32 " + Long.toHexString(crc.getValue()));
    }
}
