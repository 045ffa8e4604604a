-- The foundation: what makes every command answered exactly once, and the rooms' settings.
-- Times are stored as RFC 3339 text in UTC.

-- Every event the bot has acted on (a command, a join…). A command's effects, its reply and
-- its row here are written in one transaction: either all of them exist or none.
CREATE TABLE handled_events (
    event_id   TEXT PRIMARY KEY NOT NULL,
    room_id    TEXT NOT NULL,
    handled_at TEXT NOT NULL
);

-- Messages the bot has decided to send. A row is written with the decision, then sent with a
-- transaction id derived from it (the homeserver ignores a second send with the same id), then
-- marked sent: a crash at any point neither loses nor repeats a reply.
CREATE TABLE outbox (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    room_id       TEXT NOT NULL,
    in_reply_to   TEXT,
    markdown      TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    attempts      INTEGER NOT NULL DEFAULT 0,
    last_error    TEXT,
    sent_event_id TEXT,
    sent_at       TEXT,
    abandoned_at  TEXT
);
CREATE INDEX outbox_pending ON outbox (id) WHERE sent_at IS NULL AND abandoned_at IS NULL;

-- One row per room the bot has been in.
CREATE TABLE rooms (
    room_id     TEXT PRIMARY KEY NOT NULL,
    language    TEXT CHECK (language IN ('fr', 'en')),
    welcomed_at TEXT
);

-- Where the bot's reading of the rooms stopped: saved only once every event before it was
-- handled, so that a crash makes the homeserver send the unhandled ones again.
CREATE TABLE sync_position (
    id         INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    next_batch TEXT NOT NULL,
    saved_at   TEXT NOT NULL
);
