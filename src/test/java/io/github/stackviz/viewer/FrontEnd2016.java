package io.github.stackviz.viewer;

import io.github.stackviz.Fixtures;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The 2016 StackViz front-end (the AngularJS app at d92719c that the export format was made for), built from its
 * sources in {@code ../shared/fixtures/third-party/stackviz-frontend-d92719c/app}, which stay there: nothing of the
 * app is in the project. The build glue is {@code src/test/frontend-2016/} (the npm versions it was built with, and
 * {@code build.js}: browserify with the app's transforms, its views in angular's {@code $templateCache}, dart-sass).
 *
 * <p>Builds are cached in {@code ~/.cache/stackviz/frontend-2016/} (or {@code -Dstackviz.frontendCache}): the npm
 * packages under a hash of {@code package.json}, {@code package-lock.json} and the Node.js version, the built app
 * under a hash of those, {@code build.js} and every source file. Each is built in a folder of its own and moved into
 * place, so builds running at the same time do not see each other's halves.
 *
 * <p>Without {@code ../shared} the check is skipped; without {@code node}/{@code npm} on the PATH it is skipped too,
 * or fails under {@code -Dstackviz.requireBrowser=true}, as the browser tests do without Chromium.
 */
final class FrontEnd2016 {

    static final String SOURCES = "third-party/stackviz-frontend-d92719c/app";
    private static final Path GLUE = Fixtures.basedir().resolve("src/test/frontend-2016");
    private static final Path LOGS = Fixtures.basedir().resolve("target/frontend-2016");

    private FrontEnd2016() {
    }

    /** The app's sources, or skips the caller where {@code ../shared} is not here. */
    static Path sources() {
        Optional<Path> shared = Fixtures.shared();
        assumeTrue(shared.isPresent(), "../shared/fixtures is not here: the 2016 front-end's sources are read from there");
        Path app = shared.get().resolve(SOURCES);
        assumeTrue(Files.isRegularFile(app.resolve("js/main.js")), "no " + app + "/js/main.js");
        return app;
    }

    /** The built app (index.html, js/, css/, fonts/), building it first where the cache does not hold it. */
    static Path site() throws IOException, InterruptedException {
        Path app = sources();
        Path node = executable("node");
        Path npm = executable("npm");
        Path cache = Path.of(System.getProperty("stackviz.frontendCache",
                Path.of(System.getProperty("user.home"), ".cache/stackviz/frontend-2016").toString()));
        Files.createDirectories(cache);
        Files.createDirectories(LOGS);
        String nodeVersion = run(List.of(node.toString(), "--version"), LOGS, LOGS.resolve("node-version.log")).strip();

        Digest npmKey = new Digest().add("node", nodeVersion)
                .file(GLUE.resolve("package.json")).file(GLUE.resolve("package-lock.json"));
        Path modules = cache.resolve("npm-" + npmKey.hex());
        if (!Files.isDirectory(modules)) {
            long start = System.nanoTime();
            publish(stage -> {
                Files.copy(GLUE.resolve("package.json"), stage.resolve("package.json"));
                Files.copy(GLUE.resolve("package-lock.json"), stage.resolve("package-lock.json"));
                run(List.of(npm.toString(), "ci", "--ignore-scripts", "--omit=optional", "--no-audit", "--no-fund",
                        "--loglevel=error"), stage, LOGS.resolve("npm-ci.log"));
            }, modules);
            System.out.printf("[frontend-2016] npm ci into %s took %.1f s%n", modules, (System.nanoTime() - start) / 1e9);
        }

        Digest siteKey = new Digest().add("npm", npmKey.hex()).file(GLUE.resolve("build.js")).tree(app);
        Path site = cache.resolve("site-" + siteKey.hex());
        if (!Files.isDirectory(site)) {
            long start = System.nanoTime();
            publish(stage -> {
                ProcessBuilder build = new ProcessBuilder(node.toString(), GLUE.resolve("build.js").toString(),
                        app.toString(), stage.toString());
                build.environment().put("NODE_PATH", modules.resolve("node_modules").toString());
                run(build, LOGS, LOGS.resolve("build.log"));
            }, site);
            System.out.printf("[frontend-2016] built the 2016 front-end into %s in %.1f s%n", site,
                    (System.nanoTime() - start) / 1e9);
        }
        return site;
    }

    /** An executable on the PATH; skips the caller without it, or fails it when a browser is required. */
    private static Path executable(String name) {
        Optional<Path> found = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
        String why = "no " + name + " on the PATH: the 2016 front-end is built with Node.js and npm";
        if (Boolean.parseBoolean(System.getProperty("stackviz.requireBrowser", "false"))) {
            assertTrue(found.isPresent(), why + " (stackviz.requireBrowser=true)");
        } else {
            assumeTrue(found.isPresent(), why);
        }
        return found.get();
    }

    private interface Stage {
        void fill(Path stage) throws IOException, InterruptedException;
    }

    /** Fills a fresh folder beside {@code target} and moves it there; a folder another build put there first wins. */
    private static void publish(Stage stage, Path target) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(target.getParent(), target.getFileName() + ".building-");
        try {
            stage.fill(dir);
            Files.move(dir, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (!Files.isDirectory(target)) {
                throw e;
            }
        } finally {
            delete(dir);
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    private static String run(List<String> command, Path dir, Path log) throws IOException, InterruptedException {
        return run(new ProcessBuilder(command).directory(dir.toFile()), dir, log);
    }

    /** Runs a command with its output into {@code log}; fails with the log's end when it does not exit 0. */
    private static String run(ProcessBuilder command, Path dir, Path log) throws IOException, InterruptedException {
        Process process = command.directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail(String.join(" ", command.command()) + " ran for 10 minutes; its output: " + log);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            fail(String.join(" ", command.command()) + " exited " + process.exitValue() + " (" + log + "):\n"
                    + output.substring(Math.max(0, output.length() - 3000)));
        }
        return output;
    }

    /** SHA-256 over named values and files, in the order given; {@link #hex()} is its first 16 hex digits. */
    private static final class Digest {
        private final MessageDigest sha;

        Digest() {
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new AssertionError(e);
            }
        }

        Digest add(String name, String value) {
            sha.update((name + "\0" + value + "\0").getBytes(StandardCharsets.UTF_8));
            return this;
        }

        Digest file(Path file) throws IOException {
            add(file.getFileName().toString(), Long.toString(Files.size(file)));
            sha.update(Files.readAllBytes(file));
            return this;
        }

        /** Every file under {@code dir}, by its relative path, in sorted order. */
        Digest tree(Path dir) throws IOException {
            List<Path> files = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(Files::isRegularFile).forEach(files::add);
            }
            files.sort(Comparator.comparing(f -> dir.relativize(f).toString()));
            for (Path f : files) {
                add("path", dir.relativize(f).toString());
                file(f);
            }
            return this;
        }

        String hex() {
            try {
                return HexFormat.of().formatHex(((MessageDigest) sha.clone()).digest()).substring(0, 16);
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
