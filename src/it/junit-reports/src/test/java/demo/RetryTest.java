package demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Odd attempts fail, even ones pass: fails on the first run and passes on Surefire's first rerun. */
class RetryTest {

    @Test
    void passesOnRerun() throws IOException {
        Path attempts = Path.of("target", "attempts.txt");
        int attempt = Files.exists(attempts) ? Integer.parseInt(Files.readString(attempts).strip()) + 1 : 1;
        Files.writeString(attempts, String.valueOf(attempt));
        Pause.ms(300);
        assertEquals(0, attempt % 2, "attempt " + attempt + " fails");
    }
}
