-- As db/schema/007_third_voice.sql: input from up to three colleagues or the work mentor, and a
-- sign-in card for one such invitation.
CREATE TABLE third_voices (
    id BIGINT PRIMARY KEY DEFAULT nextval('public.devtalk_ids'),
    conversation_id BIGINT NOT NULL REFERENCES conversations(id),
    colleague_id BIGINT NOT NULL REFERENCES people(id),
    kind TEXT NOT NULL CHECK (kind IN ('colleague', 'mentor')),
    invited_by BIGINT REFERENCES people(id),
    consented_by BIGINT REFERENCES people(id),
    consented_at TEXT,
    named INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    withdrawn_at TEXT,
    submitted_at TEXT,
    UNIQUE (conversation_id, colleague_id)
);
CREATE INDEX third_voices_colleague ON third_voices(colleague_id);
CREATE TABLE third_voice_answers (
    third_voice_id BIGINT NOT NULL REFERENCES third_voices(id),
    item_id TEXT NOT NULL,
    value INTEGER,
    not_applicable INTEGER NOT NULL DEFAULT 0,
    text TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (third_voice_id, item_id)
);
ALTER TABLE invitations ADD COLUMN third_voice_id BIGINT REFERENCES third_voices(id);
