-- People who follow a room's group by e-mail (a representative without a Matrix account yet),
-- counted for their association like a member, numbered in the room's list. The address is
-- kept here only: the room sees it masked, the logs never. `token` opens their personal links
-- (unsubscribing): 128 random bits in hexadecimal, never logged.
CREATE TABLE email_people (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    room_id     TEXT NOT NULL,
    number      INTEGER NOT NULL,
    address     TEXT NOT NULL,
    association TEXT NOT NULL,
    name        TEXT NOT NULL,
    added_by    TEXT NOT NULL,
    added_at    TEXT NOT NULL,
    token       TEXT NOT NULL UNIQUE,
    -- Set when they unsubscribed: nothing more is sent to them.
    unsubscribed_at TEXT,
    UNIQUE (room_id, number),
    UNIQUE (room_id, address)
);
