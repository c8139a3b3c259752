-- A user's certificate subject is CN={contractId}{userId}, so (C1, 23) and (C12, 3) would share one, and whoever
-- maps a certificate's subject to a customer could not tell them apart. Each concatenation, in lower case (X.500
-- names are compared without regard to case; the IDs are ASCII), belongs to one (contract, user). The primary key
-- makes two concurrent registrations of colliding pairs fail one of them. A key is never released.
CREATE TABLE user_subject_key (
    subject_key VARCHAR(128) NOT NULL PRIMARY KEY,
    contract_id VARCHAR(64)  NOT NULL,
    user_id     VARCHAR(64)  NOT NULL,
    CONSTRAINT user_subject_key_user UNIQUE (contract_id, user_id)
);

-- Users registered before: each concatenation belongs to the first pair registered with it.
INSERT INTO user_subject_key (subject_key, contract_id, user_id)
SELECT subject_key, contract_id, user_id
FROM (SELECT LOWER(contract_id || user_id) AS subject_key, contract_id, user_id,
             ROW_NUMBER() OVER (PARTITION BY LOWER(contract_id || user_id)
                                ORDER BY registered_at, contract_id, user_id) AS n
      FROM contract_user) first_registered
WHERE n = 1;
