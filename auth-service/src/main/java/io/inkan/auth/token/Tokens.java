package io.inkan.auth.token;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import io.inkan.events.Realm;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * The sessions feature's entry: signs access tokens (ES256, {@code kid} in the header) and reads back
 * the user tokens presented to this service. Claims: {@code iss}, {@code sub}, {@code realm},
 * {@code contractId} (not for operators), {@code roles}, {@code iat}, {@code exp} = iat + lifetime, and
 * {@code cert} (the serial) for a certificate session.
 *
 * <p>A user token is read back only while its session has not ended: a token issued ({@code iat}) at or
 * before the user's last reissue, revocation or lock-out (as {@link EndedSessions} knows it) is refused.
 * {@code iat} counts whole seconds, so a token opened in the same second just after such an end is
 * refused too: the user logs on again, never the other way round.
 */
public class Tokens {
    private final SigningKeys keys;
    private final JwtDecoder decoder;
    private final Clock clock;
    private final TokenProperties properties;
    private final EndedSessions endedSessions;
    private volatile Signer signer;

    Tokens(SigningKeys keys, JwtDecoder decoder, Clock clock, TokenProperties properties, EndedSessions endedSessions) {
        this.keys = keys;
        this.decoder = decoder;
        this.clock = clock;
        this.properties = properties;
        this.endedSessions = endedSessions;
    }

    public AccessToken issue(Session session) {
        Instant now = clock.instant();
        Instant expires = now.plus(properties.lifetime());
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(properties.issuer())
                .subject(session.subject())
                .issuedAt(now)
                .expiresAt(expires)
                .id(UUID.randomUUID().toString())
                .claim("realm", session.realm().name().toLowerCase(Locale.ROOT))
                .claim("roles", List.of(session.realm().name()));
        if (session.realm() != Realm.OPERATOR) {
            claims.claim("contractId", session.contractId());
        }
        if (session.certificateSerial() != null) {
            claims.claim("cert", session.certificateSerial());
        }
        Signer current = signer();
        Jwt jwt = current.encoder.encode(JwtEncoderParameters.from(
                JwsHeader.with(SignatureAlgorithm.ES256)
                        .keyId(current.key.getKeyID())
                        .type("JWT")
                        .build(),
                claims.build()));
        return new AccessToken(jwt.getTokenValue(), properties.lifetime().toSeconds());
    }

    /**
     * Reads a bearer token this service issued to a user.
     *
     * @throws InvalidTokenException when it is not such a token, or no longer valid (expired, or its
     *     session ended)
     */
    public Session readUserToken(String token) {
        Session session = readToken(token);
        if (session.realm() != Realm.USER) {
            throw new InvalidTokenException("not a user's token");
        }
        return session;
    }

    /**
     * Reads a bearer token this service issued to anyone: a user, an administrator or an operator. A token issued
     * at or before the end of its holder's sessions (a user's reissue, revocation, lock-out or password change; an
     * administrator's or operator's password change) is refused.
     *
     * @throws InvalidTokenException when it is not such a token, or no longer valid
     */
    public Session readToken(String token) {
        Jwt jwt;
        try {
            jwt = decoder.decode(token);
        } catch (JwtException e) {
            throw new InvalidTokenException(
                    "the token is not valid: " + e.getClass().getSimpleName());
        }
        Map<String, Object> claims = jwt.getClaims();
        Realm realm = realmOf(claims.get("realm"));
        if (realm == null
                || jwt.getSubject() == null
                || (realm != Realm.OPERATOR && claims.get("contractId") == null)) {
            throw new InvalidTokenException("not a token of a user, an administrator or an operator");
        }
        String contractId = realm == Realm.OPERATOR ? null : String.valueOf(claims.get("contractId"));
        Instant issuedAt = jwt.getIssuedAt();
        if (issuedAt == null) {
            throw new InvalidTokenException("the token has no issue time");
        }
        endedSessions.lastEndOf(realm, contractId, jwt.getSubject()).ifPresent(end -> {
            if (!issuedAt.isAfter(end)) {
                throw new InvalidTokenException(
                        "the session ended after a reissue, revocation, lock-out or password change");
            }
        });
        Object cert = realm == Realm.USER ? claims.get("cert") : null;
        return new Session(realm, contractId, jwt.getSubject(), cert == null ? null : String.valueOf(cert));
    }

    private static Realm realmOf(Object claim) {
        if (claim == null) {
            return null;
        }
        for (Realm realm : Realm.values()) {
            if (realm.name().toLowerCase(Locale.ROOT).equals(claim)) {
                return realm;
            }
        }
        return null;
    }

    JWKSet publicKeys() {
        return keys.publicKeys();
    }

    private Signer signer() {
        ECKey current = keys.current();
        Signer existing = signer;
        if (existing == null || existing.key != current) {
            existing = new Signer(current, new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(current))));
            signer = existing;
        }
        return existing;
    }

    private record Signer(ECKey key, NimbusJwtEncoder encoder) {}

    /** When a user's sessions last ended, if they ever did. */
    @FunctionalInterface
    public interface EndedSessions {
        Optional<Instant> lastEndOf(String contractId, String userId);

        /** As {@link #lastEndOf(String, String)} for an account of any realm; only users' sessions end here. */
        default Optional<Instant> lastEndOf(Realm realm, String contractId, String accountId) {
            return realm == Realm.USER ? lastEndOf(contractId, accountId) : Optional.empty();
        }
    }

    /** A bearer token that does not open a user session here. */
    public static final class InvalidTokenException extends RuntimeException {
        InvalidTokenException(String message) {
            super(message);
        }
    }
}
