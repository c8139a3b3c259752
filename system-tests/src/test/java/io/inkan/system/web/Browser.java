package io.inkan.system.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven by its chromedriver, as a customer's browser: a fresh profile, downloads into a
 * directory of its own, and a screenshot of every screen under {@code target/screenshots/<test>/} for a person to
 * look at.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final Path profile;
    private final Path downloads;
    private final Path screenshots;
    private final String baseUrl;
    private int shots;

    private Browser(String baseUrl, String test) throws IOException {
        this.baseUrl = baseUrl;
        this.profile = Files.createTempDirectory("inkan-chromium");
        this.downloads = Files.createTempDirectory("inkan-downloads");
        this.screenshots = Path.of("target", "screenshots", test);
        Files.createDirectories(screenshots);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // as root on a closed network: no sandbox, and nothing that phones home (it would only wait for timeouts)
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1280,1000",
                "--lang=ja",
                "--user-data-dir=" + profile);
        options.setExperimentalOption(
                "prefs",
                Map.of(
                        "download.default_directory",
                        downloads.toString(),
                        "download.prompt_for_download",
                        false,
                        "intl.accept_languages",
                        "ja"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        this.driver = new ChromeDriver(service, options);
    }

    static Browser open(String baseUrl, String test) {
        try {
            return new Browser(baseUrl, test);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    void go(String path) {
        driver.get(baseUrl + path);
    }

    /** Saves what the screen shows now as {@code NN-name.png}. */
    void shot(String name) {
        try {
            File png = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(png.toPath(), screenshots.resolve(String.format("%02d-%s.png", ++shots, name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The element with that id, waiting briefly for it: a click that submits a form can return before the next
     * screen is there. When it never comes, the failure says what the screen showed instead, and keeps a shot of it.
     */
    WebElement find(String id) {
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(10))
                    .until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
        } catch (TimeoutException e) {
            shot("without-" + id);
            String shown = driver.findElements(By.tagName("body")).stream()
                    .map(WebElement::getText)
                    .findFirst()
                    .orElse("(no page)");
            throw new AssertionError(
                    "no #" + id + " on " + driver.getCurrentUrl() + "; the screen shows:\n" + shown, e);
        }
    }

    WebElement await(String id, Duration patience) {
        return new WebDriverWait(driver, patience).until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    void type(String id, String text) {
        WebElement field = find(id);
        field.clear();
        field.sendKeys(text);
    }

    void click(String id) {
        find(id).click();
    }

    String text(String id) {
        return find(id).getText();
    }

    String title() {
        return driver.getTitle();
    }

    String heading() {
        return driver.findElements(By.tagName("h1")).stream()
                .filter(WebElement::isDisplayed)
                .map(WebElement::getText)
                .findFirst()
                .orElse("");
    }

    /** Every visible field has a label that names it (the screens' accessibility promise). */
    void assertEveryFieldIsLabelled() {
        List<WebElement> fields = driver.findElements(By.cssSelector("input:not([type=hidden]), select"));
        for (WebElement field : fields) {
            String id = field.getDomAttribute("id");
            assertThat(id).as("a field without an id").isNotBlank();
            assertThat(driver.findElements(By.cssSelector("label[for='" + id + "']")))
                    .as("label of #%s", id)
                    .isNotEmpty();
        }
    }

    /** The one file with that suffix the browser saved, once it is complete. */
    Path awaitDownload(String suffix, Duration patience) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(downloads)) {
                List<Path> done = files.filter(p -> p.getFileName().toString().endsWith(suffix))
                        .toList();
                if (!done.isEmpty()) {
                    return done.getFirst();
                }
            }
            Thread.sleep(100); // a download in progress: waits for the file, not for time
        }
        throw new AssertionError("no " + suffix + " was downloaded into " + downloads);
    }

    /** Starts a fresh download directory (the next customer's PC). */
    void forgetDownloads() throws IOException {
        try (Stream<Path> files = Files.list(downloads)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
