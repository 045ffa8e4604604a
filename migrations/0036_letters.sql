-- Joint advocacy letters (`!plaidoyer` / `!advocacy`), numbered per room.
CREATE TABLE letters (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    room_id        TEXT NOT NULL,
    number         INTEGER NOT NULL,
    title          TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    -- The poll it started from, if any.
    poll_id        INTEGER REFERENCES polls (id),
    created_by     TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    -- Its current version: each change of text or recipients makes a new one.
    version        INTEGER NOT NULL DEFAULT 0,
    -- Frozen when every member association approved a version: that version, its signed
    -- text, the text's SHA-256, when.
    frozen_version INTEGER,
    frozen_text    TEXT,
    fingerprint    TEXT,
    frozen_at      TEXT,
    sent_at        TEXT,
    sent_by        TEXT,
    UNIQUE (room_id, number)
);

-- Every version's text, kept.
CREATE TABLE letter_versions (
    letter_id  INTEGER NOT NULL REFERENCES letters (id),
    version    INTEGER NOT NULL,
    text       TEXT,
    author     TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (letter_id, version)
);

-- The current recipients, in order.
CREATE TABLE letter_recipients (
    letter_id INTEGER NOT NULL REFERENCES letters (id),
    position  INTEGER NOT NULL,
    name      TEXT NOT NULL,
    address   TEXT NOT NULL,
    PRIMARY KEY (letter_id, position)
);

-- Each association's approval of one version (the latest member's counts).
CREATE TABLE letter_approvals (
    letter_id   INTEGER NOT NULL REFERENCES letters (id),
    version     INTEGER NOT NULL,
    association TEXT NOT NULL,
    approved_by TEXT NOT NULL,
    approved_at TEXT NOT NULL,
    PRIMARY KEY (letter_id, version, association)
);
