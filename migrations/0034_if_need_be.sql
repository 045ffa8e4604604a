-- "If need be" (*si nécessaire*) on a date proposal: 🤷 with a number, `!réunion dispo <n>
-- peut-être`, the personal page's third choice; 🤷 alone (no option) marks the person's next
-- number reaction.
ALTER TABLE answers ADD COLUMN if_need_be INTEGER NOT NULL DEFAULT 0 CHECK (if_need_be IN (0, 1));
