-- Check-ins between the yearly talks: the employee or their manager starts one on HR's check-in
-- list (a questionnaire file of open questions, stored as immutable versions like questionnaires),
-- answers it together and looks at the open actions on the way. HR may put a half-year check-in
-- on a round: a reminder date, no deadline. Reminders sent go in reminders_sent (004) like the
-- certificate reminders, with the subject "check_in:<round id>".
CREATE TABLE check_in_lists (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL UNIQUE,
    content_hash TEXT NOT NULL UNIQUE,
    yaml TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by INTEGER REFERENCES people(id)
);
CREATE TRIGGER check_in_lists_are_immutable BEFORE UPDATE ON check_in_lists
BEGIN
    SELECT RAISE(ABORT, 'check-in list versions are immutable');
END;
CREATE TABLE check_ins (
    id INTEGER PRIMARY KEY,
    employee_id INTEGER NOT NULL REFERENCES people(id),
    started_by INTEGER NOT NULL REFERENCES people(id),
    started_at TEXT NOT NULL,
    list_id INTEGER NOT NULL REFERENCES check_in_lists(id),
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
    done_at TEXT,
    updated_at TEXT NOT NULL
);
CREATE INDEX check_ins_employee ON check_ins(employee_id, started_at);
CREATE TABLE check_in_answers (
    check_in_id INTEGER NOT NULL REFERENCES check_ins(id),
    item_id TEXT NOT NULL,
    text TEXT NOT NULL,
    updated_by INTEGER REFERENCES people(id),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (check_in_id, item_id)
) WITHOUT ROWID;
-- The actions a check-in listed as open when it started: what it carries into the next agenda.
CREATE TABLE check_in_actions (
    check_in_id INTEGER NOT NULL REFERENCES check_ins(id),
    action_id INTEGER NOT NULL REFERENCES actions(id),
    PRIMARY KEY (check_in_id, action_id)
) WITHOUT ROWID;
CREATE TABLE check_in_schedules (
    round_id INTEGER PRIMARY KEY REFERENCES rounds(id),
    remind_on TEXT NOT NULL,
    set_by INTEGER REFERENCES people(id),
    updated_at TEXT NOT NULL
);
