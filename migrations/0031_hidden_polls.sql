-- A poll whose results are hidden until it closes (`!sondage caché`): clients show no counts,
-- and `!sondage résultats` says only who has answered.
ALTER TABLE polls ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1));
