package io.inkan.admin;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.inkan.testsupport.Csrs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * What admin-service needs of auth-service, served over real HTTP: the JWKS of an EC signing key
 * whose tokens the tests mint, and an RSA-3072 sealing certificate whose private key the tests keep
 * to open sealed passwords. One per JVM, so every IT shares one Spring context.
 */
public final class StubAuthService {
    private static final StubAuthService INSTANCE = new StubAuthService();

    private final ECKey signingKey;
    private final KeyPair sealingKeys;
    private final X509Certificate sealingCertificate;
    private final HttpServer server;

    private StubAuthService() {
        try {
            KeyPair ec = Csrs.p256();
            signingKey = new ECKey.Builder(Curve.P_256, (ECPublicKey) ec.getPublic())
                    .privateKey((ECPrivateKey) ec.getPrivate())
                    .keyID("test-key-1")
                    .build();
            sealingKeys = Csrs.rsa(3072);
            sealingCertificate = selfSigned(sealingKeys, "CN=Inkan test sealing");
            String jwks = new JWKSet(signingKey.toPublicJWK()).toString();
            String pem = Csrs.pem(sealingCertificate);
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/.well-known/jwks.json", exchange -> {
                byte[] body = jwks.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.createContext("/api/v1/sealing-certificate", exchange -> {
                byte[] body = pem.getBytes(StandardCharsets.US_ASCII);
                exchange.getResponseHeaders().add("Content-Type", "application/x-pem-file");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static StubAuthService get() {
        return INSTANCE;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public PrivateKey sealingPrivateKey() {
        return sealingKeys.getPrivate();
    }

    public String operatorToken(String operatorId) {
        return token("operator", operatorId, null, "OPERATOR");
    }

    public String adminToken(String contractId, String adminId) {
        return token("admin", adminId, contractId, "ADMIN");
    }

    public String userToken(String contractId, String userId) {
        return token("user", userId, contractId, "USER");
    }

    public String token(String realm, String subject, String contractId, String role) {
        return sign(signingKey, claims(realm, subject, contractId, role, Instant.now()));
    }

    public static JWTClaimsSet claims(String realm, String subject, String contractId, String role, Instant issuedAt) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer("inkan-auth")
                .subject(subject)
                .claim("realm", realm)
                .claim("roles", List.of(role))
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plus(Duration.ofSeconds(900))));
        if (contractId != null) {
            claims.claim("contractId", contractId);
        }
        return claims.build();
    }

    public static String sign(ECKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.ES256)
                            .keyID(key.getKeyID())
                            .build(),
                    claims);
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token signed with this stub's key but different claims (expired, other issuer...). */
    public String sign(JWTClaimsSet claims) {
        return sign(signingKey, claims);
    }

    public static X509Certificate selfSigned(KeyPair keys, String subject) throws Exception {
        X500Name name = new X500Name(subject);
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(
                name,
                BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(Duration.ofDays(365))),
                name,
                keys.getPublic());
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
    }
}
