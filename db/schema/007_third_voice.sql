-- A third voice from the work floor: for one conversation up to three colleagues or the work mentor
-- give input on the skill items of the employee's job function and one open question. An invitation
-- the employee made waits for the manager's consent (consented_by/at); the work mentor may agree to
-- be named. The input is blind like the two sides until both have submitted. A sign-in card can be
-- made for one invitation alone (invitations.third_voice_id): its session opens that form only.
CREATE TABLE third_voices (
    id INTEGER PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES conversations(id),
    colleague_id INTEGER NOT NULL REFERENCES people(id),
    kind TEXT NOT NULL CHECK (kind IN ('colleague', 'mentor')),
    invited_by INTEGER REFERENCES people(id),
    consented_by INTEGER REFERENCES people(id),
    consented_at TEXT,
    named INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    withdrawn_at TEXT,
    submitted_at TEXT,
    UNIQUE (conversation_id, colleague_id)
);
CREATE INDEX third_voices_colleague ON third_voices(colleague_id);
CREATE TABLE third_voice_answers (
    third_voice_id INTEGER NOT NULL REFERENCES third_voices(id),
    item_id TEXT NOT NULL,
    value INTEGER,
    not_applicable INTEGER NOT NULL DEFAULT 0,
    text TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (third_voice_id, item_id)
) WITHOUT ROWID;
ALTER TABLE invitations ADD COLUMN third_voice_id INTEGER REFERENCES third_voices(id);
