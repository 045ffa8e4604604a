//! Helpers shared by the unit tests.

use chrono::{DateTime, Utc};

/// An instant written in RFC 3339 (`2026-11-29T18:00:00Z`).
pub(crate) fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .expect("valid date")
        .with_timezone(&Utc)
}
