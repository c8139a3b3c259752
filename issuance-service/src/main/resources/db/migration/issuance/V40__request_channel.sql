-- How a request came (CertificateRequested.channel: PASSWORD_LOGON, CERTIFICATE_LOGON, BANK_FRONT_END), kept while
-- it is held for an authorization, so that the CertificateIssued of a request decided later still says it and the
-- user's issuance mail names it. Null for a request from an older auth-service.
ALTER TABLE certificate_request ADD COLUMN channel VARCHAR(32);
