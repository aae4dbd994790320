-- Trusting a card: a code session remembers the card that started it, so revoking or replacing
-- the card ends it; a person may choose a PIN that every card of theirs then asks for, and a card
-- counts its wrong PINs. Code sessions from before could not be tied to their card, so they end
-- here (their people scan the card again). The code-attempt limiter also counts across all
-- clients, by time.
ALTER TABLE sessions ADD COLUMN invitation_id INTEGER REFERENCES invitations(id);
CREATE INDEX sessions_invitation ON sessions(invitation_id);
DELETE FROM sessions WHERE scope = 'code';
ALTER TABLE accounts ADD COLUMN pin_hash TEXT;
ALTER TABLE invitations ADD COLUMN failed_pins INTEGER NOT NULL DEFAULT 0;
CREATE INDEX sign_in_attempts_at ON sign_in_attempts(at);
