//! What several capabilities read the same way, and the group's page and the exports too:
//! the room's known associations, where everyone stands on a poll, what a meeting's minutes
//! gather. Reads inside a transaction, no wording, no sending.

use std::collections::HashMap;

use chrono::{DateTime, Days, NaiveDate, Utc};
use chrono_tz::Tz;

use super::error::ServiceError;
use crate::domain::association::same_association;
use crate::domain::attendance::{self, Attendance};
use crate::domain::ballot::{Ballot, BallotKind, count};
use crate::domain::dates::local_midnight;
use crate::domain::mandate::{Day, Mandate, Scope};
use crate::domain::minutes::{ApprovalState, approval_state};
use crate::domain::poll::{
    CONSENT_OPTIONS, Deciding, Poll, PollResults, results_under, with_mandates,
};
use crate::domain::votes::members_of;
use crate::domain::{Meeting, MeetingId, RoomId, UserId};
use crate::replies::{Minutes, MinutesStanding};
use crate::storage::Transaction;

/// The room's associations: the host order first, then any other that has members.
pub async fn known_associations(
    tx: &mut Transaction,
    room: &RoomId,
) -> Result<Vec<String>, ServiceError> {
    let order = tx.host_order(room).await?;
    let members = tx.association_members(room).await?;
    Ok(known_from(order, &members))
}

/// The host order, then the other associations members belong to (by name).
fn known_from(mut known: Vec<String>, members: &HashMap<UserId, String>) -> Vec<String> {
    let mut others: Vec<&String> = members.values().collect();
    others.sort();
    for association in others {
        if !known.iter().any(|k| same_association(k, association)) {
            known.push(association.clone());
        }
    }
    known
}

/// Who has a voice in the room, read once: its member associations, and who answers for
/// which association on a ballot — the room's members and the people it reaches by e-mail
/// (as [`crate::domain::email::EmailPerson::voter`]) — the representatives of a guest
/// association apart: they are shown, never counted.
pub struct Voices {
    /// The known associations but the guest ones (which never count for a joint position,
    /// the approval of minutes or the ranking of dates).
    pub member_associations: Vec<String>,
    /// Each voter of a member association, and that association.
    pub members: HashMap<UserId, String>,
    /// Each voter of a guest association, and that association.
    pub guests: HashMap<UserId, String>,
}

/// [`Voices`] of the room.
pub async fn voices(tx: &mut Transaction, room: &RoomId) -> Result<Voices, ServiceError> {
    let guest_names = tx.guest_associations(room).await?;
    let is_guest = |association: &String| {
        guest_names
            .iter()
            .any(|guest| same_association(guest, association))
    };
    let mut everyone = tx.association_members(room).await?;
    let mut member_associations = known_from(tx.host_order(room).await?, &everyone);
    member_associations.retain(|association| !is_guest(association));
    for person in tx.email_people(room).await? {
        everyone.insert(person.voter(), person.association);
    }
    let (guests, members) = everyone
        .into_iter()
        .partition(|(_, association)| is_guest(association));
    Ok(Voices {
        member_associations,
        members,
        guests,
    })
}

/// The room's member associations ([`Voices::member_associations`]).
pub async fn member_associations(
    tx: &mut Transaction,
    room: &RoomId,
) -> Result<Vec<String>, ServiceError> {
    Ok(voices(tx, room).await?.member_associations)
}

/// Who counts for which member association on a ballot ([`Voices::members`]).
pub async fn voter_associations(
    tx: &mut Transaction,
    room: &RoomId,
) -> Result<HashMap<UserId, String>, ServiceError> {
    Ok(voices(tx, room).await?.members)
}

/// Where everyone stands on `poll`, counting the answers given before `now` (or before
/// the poll closed).
pub async fn poll_outcome(
    tx: &mut Transaction,
    room: &RoomId,
    poll: &Poll,
    now: DateTime<Utc>,
    time_zone: Tz,
) -> Result<PollResults, ServiceError> {
    let answers = tx.answers(poll.ballot).await?;
    let counted = count(
        &answers,
        BallotKind::Poll.counting(),
        poll.counts_until(now),
    );
    let Voices {
        member_associations: associations,
        members: mut membership,
        guests,
    } = voices(tx, room).await?;
    // Answers kept without their person count for the association they counted for.
    membership.extend(tx.anonymous_associations(poll.ballot).await?);
    let rule = tx.joint_rule(room).await?;
    // Under consent, silence is no objection once a poll with a deadline has closed.
    let silence_consents = poll.closes_at.is_some() && poll.closed_at.is_some();
    let deciding = Deciding {
        rule,
        silence_consents,
        consent: poll.consent.then_some(CONSENT_OPTIONS),
    };
    let counted = results_under(
        poll.options.len(),
        &counted,
        &membership,
        &guests,
        &associations,
        deciding,
    );
    let until = poll.counts_until(now);
    let mandates = tx.mandates(room).await?;
    let covering: Vec<&Mandate> = mandates
        .iter()
        .filter(|mandate| {
            mandate.covers_poll(poll.id, until, mandate_day(&mandate.scope, time_zone))
        })
        .collect();
    let mut outcome = with_mandates(counted, &covering, deciding);
    if poll.consent {
        outcome.reasons = tx.answer_reasons(poll.ballot).await?;
    }
    Ok(outcome)
}

/// Where the minutes of `meeting` stand: the page and the exports show the same.
pub async fn minutes_standing(
    tx: &mut Transaction,
    room: &RoomId,
    meeting: Meeting,
    time_zone: Tz,
) -> Result<MinutesStanding, ServiceError> {
    Ok(match tx.adopted_minutes(meeting.id).await? {
        Some(adoption) => MinutesStanding::Adopted(adoption),
        None => MinutesStanding::Draft(Box::new(
            gather_minutes(tx, room, meeting, time_zone).await?,
        )),
    })
}

/// Everything the minutes of `meeting` gather.
pub async fn gather_minutes(
    tx: &mut Transaction,
    room: &RoomId,
    meeting: Meeting,
    time_zone: Tz,
) -> Result<Minutes, ServiceError> {
    let items = tx.all_agenda_items(meeting.id).await?;
    let notes = tx.item_notes(meeting.id).await?;
    let guests = tx.guests(meeting.id).await?;
    // Every answer given while it was open, the secretary's notes of the day included.
    let attendance = meeting_attendance(tx, room, meeting.id, None).await?;
    let mut polls = Vec::new();
    if let Some(starts_at) = meeting.starts_at {
        let local_day = starts_at.with_timezone(&time_zone).date_naive();
        let (start, end) = day_bounds(local_day, time_zone);
        for poll in tx.polls_closed_between(room, start, end).await? {
            let until = poll.closed_at.unwrap_or(end);
            let results = poll_outcome(tx, room, &poll, until, time_zone).await?;
            polls.push((poll, results));
        }
    }
    let decisions = tx.decisions_of_meeting(meeting.id).await?;
    let actions = tx.actions_of_meeting(meeting.id).await?;
    // The letters sent since the meeting before this one, until the end of its day.
    let mut letters = Vec::new();
    if let Some(starts_at) = meeting.starts_at {
        let (_, day_end) = day_bounds(starts_at.with_timezone(&time_zone).date_naive(), time_zone);
        let since = tx
            .meeting_between(room, DateTime::<Utc>::MIN_UTC, starts_at, true)
            .await?
            .and_then(|previous| previous.starts_at)
            .unwrap_or(DateTime::<Utc>::MIN_UTC);
        letters = tx
            .letters(room)
            .await?
            .into_iter()
            .filter(|letter| {
                letter
                    .sent_at
                    .is_some_and(|sent| since <= sent && sent < day_end)
            })
            .collect();
    }
    let mut mandates = tx.meeting_mandates(meeting.id).await?;
    // The mandates given for one of the day's polls, not withdrawn before it closed.
    let all = tx.mandates(room).await?;
    for (poll, _) in &polls {
        let until = poll.closed_at.unwrap_or(DateTime::<Utc>::MAX_UTC);
        mandates.extend(
            all.iter()
                .filter(|mandate| {
                    matches!(&mandate.scope, Scope::Poll { poll: theirs, .. } if *theirs == poll.id)
                        && mandate.counts_at(until)
                })
                .cloned(),
        );
    }
    Ok(Minutes {
        meeting,
        items,
        notes,
        guests,
        attendance,
        polls,
        decisions,
        actions,
        mandates,
        letters,
    })
}

/// Where every association stands for a meeting: as of `at`, or with `None` by every answer
/// given while its ballot was open. `None` when its date was set by a version that did not ask.
pub(super) async fn meeting_attendance(
    tx: &mut Transaction,
    room: &RoomId,
    meeting: MeetingId,
    at: Option<DateTime<Utc>>,
) -> Result<Option<Attendance>, ServiceError> {
    let Some(ballot) = tx.attendance_ballot(meeting).await? else {
        return Ok(None);
    };
    let ballot = tx.ballot(ballot).await?;
    let until = at.or(ballot.closed_at).unwrap_or(DateTime::<Utc>::MAX_UTC);
    Ok(Some(
        attendance_listing(tx, room, meeting, &ballot, until).await?,
    ))
}

/// Where every association stands on `ballot` (a meeting's attendance) as of `at`.
pub(super) async fn attendance_listing(
    tx: &mut Transaction,
    room: &RoomId,
    meeting: MeetingId,
    ballot: &Ballot,
    at: DateTime<Utc>,
) -> Result<Attendance, ServiceError> {
    let answers = tx.answers(ballot.id).await?;
    let choices = count(&answers, ballot.kind.counting(), at);
    let known = known_associations(tx, room).await?;
    let membership = tx.association_members(room).await?;
    let associations: Vec<(String, Vec<UserId>)> = known
        .iter()
        .map(|association| (association.clone(), members_of(&membership, association)))
        .collect();
    let listing = attendance::by_association(&associations, &choices);
    let mandates = tx.meeting_mandates(meeting).await?;
    let mandates: Vec<&Mandate> = mandates.iter().collect();
    Ok(attendance::with_mandates(listing, &mandates))
}

/// Where the approval of a meeting's minutes stands: each member association's own approval,
/// else its holder's when it gave its mandate for the meeting ([`approval_state`]).
pub async fn approval_of(
    tx: &mut Transaction,
    meeting: MeetingId,
    known: &[String],
) -> Result<ApprovalState, ServiceError> {
    let approvals = tx.minutes_approvals(meeting).await?;
    let mandates = tx.meeting_mandates(meeting).await?;
    let mandates: Vec<&Mandate> = mandates.iter().collect();
    Ok(approval_state(known, &approvals, &mandates))
}

/// The bounds of a meeting mandate's day in the room's time zone (`None` for a poll's).
pub fn mandate_day(scope: &Scope, time_zone: Tz) -> Option<Day> {
    match scope {
        Scope::Meeting { starts_at, .. } => {
            let (start, end) =
                day_bounds(starts_at.with_timezone(&time_zone).date_naive(), time_zone);
            Some(Day { start, end })
        }
        Scope::Poll { .. } => None,
    }
}

/// The start and end (next local midnight) of a local day, in UTC.
pub fn day_bounds(day: NaiveDate, time_zone: Tz) -> (DateTime<Utc>, DateTime<Utc>) {
    let next = day.checked_add_days(Days::new(1)).unwrap_or(day);
    (
        local_midnight(day, time_zone),
        local_midnight(next, time_zone),
    )
}
