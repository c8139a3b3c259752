-- Issue 12: a certificate's state follows issuance-service's events only; the ID and password logon a
-- reissue allows is auth-service's own decision, read against the certificates it knows.

-- The administrator's authorization the issuance used up (CertificateIssued.authorizationId): for a
-- reissue's certificate, the reissue's own ID, which is how that certificate answers its reissue.
ALTER TABLE known_certificate ADD COLUMN authorization_id VARCHAR(100);

-- reissue_pending now holds each user's latest reissue, answered or not: it is open while no known
-- certificate answers it (one that used its authorization, or was issued at or after it), so the
-- rule holds whichever of the admin and issuance topics arrives first. Rows from before this version
-- have no authorization ID; they are answered by time alone.
ALTER TABLE reissue_pending ADD COLUMN authorization_id VARCHAR(100);
