-- Who sent a kept encrypted event, and the event it answers when its relation (in clear) says
-- so: a poll answer waits for its key without an apology, and the results say it is waiting.
ALTER TABLE undecrypted_events ADD COLUMN sender TEXT;
ALTER TABLE undecrypted_events ADD COLUMN answers_event_id TEXT;
CREATE INDEX undecrypted_by_answered ON undecrypted_events (answers_event_id);

-- One "could not read your message" per sender and room key: a client encrypts many messages
-- with one key, and the bot cannot tell a command from chat before it decrypts.
CREATE TABLE unreadable_notices (
    room_id    TEXT NOT NULL,
    sender     TEXT NOT NULL,
    -- The Megolm session (or the event itself when the event names none).
    session_id TEXT NOT NULL,
    event_id   TEXT NOT NULL,
    noticed_at TEXT NOT NULL,
    PRIMARY KEY (room_id, sender, session_id)
);

-- What the running bot knows of its own Matrix identity, for `concerto health` (which runs
-- beside the bot and cannot open the Matrix store).
CREATE TABLE matrix_identity (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    device_id     TEXT NOT NULL,
    cross_signed  INTEGER NOT NULL,
    key_backup    INTEGER NOT NULL,
    updated_at    TEXT NOT NULL
);
