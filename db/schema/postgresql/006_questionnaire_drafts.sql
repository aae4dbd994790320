-- As db/schema/006_questionnaire_drafts.sql: the questionnaire builder's drafts, one per HR person
-- and questionnaire, with a revision that tells a tab it saw an older draft.
CREATE TABLE questionnaire_drafts (
    id BIGINT PRIMARY KEY DEFAULT nextval('public.devtalk_ids'),
    owner_id BIGINT NOT NULL REFERENCES people(id),
    questionnaire_id TEXT NOT NULL,
    base_version_id BIGINT REFERENCES questionnaire_versions(id),
    content TEXT NOT NULL, -- the draft as JSON: it may still be invalid, so it is not yet YAML
    yaml_text TEXT,  -- YAML typed that does not read as a questionnaire yet; NULL once valid
    revision INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (owner_id, questionnaire_id)
);
CREATE INDEX questionnaire_drafts_questionnaire ON questionnaire_drafts(questionnaire_id);
