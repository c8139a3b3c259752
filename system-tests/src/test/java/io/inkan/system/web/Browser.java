package io.inkan.system.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
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
        this(baseUrl, test, null, null, null);
    }

    /**
     * @param home the HOME chromedriver and Chromium run with (its {@code .pki/nssdb} is the PC's certificate store),
     *     or null for the test's own
     * @param certificateOrigin the HTTPS origin Chromium presents the store's certificate to without asking
     * @param serverCertificate the one server certificate Chromium accepts there besides those a CA vouches for
     */
    private Browser(String baseUrl, String test, Path home, String certificateOrigin, X509Certificate serverCertificate)
            throws IOException {
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
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", downloads.toString());
        prefs.put("download.prompt_for_download", false);
        prefs.put("intl.accept_languages", "ja");
        ChromeDriverService.Builder service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort();
        if (home != null) {
            service.withEnvironment(Map.of("HOME", home.toString()));
            // the content setting behind the AutoSelectCertificateForUrls policy: on this origin, choose the
            // certificate without the selection dialog (headless Chromium has none to show)
            prefs.put(
                    "profile.content_settings.exceptions.auto_select_certificate",
                    Map.of(certificateOrigin + ",*", Map.of("setting", Map.of("filters", List.of(Map.of())))));
            // the front end's self-signed server certificate, and only it, by its public key
            options.addArguments("--ignore-certificate-errors-spki-list=" + spkiHash(serverCertificate));
        }
        options.setExperimentalOption("prefs", prefs);
        this.driver = new ChromeDriver(service.build(), options);
    }

    /**
     * A PC whose certificate store holds that {@code .p12} (imported with NSS's {@code pk12util} into
     * {@code $HOME/.pki/nssdb}, where Chromium on Linux keeps client certificates), and which presents it to the given
     * HTTPS origin without asking.
     */
    static Browser withCertificate(
            String baseUrl,
            String test,
            Path p12,
            String passphrase,
            String certificateOrigin,
            X509Certificate serverCertificate) {
        try {
            Path home = Files.createTempDirectory("inkan-pc");
            Path nssdb = Files.createDirectories(home.resolve(".pki").resolve("nssdb"));
            run("certutil", "-N", "-d", "sql:" + nssdb, "--empty-password");
            Path passphraseFile = Files.writeString(home.resolve("p12-passphrase"), passphrase, StandardCharsets.UTF_8);
            run("pk12util", "-i", p12.toString(), "-d", "sql:" + nssdb, "-w", passphraseFile.toString());
            Files.delete(passphraseFile);
            return new Browser(baseUrl, test, home, certificateOrigin, serverCertificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean nssToolsInstalled() {
        return Files.isExecutable(Path.of("/usr/bin/pk12util")) && Files.isExecutable(Path.of("/usr/bin/certutil"));
    }

    private static void run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + said);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Base64 of the SHA-256 of the certificate's SubjectPublicKeyInfo, as Chromium's SPKI lists name a key. */
    private static String spkiHash(X509Certificate certificate) {
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-256")
                            .digest(certificate.getPublicKey().getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether an element with that id is on the screen (shown or not). */
    boolean has(String id) {
        return !driver.findElements(By.id(id)).isEmpty();
    }

    String url() {
        return driver.getCurrentUrl();
    }

    /** Opens a URL of another origin (the front end's HTTPS port, or its plain one with the same cookies). */
    void open(String url) {
        driver.get(url);
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
            Files.copy(
                    png.toPath(),
                    screenshots.resolve(String.format("%02d-%s.png", ++shots, name)),
                    StandardCopyOption.REPLACE_EXISTING); // a test run again overwrites its screens
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

    /**
     * Clicks the element; when it submits a form, waits until the next page has replaced this one. Otherwise the
     * next look at the screen could find the old page's element (its error, say), read it, or go stale under it
     * (CI once failed on the old {@code #error} after a second wrong PIN).
     */
    void click(String id) {
        WebElement element = find(id);
        boolean submits = "submit".equals(element.getDomProperty("type"));
        element.click();
        if (submits) {
            try {
                new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.stalenessOf(element));
            } catch (TimeoutException e) {
                shot("not-submitted-" + id);
                throw new AssertionError("#" + id + " did not bring a new page on " + driver.getCurrentUrl(), e);
            }
        }
    }

    String text(String id) {
        return find(id).getText();
    }

    String title() {
        return driver.getTitle();
    }

    /**
     * The visible {@code h1} of the screen, waiting briefly for one: read while the next page is still loading, the
     * screen has none yet (CI once read "" right after a form's POST). Every screen has one; "" when none comes.
     */
    String heading() {
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(10))
                    .ignoring(StaleElementReferenceException.class)
                    .until(d -> d.findElements(By.tagName("h1")).stream()
                            .filter(WebElement::isDisplayed)
                            .map(WebElement::getText)
                            .filter(text -> !text.isBlank())
                            .findFirst()
                            .orElse(null));
        } catch (TimeoutException none) {
            return "";
        }
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
