-- The employee's reply to a final report is saved while they type it, before they acknowledge:
-- a column of its own, so the draft never travels in the report that the manager and HR read.
ALTER TABLE reports ADD COLUMN comment_draft TEXT NOT NULL DEFAULT '';
