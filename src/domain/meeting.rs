//! Meetings: when one is over, which one is next, whose turn it is to host. (Date proposals
//! and their tally: `votes.rs`; how a date reads: `replies/dates.rs`.)

use chrono::{DateTime, Days, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

use super::ids::MeetingId;

/// A meeting of a room's group. `starts_at` is `None` for the "next meeting" whose date is not
/// set yet: agenda items collect there and move with it once a date is chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meeting {
    pub id: MeetingId,
    pub starts_at: Option<DateTime<Utc>>,
    pub place: Option<String>,
    /// The association that hosts it, once known.
    pub host: Option<String>,
}

impl Meeting {
    /// A meeting is over once the day it took place has ended in the room's time zone, so that
    /// items can still be marked treated during and right after it.
    pub fn is_over(&self, now: DateTime<Utc>, time_zone: Tz) -> bool {
        self.day_ends_at(time_zone).is_some_and(|end| now >= end)
    }

    /// When the day of the meeting ends (local midnight after it): then its untreated items
    /// are carried over. `None` for a meeting without a date.
    pub fn day_ends_at(&self, time_zone: Tz) -> Option<DateTime<Utc>> {
        let starts_at = self.starts_at?;
        let local_day = starts_at.with_timezone(&time_zone).date_naive();
        let next_day = local_day.checked_add_days(Days::new(1))?;
        match time_zone
            .from_local_datetime(&next_day.and_time(NaiveTime::MIN))
            .earliest()
        {
            Some(end_of_day) => Some(end_of_day.with_timezone(&Utc)),
            // Midnight does not exist that day (a DST change at midnight): a day later.
            None => starts_at.checked_add_signed(chrono::Duration::days(1)),
        }
    }
}

/// The meeting whose agenda new items join: the earliest scheduled meeting not over yet, else
/// the unscheduled one. `None` if there is neither (the caller then creates the unscheduled one).
pub fn next_meeting(meetings: &[Meeting], now: DateTime<Utc>, time_zone: Tz) -> Option<&Meeting> {
    next_dated_meeting(meetings, now, time_zone)
        .or_else(|| meetings.iter().find(|meeting| meeting.starts_at.is_none()))
}

/// The earliest scheduled meeting whose day is not over yet, if any: the one a cancellation
/// or an attendance answer is about.
pub fn next_dated_meeting(
    meetings: &[Meeting],
    now: DateTime<Utc>,
    time_zone: Tz,
) -> Option<&Meeting> {
    meetings
        .iter()
        .filter(|meeting| meeting.starts_at.is_some() && !meeting.is_over(now, time_zone))
        .min_by_key(|meeting| meeting.starts_at)
}

/// The association whose turn it is to host: the one after the last host in the room's order
/// (the first one when nobody hosted yet, or when the last host is not in the order).
pub fn next_host(order: &[String], last_host: Option<&str>) -> Option<String> {
    let after_last = last_host
        .and_then(|last| {
            order
                .iter()
                .position(|association| super::association::same_association(association, last))
        })
        .map_or(0, |index| (index + 1) % order.len().max(1));
    order.get(after_last).cloned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::at;
    use chrono_tz::Europe::Paris;

    fn meeting(id: i64, starts_at: Option<&str>) -> Meeting {
        Meeting {
            id: MeetingId::new(id),
            starts_at: starts_at.map(at),
            place: None,
            host: None,
        }
    }

    #[test]
    fn a_meeting_is_over_at_local_midnight_after_it() {
        // 14:00 in Paris on 10 December is 13:00 UTC; the day ends at 23:00 UTC.
        let december = meeting(1, Some("2026-12-10T13:00:00Z"));
        assert!(!december.is_over(at("2026-12-10T22:59:59Z"), Paris));
        assert!(december.is_over(at("2026-12-10T23:00:00Z"), Paris));
        // In summer Paris is UTC+2: the day ends at 22:00 UTC.
        let june = meeting(2, Some("2027-06-10T12:00:00Z"));
        assert!(!june.is_over(at("2027-06-10T21:59:59Z"), Paris));
        assert!(june.is_over(at("2027-06-10T22:00:00Z"), Paris));
        assert!(!meeting(3, None).is_over(at("2030-01-01T00:00:00Z"), Paris));
    }

    #[test]
    fn the_next_meeting_is_the_earliest_scheduled_one_not_over() {
        let meetings = vec![
            meeting(1, Some("2026-09-10T12:00:00Z")),
            meeting(2, None),
            meeting(3, Some("2027-03-10T13:00:00Z")),
            meeting(4, Some("2026-12-10T13:00:00Z")),
        ];
        let now = at("2026-11-29T18:00:00Z");
        assert_eq!(
            next_meeting(&meetings, now, Paris).map(|m| m.id.get()),
            Some(4)
        );
        let later = at("2027-04-01T00:00:00Z");
        assert_eq!(
            next_meeting(&meetings, later, Paris).map(|m| m.id.get()),
            Some(2)
        );
        assert_eq!(next_meeting(&[], now, Paris), None);
    }

    #[test]
    fn hosting_rotates_through_the_order() {
        let order: Vec<String> = ["Restos du Cœur", "Croix-Rouge", "Secours Catholique"]
            .map(str::to_owned)
            .to_vec();
        assert_eq!(next_host(&order, None).as_deref(), Some("Restos du Cœur"));
        assert_eq!(
            next_host(&order, Some("restos du coeur")).as_deref(),
            Some("Croix-Rouge")
        );
        assert_eq!(
            next_host(&order, Some("Secours Catholique")).as_deref(),
            Some("Restos du Cœur")
        );
        assert_eq!(
            next_host(&order, Some("Emmaüs")).as_deref(),
            Some("Restos du Cœur")
        );
        assert_eq!(next_host(&[], Some("Croix-Rouge")), None);
    }
}
