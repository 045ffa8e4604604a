-- Who comes to a dated meeting: the announcement of its date is a ballot (✅ coming, ❌
-- excused), opened when the date is set.
ALTER TABLE meetings ADD COLUMN attendance_ballot_id INTEGER REFERENCES ballots (id);
-- Who noted an answer given for someone else (the secretary of the day, by `!présence`).
ALTER TABLE answers ADD COLUMN noted_by TEXT;
