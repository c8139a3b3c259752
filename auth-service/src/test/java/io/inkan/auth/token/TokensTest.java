package io.inkan.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.SignedJWT;
import io.inkan.events.Realm;
import io.inkan.testsupport.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokensTest {
    private final MutableClock clock = MutableClock.at("2026-03-01T09:00:00Z");

    private final Map<String, Instant> sessionEnds = new HashMap<>();

    @TempDir
    Path dir;

    private Tokens tokens(Path file) {
        TokenProperties properties =
                new TokenProperties(file, Duration.ofSeconds(900), Duration.ofDays(30), 3, "inkan-auth");
        TokenConfiguration configuration = new TokenConfiguration();
        SigningKeys keys = configuration.signingKeys(properties, clock);
        return configuration.tokens(
                keys,
                configuration.jwtDecoder(keys, properties, clock),
                clock,
                properties,
                (contractId, userId) -> Optional.ofNullable(sessionEnds.get(contractId + ":" + userId)));
    }

    @Test
    void aCertificateSessionTokenCarriesTheAgreedClaimsAndLivesNineHundredSeconds() throws Exception {
        Tokens tokens = tokens(dir.resolve("keys.json"));

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
        Tokens tokens = tokens(dir.resolve("keys.json"));

        var claims = SignedJWT.parse(tokens.issue(new Session(Realm.OPERATOR, null, "operator", null))
                        .value())
                .getJWTClaimsSet();

        assertThat(claims.getClaims()).doesNotContainKeys("contractId", "cert");
        assertThat(claims.getStringListClaim("roles")).containsExactly("OPERATOR");
        assertThat(claims.getStringClaim("realm")).isEqualTo("operator");
    }

    @Test
    void aTokenStopsWorkingOnceItExpires() {
        Tokens tokens = tokens(dir.resolve("keys.json"));
        String token = tokens.issue(new Session(Realm.USER, "C1", "U1", null)).value();

        clock.advance(Duration.ofSeconds(899));
        assertThat(tokens.readUserToken(token).subject()).isEqualTo("U1");

        clock.advance(Duration.ofSeconds(60)); // past exp and the 30 s allowance
        assertThatThrownBy(() -> tokens.readUserToken(token)).isInstanceOf(Tokens.InvalidTokenException.class);
    }

    @Test
    void anAdministratorsTokenDoesNotPassAsAUsers() {
        Tokens tokens = tokens(dir.resolve("keys.json"));
        String token = tokens.issue(new Session(Realm.ADMIN, "C1", "A1", null)).value();

        assertThatThrownBy(() -> tokens.readUserToken(token)).isInstanceOf(Tokens.InvalidTokenException.class);
    }

    @Test
    void keysSurviveARestartAndRotationKeepsThePreviousKeyInTheJwks() throws Exception {
        Path file = dir.resolve("keys.json");
        Tokens first = tokens(file);
        String before = first.issue(new Session(Realm.USER, "C1", "U1", null)).value();
        String firstKid = SignedJWT.parse(before).getHeader().getKeyID();

        Tokens restarted = tokens(file);
        assertThat(restarted.readUserToken(before).subject()).isEqualTo("U1");

        clock.advance(Duration.ofDays(30).plusMinutes(1));
        Tokens rotated = tokens(file);
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
        Tokens ours = tokens(dir.resolve("ours.json"));
        Tokens theirs = tokens(dir.resolve("theirs.json"));
        String foreign = theirs.issue(new Session(Realm.USER, "C1", "U1", null)).value();

        assertThatThrownBy(() -> ours.readUserToken(foreign)).isInstanceOf(Tokens.InvalidTokenException.class);
    }

    @Test
    void aSessionOpenedBeforeItsUserSessionsEndedIsRefusedAndOneOpenedAfterIsRead() {
        Tokens tokens = tokens(dir.resolve("keys.json"));
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
        Tokens tokens = tokens(dir.resolve("keys.json"));
        sessionEnds.put("C1:U1", clock.instant().plusMillis(300));
        clock.advance(Duration.ofMillis(600)); // opened just after the end, within its second

        String sameSecond =
                tokens.issue(new Session(Realm.USER, "C1", "U1", null)).value();

        assertThatThrownBy(() -> tokens.readUserToken(sameSecond)).isInstanceOf(Tokens.InvalidTokenException.class);
    }
}
