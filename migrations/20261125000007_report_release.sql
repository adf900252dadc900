-- The figures a scan's report readers have seen before the scan closed for good: set when the
-- organiser releases the report early, and when a closed scan is reopened. While set, readers
-- see these figures, not the live ones, so nobody can watch the numbers change answer by answer
-- (see domain::scoring::release). JSON of the scoring report and the published comments.
ALTER TABLE scans ADD COLUMN released_at BIGINT;
ALTER TABLE scans ADD COLUMN released_report TEXT;
