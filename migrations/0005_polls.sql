-- Polls on joint positions: the second kind of ballot. Their answers are the ballot's
-- (answers table); the ballot's closed_at is when answering stopped.

CREATE TABLE polls (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    room_id          TEXT NOT NULL,
    -- The number members type (n° 1, 2, …), per room.
    number           INTEGER NOT NULL,
    ballot_id        INTEGER NOT NULL UNIQUE REFERENCES ballots (id),
    author           TEXT NOT NULL,
    command_event_id TEXT NOT NULL,
    question         TEXT NOT NULL CHECK (length(question) BETWEEN 1 AND 300),
    -- When it closes by itself, if it has a deadline.
    closes_at        TEXT,
    created_at       TEXT NOT NULL,
    UNIQUE (room_id, number)
);

CREATE TABLE poll_options (
    poll_id INTEGER NOT NULL REFERENCES polls (id),
    number  INTEGER NOT NULL CHECK (number BETWEEN 1 AND 10),
    label   TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 100),
    PRIMARY KEY (poll_id, number)
);

-- How a poll ended: by whom (NULL: its deadline), when, and whether the bot was late to it
-- (it was down at the deadline).
CREATE TABLE poll_closures (
    poll_id   INTEGER PRIMARY KEY NOT NULL REFERENCES polls (id),
    closed_by TEXT,
    closed_at TEXT NOT NULL,
    late      INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1)),
    recorded  INTEGER NOT NULL DEFAULT 0 CHECK (recorded IN (0, 1))
);

-- A message that ends a ballot (a poll's end event): its target is the ballot's message,
-- known once that one is sent.
ALTER TABLE outbox ADD COLUMN ends_ballot INTEGER REFERENCES ballots (id);
