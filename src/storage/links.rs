//! What the database keeps of links ([`crate::domain::tokens`]): nonces and the hashes of
//! their tokens, written as links are given; the tokens of an older version, kept as their
//! hashes until renewed; and, at each start, the hashes the database could not compute itself
//! (migration 0025 gives nonces, only the bot has the key).

use super::store::{StorageError, Store, Transaction};
use crate::domain::tokens::{LinkKey, LinkPurpose, Nonce, TokenHash};

/// Each kind of link whose hash may be missing after an upgrade: its purpose, the rows and
/// their nonce missing a hash, and the statement that writes it (`?1` the hash, `?2` the row).
const MISSING_HASHES: [(LinkPurpose, &str, &str); 4] = [
    (
        LinkPurpose::Page,
        "SELECT rowid AS row, web_nonce AS nonce FROM rooms
         WHERE web_nonce IS NOT NULL AND web_hash IS NULL",
        "UPDATE rooms SET web_hash = ?1 WHERE rowid = ?2",
    ),
    (
        LinkPurpose::Personal,
        "SELECT id AS row, link_nonce AS nonce FROM email_people
         WHERE link_hash LIKE 'pending:%'",
        "UPDATE email_people SET link_hash = ?1 WHERE id = ?2",
    ),
    (
        LinkPurpose::Unsubscribe,
        "SELECT id AS row, unsubscribe_nonce AS nonce FROM email_people
         WHERE unsubscribe_hash IS NULL",
        "UPDATE email_people SET unsubscribe_hash = ?1 WHERE id = ?2",
    ),
    (
        LinkPurpose::Unsubscribe,
        "SELECT id AS row, link_nonce AS nonce FROM guests
         WHERE link_nonce IS NOT NULL AND link_hash IS NULL",
        "UPDATE guests SET link_hash = ?1 WHERE id = ?2",
    ),
];

impl Store {
    /// Completes what an upgrade left: each token of an older version, kept in clear, is
    /// replaced by its hash; each link given a nonce by a migration gets its token's hash,
    /// computed with `key`. When anything was done, the file is rewritten (`VACUUM`) and its
    /// log emptied, so that no clear token stays in their free pages. Returns how many rows were completed; nothing
    /// on later starts.
    pub async fn complete_links(&self, key: &LinkKey) -> Result<usize, StorageError> {
        let mut tx = self.begin_write().await?;
        let mut completed = 0;
        let clear: Vec<(i64, String)> =
            sqlx::query_as("SELECT rowid, clear FROM legacy_link_tokens WHERE clear IS NOT NULL")
                .fetch_all(&mut *tx.inner)
                .await?;
        for (row, token) in clear {
            sqlx::query("UPDATE legacy_link_tokens SET hash = ?1, clear = NULL WHERE rowid = ?2")
                .bind(TokenHash::of(&token).as_str())
                .bind(row)
                .execute(&mut *tx.inner)
                .await?;
            completed += 1;
        }
        for (purpose, missing, write) in MISSING_HASHES {
            let rows: Vec<(i64, String)> =
                sqlx::query_as(missing).fetch_all(&mut *tx.inner).await?;
            for (row, nonce) in rows {
                let link = key.link(purpose, Nonce::kept(nonce));
                sqlx::query(write)
                    .bind(link.hash.as_str())
                    .bind(row)
                    .execute(&mut *tx.inner)
                    .await?;
                completed += 1;
            }
        }
        tx.commit().await?;
        if completed > 0 {
            sqlx::query("VACUUM").execute(&self.pool).await?;
            // The log held the pages before the rewrite: emptied too.
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(&self.pool)
                .await?;
        }
        Ok(completed)
    }
}

impl Transaction {
    /// Forgets the tokens of an older version that `owner`'s links of these purposes had:
    /// renewed or gone, those links open nothing any more.
    pub(super) async fn forget_legacy_links(
        &mut self,
        purposes: &[&str],
        owner: &str,
    ) -> Result<(), StorageError> {
        for purpose in purposes {
            sqlx::query("DELETE FROM legacy_link_tokens WHERE purpose = ?1 AND owner = ?2")
                .bind(purpose)
                .bind(owner)
                .execute(&mut *self.inner)
                .await?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::RoomId;
    use crate::domain::email::Subscriber;
    use crate::storage::DATABASE_FILE;

    const PAGE: &str = "legacy-page-token-4f1c9a";
    const PERSONAL: &str = "legacy-personal-token-8be2d0";
    const FORM: &str = "legacy-form-token-13ac77";
    const UNSUBSCRIBE: &str = "legacy-unsubscribe-token-5d0e61";
    const GUEST: &str = "legacy-guest-token-a9f3b2";

    /// A database as the version before hashed tokens left it: migrations 1 to 24, a room with
    /// a page link, a person known by e-mail and a guest, each with tokens in clear.
    async fn database_with_clear_tokens(dir: &std::path::Path) -> std::path::PathBuf {
        let path = dir.join(DATABASE_FILE);
        let pool = crate::storage::tests::database_before(&path, "0025").await;
        for statement in [
            format!("INSERT INTO rooms (room_id, web_token) VALUES ('!r', '{PAGE}')"),
            "INSERT INTO meetings (room_id, created_at) VALUES ('!r', '2026-11-29T18:00:00Z')"
                .to_owned(),
            format!(
                "INSERT INTO guests (meeting_id, number, name, email, added_by, added_at, token)
                 VALUES (1, 1, 'Mme Martin', 'martin@adsea77.example', '@alice:x',
                         '2026-11-29T18:00:00Z', '{GUEST}')"
            ),
            format!(
                "INSERT INTO email_people (room_id, number, address, association, name, added_by,
                     added_at, token, form_token, unsubscribe_token)
                 VALUES ('!r', 1, 'marie@croix-rouge.example', 'Croix-Rouge', 'Marie Curie',
                         '@alice:x', '2026-11-29T18:00:00Z', '{PERSONAL}', '{FORM}',
                         '{UNSUBSCRIBE}')"
            ),
        ] {
            sqlx::query(sqlx::AssertSqlSafe(statement))
                .execute(&pool)
                .await
                .expect("old data");
        }
        pool.close().await;
        path
    }

    fn files_contain(dir: &std::path::Path, needle: &str) -> bool {
        std::fs::read_dir(dir)
            .expect("dir")
            .filter_map(Result::ok)
            .filter(|entry| {
                entry
                    .file_name()
                    .to_string_lossy()
                    .starts_with(DATABASE_FILE)
            })
            .any(|entry| {
                let bytes = std::fs::read(entry.path()).expect("read");
                bytes
                    .windows(needle.len())
                    .any(|window| window == needle.as_bytes())
            })
    }

    #[tokio::test]
    async fn links_sent_before_the_upgrade_keep_working_and_no_token_stays_in_clear() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = database_with_clear_tokens(dir.path()).await;
        assert!(files_contain(dir.path(), PERSONAL), "the fixture has them");
        let store = Store::open(&path).await.expect("migrated");
        let key = LinkKey::from_secret("correct horse");
        assert_eq!(store.complete_links(&key).await.expect("completed"), 8);
        assert_eq!(store.complete_links(&key).await.expect("again"), 0);
        for token in [PAGE, PERSONAL, FORM, UNSUBSCRIBE, GUEST] {
            assert!(!files_contain(dir.path(), token), "{token} in clear");
        }

        // The links already sent open what they opened.
        let room = RoomId::new("!r");
        let of = |token: &str| TokenHash::of(token);
        assert_eq!(
            store.room_of_page_token(&of(PAGE)).await.expect("page"),
            Some(room.clone())
        );
        assert_eq!(
            store
                .email_person_of_token(&of(PERSONAL))
                .await
                .expect("page"),
            Some(1)
        );
        for token in [PERSONAL, UNSUBSCRIBE] {
            assert_eq!(
                store.subscriber_of_token(&of(token)).await.expect("lookup"),
                Some((Subscriber::Person(1), room.clone())),
                "{token}"
            );
        }
        assert_eq!(
            store.subscriber_of_token(&of(GUEST)).await.expect("lookup"),
            Some((Subscriber::Guest(1), room.clone()))
        );
        // The unsubscribe link opens no page, and no token opens another's link.
        assert_eq!(
            store
                .email_person_of_token(&of(UNSUBSCRIBE))
                .await
                .expect("x"),
            None
        );
        assert_eq!(
            store.room_of_page_token(&of(PERSONAL)).await.expect("x"),
            None
        );

        // The new links, derived from the nonces the upgrade gave, open the same.
        let mut tx = store.begin_write().await.expect("tx");
        let marie = tx.email_people(&room).await.expect("people").remove(0);
        let page = tx
            .web_link(&room)
            .await
            .expect("nonce")
            .expect("a page link");
        let personal = key.token(LinkPurpose::Personal, &marie.link.nonce);
        let unsubscribe = key.token(LinkPurpose::Unsubscribe, &marie.unsubscribe_link.nonce);
        let page = key.token(LinkPurpose::Page, &page);
        tx.commit().await.expect("commit");
        assert_eq!(
            store
                .email_person_of_token(&of(personal.as_str()))
                .await
                .expect("x"),
            Some(1)
        );
        assert_eq!(
            store
                .subscriber_of_token(&of(unsubscribe.as_str()))
                .await
                .expect("x"),
            Some((Subscriber::Person(1), room.clone()))
        );
        assert_eq!(
            store
                .room_of_page_token(&of(page.as_str()))
                .await
                .expect("x"),
            Some(room.clone())
        );

        // Renewed, the old links open nothing.
        let mut tx = store.begin_write().await.expect("tx");
        let renewed = key.link(LinkPurpose::Personal, Nonce::from_random([3; 16]));
        tx.renew_email_link(&room, 1, &renewed)
            .await
            .expect("renew");
        let new_page = key.link(LinkPurpose::Page, Nonce::from_random([4; 16]));
        tx.set_web_link(&room, &new_page).await.expect("new page");
        tx.commit().await.expect("commit");
        for token in [PERSONAL, personal.as_str()] {
            assert_eq!(
                store.email_person_of_token(&of(token)).await.expect("x"),
                None
            );
        }
        for token in [PAGE, page.as_str()] {
            assert_eq!(store.room_of_page_token(&of(token)).await.expect("x"), None);
        }
        assert_eq!(
            store.room_of_page_token(&new_page.hash).await.expect("x"),
            Some(room)
        );
    }
}
