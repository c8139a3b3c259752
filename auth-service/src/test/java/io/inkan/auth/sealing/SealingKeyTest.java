package io.inkan.auth.sealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inkan.auth.keys.KeyWithCertificate;
import io.inkan.auth.testing.Envelopes;
import io.inkan.auth.testing.Envelopes.Oaep;
import io.inkan.events.UnreadableEventException;
import io.inkan.testsupport.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.cms.AuthEnvelopedData;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.EncryptedContentInfo;
import org.bouncycastle.asn1.cms.GCMParameters;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The sealing key opens only authenticated envelopes (AuthEnvelopedData, AES-GCM, RSAES-OAEP). Each refusal below is
 * an attack on a sealed secret; each is checked against a control that the same envelope, unharmed, does open.
 */
class SealingKeyTest {
    private static final String SECRET = "初期パスワード-Secret-4711";
    private static final byte[] CONTENT = ("{\"password\":\"" + SECRET + "\"}").getBytes(StandardCharsets.UTF_8);
    private static final MutableClock CLOCK = MutableClock.at("2026-03-01T09:00:00Z");

    @TempDir
    static Path dir;

    static KeyWithCertificate stored;
    static SealingKey key;

    @BeforeAll
    static void createKey() {
        stored = KeyWithCertificate.decode(SealingKeyStore.create(CLOCK).encoded()); // as the vault hands it back
        key = new SealingKey(stored.privateKey(), stored.certificate());
    }

    @Test
    void theKeyIsRsa3072AndReadsBackFromItsVaultFormUnchanged() {
        assertThat(((RSAPublicKey) key.certificate().getPublicKey())
                        .getModulus()
                        .bitLength())
                .isEqualTo(3072);
        assertThat(key.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----");

        KeyWithCertificate again = KeyWithCertificate.decode(stored.encoded());
        assertThat(again.certificate()).isEqualTo(stored.certificate());
        assertThat(again.privateKey().getEncoded())
                .isEqualTo(stored.privateKey().getEncoded());
    }

    @Test
    void aBanksOwnPkcs12StillServesAndNeedsItsPassword() throws Exception {
        Path file = dir.resolve("bank-sealing.p12");
        KeyStore bank = KeyStore.getInstance("PKCS12");
        bank.load(null, null);
        bank.setKeyEntry(
                "bank", stored.privateKey(), "bank-pass".toCharArray(), new Certificate[] {stored.certificate()});
        try (var out = Files.newOutputStream(file)) {
            bank.store(out, "bank-pass".toCharArray());
        }

        assertThat(SealingKeyStore.fromKeystore(file, "bank-pass").certificate())
                .isEqualTo(stored.certificate());
        assertThatThrownBy(() -> new SealingProperties(file, null))
                .hasMessageContaining("inkan.auth.sealing.keystore-password");
        assertThatThrownBy(() -> SealingKeyStore.fromKeystore(file, "wrong"))
                .hasMessageContaining("inkan.auth.sealing.keystore-password")
                .hasMessageNotContaining("bank-pass");
    }

    @Test
    void opensWhatTheContractsOpensslRecipeMakes() throws Exception {
        String sealed = Envelopes.sealWithOpenssl(CONTENT, key.certificatePem());

        assertThat(new String(key.open(sealed), StandardCharsets.UTF_8)).contains(SECRET);
    }

    @ParameterizedTest
    @EnumSource(Oaep.class)
    void opensAuthEnvelopedDataWithOaep(Oaep oaep) {
        String sealed = Envelopes.authEnveloped(CONTENT, key.certificate(), oaep);

        assertThat(key.open(sealed)).isEqualTo(CONTENT);
    }

    @Test
    void refusesPlainEnvelopedDataAsOpensslAes256CbcMakesIt() throws Exception {
        // CBC has no integrity: whoever can write to the topic could flip bits of the password in transit.
        String sealed =
                Envelopes.opensslCms(CONTENT, key.certificatePem(), "-aes-256-cbc", "-keyopt", "rsa_padding_mode:oaep");

        assertRefused(() -> key.open(sealed));
    }

    @ParameterizedTest
    @EnumSource(Oaep.class)
    void refusesPlainEnvelopedDataEvenWithOaep(Oaep oaep) {
        String sealed = Envelopes.enveloped(CONTENT, key.certificate(), oaep);

        assertRefused(() -> key.open(sealed));
    }

    @Test
    void refusesAuthEnvelopedDataWhoseKeyIsWrappedWithPkcs1v15() throws Exception {
        // PKCS#1 v1.5 decryption is Bleichenbacher's padding oracle; the key must not even be tried.
        assertRefused(() -> key.open(Envelopes.authEnvelopedWithPkcs1(CONTENT, key.certificate())));
        String byOpenssl = Envelopes.opensslCms(CONTENT, key.certificatePem(), "-aes-256-gcm");
        assertRefused(() -> key.open(byOpenssl));
    }

    @Test
    void refusesABitFlippedInTheCiphertext() {
        String sealed = Envelopes.authEnveloped(CONTENT, key.certificate(), Oaep.SHA256);
        AuthEnvelopedData envelope = parse(sealed);
        EncryptedContentInfo encrypted = envelope.getAuthEncryptedContentInfo();
        byte[] ciphertext = encrypted.getEncryptedContent().getOctets();
        ciphertext[ciphertext.length / 2] ^= 0x01;

        String tampered = encode(new AuthEnvelopedData(
                envelope.getOriginatorInfo(),
                envelope.getRecipientInfos(),
                new EncryptedContentInfo(
                        encrypted.getContentType(),
                        encrypted.getContentEncryptionAlgorithm(),
                        new DEROctetString(ciphertext)),
                envelope.getAuthAttrs(),
                envelope.getMac(),
                envelope.getUnauthAttrs()));

        assertThat(key.open(sealed)).isEqualTo(CONTENT);
        assertRefused(() -> key.open(tampered));
    }

    @Test
    void refusesABitFlippedInTheTag() {
        String sealed = Envelopes.authEnveloped(CONTENT, key.certificate(), Oaep.SHA1);
        AuthEnvelopedData envelope = parse(sealed);
        byte[] tag = envelope.getMac().getOctets();
        tag[0] ^= 0x80;

        String tampered = encode(new AuthEnvelopedData(
                envelope.getOriginatorInfo(),
                envelope.getRecipientInfos(),
                envelope.getAuthEncryptedContentInfo(),
                envelope.getAuthAttrs(),
                new DEROctetString(tag),
                envelope.getUnauthAttrs()));

        assertRefused(() -> key.open(tampered));
    }

    @Test
    void refusesATagCutTo32Bits() {
        // A GCM tag cut short still verifies (it is a prefix of the full one) but is forged in 2^32 tries.
        String sealed = Envelopes.authEnveloped(CONTENT, key.certificate(), Oaep.SHA256);
        AuthEnvelopedData envelope = parse(sealed);
        EncryptedContentInfo encrypted = envelope.getAuthEncryptedContentInfo();
        AlgorithmIdentifier gcm = encrypted.getContentEncryptionAlgorithm();
        byte[] nonce = GCMParameters.getInstance(gcm.getParameters()).getNonce();

        String shortened = encode(new AuthEnvelopedData(
                envelope.getOriginatorInfo(),
                envelope.getRecipientInfos(),
                new EncryptedContentInfo(
                        encrypted.getContentType(),
                        // by hand: BouncyCastle's GCMParameters will not even encode a 4-byte tag
                        new AlgorithmIdentifier(
                                gcm.getAlgorithm(),
                                new DERSequence(new ASN1Encodable[] {new DEROctetString(nonce), new ASN1Integer(4)})),
                        encrypted.getEncryptedContent()),
                envelope.getAuthAttrs(),
                new DEROctetString(Arrays.copyOf(envelope.getMac().getOctets(), 4)),
                envelope.getUnauthAttrs()));

        assertRefused(() -> key.open(shortened));
    }

    @Test
    void refusesAnEnvelopeForAnotherKeyWithTheSameWords() {
        KeyWithCertificate otherKey = SealingKeyStore.create(CLOCK);
        SealingKey other = new SealingKey(otherKey.privateKey(), otherKey.certificate());
        String sealed = Envelopes.authEnveloped(CONTENT, other.certificate(), Oaep.SHA256);

        assertRefused(() -> key.open(sealed));
    }

    @Test
    void refusesGarbageWithTheSameWords() {
        assertRefused(() -> key.open(null));
        assertRefused(() -> key.open("not base64 !!"));
        assertRefused(() -> key.open(Base64.getEncoder().encodeToString("hello".getBytes(StandardCharsets.UTF_8))));
    }

    /** Every refusal says the same, so that none tells an attacker which check their envelope failed. */
    private static void assertRefused(Executable open) {
        assertThatThrownBy(open::execute)
                .isExactlyInstanceOf(UnreadableEventException.class)
                .hasMessage(SealingKey.REFUSAL)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }

    private static AuthEnvelopedData parse(String sealed) {
        ContentInfo info = ContentInfo.getInstance(Base64.getDecoder().decode(sealed));
        return AuthEnvelopedData.getInstance(info.getContent());
    }

    private static String encode(AuthEnvelopedData envelope) {
        try {
            return Base64.getEncoder()
                    .encodeToString(new ContentInfo(CMSObjectIdentifiers.authEnvelopedData, envelope)
                            .getEncoded(ASN1Encoding.DER));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
