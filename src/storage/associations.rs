//! Associations: which association each member represents in a room, and the room's first
//! settings from the configuration.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::store::{StorageError, Transaction};
use crate::domain::{RoomId, UserId};

/// The room whose associations room `?1` reads: a working group's are its plenary's (once
/// the group is confirmed), any other room's its own.
#[macro_export]
macro_rules! associations_room {
    () => {
        "COALESCE((SELECT plenary_room FROM working_groups
                   WHERE room_id = ?1 AND confirmed_at IS NOT NULL), ?1)"
    };
}

impl Transaction {
    /// Applies a room's settings from the configuration, the first time only: afterwards the
    /// room's own changes (`!association`, `!meeting host order`) are kept. `false` if the
    /// room was seeded before.
    pub async fn seed_room(
        &mut self,
        room: &RoomId,
        host_order: &[String],
        members: &[(UserId, String)],
        now: DateTime<Utc>,
    ) -> Result<bool, StorageError> {
        let result = sqlx::query(
            "INSERT INTO rooms (room_id, seeded_at) VALUES (?1, ?2)
             ON CONFLICT (room_id) DO UPDATE SET seeded_at = ?2 WHERE seeded_at IS NULL",
        )
        .bind(room.as_str())
        .bind(now)
        .execute(&mut *self.inner)
        .await?;
        if result.rows_affected() == 0 {
            return Ok(false);
        }
        if !host_order.is_empty() {
            self.set_host_order(room, host_order).await?;
        }
        for (user, association) in members {
            self.set_association(room, user, Some(association)).await?;
        }
        Ok(true)
    }

    /// Who belongs to which association in the room.
    pub async fn association_members(
        &mut self,
        room: &RoomId,
    ) -> Result<HashMap<UserId, String>, StorageError> {
        let rows: Vec<(String, String)> = sqlx::query_as(concat!(
            "SELECT user_id, association FROM association_members WHERE room_id = ",
            associations_room!()
        ))
        .bind(room.as_str())
        .fetch_all(&mut *self.inner)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(user, association)| (UserId::new(user), association))
            .collect())
    }

    /// Puts `user` in `association`, or among the guests with `None`.
    pub async fn set_association(
        &mut self,
        room: &RoomId,
        user: &UserId,
        association: Option<&str>,
    ) -> Result<(), StorageError> {
        match association {
            Some(association) => {
                sqlx::query(
                    "INSERT INTO association_members (room_id, user_id, association)
                     VALUES (?1, ?2, ?3)
                     ON CONFLICT (room_id, user_id) DO UPDATE SET association = ?3",
                )
                .bind(room.as_str())
                .bind(user.as_str())
                .bind(association)
                .execute(&mut *self.inner)
                .await?;
            }
            None => {
                sqlx::query("DELETE FROM association_members WHERE room_id = ?1 AND user_id = ?2")
                    .bind(room.as_str())
                    .bind(user.as_str())
                    .execute(&mut *self.inner)
                    .await?;
            }
        }
        Ok(())
    }
}

impl Transaction {
    /// The room's guest associations, as they were named.
    pub async fn guest_associations(&mut self, room: &RoomId) -> Result<Vec<String>, StorageError> {
        Ok(sqlx::query_scalar(concat!(
            "SELECT association FROM guest_associations WHERE room_id = ",
            associations_room!(),
            " ORDER BY association"
        ))
        .bind(room.as_str())
        .fetch_all(&mut *self.inner)
        .await?)
    }

    /// Makes `association` a guest association of the room (`guest`), or a member again.
    pub async fn set_guest_association(
        &mut self,
        room: &RoomId,
        association: &str,
        guest: bool,
    ) -> Result<(), StorageError> {
        let statement = if guest {
            "INSERT INTO guest_associations (room_id, association) VALUES (?1, ?2)
             ON CONFLICT DO NOTHING"
        } else {
            "DELETE FROM guest_associations WHERE room_id = ?1 AND association = ?2"
        };
        sqlx::query(statement)
            .bind(room.as_str())
            .bind(association)
            .execute(&mut *self.inner)
            .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::tests::temporary_store;
    use crate::testing::at;

    #[tokio::test]
    async fn a_room_is_seeded_once_and_keeps_its_own_changes() {
        let (store, _dir) = temporary_store().await;
        let room = RoomId::new("!r");
        let alice = UserId::new("@alice:localhost");
        let order = vec!["Restos du Cœur".to_owned(), "Croix-Rouge".to_owned()];
        let members = vec![(alice.clone(), "Restos du Cœur".to_owned())];
        let now = at("2026-11-29T18:00:00Z");
        let mut tx = store.begin().await.expect("begin");
        assert!(
            tx.seed_room(&room, &order, &members, now)
                .await
                .expect("seed")
        );
        tx.set_association(&room, &alice, None)
            .await
            .expect("unset");
        assert!(
            !tx.seed_room(&room, &order, &members, now)
                .await
                .expect("seed again")
        );
        assert!(
            tx.association_members(&room)
                .await
                .expect("members")
                .is_empty()
        );
        assert_eq!(tx.host_order(&room).await.expect("order"), order);
    }
}
