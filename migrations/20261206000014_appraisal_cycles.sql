-- Issue 22: Maastricht's "het goede gesprek" (seed 004): one employee's cycle of planning,
-- progress and assessment conversations, ending in a final qualification. Portable SQL as in
-- the other migrations: TEXT ids, BIGINT unix times, ISO dates ('YYYY-MM-DD') as TEXT.
--
-- A cycle is personal data about one employee: only its manager and the employee see it
-- (others get "not found"); HR's overview reads counts only.

CREATE TABLE appraisal_cycles (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('two_years', 'one_year', 'entrant', 'probation')),
    -- The manager who runs the cycle (leidinggevende), an account.
    manager_id TEXT NOT NULL REFERENCES accounts (id),
    employee_name TEXT NOT NULL,
    -- Lower case; the employee acts by signing in with this address.
    employee_email TEXT NOT NULL,
    department TEXT NOT NULL DEFAULT '',
    -- The day the cycle was started from (entry for new employees and probation).
    start_on TEXT NOT NULL,
    -- Probation only: the day of the decision on a permanent appointment.
    decision_on TEXT,
    -- Career and life phase, conditions (randvoorwaarden): text of the planning conversation.
    career TEXT NOT NULL DEFAULT '',
    conditions TEXT NOT NULL DEFAULT '',
    -- Where the parties disagreed in planning and the manager decided (art. 4 lid 3).
    manager_decided TEXT NOT NULL DEFAULT '',
    planning_held_on TEXT,
    -- The progress conversation (art. 5): when it was held and what was said about progress.
    progress_held_on TEXT,
    progress_notes TEXT NOT NULL DEFAULT '',
    -- A 360-degree scan started from the cycle (art. 6 lid 10); its closed report is shown to both.
    scan_id TEXT REFERENCES scans (id),
    -- That report as the manager read it when attaching (report view JSON), so the employee sees
    -- what the manager received, under the same anonymity rules.
    scan_report TEXT,
    -- Optimistic concurrency: every change bumps it; a form posts the revision it saw.
    revision BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX appraisal_cycles_by_manager ON appraisal_cycles (manager_id);
CREATE INDEX appraisal_cycles_by_employee ON appraisal_cycles (employee_email);

-- Work agreements (werkafspraken, art. 4 lid 2) and development agreements (art. 3): a change in
-- a progress conversation (art. 5) writes a new row that replaces the old one, so the agreed
-- version is kept.
CREATE TABLE appraisal_agreements (
    id TEXT PRIMARY KEY,
    cycle_id TEXT NOT NULL REFERENCES appraisal_cycles (id) ON DELETE CASCADE,
    -- 'work' or 'development'
    kind TEXT NOT NULL CHECK (kind IN ('work', 'development')),
    position BIGINT NOT NULL,
    text TEXT NOT NULL,
    -- Work agreements: the weight in ten-thousandths (exact); NULL for development agreements.
    weight BIGINT,
    -- Development agreements: marked crucial for the job (art. 6 lid 7).
    crucial BIGINT NOT NULL DEFAULT 0 CHECK (crucial IN (0, 1)),
    -- 'agreed' (current), 'replaced' (an older version), 'dropped'
    status TEXT NOT NULL CHECK (status IN ('agreed', 'replaced', 'dropped')),
    replaces_id TEXT REFERENCES appraisal_agreements (id),
    created_at BIGINT NOT NULL,
    changed_at BIGINT
);
CREATE INDEX appraisal_agreements_by_cycle ON appraisal_agreements (cycle_id, position);

-- Assessments (art. 6): one per cycle, two in probation, more on request.
CREATE TABLE appraisal_assessments (
    id TEXT PRIMARY KEY,
    cycle_id TEXT NOT NULL REFERENCES appraisal_cycles (id) ON DELETE CASCADE,
    number BIGINT NOT NULL,
    stage TEXT NOT NULL CHECK (stage IN ('concept', 'concept_released', 'held', 'final_set',
        'approved', 'objected', 'objection_held', 'settled')),
    conversation_on TEXT,
    -- The ratings as JSON: {"agreements": {id: code}, "knowledge": code, "notes": text}.
    ratings TEXT NOT NULL DEFAULT '{}',
    released_on TEXT,
    held_on TEXT,
    final_qualification TEXT,
    proposed_qualification TEXT,
    basis TEXT,
    motivation TEXT NOT NULL DEFAULT '',
    set_on TEXT,
    approved_on TEXT,
    -- "Voor gezien" and the objections (bedenkingen, art. 6 lid 11).
    seen_on TEXT,
    objections TEXT NOT NULL DEFAULT '',
    objection_held_on TEXT,
    -- After the objection conversation: 'changed' or 'kept' with the written reasons.
    settlement TEXT,
    settlement_motivation TEXT NOT NULL DEFAULT '',
    settled_on TEXT,
    UNIQUE (cycle_id, number)
);

-- Input both parties bring to a conversation beforehand (art. 4 lid 3, 5 lid 2): topics, by role.
CREATE TABLE appraisal_topics (
    id TEXT PRIMARY KEY,
    cycle_id TEXT NOT NULL REFERENCES appraisal_cycles (id) ON DELETE CASCADE,
    -- 'manager' or 'employee'
    added_by TEXT NOT NULL CHECK (added_by IN ('manager', 'employee')),
    -- 1, 2, 3 … per cycle, in the order they were brought.
    position BIGINT NOT NULL,
    text TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX appraisal_topics_by_cycle ON appraisal_topics (cycle_id, position);

-- Every step of a cycle with its date: what the record shows, never the ratings themselves.
CREATE TABLE appraisal_events (
    id TEXT PRIMARY KEY,
    cycle_id TEXT NOT NULL REFERENCES appraisal_cycles (id) ON DELETE CASCADE,
    -- 1, 2, 3 … per cycle: the order of the steps (several may share a second).
    position BIGINT NOT NULL,
    at BIGINT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX appraisal_events_by_cycle ON appraisal_events (cycle_id, position);

-- Reminders of the cycle's deadlines, one per deadline: the row is claimed (primary key) in the
-- transaction that queues the mail, so two processes never send the same reminder twice.
CREATE TABLE appraisal_reminders (
    cycle_id TEXT NOT NULL REFERENCES appraisal_cycles (id) ON DELETE CASCADE,
    -- 'planning' or '<assessment number>:<deadline>' (e.g. '1:objections')
    about TEXT NOT NULL,
    due_on TEXT NOT NULL,
    sent_at BIGINT NOT NULL,
    PRIMARY KEY (cycle_id, about, due_on)
);
