-- The group's address book (`!contact` / `!contacts`): professional contacts at the
-- institutions, numbered per room; removed contacts are deleted.
CREATE TABLE contacts (
    id                     INTEGER PRIMARY KEY AUTOINCREMENT,
    room_id                TEXT NOT NULL,
    number                 INTEGER NOT NULL,
    organisation           TEXT NOT NULL CHECK (length(organisation) BETWEEN 1 AND 300),
    name                   TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
    role                   TEXT NOT NULL CHECK (length(role) BETWEEN 1 AND 300),
    phone                  TEXT,
    email                  TEXT,
    note                   TEXT,
    added_by               TEXT NOT NULL,
    added_by_association   TEXT,
    added_at               TEXT NOT NULL,
    confirmed_at           TEXT NOT NULL,
    UNIQUE (room_id, number)
);

-- The last number given in each room: a removed contact's number is not given again.
CREATE TABLE contact_numbers (
    room_id TEXT PRIMARY KEY NOT NULL,
    last    INTEGER NOT NULL
);
