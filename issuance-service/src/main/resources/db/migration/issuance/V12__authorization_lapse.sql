-- issuance-service owns how long an administrator's authorization lasts (inkan.issuance.authorization-validity) and
-- says when one lapsed unused (AuthorizationLapsed). lapsed_at is set once, by the one UPDATE ... WHERE lapsed_at IS
-- NULL that wins among the instances scanning; a lapsed authorization is never used.
ALTER TABLE issuance_authorization ADD COLUMN lapsed_at TIMESTAMP WITH TIME ZONE;

-- The lapse scan reads the oldest outstanding (unused, not lapsed) authorizations first.
CREATE INDEX issuance_authorization_outstanding ON issuance_authorization (used_by_request, lapsed_at, authorized_at);
