-- The thread a reply answers in (the root of the thread its command was sent in).
ALTER TABLE outbox ADD COLUMN thread_root TEXT;
