-- Issue 11: no enumeration, sessions that end when the right ends.

-- Failure counts and locks of IDs that name no account, so that an unknown ID answers exactly like a
-- real one (401, then 423 after inkan.auth.max-failed-attempts). The ID is kept only as the SHA-256 of
-- its realm and parts (id_hash, hex): every row has the same small size whatever a caller sent, and
-- the table holds no list of guessed names. A row goes when its ID is registered, or when no failure
-- was counted on it for inkan.auth.unknown-ids.retention (last_failed_at; for a locked row that is
-- when it locked), so that spraying IDs cannot fill the disk.
CREATE TABLE unknown_account (
    id_hash         VARCHAR(64) PRIMARY KEY,
    failed_attempts INTEGER     NOT NULL,
    locked_at       TIMESTAMP WITH TIME ZONE,
    last_failed_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX unknown_account_last_failed_at ON unknown_account (last_failed_at);

-- Per user, when auth-service (by its own clock) applied the last event that ends the user's sessions:
-- a reissue (CertificateReissueAuthorized), a revocation other than superseded (CertificateRevoked),
-- or a lock-out. A user token issued at or before that time no longer asks for a certificate.
CREATE TABLE session_end (
    contract_id VARCHAR(100) NOT NULL,
    user_id     VARCHAR(100) NOT NULL,
    ended_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (contract_id, user_id)
);
