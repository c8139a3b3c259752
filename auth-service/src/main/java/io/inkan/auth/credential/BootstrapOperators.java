package io.inkan.auth.credential;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code inkan.operators[n].id} / {@code .password}: bank operators made at start-up besides the one of
 * {@code inkan.operator.*}. A bank configures at least two, so that an operator who locked themselves out
 * is unlocked by another: a restart does not unlock anyone.
 */
@Validated
@ConfigurationProperties("inkan")
record BootstrapOperators(@DefaultValue @Valid List<Operator> operators) {

    record Operator(@NotBlank String id, @NotBlank String password) {
        @Override
        public String toString() {
            return "Operator[id=" + id + "]"; // never the password
        }
    }
}
