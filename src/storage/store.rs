//! The database handle and its transactions: one SQLite file (WAL mode) behind a sqlx pool,
//! migrated when it opens; every other file of `storage/` adds its queries to [`Store`] and
//! [`Transaction`].

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

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
    pub(super) pool: SqlitePool,
    /// Whether handlings were noted since the sync position was last saved (their notes are
    /// cleared then). At start, notes a crash left may be there.
    pub(super) attempts_noted: Arc<AtomicBool>,
    /// How many transactions were committed since the store opened: see [`Store::commits`].
    commits: Arc<AtomicU64>,
}

impl Store {
    fn with_pool(pool: SqlitePool) -> Self {
        Self {
            pool,
            attempts_noted: Arc::new(AtomicBool::new(true)),
            commits: Arc::new(AtomicU64::new(0)),
        }
    }
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
            // What is deleted (a purge, an erasure) is overwritten, not left in free pages.
            .pragma("secure_delete", "on")
            .busy_timeout(Duration::from_secs(5));
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            // A connection to a local file does not go stale; the check would cost one more
            // round trip to SQLite's worker thread at every transaction.
            .test_before_acquire(false)
            .connect_with(options)
            .await?;
        sqlx::migrate!("./migrations").run(&pool).await?;
        Ok(Self::with_pool(pool))
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
        Ok(Self::with_pool(pool))
    }

    /// SQLite's own check of the whole database: "ok" when it finds nothing wrong, else what
    /// it found. On a connection of its own: SQLite 3.50's check of a full-text index reports
    /// it "malformed" on a connection that read the index before another connection wrote it
    /// (its searches stay right; a new connection finds the index sound).
    pub async fn integrity_check(&self) -> Result<String, StorageError> {
        use sqlx::ConnectOptions;
        let mut connection = self.pool.connect_options().connect().await?;
        let verdict: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_all(&mut connection)
            .await?;
        Ok(verdict.join("\n"))
    }

    /// A transaction that takes the database's write lock only when it first writes: the one
    /// for reading, and for writing where nothing is read before the first write.
    pub async fn begin(&self) -> Result<Transaction, StorageError> {
        Ok(Transaction {
            inner: self.pool.begin().await?,
            commits: self.commits.clone(),
        })
    }

    /// A transaction that takes the write lock at once (`BEGIN IMMEDIATE`, waiting for it if
    /// another connection holds it): for one that reads, then writes what it read, beside
    /// other writers. A deferred one would fail there instead (SQLite cannot upgrade a read
    /// made before another connection's commit). Not on a read-only store.
    pub async fn begin_write(&self) -> Result<Transaction, StorageError> {
        Ok(Transaction {
            inner: self.pool.begin_with("BEGIN IMMEDIATE").await?,
            commits: self.commits.clone(),
        })
    }

    /// How many transactions were committed through this store (and its clones) since it
    /// opened: whoever compares two readings knows whether anything may have been written in
    /// between (the clock, whether its pass changed what falls due next).
    pub fn commits(&self) -> u64 {
        self.commits.load(Ordering::SeqCst)
    }
}

/// Writes that are committed together, or not at all if the transaction is dropped.
pub struct Transaction {
    pub(super) inner: sqlx::Transaction<'static, sqlx::Sqlite>,
    commits: Arc<AtomicU64>,
}

impl Transaction {
    pub async fn commit(self) -> Result<(), StorageError> {
        self.inner.commit().await?;
        self.commits.fetch_add(1, Ordering::SeqCst);
        Ok(())
    }
}

/// A count or a number as SQLite stores it (a count too big for it, which cannot happen, is
/// stored as the largest it takes).
pub(super) fn count_to_db(count: usize) -> i64 {
    i64::try_from(count).unwrap_or(i64::MAX)
}

/// A count or a number read back (`what` names it in the error): a negative one is a
/// corrupt database, never a panic.
pub(super) fn count_from_db(value: i64, what: &str) -> Result<usize, StorageError> {
    usize::try_from(value).map_err(|_| StorageError::Corrupt(format!("{what} {value}")))
}
