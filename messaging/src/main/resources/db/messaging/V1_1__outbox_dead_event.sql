-- Events the broker refused for good (too large, an invalid topic): kept here with the failure instead
-- of blocking every later event in the outbox. An operator can fix the cause and move a row back into
-- outbox_event to send it again.
CREATE TABLE outbox_dead_event (
    id          BIGINT       PRIMARY KEY,
    event_id    VARCHAR(36)  NOT NULL,
    topic       VARCHAR(249) NOT NULL,
    record_key  VARCHAR(512) NOT NULL,
    event_type  VARCHAR(200) NOT NULL,
    payload     TEXT         NOT NULL,
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
    failed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    failure     VARCHAR(1000) NOT NULL
);
