-- As db/schema/002_invitations.sql: invitation codes, the sign-in limiter, and a scope on sessions.
CREATE TABLE invitations (
    id BIGINT PRIMARY KEY DEFAULT nextval('public.devtalk_ids'),
    person_id BIGINT NOT NULL REFERENCES people(id),
    code_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    created_by BIGINT REFERENCES people(id),
    expires_at TEXT NOT NULL,
    revoked_at TEXT,
    last_used_at TEXT
);
CREATE INDEX invitations_person ON invitations(person_id);
CREATE TABLE sign_in_attempts (
    client TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX sign_in_attempts_client ON sign_in_attempts(client, at);
ALTER TABLE sessions ADD COLUMN scope TEXT NOT NULL DEFAULT 'full';
