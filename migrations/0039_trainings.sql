-- Shared training sessions (`!formation` / `!training`), numbered per room: one association
-- organises, the others send people. Its announcement is a ballot (kind 'training') so that
-- a ✅ on it signs the member up.
CREATE TABLE trainings (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    room_id       TEXT NOT NULL,
    number        INTEGER NOT NULL,
    title         TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 400),
    starts_at     TEXT NOT NULL,
    -- A day without a time of day (YYYY-MM-DD): `starts_at` is then its local midnight.
    all_day_on    TEXT,
    place         TEXT,
    -- The seats, when limited: sign-ups beyond them wait, in order.
    seats         INTEGER CHECK (seats IS NULL OR seats >= 1),
    description   TEXT,
    organiser     TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    ballot_id     INTEGER REFERENCES ballots (id),
    cancelled_at  TEXT,
    -- The day-before reminder went out (or was given up: the session had begun).
    reminded_at   TEXT,
    UNIQUE (room_id, number)
);
CREATE INDEX trainings_to_remind ON trainings (starts_at)
    WHERE reminded_at IS NULL AND cancelled_at IS NULL;

-- Who signed up, in order: a member (their Matrix id), or a volunteer without an account
-- (a name, as a secretary notes it), always with an association. A withdrawal deletes the
-- row; the order of the rest decides who has a seat. `event_id`: the command or the ✅
-- reaction that signed them up (deleting the reaction withdraws them).
CREATE TABLE trainees (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    training_id   INTEGER NOT NULL REFERENCES trainings (id) ON DELETE CASCADE,
    member        TEXT,
    name          TEXT,
    association   TEXT NOT NULL,
    -- The person known by e-mail this volunteer is, when the name matches one of the room's.
    email_person_id INTEGER REFERENCES email_people (id) ON DELETE SET NULL,
    signed_up_by  TEXT NOT NULL,
    signed_up_at  TEXT NOT NULL,
    event_id      TEXT UNIQUE,
    -- Set by `!formation présents`: they came.
    attended      INTEGER NOT NULL DEFAULT 0,
    -- Their name (or Matrix id) removed: past `retention.training_names_days` after the
    -- session, or on their `!oublie-moi`. The row stays, counted for their association.
    anonymized_at TEXT,
    CHECK ((member IS NOT NULL) + (name IS NOT NULL) = 1
           OR (member IS NULL AND name IS NULL AND anonymized_at IS NOT NULL))
);
CREATE INDEX trainees_of_training ON trainees (training_id, id);
CREATE UNIQUE INDEX trainees_member_once ON trainees (training_id, member) WHERE member IS NOT NULL;
