-- When the bot left the room or was removed from it (NULL while it is in it). The record is
-- kept; the room's page and personal links stop working and nothing more is e-mailed for it.
ALTER TABLE rooms ADD COLUMN left_at TEXT;
