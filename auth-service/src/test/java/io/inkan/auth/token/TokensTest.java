package io.inkan.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.SignedJWT;
import io.inkan.events.Realm;
import io.inkan.messaging.keys.KeyVault;
import io.inkan.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TokensTest {
    private final MutableClock clock = MutableClock.at("2026-03-01T09:00:00Z");

    private final Map<String, Instant> sessionEnds = new HashMap<>();

    /** One vault per name, as one database per service: instances that share it share keys. */
    private final Map<String, InMemoryVault> vaults = new HashMap<>();

    private Tokens tokens(String vault) {
        TokenProperties properties =
                new TokenProperties(Duration.ofSeconds(900), Duration.ofDays(30), Duration.ofMinutes(1), "inkan-auth");
        TokenConfiguration configuration = new TokenConfiguration();
        SigningKeys keys = configuration.signingKeys(
                vaults.computeIfAbsent(vault, name -> new InMemoryVault(clock)), properties, clock);
        return configuration.tokens(
                keys,
                configuration.jwtDecoder(keys, properties, clock),
                clock,
                properties,
                (contractId, userId) -> Optional.ofNullable(sessionEnds.get(contractId + ":" + userId)));
    }

    @Test
    void aCertificateSessionTokenCarriesTheAgreedClaimsAndLivesNineHundredSeconds() throws Exception {
        Tokens tokens = tokens("keys");

        AccessToken token = tokens.issue(new Session(Realm.USER, "C0012345", "U001", "a3f1c9"));

        assertThat(token.expiresInSeconds()).isEqualTo(900);
        SignedJWT jwt = SignedJWT.parse(token.value());
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
        assertThat(jwt.getHeader().getKeyID()).isNotBlank();
        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("inkan-auth");
        assertThat(claims.getSubject()).isEqualTo("U001");
        assertThat(claims.getStringClaim("realm")).isEqualTo("user");
        assertThat(claims.getStringClaim("contractId")).isEqualTo("C0012345");
        assertThat(claims.getStringListClaim("roles")).containsExactly("USER");
        assertThat(claims.getStringClaim("cert")).isEqualTo("a3f1c9");
        assertThat(claims.getIssueTime()).isEqualTo(Date.from(clock.instant()));
        assertThat(claims.getExpirationTime())
                .isEqualTo(Date.from(clock.instant().plusSeconds(900)));

        Session read = tokens.readUserToken(token.value());
        assertThat(read).isEqualTo(new Session(Realm.USER, "C0012345", "U001", "a3f1c9"));
    }

    @Test
    void anOperatorTokenHasNoContract() throws Exception {
        Tokens tokens = tokens("keys");

        var claims = SignedJWT.parse(tokens.issue(new Session(Realm.OPERATOR, null, "operator", null))
                        .value())
                .getJWTClaimsSet();

        assertThat(claims.getClaims()).doesNotContainKeys("contractId", "cert");
        assertThat(claims.getStringListClaim("roles")).containsExactly("OPERATOR");
        assertThat(claims.getStringClaim("realm")).isEqualTo("operator");
    }

    @Test
    void aTokenStopsWorkingOnceItExpires() {
        Tokens tokens = tokens("keys");
        String token = tokens.issue(new Session(Realm.USER, "C1", "U1", null)).value();

        clock.advance(Duration.ofSeconds(899));
        assertThat(tokens.readUserToken(token).subject()).isEqualTo("U1");

        clock.advance(Duration.ofSeconds(60)); // past exp and the 30 s allowance
        assertThatThrownBy(() -> tokens.readUserToken(token)).isInstanceOf(Tokens.InvalidTokenException.class);
    }

    @Test
    void anAdministratorsTokenDoesNotPassAsAUsers() {
        Tokens tokens = tokens("keys");
        String token = tokens.issue(new Session(Realm.ADMIN, "C1", "A1", null)).value();

        assertThatThrownBy(() -> tokens.readUserToken(token)).isInstanceOf(Tokens.InvalidTokenException.class);
    }

    @Test
    void keysSurviveARestartAndRotationKeepsThePreviousKeyInTheJwks() throws Exception {
        Tokens first = tokens("keys");
        String before = first.issue(new Session(Realm.USER, "C1", "U1", null)).value();
        String firstKid = SignedJWT.parse(before).getHeader().getKeyID();

        Tokens restarted = tokens("keys");
        assertThat(restarted.readUserToken(before).subject()).isEqualTo("U1");

        clock.advance(Duration.ofDays(30).plusMinutes(1));
        Tokens rotated = tokens("keys");
        clock.advance(Duration.ofMinutes(3)); // the new generation signs once every instance could publish it
        String after = rotated.issue(new Session(Realm.USER, "C1", "U1", null)).value();

        assertThat(SignedJWT.parse(after).getHeader().getKeyID()).isNotEqualTo(firstKid);
        List<String> kids =
                rotated.publicKeys().getKeys().stream().map(JWK::getKeyID).toList();
        assertThat(kids).contains(firstKid, SignedJWT.parse(after).getHeader().getKeyID());
        assertThat(rotated.publicKeys().getKeys())
                .allSatisfy(k -> assertThat(k.isPrivate()).isFalse());
    }

    @Test
    void aTokenFromAnotherKeyIsRefused() {
        Tokens ours = tokens("ours");
        Tokens theirs = tokens("theirs");
        String foreign = theirs.issue(new Session(Realm.USER, "C1", "U1", null)).value();

        assertThatThrownBy(() -> ours.readUserToken(foreign)).isInstanceOf(Tokens.InvalidTokenException.class);
    }

    @Test
    void aSessionOpenedBeforeItsUserSessionsEndedIsRefusedAndOneOpenedAfterIsRead() {
        Tokens tokens = tokens("keys");
        String before =
                tokens.issue(new Session(Realm.USER, "C1", "U1", "a3f1c9")).value();
        String otherUser =
                tokens.issue(new Session(Realm.USER, "C1", "U2", null)).value();

        clock.advance(Duration.ofMillis(400));
        sessionEnds.put("C1:U1", clock.instant()); // e.g. a reissue applied now

        assertThatThrownBy(() -> tokens.readUserToken(before))
                .isInstanceOf(Tokens.InvalidTokenException.class)
                .hasMessageContaining("session ended");
        assertThat(tokens.readUserToken(otherUser).subject()).isEqualTo("U2");

        clock.advance(Duration.ofSeconds(1));
        String after = tokens.issue(new Session(Realm.USER, "C1", "U1", null)).value();
        assertThat(tokens.readUserToken(after).subject()).isEqualTo("U1");
    }

    @Test
    void aTokenIssuedInTheSameSecondAsTheEndIsRefusedSinceIatCountsWholeSeconds() {
        Tokens tokens = tokens("keys");
        sessionEnds.put("C1:U1", clock.instant().plusMillis(300));
        clock.advance(Duration.ofMillis(600)); // opened just after the end, within its second

        String sameSecond =
                tokens.issue(new Session(Realm.USER, "C1", "U1", null)).value();

        assertThatThrownBy(() -> tokens.readUserToken(sameSecond)).isInstanceOf(Tokens.InvalidTokenException.class);
    }

    /** The key vault's contract (first store wins, listed oldest first), without its database and wrapping. */
    private record InMemoryVault(MutableClock clock, Map<String, KeyVault.Entry> entries) implements SigningKeys.Store {
        InMemoryVault(MutableClock clock) {
            this(clock, new TreeMap<>());
        }

        @Override
        public List<KeyVault.Entry> list(String prefix) {
            return entries.values().stream()
                    .filter(e -> e.name().startsWith(prefix))
                    .sorted(java.util.Comparator.comparing(KeyVault.Entry::createdAt))
                    .toList();
        }

        @Override
        public boolean storeIfAbsent(String name, byte[] secret) {
            return entries.putIfAbsent(name, new KeyVault.Entry(name, secret, clock.instant())) == null;
        }

        @Override
        public boolean remove(String name) {
            return entries.remove(name) != null;
        }
    }
}
