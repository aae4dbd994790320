-- As db/schema/005_learning.sql: learning requests, budgets, subsidies, evaluations and status history.
-- Money is integer cents; a BIGINT column cannot hold a fraction, so SQLite's typeof() checks are
-- only the sign here.
CREATE TABLE learning_requests (
    id BIGINT PRIMARY KEY DEFAULT nextval('public.devtalk_ids'),
    employee_id BIGINT NOT NULL REFERENCES people(id),
    action_id BIGINT REFERENCES actions(id),
    conversation_id BIGINT REFERENCES conversations(id),
    certificate_id BIGINT REFERENCES certificates(id) ON DELETE SET NULL,  -- HR may remove a certificate
    kind TEXT NOT NULL,
    what TEXT NOT NULL,
    year INTEGER NOT NULL,
    item_id TEXT,
    question TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'requested' CHECK (status IN
        ('requested', 'approved', 'planned', 'done', 'evaluated', 'declined')),
    decision TEXT CHECK (decision IN ('internal', 'external')),
    colleague_id BIGINT REFERENCES people(id),
    provider TEXT NOT NULL DEFAULT '',
    planned_start TEXT,
    planned_end TEXT,
    estimated_cents BIGINT CHECK (estimated_cents >= 0),
    actual_cents BIGINT CHECK (actual_cents >= 0),
    hours TEXT,
    decline_reason TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX learning_requests_action ON learning_requests(action_id) WHERE action_id IS NOT NULL;
CREATE UNIQUE INDEX learning_requests_certificate ON learning_requests(certificate_id, year)
    WHERE certificate_id IS NOT NULL;
CREATE INDEX learning_requests_year ON learning_requests(year, status);
CREATE INDEX learning_requests_employee ON learning_requests(employee_id);
CREATE INDEX learning_requests_colleague ON learning_requests(colleague_id);
CREATE TABLE learning_budgets (
    year INTEGER NOT NULL,
    manager_id BIGINT NOT NULL DEFAULT 0,  -- 0: the firm's budget; else the team of this manager
    cents BIGINT NOT NULL CHECK (cents >= 0),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (year, manager_id)
);
CREATE TABLE learning_subsidies (
    request_id BIGINT PRIMARY KEY REFERENCES learning_requests(id),
    fund TEXT NOT NULL,
    scheme TEXT NOT NULL DEFAULT '',
    expected_cents BIGINT CHECK (expected_cents >= 0),
    status TEXT NOT NULL DEFAULT 'to_apply' CHECK (status IN ('to_apply', 'applied', 'granted', 'paid')),
    updated_at TEXT NOT NULL
);
CREATE TABLE learning_evaluations (
    request_id BIGINT PRIMARY KEY REFERENCES learning_requests(id),
    learned TEXT NOT NULL DEFAULT '',
    satisfaction INTEGER CHECK (satisfaction BETWEEN 1 AND 5),
    helped TEXT CHECK (helped IN ('helped', 'partly', 'not')),
    evaluated_at TEXT,
    updated_at TEXT NOT NULL
);
CREATE TABLE learning_request_changes (
    id BIGINT PRIMARY KEY DEFAULT nextval('public.devtalk_ids'),
    request_id BIGINT NOT NULL REFERENCES learning_requests(id),
    at TEXT NOT NULL,
    actor_id BIGINT REFERENCES people(id),
    from_status TEXT,
    to_status TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX learning_request_changes_request ON learning_request_changes(request_id);
