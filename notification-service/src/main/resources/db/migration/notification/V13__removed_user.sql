-- A user who left the contract (UserRemoved) is mailed nothing more: neither reminders (their unsent reminders are
-- cancelled) nor any other mail. The entry stays, so that the mails already sent still name their recipient.
ALTER TABLE directory_entry ADD COLUMN removed_at TIMESTAMP WITH TIME ZONE;
