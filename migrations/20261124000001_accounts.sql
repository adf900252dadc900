-- Accounts, sessions and organiser invitations.
-- Portable SQL: the same file migrates SQLite and PostgreSQL (TEXT ids, BIGINT unix seconds,
-- BIGINT 0/1 flags), because the storage layer runs one code path on both.

CREATE TABLE accounts (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    -- NULL while an invited organiser has not chosen a password yet.
    password_hash TEXT,
    role TEXT NOT NULL CHECK (role IN ('admin', 'organiser')),
    active BIGINT NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at BIGINT NOT NULL
);

-- One row at most: inserting it in the same transaction as the first admin makes the first-run
-- setup race-free on both databases (the loser gets a unique violation).
CREATE TABLE setup_done (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    done_at BIGINT NOT NULL
);

-- Only the SHA-256 of the session token is stored: a copy of the database opens no sessions.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_by_account ON sessions (account_id);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

CREATE TABLE account_invitations (
    token_hash TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    expires_at BIGINT NOT NULL,
    used BIGINT NOT NULL DEFAULT 0 CHECK (used IN (0, 1))
);
CREATE INDEX account_invitations_by_account ON account_invitations (account_id);
