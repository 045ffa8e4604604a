-- What was said or agreed on an agenda item: several notes per item, each with its author
-- (and their display name at the time). A carried-over item's notes stay with the meeting
-- where they were taken.
CREATE TABLE agenda_notes (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id     INTEGER NOT NULL REFERENCES agenda_items (id),
    text        TEXT NOT NULL,
    author      TEXT NOT NULL,
    author_name TEXT,
    created_at  TEXT NOT NULL
);
CREATE INDEX agenda_notes_by_item ON agenda_notes (item_id);
