-- A consent poll (`!sondage consentement`): options agree / concern / object, adopted unless an
-- association objects.
ALTER TABLE polls ADD COLUMN consent INTEGER NOT NULL DEFAULT 0 CHECK (consent IN (0, 1));

-- Why a member answered "concern" or "objection" to a consent poll; `reason` is NULL while the
-- bot waits for it (asked in the poll's thread).
CREATE TABLE answer_reasons (
    ballot_id INTEGER NOT NULL REFERENCES ballots (id),
    voter     TEXT NOT NULL,
    option    INTEGER NOT NULL,
    reason    TEXT CHECK (reason IS NULL OR length(reason) BETWEEN 1 AND 500),
    at        TEXT NOT NULL,
    PRIMARY KEY (ballot_id, voter)
);
