-- Issue 21: retention. Portable SQL, as in the other migrations.
--
-- A closed scan is kept for the organisation's retention period (`organisation_settings`,
-- key 'scan_retention_months', 36 when unset), or longer while a conversation record that is
-- still kept holds it. Then the daily retention job (app::retention) removes its content:
-- invitations (names, addresses), responses (answers and comments), drafts, markers, the
-- released report, its messages and their `.eml` files; the scan's name and the free text of its
-- settings are blanked. The `scans` row stays as a content-free line (framework, dates) with
-- `removed_at`, so lists and counts keep their history.

-- Settings of the organisation, one row per key; the value is text the service parses.
CREATE TABLE organisation_settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- When the retention job removed the scan's content (NULL: not removed).
ALTER TABLE scans ADD COLUMN removed_at BIGINT;
CREATE INDEX scans_by_status_removed ON scans (status, removed_at, closed_at);

-- The job looks up the records that hold a scan.
CREATE INDEX conversation_scans_by_scan ON conversation_scans (scan_id);

-- Messages queued before `outbox.about` existed: find the scan they are about from their
-- reference (an invitation id, the scan id for reminders, 'reader:<scan id>' for readers).
UPDATE outbox SET about = 'scan:' || (
        SELECT i.scan_id FROM scan_invitations i WHERE i.id = outbox.reference)
    WHERE about IS NULL AND reference IN (SELECT id FROM scan_invitations);
UPDATE outbox SET about = 'scan:' || reference
    WHERE about IS NULL AND reference IN (SELECT id FROM scans);
UPDATE outbox SET about = 'scan:' || substr(reference, 8)
    WHERE about IS NULL AND reference IN (SELECT 'reader:' || id FROM scans);
