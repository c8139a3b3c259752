package io.inkan.testsupport;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * A stand-in for auth-service's token keys, for the services that only check its tokens: an ES256 key whose JWKS is
 * served over real HTTP at {@code url() + "/.well-known/jwks.json"}, and tokens signed with it carrying the claims
 * auth-service puts in (issuer {@code inkan-auth}, {@code sub}, {@code realm}, {@code roles}, {@code contractId}).
 * Tokens are minted at a given instant, so that tests on a moved clock get tokens that clock accepts. One per JVM.
 */
public final class TestTokens {
    public static final String ISSUER = "inkan-auth";
    private static final String KEY_ID = "test-tokens-1";
    private static final Duration LIFETIME = Duration.ofSeconds(900);
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final TestTokens INSTANCE = new TestTokens();

    private final KeyPair keys = Csrs.p256();
    private final HttpServer server;

    private TestTokens() {
        String jwks = jwks((ECPublicKey) keys.getPublic());
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/.well-known/jwks.json", exchange -> {
            byte[] body = jwks.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.setExecutor(null);
        server.start();
    }

    public static TestTokens get() {
        return INSTANCE;
    }

    /** The base URL to give a service as {@code inkan.auth.url}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String operator(String operatorId, Instant issuedAt) {
        return token("operator", operatorId, null, issuedAt);
    }

    public String administrator(String contractId, String adminId, Instant issuedAt) {
        return token("admin", adminId, contractId, issuedAt);
    }

    public String user(String contractId, String userId, Instant issuedAt) {
        return token("user", userId, contractId, issuedAt);
    }

    /** A token of {@code realm} (its role is the realm in capitals, as auth-service issues them). */
    public String token(String realm, String subject, String contractId, Instant issuedAt) {
        StringBuilder claims = new StringBuilder()
                .append("{\"iss\":\"")
                .append(ISSUER)
                .append("\",\"sub\":\"")
                .append(subject)
                .append("\",\"realm\":\"")
                .append(realm)
                .append("\",\"roles\":[\"")
                .append(realm.toUpperCase(java.util.Locale.ROOT))
                .append("\"]");
        if (contractId != null) {
            claims.append(",\"contractId\":\"").append(contractId).append('"');
        }
        claims.append(",\"iat\":")
                .append(issuedAt.getEpochSecond())
                .append(",\"exp\":")
                .append(issuedAt.plus(LIFETIME).getEpochSecond())
                .append('}');
        return sign(claims.toString());
    }

    /** Any claims, signed with this key: for tokens that are wrong in some other way than their signature. */
    public String sign(String claimsJson) {
        String header = "{\"alg\":\"ES256\",\"kid\":\"" + KEY_ID + "\",\"typ\":\"JWT\"}";
        String signingInput = encode(header.getBytes(StandardCharsets.UTF_8)) + "."
                + encode(claimsJson.getBytes(StandardCharsets.UTF_8));
        try {
            // JWS wants the raw r||s form (RFC 7518 §3.4), not DER
            Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
            signature.initSign(keys.getPrivate());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + encode(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String jwks(ECPublicKey key) {
        return "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"use\":\"sig\",\"alg\":\"ES256\",\"kid\":\"" + KEY_ID
                + "\",\"x\":\"" + encode(coordinate(key.getW().getAffineX())) + "\",\"y\":\""
                + encode(coordinate(key.getW().getAffineY())) + "\"}]}";
    }

    /** A P-256 coordinate as exactly 32 big-endian bytes (RFC 7518 §6.2.1.2). */
    private static byte[] coordinate(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length == 32) {
            return bytes;
        }
        byte[] fixed = new byte[32];
        if (bytes.length > 32) {
            return Arrays.copyOfRange(bytes, bytes.length - 32, bytes.length);
        }
        System.arraycopy(bytes, 0, fixed, 32 - bytes.length, bytes.length);
        return fixed;
    }

    private static String encode(byte[] bytes) {
        return BASE64URL.encodeToString(bytes);
    }
}
