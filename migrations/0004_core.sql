-- The core that polls, decisions and reminders build on: one ballot model (what members answer),
-- an outbox that takes new kinds of message without a rebuild, per-message retries, and the
-- events the bot could not read yet.

-- A ballot is a message the bot posted that members answer: a date proposal ('dates'), a poll
-- ('poll'). The kind is checked in Rust (domain/ballot.rs), so a new kind needs no rebuild.
CREATE TABLE ballots (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    room_id      TEXT NOT NULL,
    kind         TEXT NOT NULL,
    option_count INTEGER NOT NULL CHECK (option_count BETWEEN 1 AND 10),
    -- The bot's message members answer; known once it is sent.
    event_id     TEXT UNIQUE,
    opened_at    TEXT NOT NULL,
    -- Answers from this moment on are ignored.
    closed_at    TEXT
);
CREATE INDEX open_ballots ON ballots (room_id) WHERE closed_at IS NULL;

-- Every date proposal becomes a ballot with the same id.
INSERT INTO ballots (id, room_id, kind, option_count, event_id, opened_at, closed_at)
SELECT p.id, p.room_id, 'dates',
       (SELECT count(*) FROM proposal_options o WHERE o.proposal_id = p.id),
       p.event_id, p.created_at,
       CASE WHEN p.status = 'open' THEN NULL ELSE coalesce(p.closed_at, p.created_at) END
FROM proposals p;
ALTER TABLE proposals ADD COLUMN ballot_id INTEGER REFERENCES ballots (id);
UPDATE proposals SET ballot_id = id;
-- The presenting message's id now lives in ballots.event_id only. (SQLite cannot drop a
-- UNIQUE column; the old one is emptied and no longer read or written.)
UPDATE proposals SET event_id = NULL;

-- One row per answer event: a reaction, a poll response or a command. Its event id lets a
-- redaction withdraw exactly that answer. option NULL: an answer that names no option (it still
-- replaces the person's earlier answer where only the latest counts).
CREATE TABLE answers (
    event_id    TEXT PRIMARY KEY NOT NULL,
    ballot_id   INTEGER NOT NULL REFERENCES ballots (id),
    voter       TEXT NOT NULL,
    option      INTEGER CHECK (option BETWEEN 1 AND 10),
    -- 'reaction', 'poll_response' or 'command'; checked in Rust.
    channel     TEXT NOT NULL,
    -- When the member answered (the homeserver's time of the event).
    answered_at TEXT NOT NULL
);
CREATE INDEX answers_by_ballot ON answers (ballot_id);
INSERT INTO answers (event_id, ballot_id, voter, option, channel, answered_at)
SELECT reaction_event_id, proposal_id, voter, number, 'reaction', voted_at FROM votes;
DROP TABLE votes;

-- The outbox, rebuilt once: `kind` is plain text checked in Rust (notice, reaction, file, and
-- the kinds to come), a file's content is bytes, what a message presents is a ballot, and each
-- message has its own next try.
CREATE TABLE outbox_new (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    room_id         TEXT NOT NULL,
    in_reply_to     TEXT,
    kind            TEXT NOT NULL,
    -- A notice's Markdown, a reaction's key, a file's name.
    body            TEXT NOT NULL,
    file_mime       TEXT,
    file_data       BLOB,
    -- Once sent, this message is the ballot members answer.
    presents_ballot INTEGER REFERENCES ballots (id),
    created_at      TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    -- After a failed send: not before this time.
    next_attempt_at TEXT,
    last_error      TEXT,
    sent_event_id   TEXT,
    sent_at         TEXT,
    abandoned_at    TEXT
);
INSERT INTO outbox_new (id, room_id, in_reply_to, kind, body, file_mime, file_data,
                        presents_ballot, created_at, attempts, last_error, sent_event_id,
                        sent_at, abandoned_at)
SELECT id, room_id, in_reply_to, kind,
       CASE WHEN kind = 'file' THEN coalesce(file_name, 'file') ELSE body END,
       file_mime,
       CASE WHEN kind = 'file' THEN CAST(body AS BLOB) END,
       proposal_id, created_at, attempts, last_error, sent_event_id, sent_at, abandoned_at
FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_pending ON outbox (id) WHERE sent_at IS NULL AND abandoned_at IS NULL;

-- How many versions of a meeting's invitation were sent: the next one's iCalendar SEQUENCE.
ALTER TABLE meetings ADD COLUMN invitations_sent INTEGER NOT NULL DEFAULT 0;

-- An event the bot could not handle even after retries is recorded with the reason (and its
-- author got an apology when it was a command): handled, never silently skipped.
ALTER TABLE handled_events ADD COLUMN failure TEXT;

-- Messages the bot could not decrypt yet (their room key had not arrived). Kept, as the
-- homeserver sent them, until the key arrives or they are too old to be answered.
CREATE TABLE undecrypted_events (
    event_id   TEXT PRIMARY KEY NOT NULL,
    room_id    TEXT NOT NULL,
    session_id TEXT,
    sent_at    TEXT NOT NULL,
    raw_event  TEXT NOT NULL,
    kept_at    TEXT NOT NULL
);
CREATE INDEX undecrypted_by_room ON undecrypted_events (room_id);
