//! The iCalendar invitation (`.ics`) sent when a meeting's date is set, built with the
//! `icalendar` crate. Times are written in UTC (`…Z`), which every calendar program reads
//! correctly without a VTIMEZONE block.
//!
//! Calendars follow one event through its versions (iTIP, RFC 5546): the UID stays, SEQUENCE
//! grows with each version, METHOD says whether this is the event (`REQUEST`) or its
//! cancellation (`CANCEL`).

use chrono::{DateTime, Duration, Utc};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus};

use crate::domain::{Agenda, Meeting, RoomId};

/// How long a meeting is assumed to last in the invitation.
pub const MEETING_LENGTH: Duration = Duration::hours(2);

/// The texts the invitation carries, in the room's language.
pub struct InvitationTexts<'a> {
    pub summary: &'a str,
    pub agenda_heading: &'a str,
    /// The meeting's guests, as one plain line ("Intervenants : …"), if it has any.
    pub guests: Option<&'a str>,
}

/// A stable identifier: a calendar updates the same event when it receives a new version.
pub fn meeting_uid(room: &RoomId, meeting: &Meeting) -> String {
    let room: String = room
        .as_str()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    format!("meeting-{}-{room}@concerto", meeting.id)
}

/// What a version of the invitation tells calendars.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// The meeting, new or updated.
    Request,
    /// The meeting is cancelled: calendars remove (or strike out) the event.
    Cancel,
}

impl Method {
    /// As the calendar's `METHOD` (and an e-mail's `text/calendar; method=…`) names it.
    pub fn name(self) -> &'static str {
        match self {
            Method::Request => "REQUEST",
            Method::Cancel => "CANCEL",
        }
    }
}

/// The `.ics` text for a scheduled meeting; `None` when it has no date. `sequence` is 0 for
/// the first version and grows by one with each later one (update or cancellation).
pub fn invitation(
    room: &RoomId,
    meeting: &Meeting,
    agenda: &Agenda,
    texts: &InvitationTexts<'_>,
    version: (Method, u32),
    now: DateTime<Utc>,
) -> Option<String> {
    let (method, sequence) = version;
    let cancelled = method == Method::Cancel;
    let event = meeting_event(room, meeting, agenda, texts, sequence, cancelled, now)?;
    let calendar = Calendar::new()
        .append_property(("METHOD", method.name()))
        .push(event)
        .done();
    Some(calendar.to_string())
}

/// The subscribable calendar of a room's meetings (`reunions.ics`): every dated meeting as
/// the same event its invitations carry (UID, SEQUENCE), cancelled ones marked so.
pub fn feed(
    name: &str,
    room: &RoomId,
    meetings: &[(Meeting, Agenda, u32, bool)],
    texts: &InvitationTexts<'_>,
    now: DateTime<Utc>,
) -> String {
    let mut calendar = Calendar::new();
    calendar.name(name).append_property(("METHOD", "PUBLISH"));
    for (meeting, agenda, sequence, cancelled) in meetings {
        if let Some(event) = meeting_event(room, meeting, agenda, texts, *sequence, *cancelled, now)
        {
            calendar.push(event);
        }
    }
    calendar.done().to_string()
}

/// One meeting as a calendar event; `None` without a date.
fn meeting_event(
    room: &RoomId,
    meeting: &Meeting,
    agenda: &Agenda,
    texts: &InvitationTexts<'_>,
    sequence: u32,
    cancelled: bool,
    now: DateTime<Utc>,
) -> Option<Event> {
    let starts_at = meeting.starts_at?;
    let mut description = String::from(texts.agenda_heading);
    for (index, item) in agenda.items().iter().enumerate() {
        description.push_str(&format!("\n{}. {}", index + 1, item.text));
    }
    if let Some(guests) = texts.guests {
        description.push_str("\n\n");
        description.push_str(guests);
    }
    let mut event = Event::new();
    event
        .uid(&meeting_uid(room, meeting))
        .summary(texts.summary)
        .description(&description)
        .starts(starts_at)
        .ends(starts_at + MEETING_LENGTH)
        .sequence(sequence)
        .timestamp(now);
    if let Some(place) = &meeting.place {
        event.location(place);
    }
    if cancelled {
        event.status(EventStatus::Cancelled);
    }
    Some(event.done())
}

/// How long a training session at a time is assumed to last in its invitation (a whole day's
/// is the day).
pub const TRAINING_LENGTH: Duration = Duration::hours(3);

/// The `.ics` of a training session, for one person signed up: `summary` its title as the
/// e-mail names it, `description` its text. Cancelled: `METHOD:CANCEL`, one version later.
pub fn training_invitation(
    room: &RoomId,
    training: &crate::domain::training::Training,
    summary: &str,
    description: &str,
    cancelled: bool,
    now: DateTime<Utc>,
) -> String {
    use crate::domain::training::When;
    let room_part: String = room
        .as_str()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    let mut event = Event::new();
    event
        .uid(&format!("training-{}-{room_part}@concerto", training.id))
        .summary(summary)
        .description(description)
        .sequence(u32::from(cancelled))
        .timestamp(now);
    match training.fields.when {
        When::At(at) => {
            event
                .starts(at)
                .ends(at.checked_add_signed(TRAINING_LENGTH).unwrap_or(at));
        }
        When::Day(day) => {
            event.all_day(day);
        }
    }
    if let Some(place) = &training.fields.place {
        event.location(place);
    }
    let method = if cancelled {
        event.status(EventStatus::Cancelled);
        Method::Cancel
    } else {
        Method::Request
    };
    Calendar::new()
        .append_property(("METHOD", method.name()))
        .push(event.done())
        .done()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{AgendaItem, ItemId, ItemStatus, MeetingId, UserId};
    use crate::testing::at;
    use icalendar::{CalendarDateTime, DatePerhapsTime};

    #[test]
    fn the_invitation_parses_back_with_the_utc_start_place_and_agenda() {
        let room = RoomId::new("!AbC-123");
        let meeting = Meeting {
            id: MeetingId::new(7),
            starts_at: Some(at("2026-12-10T13:00:00Z")),
            place: Some("Salle des fêtes, Melun".into()),
            host: Some("Croix-Rouge".into()),
        };
        let agenda = Agenda::new(vec![AgendaItem {
            id: ItemId::new(1),
            text: "Budget 2027".into(),
            author: UserId::new("@alice:localhost"),
            author_name: None,
            urgent: false,
            status: ItemStatus::Open,
            position: 1,
            created_at: at("2026-11-29T18:00:00Z"),
            carried_from: None,
            source_event: None,
        }]);
        let texts = InvitationTexts {
            summary: "Réunion de concertation",
            agenda_heading: "Ordre du jour :",
            guests: None,
        };
        let ics = invitation(
            &room,
            &meeting,
            &agenda,
            &texts,
            (Method::Request, 0),
            at("2026-11-29T18:00:00Z"),
        )
        .expect("a dated meeting");
        assert!(ics.contains("DTSTART:20261210T130000Z"), "{ics}");

        let parsed: Calendar = ics.parse().expect("valid iCalendar");
        assert_eq!(parsed.property_value("METHOD"), Some("REQUEST"));
        let event = parsed.components[0].as_event().expect("an event");
        assert_eq!(event.get_sequence(), Some(0));
        assert_eq!(event.get_status(), None);
        assert_eq!(event.get_uid(), Some("meeting-7-AbC123@concerto"));
        assert_eq!(
            event.get_start(),
            Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(at(
                "2026-12-10T13:00:00Z"
            ))))
        );
        assert_eq!(event.get_location(), Some("Salle des fêtes, Melun"));
        assert_eq!(
            event.get_description(),
            Some("Ordre du jour :\n1. Budget 2027")
        );
        assert_eq!(event.get_summary(), Some("Réunion de concertation"));
    }

    #[test]
    fn a_meeting_without_a_date_has_no_invitation() {
        let meeting = Meeting {
            id: MeetingId::new(1),
            starts_at: None,
            place: None,
            host: None,
        };
        let texts = InvitationTexts {
            summary: "s",
            agenda_heading: "a",
            guests: None,
        };
        assert_eq!(
            invitation(
                &RoomId::new("!r"),
                &meeting,
                &Agenda::default(),
                &texts,
                (Method::Request, 0),
                at("2026-11-29T18:00:00Z")
            ),
            None
        );
    }

    #[test]
    fn a_cancellation_keeps_the_uid_and_says_cancel_with_a_higher_sequence() {
        let room = RoomId::new("!r");
        let meeting = Meeting {
            id: MeetingId::new(3),
            starts_at: Some(at("2026-12-10T13:00:00Z")),
            place: None,
            host: None,
        };
        let texts = InvitationTexts {
            summary: "s",
            agenda_heading: "a",
            guests: None,
        };
        let ics = invitation(
            &room,
            &meeting,
            &Agenda::default(),
            &texts,
            (Method::Cancel, 2),
            at("2026-11-29T18:00:00Z"),
        )
        .expect("a dated meeting");
        let parsed: Calendar = ics.parse().expect("valid iCalendar");
        assert_eq!(parsed.property_value("METHOD"), Some("CANCEL"));
        let event = parsed.components[0].as_event().expect("an event");
        assert_eq!(event.get_uid(), Some("meeting-3-r@concerto"));
        assert_eq!(event.get_sequence(), Some(2));
        assert_eq!(event.get_status(), Some(EventStatus::Cancelled));
    }

    #[test]
    fn the_feed_carries_every_meeting_with_its_uid_and_cancelled_ones_marked() {
        let room = RoomId::new("!r");
        let meeting = |id: i64, starts_at: &str, place: Option<&str>| Meeting {
            id: MeetingId::new(id),
            starts_at: Some(at(starts_at)),
            place: place.map(str::to_owned),
            host: None,
        };
        let texts = InvitationTexts {
            summary: "Réunion de concertation",
            agenda_heading: "Ordre du jour :",
            guests: None,
        };
        let meetings = vec![
            (
                meeting(1, "2026-12-10T13:00:00Z", Some("Melun")),
                Agenda::default(),
                2,
                false,
            ),
            (
                meeting(2, "2027-03-10T13:00:00Z", None),
                Agenda::default(),
                1,
                true,
            ),
        ];
        let ics = feed(
            "Concertation",
            &room,
            &meetings,
            &texts,
            at("2026-11-29T18:00:00Z"),
        );
        let parsed: Calendar = ics.parse().expect("valid iCalendar");
        let events: Vec<&Event> = parsed
            .components
            .iter()
            .filter_map(|component| component.as_event())
            .collect();
        assert_eq!(events.len(), 2);
        assert_eq!(events[0].get_uid(), Some("meeting-1-r@concerto"));
        assert_eq!(events[0].get_sequence(), Some(2));
        assert_eq!(events[0].get_location(), Some("Melun"));
        assert_eq!(events[0].get_status(), None);
        assert_eq!(events[1].get_status(), Some(EventStatus::Cancelled));
    }

    #[test]
    fn a_training_invitation_is_a_timed_event_or_a_whole_day() {
        use crate::domain::training::{Training, TrainingFields, When};
        let mut training = Training {
            id: 4,
            number: 1,
            fields: TrainingFields {
                title: "Premiers secours".into(),
                when: When::At(at("2027-01-14T08:30:00Z")),
                place: Some("Melun".into()),
                seats: Some(2),
                description: None,
            },
            organiser: "Croix-Rouge".into(),
            created_by: UserId::new("@alice:localhost"),
            created_at: at("2026-12-07T10:00:00Z"),
            ballot: None,
            cancelled_at: None,
        };
        let room = RoomId::new("!AbC-123");
        let ics = training_invitation(
            &room,
            &training,
            "Formation",
            "",
            false,
            at("2026-12-07T10:00:00Z"),
        );
        let parsed: Calendar = ics.parse().expect("valid iCalendar");
        let event = parsed.components[0].as_event().expect("an event");
        assert_eq!(event.get_uid(), Some("training-4-AbC123@concerto"));
        assert_eq!(
            event.get_start(),
            Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(at(
                "2027-01-14T08:30:00Z"
            ))))
        );
        assert_eq!(event.get_location(), Some("Melun"));
        training.fields.when =
            When::Day(chrono::NaiveDate::from_ymd_opt(2027, 1, 20).expect("a day"));
        let ics = training_invitation(
            &room,
            &training,
            "Formation",
            "",
            true,
            at("2026-12-07T10:00:00Z"),
        );
        assert!(ics.contains("METHOD:CANCEL"), "{ics}");
        assert!(ics.contains("DTSTART;VALUE=DATE:20270120"), "{ics}");
    }
}
