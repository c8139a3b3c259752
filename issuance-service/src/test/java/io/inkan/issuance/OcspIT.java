package io.inkan.issuance;

import static org.assertj.core.api.Assertions.assertThat;

import io.inkan.events.CertificateIssued;
import io.inkan.events.CertificateReissueAuthorized;
import io.inkan.events.CertificateRevoked;
import io.inkan.events.EventTypes;
import io.inkan.events.RequestKind;
import io.inkan.events.RevocationReason;
import io.inkan.testsupport.Csrs;
import io.inkan.testsupport.TopicProbe;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import java.util.function.Predicate;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OCSP responder as a relying party, and as someone trying to flood it, sees it: answers signed once per
 * certificate state and served from memory (byte for byte the same until half their validity has passed), over POST
 * (RFC 6960) and GET (RFC 5019) with HTTP cache headers; a revocation answered at once; and requests that would cost
 * work out of proportion refused cheaply (more than four CertIDs, a body over 64 KiB, serial numbers this CA never
 * issued).
 */
class OcspIT extends IssuanceServiceIT {
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * {@code openssl ocsp} checks thisUpdate against the real clock, and other tests of this context move the shared
     * clock by months: each test here starts at the real time, and leaves the clock there for whatever runs next.
     */
    @BeforeEach
    @AfterEach
    void realTime() {
        CLOCK.set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    @Test
    void twoRequestsForOneCertificateGetTheSameSignedBytesWhichOpensslAccepts() throws Exception {
        Issued issued = issue();
        byte[] first = successful(postOcsp(request(issued).getEncoded()));
        CLOCK.advance(Duration.ofSeconds(5)); // a fresh signature would carry a later thisUpdate
        byte[] second = successful(postOcsp(request(issued).getEncoded()));

        assertThat(second).as("signed once, then served from memory").isEqualTo(first);
        BasicOCSPResp basic = verifiedBasic(first, issued.issuing());
        assertThat(basic.getResponses()[0].getCertStatus()).isNull(); // good
        assertOpensslOcspSays("good", issued.event().chainPem(), issued.event().certificatePem());
    }

    @Test
    void aNonceGetsTheSharedAnswerWithoutTheNonce() throws Exception {
        Issued issued = issue();
        byte[] plain = successful(postOcsp(request(issued).getEncoded()));
        byte[] withNonce = successful(postOcsp(withNonce(issued, nonce()).getEncoded()));

        assertThat(withNonce).isEqualTo(plain);
        assertThat(verifiedBasic(withNonce, issued.issuing()).getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce))
                .isNull();
    }

    @Test
    void getAnswersWithTheSameBytesAndCacheHeadersHoweverTheBase64IsEncoded() throws Exception {
        Issued issued = issue();
        byte[] posted = successful(postOcsp(request(issued).getEncoded()));
        // RFC 5019 §5: base64 then URL-encoding; clients differ in how much they encode. Nonces change the bytes (and
        // so the base64) but not the answer, which lets the test find requests whose base64 holds what it needs.
        String slashAndPlus = base64Of(issued, b -> b.contains("/") && b.contains("+") && b.endsWith("="));
        String doubleSlash = base64Of(issued, b -> b.contains("//"));

        for (String path : new String[] {
            slashAndPlus, // raw, as many clients send it
            URLEncoder.encode(slashAndPlus, StandardCharsets.US_ASCII), // %2F %2B %3D
            URLEncoder.encode(slashAndPlus, StandardCharsets.US_ASCII).replace("%2F", "%2f"),
            doubleSlash,
            URLEncoder.encode(doubleSlash, StandardCharsets.US_ASCII)
        }) {
            HttpResponse<byte[]> response = getOcsp(path, null);
            assertThat(response.statusCode()).as("GET /ocsp/%s", path).isEqualTo(200);
            assertThat(response.body()).as("GET /ocsp/%s", path).isEqualTo(posted);
        }

        HttpResponse<byte[]> response = getOcsp(slashAndPlus, null);
        BasicOCSPResp basic = verifiedBasic(response.body(), issued.issuing());
        Instant thisUpdate = basic.getResponses()[0].getThisUpdate().toInstant();
        Instant nextUpdate = basic.getResponses()[0].getNextUpdate().toInstant();
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/ocsp-response");
        long halfValidity =
                Duration.between(thisUpdate, nextUpdate).dividedBy(2).toSeconds();
        String cacheControl = response.headers().firstValue("Cache-Control").orElseThrow();
        assertThat(cacheControl).matches("max-age=\\d+, public, no-transform, must-revalidate");
        long maxAge = Long.parseLong(cacheControl.substring("max-age=".length(), cacheControl.indexOf(',')));
        assertThat(maxAge)
                .isPositive()
                .isLessThanOrEqualTo(halfValidity)
                .isEqualTo(Duration.between(CLOCK.instant(), thisUpdate.plusSeconds(halfValidity))
                        .toSeconds());
        assertThat(httpDate(response, "Last-Modified")).isEqualTo(thisUpdate);
        assertThat(httpDate(response, "Expires")).isEqualTo(nextUpdate);
        String etag = response.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).startsWith("\"").endsWith("\"");

        HttpResponse<byte[]> unchanged = getOcsp(slashAndPlus, etag);
        assertThat(unchanged.statusCode()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();
    }

    @Test
    void aRevocationIsAnsweredAtOnceAndSignedAgainOnlyThen() throws Exception {
        Issued issued = issue();
        byte[] good = successful(postOcsp(request(issued).getEncoded()));
        assertThat(verifiedBasic(good, issued.issuing()).getResponses()[0].getCertStatus())
                .isNull();

        publish(new CertificateReissueAuthorized(
                "C001",
                issued.event().userId(),
                UUID.randomUUID().toString(),
                RevocationReason.KEY_COMPROMISE,
                "admin1",
                CLOCK.instant()));
        CODEC.decode(
                CertificateRevoked.class,
                TopicProbe.value(issuanceEvents.awaitEvent(
                        EventTypes.nameOf(CertificateRevoked.class),
                        issued.event().serialNumber(),
                        WAIT)));

        byte[] revoked = successful(getOcsp(urlBase64(request(issued)), null));
        assertThat(revoked).isNotEqualTo(good);
        Object status =
                verifiedBasic(revoked, issued.issuing()).getResponses()[0].getCertStatus();
        assertThat(status).isInstanceOf(RevokedStatus.class);
        assertThat(((RevokedStatus) status).getRevocationReason()).isEqualTo(RevocationReason.KEY_COMPROMISE.code());
        assertThat(successful(postOcsp(request(issued).getEncoded()))).isEqualTo(revoked);
        assertOpensslOcspSays(
                "revoked", issued.event().chainPem(), issued.event().certificatePem());
    }

    @Test
    void anAnswerIsSignedAgainOnceHalfItsValidityHasPassed() throws Exception {
        Issued issued = issue();
        byte[] first = successful(postOcsp(request(issued).getEncoded()));
        BasicOCSPResp firstBasic = verifiedBasic(first, issued.issuing());
        Instant thisUpdate = firstBasic.getResponses()[0].getThisUpdate().toInstant();
        Duration half = Duration.between(
                        thisUpdate, firstBasic.getResponses()[0].getNextUpdate().toInstant())
                .dividedBy(2);

        CLOCK.set(thisUpdate.plus(half).minusSeconds(1));
        assertThat(successful(postOcsp(request(issued).getEncoded()))).isEqualTo(first);
        CLOCK.set(thisUpdate.plus(half));
        byte[] renewed = successful(postOcsp(request(issued).getEncoded()));

        assertThat(renewed).isNotEqualTo(first);
        assertThat(verifiedBasic(renewed, issued.issuing()).getResponses()[0].getThisUpdate())
                .isAfter(firstBasic.getResponses()[0].getThisUpdate());
    }

    @Test
    void moreThanFourCertIdsAreRefusedAsMalformed() throws Exception {
        Issued issued = issue();
        X509Certificate[] five = new X509Certificate[5];
        Arrays.fill(five, issued.certificate());
        X509Certificate[] four = Arrays.copyOf(five, 4);

        HttpResponse<byte[]> refused =
                postOcsp(ocspRequest(issued.issuing(), five).getEncoded());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/ocsp-response");
        assertThat(new OCSPResp(refused.body()).getStatus()).isEqualTo(OCSPResp.MALFORMED_REQUEST);

        byte[] answered =
                successful(postOcsp(ocspRequest(issued.issuing(), four).getEncoded()));
        assertThat(verifiedBasic(answered, issued.issuing()).getResponses()).hasSize(4);
    }

    @Test
    void aOneMebibyteBodyIsRefused413AndTheNextRequestIsAnswered() throws Exception {
        Issued issued = issue();
        byte[] mebibyte = new byte[1024 * 1024];
        RANDOM.nextBytes(mebibyte);

        HttpResponse<String> declared = http.send(
                HttpRequest.newBuilder(url("/ocsp"))
                        .header("Content-Type", "application/ocsp-request")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(mebibyte))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(declared.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(declared.body()).contains("\"code\":\"PAYLOAD_TOO_LARGE\"");

        // without a Content-Length (chunked): read up to the limit and no further
        HttpResponse<String> chunked = http.send(
                HttpRequest.newBuilder(url("/ocsp"))
                        .header("Content-Type", "application/ocsp-request")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(mebibyte)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(413);

        assertThat(verifiedBasic(successful(postOcsp(request(issued).getEncoded())), issued.issuing())
                        .getResponses())
                .hasSize(1);
    }

    @Test
    void serialNumbersThisCaNeverIssuedGetOneUnsignedUnauthorizedAnswer() throws Exception {
        Issued issued = issue();
        byte[] one = postOcsp(requestFor(issued.issuing(), new BigInteger(128, RANDOM))
                        .getEncoded())
                .body();
        byte[] another = postOcsp(requestFor(issued.issuing(), new BigInteger(128, RANDOM))
                        .getEncoded())
                .body();

        OCSPResp answer = new OCSPResp(one);
        assertThat(answer.getStatus()).isEqualTo(OCSPResp.UNAUTHORIZED);
        assertThat(answer.getResponseObject()).as("nothing signed").isNull();
        assertThat(another).isEqualTo(one);
        // and a request mixing a real certificate with an unknown one is not signed either
        assertThat(new OCSPResp(postOcsp(new OCSPReqBuilder()
                                        .addRequest(request(issued)
                                                .getRequestList()[0]
                                                .getCertID())
                                        .addRequest(requestFor(issued.issuing(), new BigInteger(128, RANDOM))
                                                .getRequestList()[0]
                                                .getCertID())
                                        .build()
                                        .getEncoded())
                                .body())
                        .getStatus())
                .isEqualTo(OCSPResp.UNAUTHORIZED);
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    record Issued(CertificateIssued event, X509Certificate certificate, X509Certificate issuing) {}

    private Issued issue() throws Exception {
        String user = user();
        authorize(user);
        CertificateIssued issued = awaitIssued(request(user, RequestKind.NEW, Csrs.csrPem(Csrs.p256())));
        return new Issued(issued, parse(issued.certificatePem()), parse(issued.chainPem()));
    }

    private static OCSPReq request(Issued issued) throws Exception {
        return ocspRequest(issued.issuing(), issued.certificate());
    }

    private static OCSPReq requestFor(X509Certificate issuing, BigInteger serial) throws Exception {
        return new OCSPReqBuilder()
                .addRequest(new CertificateID(
                        new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                        new JcaX509CertificateHolder(issuing),
                        serial))
                .build();
    }

    private static OCSPReq withNonce(Issued issued, byte[] nonce) throws Exception {
        return new OCSPReqBuilder()
                .addRequest(request(issued).getRequestList()[0].getCertID())
                .setRequestExtensions(new Extensions(
                        new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, new DEROctetString(nonce))))
                .build();
    }

    private static byte[] nonce() {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        return nonce;
    }

    /** The base64 of a request for the certificate (with some nonce) that satisfies {@code wanted}. */
    private static String base64Of(Issued issued, Predicate<String> wanted) throws Exception {
        for (int attempt = 0; attempt < 20_000; attempt++) {
            String base64 = Base64.getEncoder()
                    .encodeToString(withNonce(issued, nonce()).getEncoded());
            if (wanted.test(base64)) {
                return base64;
            }
        }
        throw new AssertionError("no request with the wanted base64 found");
    }

    private static String urlBase64(OCSPReq request) throws Exception {
        return URLEncoder.encode(Base64.getEncoder().encodeToString(request.getEncoded()), StandardCharsets.US_ASCII);
    }

    private HttpResponse<byte[]> getOcsp(String encodedRequest, String ifNoneMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url("/ocsp/" + encodedRequest));
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] successful(HttpResponse<byte[]> response) throws Exception {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/ocsp-response");
        assertThat(new OCSPResp(response.body()).getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
        return response.body();
    }

    private static BasicOCSPResp verifiedBasic(byte[] der, X509Certificate issuing) throws Exception {
        BasicOCSPResp basic = (BasicOCSPResp) new OCSPResp(der).getResponseObject();
        assertThat(basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(issuing.getPublicKey())))
                .isTrue();
        return basic;
    }

    private static Instant httpDate(HttpResponse<?> response, String header) {
        return ZonedDateTime.parse(
                        response.headers().firstValue(header).orElseThrow(), DateTimeFormatter.RFC_1123_DATE_TIME)
                .toInstant();
    }
}
