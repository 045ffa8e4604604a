-- Guests tied to one meeting (a speaker, with the topic they come for), numbered in that
-- meeting's list. The address is kept for e-mail and never shown whole in the room.
CREATE TABLE guests (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    meeting_id INTEGER NOT NULL REFERENCES meetings (id),
    number     INTEGER NOT NULL,
    name       TEXT NOT NULL,
    email      TEXT,
    topic      TEXT,
    added_by   TEXT NOT NULL,
    added_at   TEXT NOT NULL,
    UNIQUE (meeting_id, number)
);
