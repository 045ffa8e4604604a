-- A person known by e-mail gets an unsubscribe token of their own: the link in an e-mail's
-- List-Unsubscribe header (which mail providers read) no longer opens their personal page,
-- where one answers in their name. Their former shared token still unsubscribes (the links of
-- e-mails sent before), and still opens their page until `!courriel nouveau-lien` renews it.
ALTER TABLE email_people ADD COLUMN unsubscribe_token TEXT;
UPDATE email_people SET unsubscribe_token = lower(hex(randomblob(32)));
CREATE UNIQUE INDEX email_people_by_unsubscribe_token ON email_people (unsubscribe_token);
