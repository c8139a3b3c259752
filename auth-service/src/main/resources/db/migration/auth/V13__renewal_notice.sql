-- The renewal notice in a user's token answer (docs/contract.md §4 "Where the user's certificate stands").
-- From when a certificate may be renewed is issuance-service's fact (CertificateIssued.renewableFrom), kept as it
-- said it. Certificates learnt before this version have none: their notice says renewalAvailable false until the
-- next certificate, rather than auth-service working the window out from a copy of issuance's property.
ALTER TABLE known_certificate ADD COLUMN renewable_from TIMESTAMP WITH TIME ZONE;

-- Whether a request of the user is still waiting for issuance-service's answer, asked at every user logon.
CREATE INDEX certificate_request_user_status ON certificate_request (contract_id, user_id, status);
