-- Issue 21: the conversation a scan prepares (het gesprek). Portable SQL, as in the other
-- migrations: TEXT ids, BIGINT unix times and flags, JSON as TEXT.
--
-- A conversation record is personal data, not anonymous: it names its parties. What the
-- retention job removes is its content; the `conversations` row stays as a content-free line
-- (type, dates, `removed_at`).

-- Conversation types imported by an administrator (the shipped ones are compiled in). One row
-- per type and version; a stored version never changes, like a framework version.
CREATE TABLE conversation_types (
    id TEXT NOT NULL,
    version BIGINT NOT NULL,
    source_text TEXT NOT NULL,
    imported_by TEXT,
    imported_at BIGINT NOT NULL,
    PRIMARY KEY (id, version)
);

CREATE TABLE conversations (
    id TEXT PRIMARY KEY,
    type_id TEXT NOT NULL,
    type_version BIGINT NOT NULL,
    -- 'planned', 'agenda_sent', 'held', 'summary_proposed', 'approved', 'archived', 'removed'
    state TEXT NOT NULL CHECK (state IN ('planned', 'agenda_sent', 'held', 'summary_proposed',
        'approved', 'archived', 'removed')),
    created_by TEXT REFERENCES accounts (id) ON DELETE SET NULL,
    -- The person discussed, by name; blanked on removal.
    subject_name TEXT NOT NULL,
    -- Plan: start (unix seconds), place and duration; NULL until planned.
    starts_at BIGINT,
    place TEXT NOT NULL DEFAULT '',
    duration_minutes BIGINT,
    -- Answers to the type's preparation questions (JSON object question id -> answer).
    settings TEXT NOT NULL DEFAULT '{}',
    -- The conversation whose agreements this one looks back on (same subject, same type).
    previous_id TEXT REFERENCES conversations (id) ON DELETE SET NULL,
    -- Optimistic concurrency: every change bumps it; a form posts the revision it saw.
    revision BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    agenda_sent_at BIGINT,
    held_at BIGINT,
    proposed_at BIGINT,
    approved_at BIGINT,
    shared_at BIGINT,
    archived_at BIGINT,
    -- When the retention job may remove the content (set on approval from the type's retention).
    keep_until BIGINT,
    removed_at BIGINT
);
CREATE INDEX conversations_by_keep_until ON conversations (keep_until);

-- Everyone the record names: participants (a role of the type), the person discussed (also a
-- role of the type, `is_subject` = 1) and readers (role 'reader'). Access is by a signed-in
-- account whose email matches, or by the party's personal link.
CREATE TABLE conversation_parties (
    id TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    is_subject BIGINT NOT NULL DEFAULT 0 CHECK (is_subject IN (0, 1)),
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    -- Readers: when they were given read access (the share); NULL for other parties.
    shared_at BIGINT,
    -- 'Voor akkoord': when this party signed the summary (NULL: not signed).
    signed_at BIGINT,
    created_at BIGINT NOT NULL,
    UNIQUE (conversation_id, email, role)
);
CREATE INDEX conversation_parties_by_email ON conversation_parties (email);

-- Personal links for parties without an account: only the SHA-256 of the 256-bit token.
CREATE TABLE conversation_links (
    token_hash TEXT PRIMARY KEY,
    party_id TEXT NOT NULL REFERENCES conversation_parties (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);

-- Agenda items: the type's sample agenda copied on creation, topics added by participants and
-- by the person discussed.
CREATE TABLE conversation_agenda_items (
    id TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    text TEXT NOT NULL,
    added_by_party TEXT REFERENCES conversation_parties (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);

-- The record's text per section of the type's form (the concept summary, then the record).
CREATE TABLE conversation_sections (
    conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    section_id TEXT NOT NULL,
    text TEXT NOT NULL,
    updated_by_party TEXT REFERENCES conversation_parties (id) ON DELETE SET NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (conversation_id, section_id)
);

-- Structured agreements (what, who, by when); the next conversation looks back on them.
CREATE TABLE conversation_agreements (
    id TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    what TEXT NOT NULL,
    who TEXT NOT NULL,
    -- ISO date 'YYYY-MM-DD' or '' when open-ended.
    due_on TEXT NOT NULL DEFAULT '',
    -- Looking back in the next conversation: '', 'done', 'partly', 'not_done', 'continued'.
    outcome TEXT NOT NULL DEFAULT '',
    outcome_note TEXT NOT NULL DEFAULT ''
);

-- Closed scans attached to a conversation, with the report as its readers saw it at attaching
-- (the report view as JSON), so the record keeps the figures when the scan is reopened or purged.
CREATE TABLE conversation_scans (
    conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    scan_id TEXT NOT NULL REFERENCES scans (id),
    report_view TEXT NOT NULL,
    attached_at BIGINT NOT NULL,
    PRIMARY KEY (conversation_id, scan_id)
);

-- Every read and change of a record, shown to the person discussed. `actor` is the party's
-- role and name as it was (a record is personal data); `action` a fixed code; `detail` short
-- text without the record's content.
CREATE TABLE conversation_audit (
    id TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    at BIGINT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX conversation_audit_by_conversation ON conversation_audit (conversation_id, at);

-- What a message is about ('conversation:<id>' or 'scan:<id>'), so that the retention job can
-- remove every message (and its `.eml` file) of a record or a scan whose time is up.
ALTER TABLE outbox ADD COLUMN about TEXT;
CREATE INDEX outbox_by_about ON outbox (about);
