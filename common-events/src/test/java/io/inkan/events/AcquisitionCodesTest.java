package io.inkan.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class AcquisitionCodesTest {
    private final SecureRandom random = new SecureRandom();

    @Test
    void aCodeIsSixteenCrockfordCharactersInFourGroups() {
        String code = AcquisitionCodes.newCode(random);
        assertThat(code).matches("[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}");
    }

    @Test
    void theCodeAsShownMatchesItsHashAndTheHashDoesNotHoldIt() {
        String code = AcquisitionCodes.newCode(random);
        String hash = AcquisitionCodes.hash(code, random);
        assertThat(hash).startsWith("sha256:").doesNotContain(code).doesNotContain(code.replace("-", ""));
        assertThat(AcquisitionCodes.matches(code, hash)).isTrue();
    }

    @Test
    void aTypedCodeIsReadAsCrockfordReadsIt() {
        String hash = AcquisitionCodes.hash("0123-4567-89AB-CDEF", random);
        assertThat(AcquisitionCodes.matches("o123 4567 89ab cdef", hash)).isTrue();
        assertThat(AcquisitionCodes.matches("0I23-4567-89AB-CDEF", hash)).isTrue();
        assertThat(AcquisitionCodes.matches("0123-4567-89AB-CDEE", hash)).isFalse();
        assertThat(AcquisitionCodes.matches("0L23-4567-89AB-CDEF", AcquisitionCodes.hash("0123456789ABCDEF", random)))
                .isTrue();
    }

    @Test
    void anotherCodeAMissingCodeOrAForeignHashDoNotMatch() {
        String code = AcquisitionCodes.newCode(random);
        String hash = AcquisitionCodes.hash(code, random);
        assertThat(AcquisitionCodes.matches(AcquisitionCodes.newCode(random), hash))
                .isFalse();
        assertThat(AcquisitionCodes.matches(null, hash)).isFalse();
        assertThat(AcquisitionCodes.matches("", hash)).isFalse();
        assertThat(AcquisitionCodes.matches(code, "md5:abc:def")).isFalse();
        assertThat(AcquisitionCodes.matches(code, "sha256:!!:??")).isFalse();
    }

    @Test
    void theSameCodeHashesDifferentlyEachTime() {
        String code = AcquisitionCodes.newCode(random);
        assertThat(AcquisitionCodes.hash(code, random)).isNotEqualTo(AcquisitionCodes.hash(code, random));
    }
}
