-- An event whose handling was started: written (and committed) before the handling, removed
-- when the batch it came in is done. After a crash (SIGKILL) in the middle of a handling the
-- event comes again with its count: tried once more, then set aside.
CREATE TABLE event_attempts (
    event_id TEXT PRIMARY KEY NOT NULL,
    room_id TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    first_at TEXT NOT NULL
);
-- When the running bot started (`concerto health` counts what was set aside since), and how
-- many times it has started (each run's syncs that read a position again differ by it).
CREATE TABLE bot_run (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    started_at TEXT NOT NULL,
    starts INTEGER NOT NULL
);
-- What falls due at a time and could not be done (a panic in it): given up, once, and never
-- tried again.
CREATE TABLE due_set_aside (
    key TEXT PRIMARY KEY NOT NULL,
    room_id TEXT NOT NULL,
    failure TEXT NOT NULL,
    set_aside_at TEXT NOT NULL
);
CREATE INDEX failed_events_by_time ON handled_events (handled_at) WHERE failure IS NOT NULL;
