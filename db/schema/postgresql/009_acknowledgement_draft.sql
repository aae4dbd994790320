-- As db/schema/009_acknowledgement_draft.sql: the employee's reply to a final report, saved while typed.
ALTER TABLE reports ADD COLUMN comment_draft TEXT NOT NULL DEFAULT '';
