-- The one-time acquisition code (inkan.issuance.acquisition-code=REQUIRED, docs/contract.md §4).

-- An administrator's authorization that came with an acquisition code: the salted SHA-256 of the code as the
-- event carried it (never the code), and the wrong codes given with the user's right password. Closed when five
-- wrong codes voided it, or issuance-service said it lapsed; a known certificate naming it means it was used.
CREATE TABLE acquisition_code (
    authorization_id VARCHAR(200) PRIMARY KEY,
    contract_id      VARCHAR(100) NOT NULL,
    user_id          VARCHAR(100) NOT NULL,
    kind             VARCHAR(20)  NOT NULL,
    code_hash        VARCHAR(200) NOT NULL,
    authorized_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    failed_attempts  INTEGER      NOT NULL DEFAULT 0,
    closed_at        TIMESTAMP WITH TIME ZONE,
    closed_because   VARCHAR(40)
);
CREATE INDEX acquisition_code_user ON acquisition_code (contract_id, user_id);
