-- The respondent's answers. A draft belongs to its invitation (so the respondent can resume);
-- a submitted response deliberately does not: it has a random id, the scan, the group and the
-- answers, and no invitation id, token or time. At every submission all responses of the scan
-- are written again in random order with new random ids, so neither the storage order nor any
-- id tells in which order they came in. The invitation alone records that it was submitted.

CREATE TABLE response_drafts (
    invitation_id TEXT PRIMARY KEY REFERENCES scan_invitations (id) ON DELETE CASCADE,
    -- The answers so far, as JSON (the domain's Answers).
    answers TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE responses (
    id TEXT PRIMARY KEY,
    scan_id TEXT NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
    group_id TEXT NOT NULL,
    answers TEXT NOT NULL
);
CREATE INDEX responses_by_scan ON responses (scan_id);
