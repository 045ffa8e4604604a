-- The group's record: decisions (numbered per room, every version kept, revocations with their
-- reason, searchable blind to accents and case) and actions (who does what by when).

CREATE TABLE decisions (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    room_id            TEXT NOT NULL,
    number             INTEGER NOT NULL,
    -- The meeting of that day, else the most recent one, if any.
    meeting_id         INTEGER REFERENCES meetings (id),
    -- The poll whose outcome it records, if any.
    poll_id            INTEGER REFERENCES polls (id),
    author             TEXT NOT NULL,
    author_association TEXT,
    created_at         TEXT NOT NULL,
    revoked_at         TEXT,
    revoked_by         TEXT,
    revoke_reason      TEXT,
    UNIQUE (room_id, number)
);

-- Every text a decision had; the highest version is the current one. Nothing is rewritten.
CREATE TABLE decision_versions (
    decision_id INTEGER NOT NULL REFERENCES decisions (id),
    version     INTEGER NOT NULL,
    text        TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
    author      TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (decision_id, version)
);

-- The current text of each decision, for search (rowid = decisions.id). Written in the same
-- transaction as the decision and its versions (storage/decisions.rs).
CREATE VIRTUAL TABLE decisions_search USING fts5 (
    text,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- Who does what by when. The owner is a member (owner_user) or an association (owner_name).
CREATE TABLE actions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    room_id     TEXT NOT NULL,
    number      INTEGER NOT NULL,
    meeting_id  INTEGER REFERENCES meetings (id),
    owner_user  TEXT,
    owner_name  TEXT,
    text        TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
    -- The local day it is due (YYYY-MM-DD), if given.
    due_on      TEXT,
    author      TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    done_at     TEXT,
    done_by     TEXT,
    CHECK (owner_user IS NOT NULL OR owner_name IS NOT NULL),
    UNIQUE (room_id, number)
);
