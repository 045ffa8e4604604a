-- Mandates (`!mandat` / `!proxy`): an association gives its voice, for one meeting (its polls
-- and the approval of its minutes) or one poll, to another member association or a member.
CREATE TABLE mandates (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    room_id            TEXT NOT NULL,
    -- The number members type (n° 1, 2, …), per room.
    number             INTEGER NOT NULL,
    giver              TEXT NOT NULL,
    -- Exactly one of the two: the holding association, or the holding member.
    holder_association TEXT,
    holder_user        TEXT,
    meeting_id         INTEGER REFERENCES meetings (id),
    poll_id            INTEGER REFERENCES polls (id),
    given_by           TEXT NOT NULL,
    -- Given by a moderator who does not represent the giving association.
    noted              INTEGER NOT NULL DEFAULT 0 CHECK (noted IN (0, 1)),
    given_at           TEXT NOT NULL,
    withdrawn_at       TEXT,
    withdrawn_by       TEXT,
    UNIQUE (room_id, number),
    CHECK ((holder_association IS NULL) <> (holder_user IS NULL)),
    CHECK ((meeting_id IS NULL) <> (poll_id IS NULL))
);
CREATE INDEX mandates_by_room ON mandates (room_id);
