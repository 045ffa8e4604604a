-- The personal page's forms carry this second secret (against cross-site requests), tied to
-- the person's link token: renewed with it, gone with the address. 128 random bits, in hex.
ALTER TABLE email_people ADD COLUMN form_token TEXT NOT NULL DEFAULT '';
UPDATE email_people SET form_token = lower(hex(randomblob(16)));
-- An e-mail's PDF (the adopted procès-verbal) is printed by the e-mail sender, off the
-- command's transaction, from this document (JSON, as the room's outbox keeps it).
ALTER TABLE email_outbox ADD COLUMN attachment_printable TEXT;
-- A guest with an address gets a link token too, for the unsubscribe link of their e-mails
-- (unsubscribing deletes the address; the token stays, so that the link still answers).
ALTER TABLE guests ADD COLUMN token TEXT;
UPDATE guests SET token = lower(hex(randomblob(32))) WHERE email IS NOT NULL;
CREATE UNIQUE INDEX guests_by_token ON guests (token) WHERE token IS NOT NULL;
-- A personal page reads its person's answers alone, and its form replaces them.
CREATE INDEX answers_by_voter ON answers (ballot_id, voter);
