package io.inkan.auth.credential;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({CredentialProperties.class, OperatorProperties.class})
class CredentialConfiguration {
    @Bean
    PasswordHashing passwordHashing() {
        return new PasswordHashing();
    }
}
