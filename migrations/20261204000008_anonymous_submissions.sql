-- Anonymity that holds against the database (issue 18). Portable SQL, as in the other migrations.
--
-- A submission writes nothing that names its invitation:
-- - "has submitted" is a keyed marker, HMAC(server secret, invitation id), in a table of its own
--   (`submission_markers`): without the server's SECRET_KEY nobody can tell whose marker it is;
-- - a response is inserted once, with a random id and no time, and never rewritten;
-- - a draft is stored under an id and sealed with a key that are both derived from the link token
--   (`sealed_drafts`), which the database never holds; it is deleted at submission, at revoking
--   and at closing.
-- Opening a link writes nothing either (`opened_at` is no longer kept): a respondent's visits
-- must not leave a trail beside their draft.
--
-- The old columns (`scan_invitations.submitted_at`) and table (`response_drafts`) stay until the
-- server has turned their rows into markers and sealed drafts: that needs the secret key, which a
-- migration does not have (app::respond::legacy::seal_legacy_records, run at every start).

CREATE TABLE submission_markers (
    marker TEXT PRIMARY KEY,
    scan_id TEXT NOT NULL REFERENCES scans (id) ON DELETE CASCADE
);
CREATE INDEX submission_markers_by_scan ON submission_markers (scan_id);

CREATE TABLE sealed_drafts (
    id TEXT PRIMARY KEY,
    scan_id TEXT NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
    -- hex: a random nonce, then the XChaCha20-Poly1305 ciphertext of the answers (JSON).
    sealed TEXT NOT NULL
);
CREATE INDEX sealed_drafts_by_scan ON sealed_drafts (scan_id);

UPDATE scan_invitations SET opened_at = NULL;
