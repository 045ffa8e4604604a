-- Meetings (as far as the agenda needs them) and agenda items.

-- A meeting of a room's group. starts_at NULL is the next meeting whose date is not set yet:
-- items collect there, and stay with it once a date is set. 'held': its day is over and its
-- untreated items were carried over to the next meeting.
CREATE TABLE meetings (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    room_id    TEXT NOT NULL,
    starts_at  TEXT,
    place      TEXT,
    status     TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held', 'cancelled')),
    created_at TEXT NOT NULL
);
CREATE INDEX meetings_by_room ON meetings (room_id, status);
CREATE UNIQUE INDEX one_unscheduled_meeting_per_room ON meetings (room_id)
    WHERE starts_at IS NULL AND status = 'planned';

-- One line of a meeting's agenda. The number the room sees is computed from the order
-- (urgent first, then position); withdrawn and carried-over items are kept for the record.
CREATE TABLE agenda_items (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    room_id           TEXT NOT NULL,
    meeting_id        INTEGER NOT NULL REFERENCES meetings (id),
    position          INTEGER NOT NULL,
    text              TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
    author            TEXT NOT NULL,
    author_name       TEXT,
    urgent            INTEGER NOT NULL DEFAULT 0 CHECK (urgent IN (0, 1)),
    status            TEXT NOT NULL DEFAULT 'open'
                      CHECK (status IN ('open', 'treated', 'withdrawn', 'carried_over')),
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    -- The message that added it (an edit of that message updates the text).
    source_event_id   TEXT UNIQUE,
    carried_from_item INTEGER REFERENCES agenda_items (id),
    carried_from_date TEXT
);
CREATE INDEX agenda_items_by_meeting ON agenda_items (meeting_id, status);
