-- Issue 22: development agreements are made on the competencies of the employee's profile at
-- the level of the job's salary scale (seed 004 art. 3 lid 2-3). The cycle keeps the profile it
-- was planned with, the scale, and the chosen competencies with where each comes from; a
-- development agreement names its competency.
ALTER TABLE appraisal_cycles ADD COLUMN profile_id TEXT;
ALTER TABLE appraisal_cycles ADD COLUMN salary_scale BIGINT;
-- The selection as JSON: [{"id": "samenwerken", "source": "core"}, ...] ('' while none chosen).
ALTER TABLE appraisal_cycles ADD COLUMN competencies TEXT NOT NULL DEFAULT '';
ALTER TABLE appraisal_agreements ADD COLUMN competency_id TEXT;

-- More than one progress conversation (art. 5 lid 1, and "extra ... op verzoek"): each with its
-- day and notes, in the order held. The cycle's single columns stay for older rows and are
-- copied here.
CREATE TABLE appraisal_progress (
    id TEXT PRIMARY KEY,
    cycle_id TEXT NOT NULL REFERENCES appraisal_cycles (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    held_on TEXT NOT NULL,
    notes TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
CREATE INDEX appraisal_progress_by_cycle ON appraisal_progress (cycle_id, position);
INSERT INTO appraisal_progress (id, cycle_id, position, held_on, notes, created_at)
    SELECT id || '-progress', id, 1, progress_held_on, progress_notes, updated_at
    FROM appraisal_cycles WHERE progress_held_on IS NOT NULL;
