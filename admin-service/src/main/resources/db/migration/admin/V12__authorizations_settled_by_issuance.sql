-- issuance-service owns the rights to a certificate and when an authorization lapses; admin-service keeps every
-- authorization it granted, as issuance-service does, and marks each USED (a CertificateIssued names it) or LAPSED
-- (AuthorizationLapsed) when issuance-service says so. Until then it is OUTSTANDING. An administrator may have
-- granted a reissue while an issuance authorization was outstanding: both are kept, one row each.
CREATE TABLE user_authorization (
    authorization_id VARCHAR(64) NOT NULL PRIMARY KEY,
    contract_id      VARCHAR(64) NOT NULL,
    user_id          VARCHAR(64) NOT NULL,
    kind             VARCHAR(16) NOT NULL,
    authorized_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    status           VARCHAR(16) NOT NULL,
    CONSTRAINT user_authorization_user FOREIGN KEY (contract_id, user_id)
        REFERENCES contract_user (contract_id, user_id)
);
CREATE INDEX user_authorization_of_user ON user_authorization (contract_id, user_id, authorized_at);

-- The one authorization the read model held before: outstanding until issuance-service says what became of it (its
-- own expiry, computed here from a copy of the property, is no longer admin-service's to judge).
INSERT INTO user_authorization (authorization_id, contract_id, user_id, kind, authorized_at, status)
SELECT authorization_id, contract_id, user_id, COALESCE(authorization_kind, 'ISSUANCE'),
       COALESCE(authorized_at, registered_at), 'OUTSTANDING'
FROM contract_user
WHERE authorization_id IS NOT NULL;

ALTER TABLE contract_user DROP COLUMN authorization_id;
ALTER TABLE contract_user DROP COLUMN authorization_kind;
ALTER TABLE contract_user DROP COLUMN authorized_at;
ALTER TABLE contract_user DROP COLUMN authorization_expires_at;
