-- Issue 14: passwords are changed by their holder and reset by a contract's administrator.
-- When auth-service (by its own clock) last replaced the account's password. A token an administrator or an
-- operator opened at or before it no longer acts here (a user's sessions end through session_end, as for a
-- reissue); and a bootstrap operator who changed their own password keeps it through restarts.
ALTER TABLE account ADD COLUMN password_changed_at TIMESTAMP WITH TIME ZONE;
