//! What the running bot knows of its own Matrix identity, for `concerto health` (which runs
//! beside the bot and cannot open the Matrix store).

use chrono::{DateTime, Utc};

use super::store::{StorageError, Store};

/// The bot's own Matrix device, as `concerto health` reports it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct MatrixIdentity {
    pub device_id: String,
    /// Signed by the bot's own cross-signing identity: clients that share keys only with
    /// verified devices share them with the bot.
    pub cross_signed: bool,
    /// Room keys are kept, encrypted, in a backup on the homeserver.
    pub key_backup: bool,
}

impl Store {
    /// Records what the running bot knows of its own Matrix identity.
    pub async fn save_matrix_identity(
        &self,
        identity: &MatrixIdentity,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        sqlx::query(
            "INSERT INTO matrix_identity (id, device_id, cross_signed, key_backup, updated_at)
             VALUES (1, ?1, ?2, ?3, ?4)
             ON CONFLICT (id) DO UPDATE SET device_id = ?1, cross_signed = ?2, key_backup = ?3,
                                            updated_at = ?4",
        )
        .bind(&identity.device_id)
        .bind(identity.cross_signed)
        .bind(identity.key_backup)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// What the bot last recorded of its Matrix identity, if it ever did.
    pub async fn matrix_identity(&self) -> Result<Option<MatrixIdentity>, StorageError> {
        let identity = sqlx::query_as(
            "SELECT device_id, cross_signed, key_backup FROM matrix_identity WHERE id = 1",
        )
        .fetch_optional(&self.pool)
        .await?;
        Ok(identity)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::tests::temporary_store;
    use crate::testing::at;

    #[tokio::test]
    async fn the_devices_identity_is_recorded_and_replaced() {
        let (store, _dir) = temporary_store().await;
        assert_eq!(store.matrix_identity().await.expect("read"), None);
        let mut identity = MatrixIdentity {
            device_id: "OLDDEVICE".into(),
            cross_signed: false,
            key_backup: true,
        };
        let now = at("2026-11-29T18:00:00Z");
        store
            .save_matrix_identity(&identity, now)
            .await
            .expect("save");
        identity.device_id = "NEWDEVICE".into();
        identity.cross_signed = true;
        store
            .save_matrix_identity(&identity, now)
            .await
            .expect("save");
        assert_eq!(store.matrix_identity().await.expect("read"), Some(identity));
    }
}
