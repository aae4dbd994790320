-- As db/schema/003_card_trust.sql: a code session names its card, a PIN per person, wrong PINs per card.
ALTER TABLE sessions ADD COLUMN invitation_id BIGINT REFERENCES invitations(id);
CREATE INDEX sessions_invitation ON sessions(invitation_id);
DELETE FROM sessions WHERE scope = 'code';
ALTER TABLE accounts ADD COLUMN pin_hash TEXT;
ALTER TABLE invitations ADD COLUMN failed_pins INTEGER NOT NULL DEFAULT 0;
CREATE INDEX sign_in_attempts_at ON sign_in_attempts(at);
