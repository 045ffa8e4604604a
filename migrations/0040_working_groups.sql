-- Working groups (`!groupe` / `!group`): a question worked on for months in a room of its own,
-- reporting to the plenary room it was created from. Its room is created by the bot (or an
-- existing room attached); its record (agenda, decisions, actions…) is that room's, numbered
-- there; its associations are the plenary's.
CREATE TABLE working_groups (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    plenary_room    TEXT NOT NULL,
    name            TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    -- The name folded (case, accents and spaces aside): one group of a name per plenary.
    folded_name     TEXT NOT NULL,
    -- The group's room: known once created (the sender creates it) or attached.
    room_id         TEXT,
    -- Who the bot invites into the room it creates, as Matrix ids, one per line.
    invitees        TEXT NOT NULL DEFAULT '',
    ends_on         TEXT,
    created_by      TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    -- An existing room, attached: asked there, confirmed by a moderator of the plenary.
    attach_asked_by TEXT,
    confirmed_at    TEXT,
    last_report_at  TEXT,
    -- The end date the plenary was asked about (once per end date).
    end_asked_for   TEXT,
    closed_at       TEXT,
    UNIQUE (plenary_room, folded_name)
);
CREATE UNIQUE INDEX working_group_rooms ON working_groups (room_id) WHERE room_id IS NOT NULL;

-- A proposal of a group (a decision of its room) adopted by the plenary's decision.
CREATE TABLE adopted_proposals (
    group_id         INTEGER NOT NULL REFERENCES working_groups (id),
    proposal_number  INTEGER NOT NULL,
    -- The plenary's decision that adopted it, by its number in the plenary.
    decision_number  INTEGER NOT NULL,
    PRIMARY KEY (group_id, proposal_number)
);
