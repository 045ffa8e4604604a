-- The last timeline event the bot read in each room, saved with the sync position. After a
-- downtime longer than one sync carries, the gap is fetched back to this event: an event id is
-- exact where a sync token given to a backward pagination is not.
CREATE TABLE room_positions (
    room_id TEXT PRIMARY KEY NOT NULL,
    last_event_id TEXT NOT NULL
);
