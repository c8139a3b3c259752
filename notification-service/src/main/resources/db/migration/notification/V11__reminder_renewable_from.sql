-- From when the certificate may be renewed, as issuance-service decided it (CertificateIssued.renewableFrom): the
-- reminder mail says it, so that it always agrees with the renewal window issuance-service applies. Null for a
-- certificate whose issuance event did not say (an older issuance-service); such a reminder leaves the line out.
ALTER TABLE expiry_reminder ADD COLUMN renewable_from TIMESTAMP WITH TIME ZONE;
