-- The group's meeting rhythm ('quarterly', 'bimonthly', 'monthly'; NULL: none), and the
-- proposals the rhythm made: one per room and last meeting, so it proposes once.
ALTER TABLE rooms ADD COLUMN rhythm TEXT;

CREATE TABLE rhythm_proposals (
    room_id          TEXT NOT NULL,
    after_meeting_id INTEGER NOT NULL REFERENCES meetings (id),
    proposal_id      INTEGER NOT NULL REFERENCES proposals (id),
    created_at       TEXT NOT NULL,
    PRIMARY KEY (room_id, after_meeting_id)
);
