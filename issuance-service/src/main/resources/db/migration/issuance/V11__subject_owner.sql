-- Each certificate subject belongs to one (contract, user) for good. With CN={contractId}{userId}, (C1, 23) and
-- (C12, 3) would make one subject, and whoever maps a certificate's subject to a customer could not tell them apart.
-- The key is the subject as stored (RFC 2253) in lower case, since X.500 names are compared without regard to case:
-- subjects that differ only in case count as one. The primary key decides a race between two instances: one of them fails, and
-- its retry finds the owner.
CREATE TABLE subject_owner (
    subject_key     VARCHAR(1000) NOT NULL PRIMARY KEY,
    contract_id     VARCHAR(100)  NOT NULL,
    user_id         VARCHAR(100)  NOT NULL,
    first_issued_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Certificates issued before: each subject belongs to the first (contract, user) that held it.
INSERT INTO subject_owner (subject_key, contract_id, user_id, first_issued_at)
SELECT subject_key, contract_id, user_id, issued_at
FROM (SELECT LOWER(subject) AS subject_key, contract_id, user_id, issued_at,
             ROW_NUMBER() OVER (PARTITION BY LOWER(subject) ORDER BY issued_at, serial_number) AS n
      FROM certificate) first_holders
WHERE n = 1;
