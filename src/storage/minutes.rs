//! The minutes' approvals, and the procès-verbaux frozen at adoption.

use chrono::{DateTime, Utc};
use sqlx::Row;
use sqlx::sqlite::SqliteRow;

use super::store::{StorageError, Transaction};
use crate::domain::minutes::{Adoption, Approval};
use crate::domain::{MeetingId, RoomId, UserId};

/// How an approval is kept in an adoption's JSON.
#[derive(serde::Serialize, serde::Deserialize)]
struct StoredApproval {
    association: String,
    by: String,
    at: DateTime<Utc>,
}

fn corrupt(what: &str, error: serde_json::Error) -> StorageError {
    StorageError::Corrupt(format!("{what}: {error}"))
}

fn adoption_from_row(row: &SqliteRow) -> Result<Adoption, StorageError> {
    let approvals: Vec<StoredApproval> =
        serde_json::from_str(&row.try_get::<String, _>("approvals")?)
            .map_err(|error| corrupt("adopted minutes' approvals", error))?;
    let missing: Vec<String> = serde_json::from_str(&row.try_get::<String, _>("missing")?)
        .map_err(|error| corrupt("adopted minutes' missing associations", error))?;
    let heading: Vec<String> = serde_json::from_str(&row.try_get::<String, _>("heading")?)
        .map_err(|error| corrupt("adopted minutes' heading", error))?;
    Ok(Adoption {
        meeting: MeetingId::new(row.try_get("meeting_id")?),
        text: row.try_get("text")?,
        fingerprint: row.try_get("fingerprint")?,
        heading,
        adopted_at: row.try_get("adopted_at")?,
        adopted_by: row
            .try_get::<Option<String>, _>("adopted_by")?
            .map(UserId::new),
        approvals: approvals
            .into_iter()
            .map(|stored| Approval {
                association: stored.association,
                by: UserId::new(stored.by),
                at: stored.at,
            })
            .collect(),
        missing,
    })
}

impl Transaction {
    /// Records `approval` of a meeting's minutes, replacing an earlier one of the same
    /// association (the latest member's counts).
    pub async fn approve_minutes(
        &mut self,
        meeting_id: MeetingId,
        approval: &Approval,
    ) -> Result<(), StorageError> {
        sqlx::query(
            "INSERT INTO minutes_approvals (meeting_id, association, approved_by, approved_at)
             VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (meeting_id, association)
             DO UPDATE SET approved_by = excluded.approved_by, approved_at = excluded.approved_at",
        )
        .bind(meeting_id.get())
        .bind(&approval.association)
        .bind(approval.by.as_str())
        .bind(approval.at)
        .execute(&mut *self.inner)
        .await?;
        Ok(())
    }

    /// The approvals of a meeting's minutes, the oldest first.
    pub async fn minutes_approvals(
        &mut self,
        meeting_id: MeetingId,
    ) -> Result<Vec<Approval>, StorageError> {
        let rows = sqlx::query(
            "SELECT association, approved_by, approved_at FROM minutes_approvals
             WHERE meeting_id = ?1 ORDER BY approved_at, association",
        )
        .bind(meeting_id.get())
        .fetch_all(&mut *self.inner)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(Approval {
                    association: row.try_get("association")?,
                    by: UserId::new(row.try_get::<String, _>("approved_by")?),
                    at: row.try_get("approved_at")?,
                })
            })
            .collect()
    }

    /// Freezes a meeting's minutes as adopted. Fails if they already were (the caller checks
    /// first, in the same transaction).
    pub async fn adopt_minutes(
        &mut self,
        room: &RoomId,
        adoption: &Adoption,
    ) -> Result<(), StorageError> {
        let approvals: Vec<StoredApproval> = adoption
            .approvals
            .iter()
            .map(|approval| StoredApproval {
                association: approval.association.clone(),
                by: approval.by.to_string(),
                at: approval.at,
            })
            .collect();
        let approvals = serde_json::to_string(&approvals)
            .map_err(|error| corrupt("adopted minutes' approvals", error))?;
        let missing = serde_json::to_string(&adoption.missing)
            .map_err(|error| corrupt("adopted minutes' missing associations", error))?;
        let heading = serde_json::to_string(&adoption.heading)
            .map_err(|error| corrupt("adopted minutes' heading", error))?;
        sqlx::query(
            "INSERT INTO adopted_minutes (meeting_id, room_id, text, fingerprint, adopted_at,
                                          adopted_by, approvals, missing, heading)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )
        .bind(adoption.meeting.get())
        .bind(room.as_str())
        .bind(&adoption.text)
        .bind(&adoption.fingerprint)
        .bind(adoption.adopted_at)
        .bind(adoption.adopted_by.as_ref().map(UserId::as_str))
        .bind(approvals)
        .bind(missing)
        .bind(heading)
        .execute(&mut *self.inner)
        .await?;
        Ok(())
    }

    /// The procès-verbal of a meeting, once adopted.
    pub async fn adopted_minutes(
        &mut self,
        meeting_id: MeetingId,
    ) -> Result<Option<Adoption>, StorageError> {
        let row = sqlx::query(
            "SELECT meeting_id, text, fingerprint, adopted_at, adopted_by, approvals, missing,
                    heading
             FROM adopted_minutes WHERE meeting_id = ?1",
        )
        .bind(meeting_id.get())
        .fetch_optional(&mut *self.inner)
        .await?;
        row.as_ref().map(adoption_from_row).transpose()
    }

    /// Every procès-verbal of a room, the latest meeting first.
    pub async fn adopted_minutes_of_room(
        &mut self,
        room: &RoomId,
    ) -> Result<Vec<(DateTime<Utc>, Adoption)>, StorageError> {
        let rows = sqlx::query(
            "SELECT a.meeting_id, a.text, a.fingerprint, a.adopted_at, a.adopted_by,
                    a.approvals, a.missing, a.heading, m.starts_at
             FROM adopted_minutes a JOIN meetings m ON m.id = a.meeting_id
             WHERE a.room_id = ?1 AND m.starts_at IS NOT NULL
             ORDER BY m.starts_at DESC",
        )
        .bind(room.as_str())
        .fetch_all(&mut *self.inner)
        .await?;
        rows.iter()
            .map(|row| Ok((row.try_get("starts_at")?, adoption_from_row(row)?)))
            .collect()
    }
}
