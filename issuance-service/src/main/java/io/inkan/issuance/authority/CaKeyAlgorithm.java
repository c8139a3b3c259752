package io.inkan.issuance.authority;

/** The key types a locally generated CA is made with. */
public enum CaKeyAlgorithm {
    /** EC P-384 root, EC P-256 issuing CA. */
    EC,
    /** RSA 3072 root and issuing CA, for relying parties that cannot check ECDSA. */
    RSA
}
