-- Invitation codes for people without e-mail: a code signs one person in to their own
-- conversations only, so sessions now carry a scope.
CREATE TABLE invitations (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people(id),
    code_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    created_by INTEGER REFERENCES people(id),
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
