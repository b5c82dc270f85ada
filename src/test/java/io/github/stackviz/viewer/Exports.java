package io.github.stackviz.viewer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Fixture exports and reading what the viewer wrote, for the tests. */
final class Exports {

    static final Path FIXTURES = Path.of("src/test/fixtures");
    static final Path REFERENCE = FIXTURES.resolve("reference-output");
    static final Path DSTAT = FIXTURES.resolve("dstat");
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Exports() {
    }

    /** Copies the reference tool's output of {@code name} into {@code target}. */
    static Path copyCase(String name, Path target) throws IOException {
        Path from = REFERENCE.resolve(name).resolve("old");
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, target.resolve(f.getFileName()));
            }
        }
        return target;
    }

    /** Relative path → SHA-256 of every file under {@code dir}. */
    static Map<String, String> hashes(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f)) {
                    out.put(dir.relativize(f).toString(), sha256(f));
                }
            }
        }
        return out;
    }

    static String sha256(Path f) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(f)) {
                byte[] buf = new byte[1 << 16];
                int n;
                while ((n = in.read(buf)) > 0) {
                    md.update(buf, 0, n);
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** A contract file's JSON (inflated when its name ends in .gz). */
    static JsonNode contract(Path file) throws IOException {
        try (InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(file))
                : Files.newInputStream(file)) {
            return MAPPER.readTree(in);
        }
    }

    /** The kind and JSON value of a viewer data file ({@code StackViz.data("kind", VALUE);}). */
    record Data(String kind, JsonNode value, String text) {
    }

    static Data data(Path js) throws IOException {
        String text = Files.readString(js, StandardCharsets.UTF_8);
        String head = "/* StackViz report data; generated, do not edit. */\nStackViz.data(\"";
        if (!text.startsWith(head) || !text.endsWith(");\n")) {
            throw new AssertionError(js + " is not a viewer data file: " + text.substring(0, Math.min(80, text.length())));
        }
        int q = text.indexOf('"', head.length());
        String kind = text.substring(head.length(), q);
        String json = text.substring(q + 3, text.length() - 3);
        return new Data(kind, MAPPER.readTree(json), text);
    }
}
