-- Competency frameworks, one row per (id, version). A version is never changed once stored:
-- scans refer to the version they were made with, so a newer import cannot alter them.
CREATE TABLE frameworks (
    id TEXT NOT NULL,
    version BIGINT NOT NULL,
    name TEXT NOT NULL,
    -- The whole framework as JSON (the export format), validated before it is stored.
    content TEXT NOT NULL,
    origin TEXT NOT NULL CHECK (origin IN ('builtin', 'import')),
    loaded_at BIGINT NOT NULL,
    PRIMARY KEY (id, version)
);
