-- Safe retries of POST /api/v1/certificate-requests (docs/contract.md §4).

-- An Idempotency-Key, scoped to the user it was given by. request_hash is SHA-256 over the user and the CSR's DER
-- (never the password), so the same key with another body can be told apart. Kept for a bounded time.
CREATE TABLE idempotency_key (
    contract_id     VARCHAR(100) NOT NULL,
    user_id         VARCHAR(100) NOT NULL,
    idempotency_key VARCHAR(255) NOT NULL,
    request_hash    VARCHAR(64)  NOT NULL,
    request_id      VARCHAR(64)  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (contract_id, user_id, idempotency_key)
);
CREATE INDEX idempotency_key_created ON idempotency_key (created_at);

-- The user's requests that are still PENDING or ISSUED, by their CSR's public key (SHA-256 of the
-- SubjectPublicKeyInfo). The primary key makes two identical POSTs at once end in one request; a rejection
-- deletes the row, so a REJECTED request does not answer a later one.
CREATE TABLE open_request_key (
    contract_id    VARCHAR(100) NOT NULL,
    user_id        VARCHAR(100) NOT NULL,
    public_key_sha256 VARCHAR(64) NOT NULL,
    request_id     VARCHAR(64)  NOT NULL,
    PRIMARY KEY (contract_id, user_id, public_key_sha256)
);
CREATE INDEX open_request_key_request ON open_request_key (request_id);
