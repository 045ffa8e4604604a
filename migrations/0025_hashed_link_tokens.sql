-- Link tokens stop being stored (src/domain/tokens.rs): each link keeps a random nonce and the
-- SHA-256 of its token, looked up by that hash under a unique index; the token itself is
-- derived from the nonce with a key the database does not hold. The bot writes the hashes of
-- the nonces given here at its next start (it alone has the key).
--
-- The tokens of links already sent are moved to `legacy_link_tokens`, where that same start
-- replaces each by its hash (`Store::complete_links`), so that those links keep working until
-- they are renewed. `owner` is a room id ('page') or a row id ('personal', 'unsubscribe': a
-- person known by e-mail; 'guest': a guest's unsubscribe link).
CREATE TABLE legacy_link_tokens (
    hash    TEXT UNIQUE,
    clear   TEXT,
    purpose TEXT NOT NULL,
    owner   TEXT NOT NULL
);
CREATE INDEX legacy_link_tokens_by_owner ON legacy_link_tokens (purpose, owner);
INSERT INTO legacy_link_tokens (clear, purpose, owner)
    SELECT web_token, 'page', room_id FROM rooms WHERE web_token IS NOT NULL;
INSERT INTO legacy_link_tokens (clear, purpose, owner)
    SELECT token, 'personal', id FROM email_people;
INSERT INTO legacy_link_tokens (clear, purpose, owner)
    SELECT unsubscribe_token, 'unsubscribe', id FROM email_people
    WHERE unsubscribe_token IS NOT NULL;
INSERT INTO legacy_link_tokens (clear, purpose, owner)
    SELECT token, 'guest', id FROM guests WHERE token IS NOT NULL;

-- The group's page: a nonce once asked for (`!page`), and its token's hash.
ALTER TABLE rooms ADD COLUMN web_nonce TEXT;
ALTER TABLE rooms ADD COLUMN web_hash TEXT;
UPDATE rooms SET web_nonce = lower(hex(randomblob(16))) WHERE web_token IS NOT NULL;
DROP INDEX rooms_by_web_token;
ALTER TABLE rooms DROP COLUMN web_token;
CREATE UNIQUE INDEX rooms_by_web_hash ON rooms (web_hash) WHERE web_hash IS NOT NULL;

-- A person known by e-mail: the page link's nonce (its forms' token is derived from it too)
-- and hash, and the unsubscribe link's. `token` was NOT NULL UNIQUE: renamed, it keeps the
-- page link's hash (a placeholder until the next start writes it).
ALTER TABLE email_people RENAME COLUMN token TO link_hash;
UPDATE email_people SET link_hash = 'pending:' || id;
ALTER TABLE email_people ADD COLUMN link_nonce TEXT NOT NULL DEFAULT '';
ALTER TABLE email_people DROP COLUMN form_token;
DROP INDEX email_people_by_unsubscribe_token;
ALTER TABLE email_people DROP COLUMN unsubscribe_token;
ALTER TABLE email_people ADD COLUMN unsubscribe_nonce TEXT NOT NULL DEFAULT '';
ALTER TABLE email_people ADD COLUMN unsubscribe_hash TEXT;
UPDATE email_people SET link_nonce = lower(hex(randomblob(16))),
                        unsubscribe_nonce = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX email_people_by_unsubscribe_hash ON email_people (unsubscribe_hash)
    WHERE unsubscribe_hash IS NOT NULL;

-- A guest with an address: their unsubscribe link's nonce and hash.
ALTER TABLE guests ADD COLUMN link_nonce TEXT;
ALTER TABLE guests ADD COLUMN link_hash TEXT;
UPDATE guests SET link_nonce = lower(hex(randomblob(16))) WHERE token IS NOT NULL;
DROP INDEX guests_by_token;
ALTER TABLE guests DROP COLUMN token;
CREATE UNIQUE INDEX guests_by_link_hash ON guests (link_hash) WHERE link_hash IS NOT NULL;
