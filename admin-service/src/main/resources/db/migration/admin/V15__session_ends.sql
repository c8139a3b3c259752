-- Issue 14: an administrator's or an operator's password change ends the sessions they opened before it.
-- ended_at is the later of the change (auth-service's clock, in PasswordChanged) and this service's clock when
-- it applied the event, so no skew between the two lets a token from before the change through.
-- Operators belong to no contract: contract_id ''.
CREATE TABLE session_end (
    realm       VARCHAR(10)  NOT NULL,
    contract_id VARCHAR(100) NOT NULL,
    account_id  VARCHAR(100) NOT NULL,
    ended_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (realm, contract_id, account_id)
);
