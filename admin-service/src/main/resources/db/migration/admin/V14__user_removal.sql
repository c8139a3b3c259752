-- A user who left the contract (DELETE /api/v1/contracts/{cid}/users/{uid}) stays: in the audit trail, in the user
-- list marked deleted, and with their user ID retired (never registered again in that contract). deleted_at is set
-- once, by the administrator's removal, and never cleared.
ALTER TABLE contract_user ADD COLUMN deleted_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE contract_user ADD COLUMN deleted_by VARCHAR(64);
