package io.inkan.auth.token;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.inkan.messaging.Periodic;
import io.inkan.messaging.keys.KeyVault;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** The sessions feature: signing keys, the token service, and a decoder for this service's own tokens. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TokenProperties.class)
public class TokenConfiguration {
    /** The signing keys every instance shares, from the key vault (which needs {@code inkan.keys.encryption-key}). */
    @Bean
    SigningKeys signingKeys(KeyVault vault, TokenProperties properties, Clock clock) {
        return signingKeys(
                new SigningKeys.Store() {
                    @Override
                    public List<KeyVault.Entry> list(String prefix) {
                        return vault.list(prefix);
                    }

                    @Override
                    public boolean storeIfAbsent(String name, byte[] secret) {
                        return vault.storeIfAbsent(name, secret);
                    }

                    @Override
                    public boolean remove(String name) {
                        return vault.remove(name);
                    }
                },
                properties,
                clock);
    }

    SigningKeys signingKeys(SigningKeys.Store store, TokenProperties properties, Clock clock) {
        return new SigningKeys(store, properties.rotation(), clock);
    }

    /** Every instance reloads the generations on its own, so each publishes a new one before any signs with it. */
    @Bean
    Periodic signingKeyRefresh(SigningKeys keys, TokenProperties properties) {
        return new Periodic("token-signing-keys", properties.keyRefresh(), keys::refresh);
    }

    /** Verifies tokens against this service's own public keys, with the injected clock. */
    @Bean
    JwtDecoder jwtDecoder(SigningKeys keys, TokenProperties properties, Clock clock) {
        JWKSource<SecurityContext> source = (selector, context) -> selector.select(keys.publicKeys());
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(source)
                .jwsAlgorithm(SignatureAlgorithm.ES256)
                .build();
        JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ofSeconds(30));
        timestamps.setClock(clock);
        decoder.setJwtValidator(
                new DelegatingOAuth2TokenValidator<>(timestamps, new JwtIssuerValidator(properties.issuer())));
        return decoder;
    }

    @Bean
    Tokens tokens(
            SigningKeys keys,
            JwtDecoder jwtDecoder,
            Clock clock,
            TokenProperties properties,
            Tokens.EndedSessions endedSessions) {
        return new Tokens(keys, jwtDecoder, clock, properties, endedSessions);
    }
}
