-- The minutes' approval by each association (the latest member's counts: one row per
-- association), and the procès-verbal frozen at adoption with its SHA-256 fingerprint.
CREATE TABLE minutes_approvals (
    meeting_id  INTEGER NOT NULL REFERENCES meetings (id),
    association TEXT NOT NULL,
    approved_by TEXT NOT NULL,
    approved_at TEXT NOT NULL,
    PRIMARY KEY (meeting_id, association)
);

CREATE TABLE adopted_minutes (
    meeting_id  INTEGER PRIMARY KEY REFERENCES meetings (id),
    room_id     TEXT NOT NULL,
    text        TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    -- What heads its PDF: the room's name and its associations at adoption (JSON).
    heading     TEXT NOT NULL,
    adopted_at  TEXT NOT NULL,
    -- The moderator who adopted without every association; NULL when all approved.
    adopted_by  TEXT,
    -- The approvals as they stood at adoption, and the associations still awaited (JSON).
    approvals   TEXT NOT NULL,
    missing     TEXT NOT NULL
);
