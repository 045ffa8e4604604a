-- Advocacy letters go out by e-mail (#36): an e-mail of the outbox may be for one recipient
-- of a letter, with a Reply-To (the group's contact); the room is told once they all went
-- out; an answer is recorded; a letter without one is followed up once. The outbox is
-- rebuilt: its one recipient is now a person, a guest or a letter's recipient.
CREATE TABLE email_outbox_new (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    room_id              TEXT NOT NULL,
    person_id            INTEGER REFERENCES email_people (id) ON DELETE CASCADE,
    guest_id             INTEGER REFERENCES guests (id) ON DELETE CASCADE,
    -- A letter's recipient: the letter, and the recipient's position in it.
    letter_id            INTEGER REFERENCES letters (id),
    letter_position      INTEGER,
    subject              TEXT NOT NULL,
    text_body            TEXT NOT NULL,
    html_body            TEXT NOT NULL,
    attachment_name      TEXT,
    attachment_mime      TEXT,
    attachment_data      BLOB,
    unsubscribe_url      TEXT,
    created_at           TEXT NOT NULL,
    attempts             INTEGER NOT NULL DEFAULT 0,
    next_attempt_at      TEXT,
    last_error           TEXT,
    sent_at              TEXT,
    abandoned_at         TEXT,
    attachment_printable TEXT,
    coalesce_key         TEXT,
    held_at              TEXT,
    -- Where answers go (Reply-To), when not to the bot's address.
    reply_to             TEXT,
    CHECK ((person_id IS NOT NULL) + (guest_id IS NOT NULL) + (letter_id IS NOT NULL) = 1),
    CHECK ((letter_id IS NULL) = (letter_position IS NULL))
);
INSERT INTO email_outbox_new (id, room_id, person_id, guest_id, subject, text_body, html_body,
        attachment_name, attachment_mime, attachment_data, unsubscribe_url, created_at, attempts,
        next_attempt_at, last_error, sent_at, abandoned_at, attachment_printable, coalesce_key,
        held_at)
    SELECT id, room_id, person_id, guest_id, subject, text_body, html_body, attachment_name,
        attachment_mime, attachment_data, unsubscribe_url, created_at, attempts, next_attempt_at,
        last_error, sent_at, abandoned_at, attachment_printable, coalesce_key, held_at
    FROM email_outbox;
DROP TABLE email_outbox;
ALTER TABLE email_outbox_new RENAME TO email_outbox;
CREATE INDEX email_outbox_pending ON email_outbox (id) WHERE sent_at IS NULL AND abandoned_at IS NULL;
CREATE INDEX email_outbox_waiting_by_key ON email_outbox (coalesce_key)
    WHERE coalesce_key IS NOT NULL AND sent_at IS NULL AND abandoned_at IS NULL;
CREATE INDEX email_outbox_sent_by_time ON email_outbox (sent_at) WHERE sent_at IS NOT NULL;

ALTER TABLE letters ADD COLUMN sent_announced_at TEXT;
ALTER TABLE letters ADD COLUMN followed_up_at TEXT;

CREATE TABLE letter_answers (
    letter_id   INTEGER NOT NULL REFERENCES letters (id),
    number      INTEGER NOT NULL,
    text        TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (letter_id, number)
);
