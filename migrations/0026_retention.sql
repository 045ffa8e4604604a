-- When personal data past its retention was last deleted (`service/retention.rs`): the clock
-- purges once a day, late rather than never.
CREATE TABLE retention_runs (
    id        INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    purged_at TEXT NOT NULL
);
-- The purge reads what went out, and kept encrypted events, by date.
CREATE INDEX handled_events_by_time ON handled_events (handled_at);
CREATE INDEX undecrypted_by_kept_at ON undecrypted_events (kept_at);
