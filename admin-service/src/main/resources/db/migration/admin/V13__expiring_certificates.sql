-- What expires soon (GET .../certificates?expiringWithin=): the operators' list across all contracts reads the users'
-- certificates by notAfter, the one in use and a renewal waiting for its first use alike. A contract's own list is
-- found by the primary key (contract_id, user_id) first.
CREATE INDEX contract_user_current_not_after ON contract_user (current_not_after);
CREATE INDEX contract_user_pending_not_after ON contract_user (pending_not_after);
