-- The questionnaire builder's drafts: what an HR person is composing, stored at every change so it
-- survives a reload and a closed tab. One draft per HR person and questionnaire. The revision counts
-- the draft's changes, so a tab that saw an older revision (another tab, another device) is told
-- instead of overwriting it; base_version_id is the questionnaire's newest stored version as the
-- draft started, so a version someone stored meanwhile is told before this draft is saved after it.
CREATE TABLE questionnaire_drafts (
    id INTEGER PRIMARY KEY,
    owner_id INTEGER NOT NULL REFERENCES people(id),
    questionnaire_id TEXT NOT NULL,
    base_version_id INTEGER REFERENCES questionnaire_versions(id),
    content TEXT NOT NULL, -- the draft as JSON: it may still be invalid, so it is not yet YAML
    -- What was typed in the YAML view while it does not read as a questionnaire (the draft keeps its
    -- last form meanwhile), so a reload shows it again; NULL once valid text or a form change is the draft.
    yaml_text TEXT,
    revision INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (owner_id, questionnaire_id)
);
CREATE INDEX questionnaire_drafts_questionnaire ON questionnaire_drafts(questionnaire_id);
