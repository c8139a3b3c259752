package io.inkan.frontend;

import com.sun.net.httpserver.HttpServer;
import io.inkan.events.CloudEventHeaders;
import io.inkan.events.EventTypes;
import io.inkan.events.InkanEvent;
import io.inkan.events.Topics;
import io.inkan.testsupport.Csrs;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.KeyTransRecipientInformation;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.jcajce.JceKeyTransAuthEnvelopedRecipient;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plays auth-service's part for the client: serves an RSA-3072 sealing certificate over HTTP, opens
 * sealed credentials with the private key, and publishes outcomes with CloudEvents headers.
 */
final class FakeAuthService implements AutoCloseable {
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    final KeyPair keys = Csrs.rsa(3072);
    final X509Certificate certificate = selfSigned(keys);
    final AtomicInteger certificateFetches = new AtomicInteger();
    private final HttpServer http;
    private final KafkaProducer<String, byte[]> producer;
    private final JsonMapper json = JsonMapper.builder().build();

    FakeAuthService(String bootstrapServers) throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/api/v1/sealing-certificate", exchange -> {
            certificateFetches.incrementAndGet();
            byte[] body = Csrs.pem(certificate).getBytes(StandardCharsets.US_ASCII);
            exchange.getResponseHeaders().add("Content-Type", "application/x-pem-file");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        http.start();
        producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
    }

    /**
     * The clear JSON inside base64 DER AuthEnvelopedData sealed to this service, opened only in the form auth-service
     * accepts (AES-GCM content, RSAES-OAEP key transport): a client sealing any other way fails here too.
     */
    JsonNode open(String sealedBase64) throws Exception {
        CMSAuthEnvelopedData envelope =
                new CMSAuthEnvelopedData(Base64.getDecoder().decode(sealedBase64));
        if (!CMSAlgorithm.AES256_GCM.getId().equals(envelope.getEncryptionAlgOID())) {
            throw new AssertionError("content not AES-256-GCM but " + envelope.getEncryptionAlgOID());
        }
        for (RecipientInformation recipient : envelope.getRecipientInfos().getRecipients()) {
            if (recipient instanceof KeyTransRecipientInformation keyTrans) {
                if (!PKCSObjectIdentifiers.id_RSAES_OAEP.getId().equals(keyTrans.getKeyEncryptionAlgOID())) {
                    throw new AssertionError("key transport not RSAES-OAEP but " + keyTrans.getKeyEncryptionAlgOID());
                }
                byte[] content =
                        keyTrans.getContent(new JceKeyTransAuthEnvelopedRecipient(keys.getPrivate()).setProvider(BC));
                return json.readTree(content);
            }
        }
        throw new AssertionError("no key transport recipient in the envelope");
    }

    /** Publishes {@code event} as the services do: its topic, its key, CloudEvents headers. */
    void publish(InkanEvent event) throws Exception {
        List<Header> headers = List.of(
                header(CloudEventHeaders.SPEC_VERSION, "1.0"),
                header(CloudEventHeaders.ID, UUID.randomUUID().toString()),
                header(CloudEventHeaders.TYPE, EventTypes.nameOf(event)),
                header(CloudEventHeaders.SOURCE, "/test"),
                header(CloudEventHeaders.TIME, Instant.now().toString()),
                header(CloudEventHeaders.SUBJECT, event.key()),
                header(CloudEventHeaders.CONTENT_TYPE, "application/json"));
        producer.send(new ProducerRecord<>(
                        Topics.of(event), null, event.key(), new io.inkan.events.EventCodec().encode(event), headers))
                .get(10, TimeUnit.SECONDS);
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }

    static X509Certificate selfSigned(KeyPair keys) {
        try {
            X500Name name = new X500Name("CN=Inkan test sealing,O=Inkan Bank");
            Instant now = Instant.now();
            var holder = new JcaX509v3CertificateBuilder(
                            name,
                            BigInteger.valueOf(now.toEpochMilli()),
                            Date.from(now.minus(Duration.ofMinutes(1))),
                            Date.from(now.plus(Duration.ofDays(30))),
                            name,
                            keys.getPublic())
                    .build(new JcaContentSignerBuilder(
                                    keys.getPublic().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA")
                            .build(keys.getPrivate()));
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        http.stop(0);
        producer.close(Duration.ofSeconds(2));
    }
}
