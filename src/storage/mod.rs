//! Concerto's own database: one SQLite file (WAL mode) behind a sqlx pool, migrated at start.
//!
//! The only module that speaks SQL. It returns domain types and knows nothing of Matrix.
//! Writes that belong together go through a [`Transaction`], so that a command's effects, its
//! reply and the record that it was handled are committed together or not at all.

mod agenda;
mod associations;
mod ballots;
mod meetings;
mod outbox;
mod polls;
mod proposals;
mod record;
mod reminders;
mod undecrypted;
mod web;

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use chrono::{DateTime, Utc};
use sqlx::Row;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

use crate::domain::{EventId, Language, RoomId};

pub use agenda::NewItem;
pub use polls::{NewPoll, PollClosure};
pub use record::{NewAction, NewDecision};
pub use reminders::MeetingToRemind;
pub use web::FeedMeeting;

/// Concerto's database, in the data directory.
pub const DATABASE_FILE: &str = "concerto.sqlite3";

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("database migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("unexpected value in the database: {0}")]
    Corrupt(String),
}

/// A handle on the database; cheap to clone.
#[derive(Clone)]
pub struct Store {
    pool: SqlitePool,
}

impl Store {
    /// Opens (or creates) the database file and applies the pending migrations.
    pub async fn open(path: &Path) -> Result<Self, StorageError> {
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // With WAL, NORMAL loses nothing on a process crash; only a power cut can cost the
            // last transaction, which the homeserver will then send again.
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            // A connection to a local file does not go stale; the check would cost one more
            // round trip to SQLite's worker thread at every transaction.
            .test_before_acquire(false)
            .connect_with(options)
            .await?;
        sqlx::migrate!("./migrations").run(&pool).await?;
        Ok(Self { pool })
    }

    /// Opens an existing database for reading only (the exports), beside a running bot; no
    /// migration is applied.
    pub async fn open_read_only(path: &Path) -> Result<Self, StorageError> {
        let options = SqliteConnectOptions::new()
            .filename(path)
            .read_only(true)
            .busy_timeout(Duration::from_secs(5));
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .test_before_acquire(false)
            .connect_with(options)
            .await?;
        Ok(Self { pool })
    }

    pub async fn begin(&self) -> Result<Transaction, StorageError> {
        Ok(Transaction {
            inner: self.pool.begin().await?,
        })
    }

    /// The position after which the homeserver has events the bot has not handled yet;
    /// `None` before the very first sync.
    pub async fn sync_position(&self) -> Result<Option<String>, StorageError> {
        let row = sqlx::query("SELECT next_batch FROM sync_position WHERE id = 1")
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|row| row.get("next_batch")))
    }

    /// When the last sync was saved: how recently the bot read the rooms.
    pub async fn sync_saved_at(&self) -> Result<Option<DateTime<Utc>>, StorageError> {
        let row = sqlx::query("SELECT saved_at FROM sync_position WHERE id = 1")
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|row| row.try_get("saved_at")).transpose()?)
    }

    /// Call only once every event up to `next_batch` has been handled. `last_events` are the
    /// last timeline events read in each room of the batch; they bound the next gap fill.
    pub async fn save_sync_position(
        &self,
        next_batch: &str,
        last_events: &[(RoomId, EventId)],
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        let mut tx = self.pool.begin().await?;
        for (room, event) in last_events {
            sqlx::query(
                "INSERT INTO room_positions (room_id, last_event_id) VALUES (?1, ?2)
                 ON CONFLICT (room_id) DO UPDATE SET last_event_id = ?2",
            )
            .bind(room.as_str())
            .bind(event.as_str())
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query(
            "INSERT INTO sync_position (id, next_batch, saved_at) VALUES (1, ?1, ?2)
             ON CONFLICT (id) DO UPDATE SET next_batch = ?1, saved_at = ?2",
        )
        .bind(next_batch)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The last timeline event the bot read in the room, as saved with the sync position.
    pub async fn last_read_event(&self, room: &RoomId) -> Result<Option<EventId>, StorageError> {
        let row = sqlx::query("SELECT last_event_id FROM room_positions WHERE room_id = ?1")
            .bind(room.as_str())
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|row| EventId::new(row.get::<String, _>("last_event_id"))))
    }

    /// Whether the event was handled already.
    pub async fn was_handled(&self, event_id: &EventId) -> Result<bool, StorageError> {
        let row = sqlx::query("SELECT 1 FROM handled_events WHERE event_id = ?1")
            .bind(event_id.as_str())
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.is_some())
    }

    /// The room's chosen language, outside any transaction.
    pub async fn room_language(&self, room: &RoomId) -> Result<Option<Language>, StorageError> {
        self.begin().await?.room_language(room).await
    }
}

/// Writes that are committed together, or not at all if the transaction is dropped.
pub struct Transaction {
    inner: sqlx::Transaction<'static, sqlx::Sqlite>,
}

impl Transaction {
    pub async fn commit(self) -> Result<(), StorageError> {
        self.inner.commit().await?;
        Ok(())
    }

    /// Records that `event_id` is being handled. `false` if it was already: the caller must
    /// then drop the transaction and do nothing.
    pub async fn claim_event(
        &mut self,
        event_id: &EventId,
        room: &RoomId,
        now: DateTime<Utc>,
    ) -> Result<bool, StorageError> {
        let result = sqlx::query(
            "INSERT INTO handled_events (event_id, room_id, handled_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (event_id) DO NOTHING",
        )
        .bind(event_id.as_str())
        .bind(room.as_str())
        .bind(now)
        .execute(&mut *self.inner)
        .await?;
        Ok(result.rows_affected() == 1)
    }

    /// Records that `event_id` could not be handled, with why: it counts as handled (it is not
    /// tried again) and the failure is kept for whoever looks into it. `false` if the event
    /// was handled before.
    pub async fn record_failed_event(
        &mut self,
        event_id: &EventId,
        room: &RoomId,
        failure: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, StorageError> {
        let result = sqlx::query(
            "INSERT INTO handled_events (event_id, room_id, handled_at, failure)
             VALUES (?1, ?2, ?3, ?4) ON CONFLICT (event_id) DO NOTHING",
        )
        .bind(event_id.as_str())
        .bind(room.as_str())
        .bind(now)
        .bind(failure)
        .execute(&mut *self.inner)
        .await?;
        Ok(result.rows_affected() == 1)
    }

    pub async fn room_language(&mut self, room: &RoomId) -> Result<Option<Language>, StorageError> {
        let row = sqlx::query("SELECT language FROM rooms WHERE room_id = ?1")
            .bind(room.as_str())
            .fetch_optional(&mut *self.inner)
            .await?;
        row.and_then(|row| row.get::<Option<String>, _>("language"))
            .map(|code| parse_language(&code))
            .transpose()
    }

    pub async fn set_room_language(
        &mut self,
        room: &RoomId,
        language: Language,
    ) -> Result<(), StorageError> {
        sqlx::query(
            "INSERT INTO rooms (room_id, language) VALUES (?1, ?2)
             ON CONFLICT (room_id) DO UPDATE SET language = ?2",
        )
        .bind(room.as_str())
        .bind(language.code())
        .execute(&mut *self.inner)
        .await?;
        Ok(())
    }

    /// Marks the room as greeted. `false` if it already was (a rejoin is not greeted twice).
    pub async fn mark_welcomed(
        &mut self,
        room: &RoomId,
        now: DateTime<Utc>,
    ) -> Result<bool, StorageError> {
        let result = sqlx::query(
            "INSERT INTO rooms (room_id, welcomed_at) VALUES (?1, ?2)
             ON CONFLICT (room_id) DO UPDATE SET welcomed_at = ?2 WHERE welcomed_at IS NULL",
        )
        .bind(room.as_str())
        .bind(now)
        .execute(&mut *self.inner)
        .await?;
        Ok(result.rows_affected() == 1)
    }
}

fn parse_language(code: &str) -> Result<Language, StorageError> {
    Language::from_str(code).map_err(|_| StorageError::Corrupt(format!("language {code:?}")))
}

/// A count or a number as SQLite stores it (a count too big for it, which cannot happen, is
/// stored as the largest it takes).
fn count_to_db(count: usize) -> i64 {
    i64::try_from(count).unwrap_or(i64::MAX)
}

/// A count or a number read back (`what` names it in the error): a negative one is a
/// corrupt database, never a panic.
fn count_from_db(value: i64, what: &str) -> Result<usize, StorageError> {
    usize::try_from(value).map_err(|_| StorageError::Corrupt(format!("{what} {value}")))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::domain::messages::{Content, Presents};

    /// A fresh database in a temporary directory (kept alive by the returned guard).
    pub(crate) async fn temporary_store() -> (Store, tempfile::TempDir) {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(&dir.path().join("concerto.sqlite3"))
            .await
            .expect("open store");
        (store, dir)
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
        let path = dir.path().join("concerto.sqlite3");
        // The database as the meetings release left it: migrations 1 to 3 only.
        let old = dir.path().join("old-migrations");
        std::fs::create_dir(&old).expect("dir");
        for name in [
            "0001_foundation.sql",
            "0002_agenda.sql",
            "0003_meetings.sql",
        ] {
            std::fs::copy(format!("migrations/{name}"), old.join(name)).expect("copy");
        }
        {
            let options = SqliteConnectOptions::new()
                .filename(&path)
                .create_if_missing(true);
            let pool = SqlitePool::connect_with(options).await.expect("open");
            sqlx::migrate::Migrator::new(old.as_path())
                .await
                .expect("old migrations")
                .run(&pool)
                .await
                .expect("migrate to 3");
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
        let first = dir.path().join("first-migrations");
        std::fs::create_dir(&first).expect("dir");
        std::fs::copy(
            "migrations/0001_foundation.sql",
            first.join("0001_foundation.sql"),
        )
        .expect("copy");
        {
            let options = SqliteConnectOptions::new()
                .filename(&path)
                .create_if_missing(true);
            let pool = SqlitePool::connect_with(options).await.expect("open");
            sqlx::migrate::Migrator::new(first.as_path())
                .await
                .expect("first migrations")
                .run(&pool)
                .await
                .expect("migrate to 1");
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
        // A later batch with news from one room only leaves the other's position alone.
        let second = [(kitchen.clone(), EventId::new("$k2"))];
        store
            .save_sync_position("s2", &second, now())
            .await
            .expect("save");
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
