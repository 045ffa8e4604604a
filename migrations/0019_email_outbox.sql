-- E-mails waiting to be sent, written in the transaction of what caused them (like the room's
-- outbox), sent by the e-mail sender with its back-off. Each goes to a person known by e-mail
-- or to a meeting's guest. The address is not copied here: it is read from email_people or
-- guests when sending, and a removal takes the e-mails with it.
CREATE TABLE email_outbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    room_id         TEXT NOT NULL,
    person_id       INTEGER REFERENCES email_people (id) ON DELETE CASCADE,
    guest_id        INTEGER REFERENCES guests (id) ON DELETE CASCADE,
    subject         TEXT NOT NULL,
    text_body       TEXT NOT NULL,
    html_body       TEXT NOT NULL,
    attachment_name TEXT,
    attachment_mime TEXT,
    attachment_data BLOB,
    -- The one-click unsubscribe link (RFC 8058) of its List-Unsubscribe header, if any.
    unsubscribe_url TEXT,
    created_at      TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT,
    last_error      TEXT,
    sent_at         TEXT,
    abandoned_at    TEXT,
    CHECK ((person_id IS NULL) <> (guest_id IS NULL))
);
CREATE INDEX email_outbox_pending ON email_outbox (id) WHERE sent_at IS NULL AND abandoned_at IS NULL;
