-- The group's private web page: each room's unguessable link token (NULL until asked for).
ALTER TABLE rooms ADD COLUMN web_token TEXT;
CREATE UNIQUE INDEX rooms_by_web_token ON rooms (web_token) WHERE web_token IS NOT NULL;
