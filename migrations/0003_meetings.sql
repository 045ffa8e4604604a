-- Meetings: associations, date proposals voted with reactions, hosts; the outbox learns to
-- send reactions and files.

-- Who belongs to which association, per room (seeded from the configuration once, then
-- changed with `!association`). Members without a row are guests.
CREATE TABLE association_members (
    room_id     TEXT NOT NULL,
    user_id     TEXT NOT NULL,
    association TEXT NOT NULL,
    PRIMARY KEY (room_id, user_id)
);

-- The order in which associations host the meetings, per room.
CREATE TABLE host_order (
    room_id     TEXT NOT NULL,
    position    INTEGER NOT NULL,
    association TEXT NOT NULL,
    PRIMARY KEY (room_id, position)
);

ALTER TABLE rooms ADD COLUMN seeded_at TEXT;
ALTER TABLE meetings ADD COLUMN host TEXT;
ALTER TABLE meetings ADD COLUMN proposal_id INTEGER;

-- A set of dates proposed with `!meeting propose`; members vote with reactions on the bot's
-- message (event_id, known once it is sent).
CREATE TABLE proposals (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    room_id          TEXT NOT NULL,
    proposer         TEXT NOT NULL,
    command_event_id TEXT NOT NULL,
    event_id         TEXT UNIQUE,
    status           TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed', 'cancelled')),
    chosen_option    INTEGER,
    created_at       TEXT NOT NULL,
    closed_at        TEXT
);
CREATE UNIQUE INDEX one_open_proposal_per_room ON proposals (room_id) WHERE status = 'open';

CREATE TABLE proposal_options (
    proposal_id INTEGER NOT NULL REFERENCES proposals (id),
    number      INTEGER NOT NULL CHECK (number BETWEEN 1 AND 10),
    starts_at   TEXT NOT NULL,
    PRIMARY KEY (proposal_id, number)
);

-- One row per reaction that is a vote; its event id lets a redaction undo exactly that vote.
CREATE TABLE votes (
    reaction_event_id TEXT PRIMARY KEY NOT NULL,
    proposal_id       INTEGER NOT NULL REFERENCES proposals (id),
    number            INTEGER NOT NULL,
    voter             TEXT NOT NULL,
    voted_at          TEXT NOT NULL
);
CREATE INDEX votes_by_proposal ON votes (proposal_id);

-- The outbox sends notices, reactions (body = the key, in_reply_to = the target) and files.
ALTER TABLE outbox RENAME COLUMN markdown TO body;
ALTER TABLE outbox ADD COLUMN kind TEXT NOT NULL DEFAULT 'notice'
    CHECK (kind IN ('notice', 'reaction', 'file'));
ALTER TABLE outbox ADD COLUMN file_name TEXT;
ALTER TABLE outbox ADD COLUMN file_mime TEXT;
-- Set on the message that presents a proposal: once sent, its event id is the proposal's.
ALTER TABLE outbox ADD COLUMN proposal_id INTEGER;
