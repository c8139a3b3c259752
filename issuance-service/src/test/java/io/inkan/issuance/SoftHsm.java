package io.inkan.issuance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * SoftHSM2 tokens for tests, as a bank's HSM would hold its CA key. The library reads {@code SOFTHSM2_CONF} when it is
 * first loaded, so the surefire configuration points it at {@code target/softhsm/softhsm2.conf} and this class writes
 * that file, with a token directory beside it, and initializes every token the tests use before any provider loads
 * the library. Where SoftHSM2 is not installed the test is skipped on a developer's machine and fails under CI.
 */
final class SoftHsm {
    static final Path LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");
    static final String PIN = "it-user-pin-1234";
    private static final String SO_PIN = "it-so-pin-5678";
    private static final Pattern SLOT = Pattern.compile("reassigned to slot (\\d+)");

    /** A token with a user PIN; {@code slot} is its slot ID. */
    record Token(String label, long slot) {}

    /** The token that holds the test CA's issuing key. */
    static final String SIGNING = "inkan-it-signing";
    /** A token nobody in this JVM ever logs in to with the right PIN (a login is per token and process). */
    static final String UNTOUCHED = "inkan-it-untouched";

    private static Token signing;
    private static Token untouched;

    private SoftHsm() {}

    static synchronized Token token(String label) {
        assumeInstalled();
        if (signing == null) {
            initialize();
        }
        return label.equals(SIGNING) ? signing : untouched;
    }

    private static void assumeInstalled() {
        if (Files.isReadable(LIBRARY) && Files.isExecutable(Path.of("/usr/bin/softhsm2-util"))) {
            return;
        }
        String message = "SoftHSM2 is not installed (" + LIBRARY + ", softhsm2-util): apt-get install softhsm2";
        if (System.getenv("CI") != null) {
            throw new AssertionError(message + " (CI is set, so this fails instead of skipping)");
        }
        Assumptions.abort(message);
    }

    private static void initialize() {
        String conf = System.getenv("SOFTHSM2_CONF");
        assertThat(conf)
                .as("SOFTHSM2_CONF must be set for the test JVM (issuance-service's surefire configuration)")
                .isNotBlank();
        try {
            Path file = Path.of(conf);
            Path tokens = file.resolveSibling("tokens");
            if (Files.exists(tokens)) {
                try (Stream<Path> old = Files.walk(tokens)) {
                    old.sorted(Comparator.reverseOrder())
                            .forEach(path -> path.toFile().delete());
                }
            }
            Files.createDirectories(tokens);
            Files.writeString(
                    file,
                    "directories.tokendir = " + tokens.toAbsolutePath() + "\nobjectstore.backend = file\n"
                            + "log.level = ERROR\n");
            signing = initToken(SIGNING);
            untouched = initToken(UNTOUCHED);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Token initToken(String label) {
        String output = run(
                "/usr/bin/softhsm2-util", "--init-token", "--free", "--label", label, "--pin", PIN, "--so-pin", SO_PIN);
        Matcher slot = SLOT.matcher(output);
        assertThat(slot.find()).as("softhsm2-util said: %s", output).isTrue();
        return new Token(label, Long.parseLong(slot.group(1)));
    }

    /** Stores the issuing key and its certificate (only it: the chain comes from a file) on the token, as a bank would. */
    static void importKey(Token token, String keyLabel, PrivateKey key, X509Certificate issuing) {
        try {
            Provider provider = Security.getProvider("SunPKCS11")
                    .configure("--name = it-import\nlibrary = " + LIBRARY + "\nslot = " + token.slot() + "\n");
            KeyStore keystore = KeyStore.getInstance("PKCS11", provider);
            keystore.load(null, PIN.toCharArray());
            keystore.setKeyEntry(keyLabel, key, null, new Certificate[] {issuing});
        } catch (Exception e) {
            throw new AssertionError("cannot import the test CA key onto " + token, e);
        }
    }

    private static String run(String... command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as(output).isZero();
            return output;
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
