-- No personal link at rest in the outbox, and no list of who was reminded (issue 18). Portable
-- SQL, as in the other migrations.
--
-- A message with a personal scan link now holds a placeholder in its bodies and names the
-- invitation and link generation; the worker derives the link's token from the server secret
-- at the moment it sends. Once a message is sent or given up its bodies and link columns are
-- blanked. A reminder goes to exactly the informants who have not answered, so its recipient is
-- hidden: it is shown as a count only, names the scan (not the invitation) as its reference,
-- and loses its address and subject once sent or given up.

-- The invitation whose personal link the message carries (NULL: no link) and its generation.
ALTER TABLE outbox ADD COLUMN link_invitation TEXT;
ALTER TABLE outbox ADD COLUMN link_generation BIGINT;
-- 1: the recipient must not be listed or kept (reminders).
ALTER TABLE outbox ADD COLUMN hide_recipient BIGINT NOT NULL DEFAULT 0;

-- Reminders queued or sent before this migration are recognised by their subject (the only
-- messages whose subject starts so; both languages). They no longer name their invitation.
UPDATE outbox SET hide_recipient = 1, reference = NULL
    WHERE subject LIKE 'Herinnering:%' OR subject LIKE 'Reminder:%';

-- What was sent or given up keeps no body (the personal links were in them), and a sent or
-- given-up reminder no address or subject. Messages still queued keep theirs until the worker
-- has sent them, and are blanked then.
UPDATE outbox SET text_body = '', html_body = '' WHERE status IN ('sent', 'failed');
-- (A refusal's reason often quotes the address, so a given-up reminder keeps none.)
UPDATE outbox SET recipient = '', subject = '', last_error = NULL
    WHERE hide_recipient = 1 AND status IN ('sent', 'failed');
