package demo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Fails on its first attempt and passes on Surefire's rerun: a counter file under target/ counts the
 * attempts, and odd attempts fail. A clean build always runs it as fail-then-pass, and so does a second
 * build without clean (attempts 3 and 4).
 */
class FlakyTest {

    @Test
    void passesOnRetry() throws IOException {
        Path counter = Path.of("target", "flaky-attempts", "FlakyTest.passesOnRetry");
        Files.createDirectories(counter.getParent());
        int attempt = Files.exists(counter) ? Integer.parseInt(Files.readString(counter).strip()) + 1 : 1;
        Files.writeString(counter, Integer.toString(attempt));
        System.out.println("attempt " + attempt);
        Work.sleep(200);
        assertTrue(attempt % 2 == 0, "attempt " + attempt + " fails: the service is not warm yet");
    }
}
