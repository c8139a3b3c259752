-- Users who left their contract (UserRemoved). Their account row is deleted, so that every logon of theirs takes
-- the path of an ID that names no account (401, the same time, the same lock-out), and nobody can tell who left.
-- This row remembers the removal, so that a registration of the same user seen again never brings the account back.
CREATE TABLE removed_account (
    realm       VARCHAR(10)  NOT NULL,
    contract_id VARCHAR(100) NOT NULL,
    account_id  VARCHAR(100) NOT NULL,
    removed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (realm, contract_id, account_id)
);
