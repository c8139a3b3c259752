-- Rolling to a new issuing CA: every certificate records the key ID of the CA that signed it (the SHA-1 of the CA's
-- public key, as OCSP's issuerKeyHash), and each issuing CA has its own CRL. Certificates stored before have NULL
-- here until the service, at start-up, finds their signer by their signature; the one CRL row there was belongs to the
-- CA whose signature it carries.
ALTER TABLE certificate ADD COLUMN issuer_key_id VARCHAR(64);
CREATE INDEX certificate_issuer_revoked ON certificate (issuer_key_id, status, not_after);

ALTER TABLE crl ADD COLUMN issuer_key_id VARCHAR(64);
CREATE UNIQUE INDEX crl_issuer ON crl (issuer_key_id);
