package io.github.stackviz.viewer;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Headless Chromium driven by the system chromedriver (Debian's {@code chromium} and {@code chromium-driver};
 * never Selenium Manager, which would download one). Tests skip without {@code /usr/bin/chromedriver}, unless
 * {@code -Dstackviz.requireBrowser=true}, when they fail.
 *
 * <p>Every page gets a monitor before its own scripts run (through the DevTools protocol, so the page's
 * Content Security Policy does not apply to it): it records {@code securitypolicyviolation} events, uncaught
 * errors, failed loads and unhandled promise rejections.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMEDRIVER = Path.of(System.getProperty("stackviz.chromedriver", "/usr/bin/chromedriver"));
    static final Path CHROMIUM = Path.of(System.getProperty("stackviz.chromium", "/usr/bin/chromium"));
    static final Path SCREENSHOTS = Path.of("target/screenshots");

    private static final String MONITOR = """
            window.__sv = {violations: [], errors: []};
            document.addEventListener('securitypolicyviolation', function (e) {
              window.__sv.violations.push(e.violatedDirective + ' blocked ' + e.blockedURI + ' ' + (e.sample || ''));
            }, true);
            window.addEventListener('error', function (e) {
              var t = e.target;
              window.__sv.errors.push(t && t !== window && (t.src || t.href) ? 'failed to load ' + (t.src || t.href)
                : String(e.message) + ' at ' + e.filename + ':' + e.lineno);
            }, true);
            window.addEventListener('unhandledrejection', function (e) {
              window.__sv.errors.push('unhandled rejection: ' + (e.reason && e.reason.message || e.reason));
            });
            """;

    final ChromeDriver driver;
    private final ChromeDriverService service;

    private Browser(ChromeDriverService service, ChromeDriver driver) {
        this.service = service;
        this.driver = driver;
    }

    /** Starts Chromium, or skips (or fails, when a browser is required) the calling tests without it. */
    static Browser start(Path profile) throws IOException {
        boolean required = Boolean.parseBoolean(System.getProperty("stackviz.requireBrowser", "false"));
        boolean present = Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM);
        String why = "no " + CHROMEDRIVER + " / " + CHROMIUM + ": apt-get install chromium chromium-driver";
        if (required) {
            assertTrue(present, why + " (stackviz.requireBrowser=true)");
        } else {
            assumeTrue(present, why);
        }
        Files.createDirectories(profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=1400,1000",
                "--user-data-dir=" + profile.toAbsolutePath());
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", MONITOR));
        return new Browser(service, driver);
    }

    /** Opens {@code index.html} of {@code export} at {@code hash} in a fresh document; waits until it is shown. */
    void open(Path export, String hash) {
        open(export.toAbsolutePath().resolve("index.html").toUri() + hash);
    }

    void open(String url) {
        driver.get("about:blank");
        driver.manage().logs().get(LogType.BROWSER); // drop what came before
        driver.get(url);
        waitReady();
    }

    /** Waits for the viewer to finish showing the current view. */
    void waitReady() {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> {
            Object state = js("return document.documentElement.dataset.state || ''");
            return "ready".equals(state) || "error".equals(state);
        });
    }

    /** Navigates in the page (no reload) and waits for the view. */
    void go(String hash) {
        js("document.documentElement.dataset.state = 'routing'; location.hash = arguments[0];", hash);
        waitReady();
    }

    Object js(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    /** Asserts that nothing broke: no CSP violation, no error in the page, no severe console message. */
    @SuppressWarnings("unchecked")
    void assertClean() {
        Map<String, Object> sv = (Map<String, Object>) js("return window.__sv");
        assertEquals(List.of(), sv.get("violations"), "CSP violations");
        assertEquals(List.of(), sv.get("errors"), "errors in the page");
        List<String> severe = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.WARNING.intValue()) {
                severe.add(e.getLevel() + " " + e.getMessage());
            }
        }
        assertEquals(List.of(), severe, "console messages");
    }

    /**
     * Saves a screenshot as {@code target/screenshots/NAME.png}. With {@code -Dstackviz.updateScreenshots=true},
     * the {@code demo-*} ones also replace the README's {@code docs/screenshots/*.png}.
     */
    void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name + ".png"), png);
        if (name.startsWith("demo-") && Boolean.getBoolean("stackviz.updateScreenshots")) {
            Path docs = Files.createDirectories(Path.of("docs/screenshots"));
            Files.write(docs.resolve(name.substring("demo-".length()) + ".png"), png);
        }
    }

    /** A screenshot of the whole page height (up to 4000 px). */
    void fullScreenshot(String name) throws IOException {
        try {
            for (int i = 0; i < 3; i++) { // charts lay out again at the new size: measure until it holds
                long height = ((Number) js("return Math.min(4000, document.documentElement.scrollHeight)")).longValue();
                long chrome = driver.manage().window().getSize().getHeight() - ((Number) js("return window.innerHeight")).longValue();
                driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400, (int) (Math.max(1000, height) + chrome)));
                js("return new Promise(function (r) { requestAnimationFrame(function () { setTimeout(r, 100); }); })");
            }
            screenshot(name);
        } finally {
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1000));
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }
}
