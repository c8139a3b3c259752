-- issuance-service: issuance rights, requests, certificates, used keys, serial numbers, the CRL.

-- An administrator's permission for one issuance (IssuanceAuthorized, CertificateReissueAuthorized).
CREATE TABLE issuance_authorization (
    authorization_id VARCHAR(200) PRIMARY KEY,
    contract_id      VARCHAR(100) NOT NULL,
    user_id          VARCHAR(100) NOT NULL,
    kind             VARCHAR(20)  NOT NULL,
    authorized_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    -- one authorization, one issuance: the request that used it up
    used_by_request  VARCHAR(200) UNIQUE,
    used_at          TIMESTAMP WITH TIME ZONE
);
CREATE INDEX issuance_authorization_user ON issuance_authorization (contract_id, user_id);

-- Every CertificateRequested seen, by request ID: the same request delivered twice is decided once.
-- PENDING requests wait for an authorization until hold_until.
CREATE TABLE certificate_request (
    request_id    VARCHAR(200) PRIMARY KEY,
    contract_id   VARCHAR(100) NOT NULL,
    user_id       VARCHAR(100) NOT NULL,
    kind          VARCHAR(20)  NOT NULL,
    csr_pem       TEXT,
    requested_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    received_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    hold_until    TIMESTAMP WITH TIME ZONE NOT NULL,
    status        VARCHAR(20)  NOT NULL,
    reason        VARCHAR(40),
    serial_number VARCHAR(64),
    decided_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX certificate_request_due ON certificate_request (status, hold_until);
CREATE INDEX certificate_request_user ON certificate_request (contract_id, user_id, status);

-- Serial numbers reserved before signing, so that none is ever used twice, even for a certificate whose signing
-- failed.
CREATE TABLE serial_number (
    serial_number VARCHAR(64) PRIMARY KEY,
    reserved_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Issued certificates. slot is CURRENT for the user's usable certificate, SUCCESSOR for a renewal not yet used to
-- log on, NULL once revoked or expired: the unique constraint makes "one usable certificate per user (and one
-- renewal beside it)" a database rule. NULLs are distinct in a unique constraint on PostgreSQL and H2.
CREATE TABLE certificate (
    serial_number          VARCHAR(64)  PRIMARY KEY,
    request_id             VARCHAR(200) NOT NULL UNIQUE,
    contract_id            VARCHAR(100) NOT NULL,
    user_id                VARCHAR(100) NOT NULL,
    kind                   VARCHAR(20)  NOT NULL,
    subject                VARCHAR(1000) NOT NULL,
    not_before             TIMESTAMP WITH TIME ZONE NOT NULL,
    not_after              TIMESTAMP WITH TIME ZONE NOT NULL,
    sha256_fingerprint     VARCHAR(64)  NOT NULL,
    spki_sha256            VARCHAR(64)  NOT NULL,
    pem                    TEXT         NOT NULL,
    status                 VARCHAR(20)  NOT NULL,
    slot                   VARCHAR(20),
    replaces_serial_number VARCHAR(64),
    issued_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at             TIMESTAMP WITH TIME ZONE,
    revocation_reason      VARCHAR(40),
    CONSTRAINT certificate_one_per_slot UNIQUE (contract_id, user_id, slot)
);
CREATE INDEX certificate_expiry ON certificate (status, not_after);
CREATE INDEX certificate_user ON certificate (contract_id, user_id);
CREATE INDEX certificate_revoked ON certificate (status, revoked_at);

-- Public keys ever certified (SHA-256 of the SubjectPublicKeyInfo): never certified again (KEY_REUSED).
CREATE TABLE used_public_key (
    spki_sha256        VARCHAR(64) PRIMARY KEY,
    serial_number      VARCHAR(64) NOT NULL,
    first_certified_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The current CRL (one row). Its row lock serialises CRL numbers across instances.
CREATE TABLE crl (
    id          INTEGER PRIMARY KEY,
    crl_number  BIGINT NOT NULL,
    this_update TIMESTAMP WITH TIME ZONE NOT NULL,
    next_update TIMESTAMP WITH TIME ZONE NOT NULL,
    der_base64  TEXT NOT NULL
);
INSERT INTO crl (id, crl_number, this_update, next_update, der_base64)
    VALUES (1, 0, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00', TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00', '');
