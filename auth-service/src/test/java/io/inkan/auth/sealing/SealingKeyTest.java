package io.inkan.auth.sealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inkan.auth.testing.Envelopes;
import io.inkan.auth.testing.Envelopes.Oaep;
import io.inkan.events.UnreadableEventException;
import io.inkan.testsupport.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SealingKeyTest {
    private static final String SECRET = "初期パスワード-Secret-4711";
    private static final MutableClock CLOCK = MutableClock.at("2026-03-01T09:00:00Z");

    @TempDir
    static Path dir;

    static SealingKey key;

    @BeforeAll
    static void createKey() {
        key = load(dir.resolve("auth-service/sealing.p12"));
    }

    private static SealingKey load(Path file) {
        var loaded = SealingKeyStore.loadOrCreate(new SealingProperties(file, "test-password"), CLOCK);
        return new SealingKey(loaded.privateKey(), loaded.certificate());
    }

    @Test
    void theKeyIsRsa3072AndSurvivesARestart() {
        assertThat(((RSAPublicKey) key.certificate().getPublicKey())
                        .getModulus()
                        .bitLength())
                .isEqualTo(3072);
        assertThat(key.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----");

        SealingKey again = load(dir.resolve("auth-service/sealing.p12"));
        assertThat(again.certificatePem()).isEqualTo(key.certificatePem());
    }

    @ParameterizedTest
    @EnumSource(Oaep.class)
    void opensEnvelopedData(Oaep oaep) {
        String sealed = Envelopes.enveloped(SECRET.getBytes(StandardCharsets.UTF_8), key.certificate(), oaep);

        assertThat(new String(key.open(sealed), StandardCharsets.UTF_8)).isEqualTo(SECRET);
    }

    @ParameterizedTest
    @EnumSource(Oaep.class)
    void opensAuthEnvelopedData(Oaep oaep) {
        String sealed = Envelopes.authEnveloped(SECRET.getBytes(StandardCharsets.UTF_8), key.certificate(), oaep);

        assertThat(new String(key.open(sealed), StandardCharsets.UTF_8)).isEqualTo(SECRET);
    }

    @Test
    void anEnvelopeForAnotherKeyIsUnreadableAndSaysSo() {
        SealingKey other = load(dir.resolve("other/sealing.p12"));
        String sealed = Envelopes.seal(SECRET, other.certificate());

        assertThatThrownBy(() -> key.open(sealed))
                .isInstanceOf(UnreadableEventException.class)
                .hasMessageContaining("not addressed to this service");
    }

    @Test
    void aTamperedAuthEnvelopeIsUnreadableAndTheMessageHoldsNoSecret() {
        byte[] der = Base64.getDecoder()
                .decode(Envelopes.authEnveloped(
                        SECRET.getBytes(StandardCharsets.UTF_8), key.certificate(), Oaep.SHA256));
        der[der.length - 20] ^= 0x01; // inside the ciphertext or the tag

        assertThatThrownBy(() -> key.open(Base64.getEncoder().encodeToString(der)))
                .isInstanceOf(UnreadableEventException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }

    @Test
    void garbageIsUnreadable() {
        assertThatThrownBy(() -> key.open("not base64 !!")).isInstanceOf(UnreadableEventException.class);
        assertThatThrownBy(() -> key.open(Base64.getEncoder().encodeToString("hello".getBytes())))
                .isInstanceOf(UnreadableEventException.class);
    }

    @Test
    void opensWhatOpensslCmsMakes() throws Exception {
        String sealed = Envelopes.sealWithOpenssl(
                ("{\"password\":\"" + SECRET + "\"}").getBytes(StandardCharsets.UTF_8), key.certificatePem());

        byte[] opened = key.open(sealed);

        assertThat(new String(opened, StandardCharsets.UTF_8)).contains(SECRET);
    }
}
