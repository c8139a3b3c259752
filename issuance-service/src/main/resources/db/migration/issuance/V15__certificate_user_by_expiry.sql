-- A user's certificates by notAfter. Every request looks up the user's certificates three times (the usable ones,
-- the latest if it expired, the active ones past notAfter); with an index on (contract_id, user_id) alone each
-- lookup read every certificate the user ever had, PEM included. A user renewing every year has a handful, but the
-- load driver's users hold hundreds after a minute, and there the lookups were a sixth of issuance's time per
-- certificate (issue 15's ninth-session profile). This index serves the (contract_id, user_id) lookups as the
-- old one did, and answers "latest notAfter" and "past notAfter" from the index.
CREATE INDEX certificate_user_not_after ON certificate (contract_id, user_id, not_after);
DROP INDEX certificate_user;
