package io.inkan.issuance.certificate;

import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * A CSR that parsed, whose signature verified and whose key the policy accepts. Only its key is used: the subject
 * and any requested extensions are ignored.
 *
 * @param spkiSha256 lowercase hex SHA-256 of the DER SubjectPublicKeyInfo, the key's identity for KEY_REUSED
 */
record CheckedCsr(SubjectPublicKeyInfo publicKey, String spkiSha256) {}
