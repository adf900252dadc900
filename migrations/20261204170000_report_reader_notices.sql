-- Which named report readers were told that a scan's report is readable (issue 20). Portable
-- SQL, as in the other migrations.
--
-- One row per scan and reader, inserted in the same transaction as the message it stands for:
-- the insert is conditional, so closing again, a scheduler round or a release followed by the
-- closing never mails a reader twice. `kind` says which message went: a link to the report
-- ('report_link', the reader has an account) or an invitation to create an account first
-- ('account_invitation').
CREATE TABLE report_reader_notices (
    scan_id TEXT NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('report_link', 'account_invitation')),
    notified_at BIGINT NOT NULL,
    PRIMARY KEY (scan_id, email)
);
