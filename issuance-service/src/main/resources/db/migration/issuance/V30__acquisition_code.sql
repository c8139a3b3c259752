-- The one-time acquisition code (inkan.issuance.acquisition-code=REQUIRED, docs/contract.md §4).

-- An authorization whose event carried the code's hash can be used only by a request that names it: auth-service
-- names it once the request carried the right code. This service never sees the code or keeps its hash.
ALTER TABLE issuance_authorization ADD COLUMN acquisition_code BOOLEAN NOT NULL DEFAULT FALSE;

-- The authorization a request named (CertificateRequested.authorizationId), kept while the request is held.
ALTER TABLE certificate_request ADD COLUMN authorization_id VARCHAR(200);
