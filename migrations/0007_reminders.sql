-- Reminders: those members ask for (`!remind`), and the record of every reminder the bot sent,
-- of any kind, so that each goes out once.

CREATE TABLE reminders (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    room_id      TEXT NOT NULL,
    number       INTEGER NOT NULL,
    author       TEXT NOT NULL,
    text         TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
    -- When it next falls due (UTC).
    next_at      TEXT NOT NULL,
    -- 'daily 09:00' or 'weekly mon 09:00' (local time); NULL: once. Checked in Rust.
    recurrence   TEXT,
    created_at   TEXT NOT NULL,
    cancelled_at TEXT,
    -- A one-off reminder once sent.
    finished_at  TEXT,
    UNIQUE (room_id, number)
);
CREATE INDEX active_reminders ON reminders (next_at) WHERE cancelled_at IS NULL AND finished_at IS NULL;

-- Every reminder sent (meeting, poll nudge, action, asked for), by a key naming what it was
-- for and for when: written in the same transaction as its message, so never twice.
CREATE TABLE reminders_sent (
    key     TEXT PRIMARY KEY NOT NULL,
    room_id TEXT NOT NULL,
    due_at  TEXT NOT NULL,
    sent_at TEXT NOT NULL,
    late    INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1))
);

-- The room's meeting reminders, in minutes before the meeting ('10080,1440,120'; '' for
-- none); NULL: the defaults (7 days, 1 day, 2 hours).
ALTER TABLE rooms ADD COLUMN meeting_reminders TEXT;

-- When the meeting got its date: reminders already past then are skipped.
ALTER TABLE meetings ADD COLUMN scheduled_at TEXT;
UPDATE meetings SET scheduled_at = created_at WHERE starts_at IS NOT NULL;
