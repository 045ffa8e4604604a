-- An answer to a letter may come as a file (a scanned letter from the Préfecture): kept with
-- the answer, as the member sent it to the room.
ALTER TABLE letter_answers ADD COLUMN file_name TEXT;
ALTER TABLE letter_answers ADD COLUMN file_mime TEXT;
ALTER TABLE letter_answers ADD COLUMN file_data BLOB;
