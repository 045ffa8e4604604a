-- The room's guest associations (`!association invitée`): they speak, answer and add items,
-- but never count for a joint position, the approval of minutes or the ranking of dates.
CREATE TABLE guest_associations (
    room_id     TEXT NOT NULL,
    association TEXT NOT NULL,
    PRIMARY KEY (room_id, association)
);
