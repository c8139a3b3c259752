-- Contracts, their administrators and users. Uniqueness lives in the database, because several
-- instances of admin-service may share it.
CREATE TABLE contract (
    contract_id   VARCHAR(64)  NOT NULL PRIMARY KEY,
    name          VARCHAR(200) NOT NULL,
    registered_by VARCHAR(64)  NOT NULL,
    registered_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE administrator (
    contract_id   VARCHAR(64)  NOT NULL REFERENCES contract (contract_id),
    admin_id      VARCHAR(64)  NOT NULL,
    name          VARCHAR(200) NOT NULL,
    email         VARCHAR(254) NOT NULL,
    language      VARCHAR(35)  NOT NULL,
    locked        BOOLEAN      NOT NULL DEFAULT FALSE,
    registered_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (contract_id, admin_id)
);

-- A user and the read model of its certificate, built from auth and issuance events.
CREATE TABLE contract_user (
    contract_id          VARCHAR(64)  NOT NULL REFERENCES contract (contract_id),
    user_id              VARCHAR(64)  NOT NULL,
    name                 VARCHAR(200) NOT NULL,
    email                VARCHAR(254) NOT NULL,
    language             VARCHAR(35)  NOT NULL,
    login_id             VARCHAR(64),
    registered_by        VARCHAR(64)  NOT NULL,
    registered_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    current_serial       VARCHAR(64),
    current_not_after    TIMESTAMP WITH TIME ZONE,
    current_state        VARCHAR(16),
    pending_serial       VARCHAR(64),
    pending_not_after    TIMESTAMP WITH TIME ZONE,
    authorization_id     VARCHAR(64),
    authorization_kind   VARCHAR(16),
    authorized_at        TIMESTAMP WITH TIME ZONE,
    authorization_expires_at TIMESTAMP WITH TIME ZONE,
    locked               BOOLEAN      NOT NULL DEFAULT FALSE,
    PRIMARY KEY (contract_id, user_id),
    CONSTRAINT contract_user_login_id UNIQUE (login_id)
);

-- The audit trail: one hash chain per contract. The head row is locked while appending, so
-- concurrent appends to one chain are serialized; (contract_id, sequence) is unique as a backstop.
CREATE TABLE audit_chain (
    contract_id   VARCHAR(64) NOT NULL PRIMARY KEY,
    last_sequence BIGINT      NOT NULL,
    last_hash     VARCHAR(64) NOT NULL
);

CREATE TABLE audit_entry (
    contract_id   VARCHAR(64)  NOT NULL,
    sequence      BIGINT       NOT NULL,
    occurred_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    actor_realm   VARCHAR(16)  NOT NULL,
    actor_id      VARCHAR(64)  NOT NULL,
    action        VARCHAR(64)  NOT NULL,
    target        VARCHAR(200) NOT NULL,
    outcome       VARCHAR(32)  NOT NULL,
    detail        TEXT,
    previous_hash VARCHAR(64)  NOT NULL,
    entry_hash    VARCHAR(64)  NOT NULL,
    PRIMARY KEY (contract_id, sequence)
);
