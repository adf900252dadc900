-- Issue 19: nothing that matters lives in one server process's memory, so that several
-- processes on one PostgreSQL behind one address behave as one. Portable SQL, as in the other
-- migrations.

-- The one-time result of a form post, shown on the page the browser is redirected to. Bound to
-- the session that made it (the SHA-256 of its token, never the token), read once (taking it
-- deletes it), and useless after `expires_at` (removed whenever a new one is stored).
CREATE TABLE flash_entries (
    flash_key TEXT PRIMARY KEY,
    session_hash TEXT NOT NULL,
    payload TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX flash_entries_by_expiry ON flash_entries (expires_at);

-- One-time codes for the first-run setup page, printed by the server on start while no account
-- exists (or by `server setup-code`). Only the SHA-256 of a code is kept; using one deletes it,
-- and creating the first administrator deletes them all.
CREATE TABLE setup_codes (
    code_hash TEXT PRIMARY KEY,
    created_at BIGINT NOT NULL
);
