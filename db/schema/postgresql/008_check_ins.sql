-- As db/schema/008_check_ins.sql: check-ins between the yearly talks, their lists as immutable
-- versions, their answers, the actions they carried and a half-year reminder per round.
CREATE TABLE check_in_lists (
    id BIGINT PRIMARY KEY DEFAULT nextval('public.devtalk_ids'),
    version INTEGER NOT NULL UNIQUE,
    content_hash TEXT NOT NULL UNIQUE,
    yaml TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by BIGINT REFERENCES people(id)
);
CREATE FUNCTION check_in_lists_are_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'check-in list versions are immutable';
END;
$$;
CREATE TRIGGER check_in_lists_are_immutable BEFORE UPDATE ON check_in_lists
    FOR EACH ROW EXECUTE FUNCTION check_in_lists_are_immutable();
CREATE TABLE check_ins (
    id BIGINT PRIMARY KEY DEFAULT nextval('public.devtalk_ids'),
    employee_id BIGINT NOT NULL REFERENCES people(id),
    started_by BIGINT NOT NULL REFERENCES people(id),
    started_at TEXT NOT NULL,
    list_id BIGINT NOT NULL REFERENCES check_in_lists(id),
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
    done_at TEXT,
    updated_at TEXT NOT NULL
);
CREATE INDEX check_ins_employee ON check_ins(employee_id, started_at);
CREATE TABLE check_in_answers (
    check_in_id BIGINT NOT NULL REFERENCES check_ins(id),
    item_id TEXT NOT NULL,
    text TEXT NOT NULL,
    updated_by BIGINT REFERENCES people(id),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (check_in_id, item_id)
);
-- The actions a check-in listed as open when it started: what it carries into the next agenda.
CREATE TABLE check_in_actions (
    check_in_id BIGINT NOT NULL REFERENCES check_ins(id),
    action_id BIGINT NOT NULL REFERENCES actions(id),
    PRIMARY KEY (check_in_id, action_id)
);
CREATE TABLE check_in_schedules (
    round_id BIGINT PRIMARY KEY REFERENCES rounds(id),
    remind_on TEXT NOT NULL,
    set_by BIGINT REFERENCES people(id),
    updated_at TEXT NOT NULL
);
