-- An answer kept without its person (a poll's answers past their retention, a member who asked
-- to be forgotten): its voter is "~<n>", numbered within its ballot (no Matrix id starts with
-- "~"), and it counts for the association it counted for then (NULL: none, a guest's).
ALTER TABLE answers ADD COLUMN counted_for TEXT;
