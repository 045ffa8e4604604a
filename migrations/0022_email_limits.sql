-- E-mail cannot be turned into a spam cannon. Several versions of one thing (a meeting's
-- invitation updates) queued close together go out as one, the latest: they share a
-- coalesce key while waiting. An e-mail past a daily limit (per address, per room) waits
-- (held_at), never lost; the room is told once a day that e-mails are held back.
ALTER TABLE email_outbox ADD COLUMN coalesce_key TEXT;
ALTER TABLE email_outbox ADD COLUMN held_at TEXT;
CREATE INDEX email_outbox_waiting_by_key ON email_outbox (coalesce_key)
    WHERE coalesce_key IS NOT NULL AND sent_at IS NULL AND abandoned_at IS NULL;
CREATE INDEX email_outbox_sent_by_time ON email_outbox (sent_at) WHERE sent_at IS NOT NULL;
CREATE TABLE email_hold_notices (
    room_id TEXT NOT NULL,
    -- The local day the room was told (YYYY-MM-DD).
    day TEXT NOT NULL,
    PRIMARY KEY (room_id, day)
);
