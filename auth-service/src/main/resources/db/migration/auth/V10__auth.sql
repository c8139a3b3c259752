-- auth-service's own tables. Version 1 belongs to the messaging module (outbox, inbox).

-- Every credential auth-service checks: bank operators (contract_id ''), contract administrators and
-- users. Only an Argon2id hash is stored. The failure count and the lock live beside the hash, so one
-- row lock serialises concurrent logons of one account.
CREATE TABLE account (
    realm           VARCHAR(10)  NOT NULL,
    contract_id     VARCHAR(100) NOT NULL,
    account_id      VARCHAR(100) NOT NULL,
    login_id        VARCHAR(200) UNIQUE,
    password_hash   VARCHAR(255) NOT NULL,
    failed_attempts INTEGER      NOT NULL DEFAULT 0,
    locked_at       TIMESTAMP WITH TIME ZONE,
    registered_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (realm, contract_id, account_id)
);

-- The certificates issuance-service issued, as far as certificate logon needs them.
-- status: ACTIVE, AWAITING_FIRST_USE (a renewal not yet used), SUPERSEDED, REVOKED, EXPIRED.
CREATE TABLE known_certificate (
    serial_number        VARCHAR(64)  PRIMARY KEY,
    sha256_fingerprint   VARCHAR(64)  NOT NULL UNIQUE,
    contract_id          VARCHAR(100) NOT NULL,
    user_id              VARCHAR(100) NOT NULL,
    kind                 VARCHAR(10),
    status               VARCHAR(20)  NOT NULL,
    replaces_serial      VARCHAR(64),
    not_before           TIMESTAMP WITH TIME ZONE NOT NULL,
    not_after            TIMESTAMP WITH TIME ZONE NOT NULL,
    issued_at            TIMESTAMP WITH TIME ZONE
);
CREATE INDEX known_certificate_user ON known_certificate (contract_id, user_id);

-- Users whose administrator ordered a reissue (初期化) that has not produced a certificate yet.
CREATE TABLE reissue_pending (
    contract_id   VARCHAR(100) NOT NULL,
    user_id       VARCHAR(100) NOT NULL,
    authorized_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (contract_id, user_id)
);

-- Certificate requests received over HTTP or Kafka, for polling by request ID. The primary key is
-- also what refuses a front end's replayed request ID.
CREATE TABLE certificate_request (
    request_id         VARCHAR(64)  PRIMARY KEY,
    channel            VARCHAR(10)  NOT NULL,
    contract_id        VARCHAR(100),
    user_id            VARCHAR(100),
    kind               VARCHAR(10),
    status             VARCHAR(10)  NOT NULL,
    reason             VARCHAR(40),
    detail             TEXT,
    serial_number      VARCHAR(64),
    subject            TEXT,
    issuer             TEXT,
    not_before         TIMESTAMP WITH TIME ZONE,
    not_after          TIMESTAMP WITH TIME ZONE,
    sha256_fingerprint VARCHAR(64),
    certificate_pem    TEXT,
    chain_pem          TEXT,
    requested_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    decided_at         TIMESTAMP WITH TIME ZONE
);
