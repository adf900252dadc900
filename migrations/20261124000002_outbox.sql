-- The email outbox: every message is stored here first (inside the caller's transaction when
-- it has one) and sent by a background worker, so a message that cannot be sent now is retried
-- and never silently lost. Portable SQL, as in the other migrations.

CREATE TABLE outbox (
    id TEXT PRIMARY KEY,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    text_body TEXT NOT NULL,
    html_body TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'queued'
        CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
    -- Attempts started so far (counted when a worker claims the message).
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    -- The worker holding the message while it is 'sending', and until when; a message whose
    -- lease ran out (a crashed worker) may be claimed again.
    claimed_by TEXT,
    claimed_until BIGINT,
    last_error TEXT,
    created_at BIGINT NOT NULL,
    sent_at BIGINT,
    -- What caused the message (e.g. an invitation id), to show per-invitation delivery status.
    reference TEXT
);

-- The worker's query: queued messages by due time, and 'sending' ones by lease expiry.
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_lease ON outbox (status, claimed_until);
CREATE INDEX outbox_by_reference ON outbox (reference);
CREATE INDEX outbox_by_created ON outbox (created_at);
