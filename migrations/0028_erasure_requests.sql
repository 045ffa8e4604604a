-- A member's `!oublie-moi` waiting for its `confirmer`: one per person, the latest one's time.
CREATE TABLE erasure_requests (
    user_id  TEXT PRIMARY KEY NOT NULL,
    asked_at TEXT NOT NULL
);
