-- Keys every instance of a service shares (CA, JWT signing, sealing), each wrapped with AES-256-GCM by the
-- service's key-encryption key (inkan.keys.encryption-key) and bound to its name. The first instance to need a
-- key creates it; the primary key makes sure one wins and every other instance loads the winner's.
CREATE TABLE key_vault (
    name        VARCHAR(200) PRIMARY KEY,
    wrapped     TEXT         NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
