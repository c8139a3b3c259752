-- One mail per act of revocation: a reissue or a revocation order revokes every usable certificate of the user
-- (the current one and a renewal awaiting its first use) at one instant, one CertificateRevoked each; the user is
-- told once. The first revocation of an act claims its row here in the transaction that queues the mail.
CREATE TABLE revocation_notice (
    contract_id VARCHAR(64)  NOT NULL,
    user_id     VARCHAR(128) NOT NULL,
    cause       VARCHAR(32)  NOT NULL,
    revoked_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (contract_id, user_id, cause, revoked_at)
);
