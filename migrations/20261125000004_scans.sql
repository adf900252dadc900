-- Scans and their invitations. Portable SQL, as in the other migrations.
--
-- Responses (a later migration) will deliberately NOT refer to invitations: once submitted, an
-- answer cannot be joined back to the person who gave it. An invitation only records *that* it
-- was submitted.

CREATE TABLE scans (
    id TEXT PRIMARY KEY,
    organiser_id TEXT NOT NULL REFERENCES accounts (id),
    status TEXT NOT NULL CHECK (status IN ('draft', 'open', 'closed')),
    -- Copies of settings fields, for lists and the scheduler's queries.
    subject_name TEXT NOT NULL,
    framework_id TEXT NOT NULL,
    framework_version BIGINT NOT NULL,
    deadline BIGINT NOT NULL,
    -- The validated settings (the domain's ValidScan) as JSON.
    settings TEXT NOT NULL,
    -- When the automatic reminder is due (NULL: none) and whether it went out for the current
    -- deadline.
    reminder_at BIGINT,
    reminder_sent BIGINT NOT NULL DEFAULT 0 CHECK (reminder_sent IN (0, 1)),
    -- Bumped by every change, so two organisers cannot silently overwrite each other.
    revision BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    opened_at BIGINT,
    closed_at BIGINT,
    FOREIGN KEY (framework_id, framework_version) REFERENCES frameworks (id, version)
);
CREATE INDEX scans_by_organiser ON scans (organiser_id);
CREATE INDEX scans_by_status_deadline ON scans (status, deadline);
CREATE INDEX scans_by_status_reminder ON scans (status, reminder_at);

CREATE TABLE scan_invitations (
    id TEXT PRIMARY KEY,
    scan_id TEXT NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    group_id TEXT NOT NULL,
    -- pending: not sent yet (the scan is a draft); invited: the link works; revoked: it does not.
    status TEXT NOT NULL CHECK (status IN ('pending', 'invited', 'revoked')),
    -- The personal link's token is derived from the invitation id, this generation and a server
    -- secret kept outside the database; only its SHA-256 is stored here. A revoked link gets a
    -- new generation when it is sent again.
    link_generation BIGINT NOT NULL DEFAULT 0,
    token_hash TEXT UNIQUE,
    created_at BIGINT NOT NULL,
    invited_at BIGINT,
    opened_at BIGINT,
    submitted_at BIGINT,
    revoked_at BIGINT,
    UNIQUE (scan_id, email)
);
CREATE INDEX scan_invitations_by_scan ON scan_invitations (scan_id, status);
