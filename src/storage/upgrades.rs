//! A room replaced by a new version of itself: the group's record moves to the new room in
//! one transaction, once (the `room_upgrades` row is the key), and the old room remembers
//! where it went.

use chrono::{DateTime, Utc};

use super::ballots::{BallotRow, ballot_columns};
use super::store::{StorageError, Transaction, count_from_db};
use crate::domain::RoomId;
use crate::domain::ballot::Ballot;
use crate::domain::upgrade::MovedRecord;

/// Every table whose rows belong to a room's record, moved by one statement each; the rows
/// of a meeting, a poll or a decision (notes, guests, options, answers, versions) follow
/// through their parent's id. What the bot read (events, positions, kept encrypted events)
/// and what it sent (the outbox) stay with the room they happened in.
const MOVES: [&str; 24] = [
    "UPDATE meetings SET room_id = ?2 WHERE room_id = ?1",
    "UPDATE agenda_items SET room_id = ?2 WHERE room_id = ?1",
    "UPDATE association_members SET room_id = ?2 WHERE room_id = ?1",
    "UPDATE host_order SET room_id = ?2 WHERE room_id = ?1",
    "UPDATE guest_associations SET room_id = ?2 WHERE room_id = ?1",
    "UPDATE mandates SET room_id = ?2 WHERE room_id = ?1",
    "UPDATE contacts SET room_id = ?2 WHERE room_id = ?1",
    "UPDATE contact_numbers SET room_id = ?2 WHERE room_id = ?1",
    "UPDATE letters SET room_id = ?2 WHERE room_id = ?1",
    "UPDATE trainings SET room_id = ?2 WHERE room_id = ?1",
    // A plenary's groups follow it; a group's room that moves stays the group's.
    "UPDATE working_groups SET plenary_room = ?2 WHERE plenary_room = ?1",
    "UPDATE working_groups SET room_id = ?2 WHERE room_id = ?1",
    "UPDATE proposals SET room_id = ?2 WHERE room_id = ?1",
    "UPDATE ballots SET room_id = ?2 WHERE room_id = ?1",
    "UPDATE polls SET room_id = ?2 WHERE room_id = ?1",
    "UPDATE decisions SET room_id = ?2 WHERE room_id = ?1",
    "UPDATE actions SET room_id = ?2 WHERE room_id = ?1",
    "UPDATE reminders SET room_id = ?2 WHERE room_id = ?1",
    "UPDATE reminders_sent SET room_id = ?2 WHERE room_id = ?1",
    "UPDATE adopted_minutes SET room_id = ?2 WHERE room_id = ?1",
    "UPDATE rhythm_proposals SET room_id = ?2 WHERE room_id = ?1",
    "UPDATE email_people SET room_id = ?2 WHERE room_id = ?1",
    "UPDATE email_outbox SET room_id = ?2 WHERE room_id = ?1",
    // The page link of an older version, which opens the room's page as its own does.
    "UPDATE legacy_link_tokens SET owner = ?2 WHERE owner = ?1 AND purpose = 'page'",
];

/// Whether a room has any of those rows.
const HAS_RECORD: &str = "SELECT EXISTS (
    SELECT 1 FROM meetings WHERE room_id = ?1
     UNION ALL SELECT 1 FROM agenda_items WHERE room_id = ?1
     UNION ALL SELECT 1 FROM association_members WHERE room_id = ?1
     UNION ALL SELECT 1 FROM host_order WHERE room_id = ?1
     UNION ALL SELECT 1 FROM guest_associations WHERE room_id = ?1
     UNION ALL SELECT 1 FROM mandates WHERE room_id = ?1
     UNION ALL SELECT 1 FROM contacts WHERE room_id = ?1
     UNION ALL SELECT 1 FROM letters WHERE room_id = ?1
     UNION ALL SELECT 1 FROM trainings WHERE room_id = ?1
     UNION ALL SELECT 1 FROM proposals WHERE room_id = ?1
     UNION ALL SELECT 1 FROM ballots WHERE room_id = ?1
     UNION ALL SELECT 1 FROM polls WHERE room_id = ?1
     UNION ALL SELECT 1 FROM decisions WHERE room_id = ?1
     UNION ALL SELECT 1 FROM actions WHERE room_id = ?1
     UNION ALL SELECT 1 FROM reminders WHERE room_id = ?1
     UNION ALL SELECT 1 FROM reminders_sent WHERE room_id = ?1
     UNION ALL SELECT 1 FROM adopted_minutes WHERE room_id = ?1
     UNION ALL SELECT 1 FROM rhythm_proposals WHERE room_id = ?1
     UNION ALL SELECT 1 FROM email_people WHERE room_id = ?1
) AS found";

impl Transaction {
    /// Moves the record of `old` to `new`, the room's settings and page link included: the
    /// old link opens the new room. `None` if this upgrade was moved before.
    pub async fn move_record(
        &mut self,
        old: &RoomId,
        new: &RoomId,
        now: DateTime<Utc>,
    ) -> Result<Option<MovedRecord>, StorageError> {
        let claimed = sqlx::query(
            "INSERT INTO room_upgrades (old_room_id, new_room_id, moved_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (old_room_id) DO NOTHING",
        )
        .bind(old.as_str())
        .bind(new.as_str())
        .bind(now)
        .execute(&mut *self.inner)
        .await?;
        if claimed.rows_affected() == 0 {
            return Ok(None);
        }
        // The new room's own row (if the bot greeted it already) gives way to the group's.
        sqlx::query(
            "DELETE FROM rooms WHERE room_id = ?2
               AND EXISTS (SELECT 1 FROM rooms WHERE room_id = ?1)",
        )
        .bind(old.as_str())
        .bind(new.as_str())
        .execute(&mut *self.inner)
        .await?;
        sqlx::query("UPDATE rooms SET room_id = ?2 WHERE room_id = ?1")
            .bind(old.as_str())
            .bind(new.as_str())
            .execute(&mut *self.inner)
            .await?;
        for statement in MOVES {
            sqlx::query(statement)
                .bind(old.as_str())
                .bind(new.as_str())
                .execute(&mut *self.inner)
                .await?;
        }
        Ok(Some(self.record_counts(new).await?))
    }

    /// Whether the room has a record of its own (then another room's cannot be merged in).
    pub async fn has_record(&mut self, room: &RoomId) -> Result<bool, StorageError> {
        let found = sqlx::query_scalar(HAS_RECORD)
            .bind(room.as_str())
            .fetch_one(&mut *self.inner)
            .await?;
        Ok(found)
    }

    /// The room that replaced `room`, once the record moved there.
    pub async fn replacement_of(&mut self, room: &RoomId) -> Result<Option<RoomId>, StorageError> {
        let new: Option<String> =
            sqlx::query_scalar("SELECT new_room_id FROM room_upgrades WHERE old_room_id = ?1")
                .bind(room.as_str())
                .fetch_optional(&mut *self.inner)
                .await?;
        Ok(new.map(RoomId::new))
    }

    /// The room's open ballots, oldest first.
    pub async fn open_ballots_in(&mut self, room: &RoomId) -> Result<Vec<Ballot>, StorageError> {
        let rows: Vec<BallotRow> = sqlx::query_as(concat!(
            "SELECT ",
            ballot_columns!(),
            " FROM ballots WHERE room_id = ?1 AND closed_at IS NULL ORDER BY id"
        ))
        .bind(room.as_str())
        .fetch_all(&mut *self.inner)
        .await?;
        rows.into_iter().map(Ballot::try_from).collect()
    }

    /// How many distinct people answered a ballot.
    pub async fn voter_count(
        &mut self,
        ballot: crate::domain::BallotId,
    ) -> Result<usize, StorageError> {
        let voters: i64 =
            sqlx::query_scalar("SELECT count(DISTINCT voter) FROM answers WHERE ballot_id = ?1")
                .bind(ballot.get())
                .fetch_one(&mut *self.inner)
                .await?;
        count_from_db(voters, "voters")
    }

    async fn record_counts(&mut self, room: &RoomId) -> Result<MovedRecord, StorageError> {
        let counts: (i64, i64, i64, i64, i64, i64) = sqlx::query_as(
            "SELECT
               (SELECT count(DISTINCT association) FROM association_members WHERE room_id = ?1)
                 AS associations,
               (SELECT count(*) FROM agenda_items WHERE room_id = ?1 AND status = 'open')
                 AS agenda_items,
               (SELECT count(*) FROM meetings WHERE room_id = ?1 AND status = 'planned'
                  AND starts_at IS NOT NULL) AS meetings,
               (SELECT count(*) FROM decisions WHERE room_id = ?1 AND revoked_at IS NULL)
                 AS decisions,
               (SELECT count(*) FROM actions WHERE room_id = ?1 AND done_at IS NULL) AS actions,
               (SELECT count(*) FROM reminders WHERE room_id = ?1 AND cancelled_at IS NULL
                  AND finished_at IS NULL) AS reminders",
        )
        .bind(room.as_str())
        .fetch_one(&mut *self.inner)
        .await?;
        let (associations, agenda_items, meetings, decisions, actions, reminders) = counts;
        Ok(MovedRecord {
            associations: count_from_db(associations, "associations")?,
            agenda_items: count_from_db(agenda_items, "agenda items")?,
            meetings: count_from_db(meetings, "meetings")?,
            decisions: count_from_db(decisions, "decisions")?,
            actions: count_from_db(actions, "actions")?,
            reminders: count_from_db(reminders, "reminders")?,
        })
    }
}

/// The tables the move rewrites, read from its statements.
#[cfg(test)]
pub fn moved_tables() -> Vec<&'static str> {
    MOVES
        .iter()
        .filter_map(|statement| statement.strip_prefix("UPDATE "))
        .filter_map(|rest| rest.split(' ').next())
        .collect()
}

#[cfg(test)]
impl super::Store {
    /// Every table of the schema with a `room_id` column.
    pub async fn tables_with_room_column(&self) -> Result<Vec<String>, StorageError> {
        let tables = sqlx::query_scalar(
            "SELECT m.name AS name FROM sqlite_master m, pragma_table_info(m.name) p
             WHERE m.type = 'table' AND p.name = 'room_id' ORDER BY m.name",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(tables)
    }
}
