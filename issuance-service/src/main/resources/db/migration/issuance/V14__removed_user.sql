-- Users who left their contract (UserRemoved): issuance-service refuses every later request of theirs
-- (USER_REMOVED), whichever topic it comes from and however late. A row is never deleted.
CREATE TABLE removed_user (
    contract_id VARCHAR(100) NOT NULL,
    user_id     VARCHAR(100) NOT NULL,
    removed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (contract_id, user_id)
);
