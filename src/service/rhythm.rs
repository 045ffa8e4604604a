//! The meeting rhythm: `!réunion rythme …` sets or shows it, and the clock proposes the next
//! meeting's dates itself when none is dated or proposed, `bot.rhythm_lead_days` before it is
//! due — once per last meeting (a withdrawn proposal is not made again), late rather than never.

use chrono::{DateTime, Utc};

use super::email::PeopleEmail;
use super::error::ServiceError;
use super::{Chat, Handled, Request, Service};
use crate::domain::ballot::BallotKind;
use crate::domain::earliest;
use crate::domain::messages::{Content, NewMessage, Presents};
use crate::domain::rhythm::{Rhythm, due_day, propose_at, rhythm_dates};
use crate::domain::votes::proposal_reactions;
use crate::domain::{EventId, Meeting, RoomId};
use crate::replies::{self, RhythmPlan};
use crate::storage::Transaction;

impl<C: Chat> Service<C> {
    /// `!réunion rythme`: the rhythm, and when it will propose.
    pub(super) async fn meeting_rhythm_show(&self, request: &mut Request<'_>) -> Handled {
        let room = request.room().clone();
        let rhythm = request.tx.rhythm(&room).await?;
        let plan = match rhythm {
            Some(rhythm) => {
                self.rhythm_plan(request.tx, &room, rhythm, request.at)
                    .await?
            }
            None => RhythmPlan::NoMeeting,
        };
        request.say(replies::rhythm_status(
            &self.wording(request.language),
            rhythm,
            plan,
        ))
    }

    /// `!réunion rythme trimestriel|bimestriel|mensuel|aucun`.
    pub(super) async fn meeting_rhythm_set(
        &self,
        request: &mut Request<'_>,
        rhythm: Option<Rhythm>,
    ) -> Handled {
        let wording = &self.wording(request.language);
        let room = request.room().clone();
        request.tx.set_rhythm(&room, rhythm).await?;
        // The clock looks again at what falls due.
        request.reschedules = true;
        let Some(rhythm) = rhythm else {
            return request.say(replies::rhythm_unset(wording));
        };
        let plan = self
            .rhythm_plan(request.tx, &room, rhythm, request.at)
            .await?;
        request.say(replies::rhythm_status(wording, Some(rhythm), plan))
    }

    /// When the next meeting is due and its dates will be proposed.
    async fn rhythm_plan(
        &self,
        tx: &mut Transaction,
        room: &RoomId,
        rhythm: Rhythm,
        now: DateTime<Utc>,
    ) -> Result<RhythmPlan, ServiceError> {
        let time_zone = self.settings.time_zone;
        let Some(last) = last_meeting_at(tx, room, now).await? else {
            return Ok(RhythmPlan::NoMeeting);
        };
        let due = due_day(last.with_timezone(&time_zone).date_naive(), rhythm);
        let at = propose_at(last, rhythm, self.settings.rhythm_lead_days, time_zone);
        Ok(if at <= now {
            RhythmPlan::Now { due }
        } else {
            RhythmPlan::Next {
                due,
                propose_on: at.with_timezone(&time_zone).date_naive(),
            }
        })
    }

    /// Proposes the dates of every room whose rhythm calls for it by `now`; returns when the
    /// next room's turn comes.
    pub(super) async fn propose_rhythm_due(
        &self,
        now: DateTime<Utc>,
    ) -> Result<Option<DateTime<Utc>>, ServiceError> {
        let mut next = None;
        for (room, rhythm) in self.store.rooms_with_rhythm().await? {
            let key = format!("rhythm:{room}");
            let proposed = self
                .due_item(
                    &key,
                    &room,
                    now,
                    self.propose_for_rhythm(&room, rhythm, now),
                )
                .await?;
            if let Some(Some(at)) = proposed {
                next = earliest(next, at);
            }
        }
        Ok(next)
    }

    /// One room: proposes its dates if they are due (in one transaction that records it
    /// done), or says when they will be.
    async fn propose_for_rhythm(
        &self,
        room: &RoomId,
        rhythm: Rhythm,
        now: DateTime<Utc>,
    ) -> Result<Option<DateTime<Utc>>, ServiceError> {
        let time_zone = self.settings.time_zone;
        let mut tx = self.store.begin_write().await?;
        let Some(last) = tx.meeting_between(room, now, now, true).await? else {
            return Ok(None);
        };
        let Some(last_at) = last.starts_at else {
            return Ok(None);
        };
        // A meeting dated ahead, or dates being voted on: the group has it in hand.
        let planned = tx.planned_meetings(room).await?;
        if planned.iter().any(|meeting| is_ahead(meeting, now))
            || tx.open_proposal(room).await?.is_some()
            || tx.rhythm_proposed_after(room, last.id).await?
        {
            return Ok(None);
        }
        let at = propose_at(last_at, rhythm, self.settings.rhythm_lead_days, time_zone);
        if at > now {
            return Ok(Some(at));
        }
        let dates = rhythm_dates(last_at, rhythm, now, time_zone);
        let ballot = tx
            .open_ballot(room, BallotKind::MeetingDates, dates.len(), now)
            .await?;
        let proposal = tx
            .create_proposal(
                room,
                ballot.id,
                &self.chat.own_id(),
                &EventId::new(format!("rhythm-after-{}", last.id)),
                &dates,
                now,
            )
            .await?;
        tx.record_rhythm_proposal(room, last.id, proposal.id, now)
            .await?;
        let language = self.room_language(&mut tx, room).await?;
        let email = PeopleEmail::Proposal(&dates);
        self.queue_people_email(&mut tx, room, language, email, now)
            .await?;
        let wording = self.wording(language);
        let members: Vec<_> = self
            .chat
            .members(room)
            .await
            .into_iter()
            .map(|(member, _)| member)
            .collect();
        let names = self.member_names(room).await;
        let due = due_day(last_at.with_timezone(&time_zone).date_naive(), rhythm);
        let markdown = replies::rhythm_proposal(&wording, rhythm, due, &proposal, &members, &names);
        let mut messages = vec![NewMessage {
            room: room.clone(),
            in_reply_to: None,
            content: Content::Text {
                markdown,
                mentions: members,
            },
            presents: Some(Presents::Ballot(ballot.id)),
            thread: None,
        }];
        if BallotKind::MeetingDates.bot_adds_reactions() {
            messages.extend(
                proposal_reactions(dates.len())
                    .map(|key| NewMessage::reaction_on_ballot(room, ballot.id, key)),
            );
        }
        self.finish(tx, messages, now).await?;
        tracing::info!(
            %room,
            after_meeting = %last.id,
            late_by_seconds = (now - at).num_seconds(),
            "meeting rhythm: dates proposed"
        );
        Ok(None)
    }
}

/// Dated, and not begun by `now`.
fn is_ahead(meeting: &Meeting, now: DateTime<Utc>) -> bool {
    meeting.starts_at.is_some_and(|at| at > now)
}

/// When the last meeting that has begun by `now` began.
async fn last_meeting_at(
    tx: &mut Transaction,
    room: &RoomId,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, ServiceError> {
    Ok(tx
        .meeting_between(room, now, now, true)
        .await?
        .and_then(|meeting| meeting.starts_at))
}
