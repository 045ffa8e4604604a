//! The minutes' approvals, and the procès-verbaux frozen at adoption.

use chrono::{DateTime, Utc};

use super::store::{StorageError, Transaction};
use crate::domain::minutes::{Adoption, Approval};
use crate::domain::record::Owner;
use crate::domain::{MeetingId, RoomId, UserId};

/// How an approval is kept in an adoption's JSON.
#[derive(serde::Serialize, serde::Deserialize)]
struct StoredApproval {
    association: String,
    by: String,
    at: DateTime<Utc>,
    /// Given by the holder of the association's mandate: the holding association, or member.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    mandate_association: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    mandate_member: Option<String>,
}

fn corrupt(what: &str, error: serde_json::Error) -> StorageError {
    StorageError::Corrupt(format!("{what}: {error}"))
}

/// The columns of an adoption, in every query that returns one (read into an
/// [`AdoptionRow`]).
macro_rules! adoption_columns {
    ($prefix:literal) => {
        concat!(
            $prefix,
            "meeting_id, ",
            $prefix,
            "text, ",
            $prefix,
            "fingerprint, ",
            $prefix,
            "adopted_at, ",
            $prefix,
            "adopted_by, ",
            $prefix,
            "approvals, ",
            $prefix,
            "missing, ",
            $prefix,
            "heading"
        )
    };
}

/// An adopted procès-verbal as its row holds it.
#[derive(Debug, sqlx::FromRow)]
struct AdoptionRow {
    meeting_id: i64,
    text: String,
    fingerprint: String,
    adopted_at: DateTime<Utc>,
    adopted_by: Option<String>,
    approvals: String,
    missing: String,
    heading: String,
}

impl TryFrom<AdoptionRow> for Adoption {
    type Error = StorageError;

    fn try_from(row: AdoptionRow) -> Result<Self, StorageError> {
        let approvals: Vec<StoredApproval> = serde_json::from_str(&row.approvals)
            .map_err(|error| corrupt("adopted minutes' approvals", error))?;
        let missing: Vec<String> = serde_json::from_str(&row.missing)
            .map_err(|error| corrupt("adopted minutes' missing associations", error))?;
        let heading: Vec<String> = serde_json::from_str(&row.heading)
            .map_err(|error| corrupt("adopted minutes' heading", error))?;
        Ok(Adoption {
            meeting: MeetingId::new(row.meeting_id),
            text: row.text,
            fingerprint: row.fingerprint,
            heading,
            adopted_at: row.adopted_at,
            adopted_by: row.adopted_by.map(UserId::new),
            approvals: approvals
                .into_iter()
                .map(|stored| Approval {
                    association: stored.association,
                    by: UserId::new(stored.by),
                    at: stored.at,
                    by_mandate: match (stored.mandate_association, stored.mandate_member) {
                        (Some(association), _) => Some(Owner::Association(association)),
                        (None, Some(member)) => Some(Owner::Member(UserId::new(member))),
                        (None, None) => None,
                    },
                })
                .collect(),
            missing,
        })
    }
}

/// An adoption and its meeting's date.
#[derive(Debug, sqlx::FromRow)]
struct DatedAdoptionRow {
    starts_at: DateTime<Utc>,
    #[sqlx(flatten)]
    adoption: AdoptionRow,
}

/// An approval as its row holds it.
#[derive(Debug, sqlx::FromRow)]
struct ApprovalRow {
    association: String,
    approved_by: String,
    approved_at: DateTime<Utc>,
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
        let rows: Vec<ApprovalRow> = sqlx::query_as(
            "SELECT association, approved_by, approved_at FROM minutes_approvals
             WHERE meeting_id = ?1 ORDER BY approved_at, association",
        )
        .bind(meeting_id.get())
        .fetch_all(&mut *self.inner)
        .await?;
        Ok(rows
            .into_iter()
            .map(|row| Approval {
                association: row.association,
                by: UserId::new(row.approved_by),
                at: row.approved_at,
                by_mandate: None,
            })
            .collect())
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
                mandate_association: match &approval.by_mandate {
                    Some(Owner::Association(name)) => Some(name.clone()),
                    _ => None,
                },
                mandate_member: match &approval.by_mandate {
                    Some(Owner::Member(user)) => Some(user.to_string()),
                    _ => None,
                },
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
        let row: Option<AdoptionRow> = sqlx::query_as(concat!(
            "SELECT ",
            adoption_columns!(""),
            " FROM adopted_minutes WHERE meeting_id = ?1"
        ))
        .bind(meeting_id.get())
        .fetch_optional(&mut *self.inner)
        .await?;
        row.map(Adoption::try_from).transpose()
    }

    /// Every procès-verbal of a room, the latest meeting first.
    pub async fn adopted_minutes_of_room(
        &mut self,
        room: &RoomId,
    ) -> Result<Vec<(DateTime<Utc>, Adoption)>, StorageError> {
        let rows: Vec<DatedAdoptionRow> = sqlx::query_as(concat!(
            "SELECT m.starts_at, ",
            adoption_columns!("a."),
            " FROM adopted_minutes a JOIN meetings m ON m.id = a.meeting_id
             WHERE a.room_id = ?1 AND m.starts_at IS NOT NULL
             ORDER BY m.starts_at DESC"
        ))
        .bind(room.as_str())
        .fetch_all(&mut *self.inner)
        .await?;
        rows.into_iter()
            .map(|row| Ok((row.starts_at, row.adoption.try_into()?)))
            .collect()
    }
}
