package io.inkan.admin.user;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code inkan.issuance.acquisition-code}: whether an administrator's authorization (発行手続き, 初期化) answers a
 * one-time acquisition code that the user's certificate request must carry (docs/contract.md §4). admin-service
 * alone reads it: whether an authorization has a code travels with the authorization (its hash in the event).
 */
@ConfigurationProperties("inkan.issuance")
record AcquisitionCodeProperties(@DefaultValue("NONE") AcquisitionCodeMode acquisitionCode) {

    enum AcquisitionCodeMode {
        /** The administrator's authorization alone lets the user obtain a certificate. */
        NONE,
        /** The user must also give the code the authorization answered, once, to the administrator. */
        REQUIRED
    }

    boolean required() {
        return acquisitionCode == AcquisitionCodeMode.REQUIRED;
    }
}
