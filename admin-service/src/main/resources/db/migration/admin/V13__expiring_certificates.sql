-- What expires soon (GET .../certificates?expiringWithin=): the operators' list across all contracts reads the users'
-- certificates by notAfter, the one in use and a renewal waiting for its first use alike. A contract's own list is
-- found by the primary key (contract_id, user_id) first.
CREATE INDEX contract_user_current_not_after ON contract_user (current_not_after);
CREATE INDEX contract_user_pending_not_after ON contract_user (pending_not_after);

-- A user's renewal request that issuance-service has not answered yet: the list marks the user's certificate
-- renewalWaiting, as a renewal is on its way. auth-service's CertificateRequested and issuance-service's answer
-- (CertificateIssued or CertificateRejected, same requestId) travel on different topics in no fixed order, so a row is
-- whichever of the two arrived first: an OPEN request (of any kind, so that its answer finds it; renewal says whether
-- it counts), or an ANSWER whose request has not arrived yet. The second of the two deletes the row.
CREATE TABLE renewal_request (
    request_id  VARCHAR(64) NOT NULL PRIMARY KEY,
    contract_id VARCHAR(64) NOT NULL,
    user_id     VARCHAR(64) NOT NULL,
    state       VARCHAR(8)  NOT NULL,
    renewal     BOOLEAN     NOT NULL,
    occurred_at TIMESTAMP WITH TIME ZONE
);
CREATE INDEX renewal_request_of_user ON renewal_request (contract_id, user_id);
