//! Concerto's own database: one SQLite file (WAL mode) behind a sqlx pool, migrated at start.
//!
//! The only module that speaks SQL. It returns domain types and knows nothing of Matrix.
//! Writes that belong together go through a [`Transaction`], so that a command's effects, its
//! reply and the record that it was handled are committed together or not at all.
//!
//! `store.rs` opens the database and begins transactions; every other file adds the queries
//! of one entity: what the bot has read (`events.rs`), rooms, agenda items, meetings,
//! associations, date proposals, ballots, polls, the record, reminders, the outbox, the
//! events kept until their key arrives, a room's move to its replacement (`upgrades.rs`), and
//! what the page reads (`web.rs`).

mod actions;
mod agenda;
mod associations;
mod ballots;
mod contacts;
mod email_outbox;
mod email_people;
mod events;
mod groups;
mod guests;
mod identity;
mod letters;
mod links;
mod mandates;
mod meetings;
mod minutes;
mod outbox;
mod polls;
mod proposals;
mod record;
mod reminders;
mod retention;
mod rhythm;
mod rooms;
mod store;
mod subject;
mod trainings;
mod undecrypted;
mod upgrades;
mod web;

pub use actions::NewAction;
pub use agenda::NewItem;
pub use email_people::KeptPerson;
pub use events::SetAside;
pub use identity::MatrixIdentity;
pub use polls::{NewPoll, PollClosure};
pub use record::NewDecision;
pub use reminders::MeetingToRemind;
pub use rooms::RoomStanding;
pub use store::{StorageError, Store, Transaction};
pub use trainings::NewTrainee;
#[cfg(test)]
pub use upgrades::moved_tables;
pub use web::FeedMeeting;

/// Concerto's database, in the data directory.
pub const DATABASE_FILE: &str = "concerto.sqlite3";

#[cfg(test)]
pub(crate) mod tests {
    use chrono::{DateTime, Utc};
    use sqlx::sqlite::{SqliteConnectOptions, SqlitePool};

    use super::*;
    use crate::domain::messages::{Content, Presents};
    use crate::domain::{EventId, Language, RoomId};

    /// A fresh database in a temporary directory (kept alive by the returned guard).
    pub(crate) async fn temporary_store() -> (Store, tempfile::TempDir) {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(&dir.path().join("concerto.sqlite3"))
            .await
            .expect("open store");
        (store, dir)
    }

    /// A database at `path` as an older version left it: the migrations before the one named
    /// `first_missing` (its number, such as "0004") applied, and no other.
    pub(crate) async fn database_before(path: &std::path::Path, first_missing: &str) -> SqlitePool {
        let old = path.with_file_name(format!("migrations-before-{first_missing}"));
        std::fs::create_dir(&old).expect("dir");
        for entry in std::fs::read_dir("migrations").expect("migrations") {
            let entry = entry.expect("entry");
            let name = entry.file_name().into_string().expect("a name");
            if name.as_str() < first_missing {
                std::fs::copy(entry.path(), old.join(&name)).expect("copy");
            }
        }
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true);
        let pool = SqlitePool::connect_with(options).await.expect("open");
        sqlx::migrate::Migrator::new(old.as_path())
            .await
            .expect("old migrations")
            .run(&pool)
            .await
            .expect("older migrations");
        pool
    }

    /// Makes every insert into `table` fail, as a broken disk would: for tests of what
    /// happens when the database fails.
    pub(crate) async fn break_inserts_into(store: &Store, table: &str) {
        let statement = match table {
            "agenda_items" => {
                "CREATE TRIGGER broken BEFORE INSERT ON agenda_items
                 BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END"
            }
            other => panic!("no breaking of {other}"),
        };
        sqlx::query(statement)
            .execute(&store.pool)
            .await
            .expect("trigger");
    }

    fn now() -> DateTime<Utc> {
        crate::testing::at("2026-11-29T18:00:00Z")
    }

    #[tokio::test]
    async fn a_database_from_before_ballots_keeps_its_proposal_votes_and_pending_messages() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join(DATABASE_FILE);
        {
            // The database as the meetings release left it: migrations 1 to 3 only.
            let pool = database_before(&path, "0004").await;
            for statement in [
                "INSERT INTO proposals (id, room_id, proposer, command_event_id, event_id, created_at)
                 VALUES (4, '!r', '@alice:x', '$cmd', '$presented', '2026-11-29T18:00:00Z')",
                "INSERT INTO proposal_options VALUES (4, 1, '2026-12-10T13:00:00Z'),
                                                     (4, 2, '2026-12-17T13:00:00Z')",
                "INSERT INTO votes VALUES ('$r1', 4, 2, '@bob:x', '2026-11-29T18:01:00Z')",
                "INSERT INTO outbox (room_id, in_reply_to, body, created_at, kind, file_name,
                                     file_mime, proposal_id)
                 VALUES ('!r', NULL, 'BEGIN:VCALENDAR', '2026-11-29T18:02:00Z', 'file',
                         'reunion.ics', 'text/calendar', NULL),
                        ('!r', '$cmd', 'Proposition', '2026-11-29T18:02:00Z', 'notice',
                         NULL, NULL, 4)",
            ] {
                sqlx::query(statement).execute(&pool).await.expect("old data");
            }
            pool.close().await;
        }

        let store = Store::open(&path).await.expect("migrated");
        let ballots = store.open_ballots().await.expect("ballots");
        assert_eq!(ballots.len(), 1);
        assert_eq!(ballots[0].id.get(), 4);
        assert_eq!(ballots[0].option_count, 2);
        assert_eq!(ballots[0].event_id, Some(EventId::new("$presented")));
        let mut tx = store.begin().await.expect("begin");
        let answers = tx.answers(ballots[0].id).await.expect("answers");
        assert_eq!(answers.len(), 1);
        assert_eq!(answers[0].option, Some(2));
        assert_eq!(answers[0].voter.as_str(), "@bob:x");
        let proposal = tx
            .open_proposal(&RoomId::new("!r"))
            .await
            .expect("query")
            .expect("open proposal");
        assert_eq!(proposal.ballot, ballots[0].id);
        drop(tx);
        let pending = store.pending_messages().await.expect("pending");
        assert_eq!(
            pending[0].content,
            Content::File {
                name: "reunion.ics".into(),
                mime: "text/calendar".into(),
                data: b"BEGIN:VCALENDAR".to_vec(),
            }
        );
        assert_eq!(pending[1].presents, Some(Presents::Ballot(ballots[0].id)));
    }

    #[tokio::test]
    async fn a_database_of_the_first_release_opens_with_its_data() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join(DATABASE_FILE);
        {
            let pool = database_before(&path, "0002").await;
            for statement in [
                "INSERT INTO handled_events VALUES ('$old', '!r', '2026-01-05T10:00:00Z')",
                "INSERT INTO rooms (room_id, language, welcomed_at)
                 VALUES ('!r', 'en', '2026-01-05T10:00:00Z')",
                "INSERT INTO outbox (room_id, in_reply_to, markdown, created_at)
                 VALUES ('!r', '$old', 'Hello', '2026-01-05T10:00:01Z')",
                "INSERT INTO sync_position VALUES (1, 's42', '2026-01-05T10:00:02Z')",
            ] {
                sqlx::query(statement)
                    .execute(&pool)
                    .await
                    .expect("old data");
            }
            pool.close().await;
        }
        let store = Store::open(&path).await.expect("every migration since");
        assert!(
            store
                .was_handled(&EventId::new("$old"))
                .await
                .expect("query")
        );
        assert_eq!(
            store
                .room_language(&RoomId::new("!r"))
                .await
                .expect("query"),
            Some(Language::En)
        );
        assert_eq!(
            store.sync_position().await.expect("query").as_deref(),
            Some("s42")
        );
        let pending = store.pending_messages().await.expect("pending");
        assert_eq!(pending[0].markdown(), Some("Hello"));
    }

    #[tokio::test]
    async fn an_event_is_claimed_once_only() {
        let (store, _dir) = temporary_store().await;
        let (event, room) = (EventId::new("$e1"), RoomId::new("!r"));
        let mut tx = store.begin().await.expect("begin");
        assert!(tx.claim_event(&event, &room, now()).await.expect("claim"));
        tx.commit().await.expect("commit");
        let mut tx = store.begin().await.expect("begin");
        assert!(!tx.claim_event(&event, &room, now()).await.expect("claim"));
        assert!(store.was_handled(&event).await.expect("query"));
    }

    #[tokio::test]
    async fn a_dropped_transaction_leaves_nothing_behind() {
        let (store, _dir) = temporary_store().await;
        let (event, room) = (EventId::new("$e1"), RoomId::new("!r"));
        {
            let mut tx = store.begin().await.expect("begin");
            tx.claim_event(&event, &room, now()).await.expect("claim");
            tx.set_room_language(&room, Language::En)
                .await
                .expect("set");
        }
        assert!(!store.was_handled(&event).await.expect("query"));
        assert_eq!(store.room_language(&room).await.expect("query"), None);
    }

    #[tokio::test]
    async fn the_room_language_is_remembered_across_reopening() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("concerto.sqlite3");
        let room = RoomId::new("!r");
        {
            let store = Store::open(&path).await.expect("open");
            let mut tx = store.begin().await.expect("begin");
            tx.set_room_language(&room, Language::En)
                .await
                .expect("set");
            tx.commit().await.expect("commit");
        }
        let store = Store::open(&path).await.expect("reopen");
        assert_eq!(
            store.room_language(&room).await.expect("query"),
            Some(Language::En)
        );
    }

    #[tokio::test]
    async fn a_room_is_welcomed_once() {
        let (store, _dir) = temporary_store().await;
        let room = RoomId::new("!r");
        let mut tx = store.begin().await.expect("begin");
        tx.set_room_language(&room, Language::En)
            .await
            .expect("set");
        assert!(tx.mark_welcomed(&room, now()).await.expect("first"));
        assert!(!tx.mark_welcomed(&room, now()).await.expect("second"));
        assert_eq!(
            tx.room_language(&room).await.expect("query"),
            Some(Language::En)
        );
    }

    #[tokio::test]
    async fn committed_transactions_are_counted_across_clones_and_dropped_ones_not() {
        let (store, _dir) = temporary_store().await;
        let clone = store.clone();
        let room = RoomId::new("!r");
        let before = store.commits();
        let mut dropped = clone.begin_write().await.expect("begin");
        dropped.mark_room_present(&room).await.expect("write");
        drop(dropped);
        assert_eq!(store.commits(), before);
        let mut tx = clone.begin_write().await.expect("begin");
        tx.set_room_language(&room, Language::En)
            .await
            .expect("set");
        tx.commit().await.expect("commit");
        assert_eq!(store.commits(), before + 1);
    }

    #[tokio::test]
    async fn the_sync_position_starts_empty_and_keeps_the_latest() {
        let (store, _dir) = temporary_store().await;
        assert_eq!(store.sync_position().await.expect("query"), None);
        store
            .save_sync_position("s1", &[], now())
            .await
            .expect("save");
        store
            .save_sync_position("s2", &[], now())
            .await
            .expect("save");
        assert_eq!(
            store.sync_position().await.expect("query").as_deref(),
            Some("s2")
        );
    }

    #[tokio::test]
    async fn each_room_keeps_the_last_event_read_with_the_sync_position() {
        let (store, _dir) = temporary_store().await;
        let (kitchen, hall) = (RoomId::new("!kitchen"), RoomId::new("!hall"));
        assert_eq!(store.last_read_event(&kitchen).await.expect("query"), None);
        let first = [
            (kitchen.clone(), EventId::new("$k1")),
            (hall.clone(), EventId::new("$h1")),
        ];
        store
            .save_sync_position("s1", &first, now())
            .await
            .expect("save");
        // A later batch with news from one room only leaves the other's position alone; a
        // handling noted meanwhile is cleared with it (all three statements ran).
        let event = EventId::new("$k2");
        assert_eq!(
            store
                .note_attempt(&event, &kitchen, now())
                .await
                .expect("note"),
            1
        );
        let second = [(kitchen.clone(), event.clone())];
        store
            .save_sync_position("s2", &second, now())
            .await
            .expect("save");
        assert_eq!(
            store.sync_position().await.expect("query").as_deref(),
            Some("s2")
        );
        assert_eq!(
            store
                .note_attempt(&event, &kitchen, now())
                .await
                .expect("note"),
            1
        );
        assert_eq!(
            store.last_read_event(&kitchen).await.expect("query"),
            Some(EventId::new("$k2"))
        );
        assert_eq!(
            store.last_read_event(&hall).await.expect("query"),
            Some(EventId::new("$h1"))
        );
    }
}
