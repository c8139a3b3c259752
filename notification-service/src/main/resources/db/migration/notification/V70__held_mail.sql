-- A mail whose reason (a certificate issued, say) arrived before the directory knew its recipient: admin-service's
-- UserRegistered and issuance-service's CertificateIssued travel on different topics, with no order between them
-- (a rebalance, or a second instance, lets one overtake the other). Such a mail waits as HELD, with what it says
-- (its letter, as JSON) and until when it may wait (next_attempt_at), then is composed for its recipient and sent,
-- or marked FAILED when the recipient never arrives.
ALTER TABLE outgoing_mail ADD COLUMN realm VARCHAR(16);
ALTER TABLE outgoing_mail ADD COLUMN held_letter TEXT;
