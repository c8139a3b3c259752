package io.inkan.auth.token;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Clock;
import java.time.Duration;
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
    @Bean
    SigningKeys signingKeys(TokenProperties properties, Clock clock) {
        return new SigningKeys(properties.signingKeys(), properties.keyRotation(), properties.retainedKeys(), clock);
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
