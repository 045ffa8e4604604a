//! The rooms the bot serves: their language, and whether the bot greeted them.

use std::str::FromStr;

use chrono::{DateTime, Utc};
use sqlx::Row;

use super::store::{StorageError, Store, Transaction};
use crate::domain::position::JointRule;
use crate::domain::{Language, RoomId};

impl Store {
    /// The room's chosen language, outside any transaction.
    pub async fn room_language(&self, room: &RoomId) -> Result<Option<Language>, StorageError> {
        self.begin().await?.room_language(room).await
    }
}

/// The room's chosen language (room `?1`): a working group's room speaks its plenary's
/// language until it chooses its own.
macro_rules! language_of_room {
    () => {
        "COALESCE(
             (SELECT language FROM rooms WHERE room_id = ?1),
             (SELECT r.language FROM rooms r JOIN working_groups g ON r.room_id = g.plenary_room
              WHERE g.room_id = ?1))"
    };
}

/// What every command asks of its room first, read at once: whether the room was replaced by
/// an upgrade, its language, whether it is a working group's room.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoomStanding {
    pub replacement: Option<RoomId>,
    pub language: Option<Language>,
    pub group_room: bool,
}

impl Transaction {
    pub async fn room_language(&mut self, room: &RoomId) -> Result<Option<Language>, StorageError> {
        let row = sqlx::query(concat!("SELECT ", language_of_room!(), " AS language"))
            .bind(room.as_str())
            .fetch_optional(&mut *self.inner)
            .await?;
        row.and_then(|row| row.get::<Option<String>, _>("language"))
            .map(|code| parse_language(&code))
            .transpose()
    }

    /// [`RoomStanding`], in one query.
    pub async fn room_standing(&mut self, room: &RoomId) -> Result<RoomStanding, StorageError> {
        let row = sqlx::query(concat!(
            "SELECT (SELECT new_room_id FROM room_upgrades WHERE old_room_id = ?1) AS replacement, ",
            language_of_room!(),
            " AS language, EXISTS (SELECT 1 FROM working_groups WHERE room_id = ?1) AS group_room"
        ))
        .bind(room.as_str())
        .fetch_one(&mut *self.inner)
        .await?;
        Ok(RoomStanding {
            replacement: row.get::<Option<String>, _>("replacement").map(RoomId::new),
            language: row
                .get::<Option<String>, _>("language")
                .map(|code| parse_language(&code))
                .transpose()?,
            group_room: row.get::<bool, _>("group_room"),
        })
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
    /// The bot is in the room (again): its page, links and e-mails work.
    pub async fn mark_room_present(&mut self, room: &RoomId) -> Result<(), StorageError> {
        sqlx::query("UPDATE rooms SET left_at = NULL WHERE room_id = ?1 AND left_at IS NOT NULL")
            .bind(room.as_str())
            .execute(&mut *self.inner)
            .await?;
        Ok(())
    }

    /// The bot left the room or was removed from it: its record is kept, its page, links
    /// and e-mails stop. `false` if it was marked left already.
    pub async fn mark_room_left(
        &mut self,
        room: &RoomId,
        now: DateTime<Utc>,
    ) -> Result<bool, StorageError> {
        let result = sqlx::query(
            "INSERT INTO rooms (room_id, left_at) VALUES (?1, ?2)
             ON CONFLICT (room_id) DO UPDATE SET left_at = ?2 WHERE left_at IS NULL",
        )
        .bind(room.as_str())
        .bind(now)
        .execute(&mut *self.inner)
        .await?;
        Ok(result.rows_affected() == 1)
    }

    /// The room's rule for a joint position (unanimity until it chose another).
    pub async fn joint_rule(&mut self, room: &RoomId) -> Result<JointRule, StorageError> {
        let code: Option<Option<String>> =
            sqlx::query_scalar("SELECT joint_rule FROM rooms WHERE room_id = ?1")
                .bind(room.as_str())
                .fetch_optional(&mut *self.inner)
                .await?;
        match code.flatten() {
            None => Ok(JointRule::default()),
            Some(code) => JointRule::from_code(&code)
                .ok_or_else(|| StorageError::Corrupt(format!("joint rule {code:?}"))),
        }
    }

    /// Sets the room's rule for a joint position.
    pub async fn set_joint_rule(
        &mut self,
        room: &RoomId,
        rule: JointRule,
    ) -> Result<(), StorageError> {
        sqlx::query(
            "INSERT INTO rooms (room_id, joint_rule) VALUES (?1, ?2)
             ON CONFLICT (room_id) DO UPDATE SET joint_rule = ?2",
        )
        .bind(room.as_str())
        .bind(rule.code())
        .execute(&mut *self.inner)
        .await?;
        Ok(())
    }

    /// The rooms the bot is in (those it greeted or was told about), by id.
    pub async fn present_rooms(&mut self) -> Result<Vec<RoomId>, StorageError> {
        let ids: Vec<String> =
            sqlx::query_scalar("SELECT room_id FROM rooms WHERE left_at IS NULL ORDER BY room_id")
                .fetch_all(&mut *self.inner)
                .await?;
        Ok(ids.into_iter().map(RoomId::new).collect())
    }

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::UserId;
    use crate::storage::tests::temporary_store;
    use crate::testing::at;

    #[tokio::test]
    async fn a_rooms_standing_is_read_in_one_query() {
        let (store, _dir) = temporary_store().await;
        let (room, new, group) = (RoomId::new("!r"), RoomId::new("!new"), RoomId::new("!g"));
        let now = at("2026-12-07T18:00:00Z");
        let mut tx = store.begin().await.expect("begin");
        let unknown = tx.room_standing(&room).await.expect("standing");
        assert_eq!(
            unknown,
            RoomStanding {
                replacement: None,
                language: None,
                group_room: false
            }
        );
        tx.set_room_language(&room, Language::En)
            .await
            .expect("language");
        assert_eq!(
            tx.room_standing(&room).await.expect("standing").language,
            Some(Language::En)
        );
        tx.move_record(&room, &new, now).await.expect("moved");
        let moved = tx.room_standing(&room).await.expect("standing");
        assert_eq!(moved.replacement, Some(new.clone()));
        assert_eq!(
            tx.room_standing(&new).await.expect("standing").language,
            Some(Language::En),
            "the language moved with the record"
        );
        tx.ask_attach(&group, "Non-recours", &UserId::new("@alice:localhost"), now)
            .await
            .expect("asked");
        let asked = tx.room_standing(&group).await.expect("standing");
        assert!(asked.group_room && asked.replacement.is_none() && asked.language.is_none());
    }
}
