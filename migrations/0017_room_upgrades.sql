-- A room replaced by a new version of itself (`m.room.tombstone`): the group's record moved
-- from the old room to the new one, once, at this moment.
CREATE TABLE room_upgrades (
    old_room_id TEXT PRIMARY KEY NOT NULL,
    new_room_id TEXT NOT NULL,
    moved_at    TEXT NOT NULL
);
CREATE INDEX room_upgrades_by_new ON room_upgrades (new_room_id);
