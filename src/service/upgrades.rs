//! A room replaced by a new version of itself (`m.room.tombstone`, as Element's "upgrade
//! room" or a server admin sends it). When the bot arrives in the replacement, the group's
//! record follows in one transaction, once: the old room's open ballots are closed with a
//! note there (polls with their results), everything else moves, and the new room is told
//! once. Commands still sent in the old room are pointed to the new one.

use chrono::{DateTime, Utc};

use super::error::ServiceError;
use super::{Chat, IncomingMessage, Service};
use crate::domain::ballot::BallotKind;
use crate::domain::messages::NewMessage;
use crate::domain::upgrade::ClosedBallot;
use crate::domain::{Language, RoomId};
use crate::replies;
use crate::storage::{PollClosure, Transaction};

impl<C: Chat> Service<C> {
    /// The bot has just joined `new`, the replacement of `old` (the old room's tombstone
    /// names it, and its creation names the old room). Moves the record, once; a room that
    /// already has a record of its own is greeted as any new room, and nothing is merged.
    ///
    /// The homeserver closes the old room to members without power when it upgrades it: if
    /// the bot may still post there, the note and the polls' ends go there; otherwise the
    /// votes it closed are listed in the new room's announcement, with the polls' results.
    pub async fn on_joined_replacement(
        &self,
        old: &RoomId,
        new: &RoomId,
        now: DateTime<Utc>,
    ) -> Result<(), ServiceError> {
        let mut tx = self.store.begin_write().await?;
        if tx.replacement_of(old).await?.is_some() {
            return Ok(());
        }
        if tx.has_record(new).await? {
            tracing::warn!(%old, %new, "the replacement room has a record of its own; nothing moved");
            drop(tx);
            return self.on_joined(new, now).await;
        }
        let language = self.room_language(&mut tx, old).await?;
        let wording = self.wording(language);
        let old_room_open = self.chat.may_post(old).await;
        let (closed, ends, results) = self.close_ballots_of(&mut tx, old, language, now).await?;
        let Some(moved) = tx.move_record(old, new, now).await? else {
            return Ok(());
        };
        // The old room may never have been greeted (a record set up before welcomes).
        tx.mark_welcomed(new, now).await?;
        let mut announcement = replies::room_followed(&wording, old, &moved);
        // The polls' results come after the message that says why they closed.
        let mut messages = Vec::new();
        if old_room_open {
            let note = replies::room_replaced(&wording, new, &closed);
            messages.push(NewMessage::notice(old, None, note));
            messages.extend(ends);
            messages.extend(
                results
                    .into_iter()
                    .map(|r| NewMessage::notice(old, None, r)),
            );
            messages.push(NewMessage::notice(new, None, announcement));
        } else {
            announcement.push_str(&replies::votes_closed(&wording, &closed));
            messages.push(NewMessage::notice(new, None, announcement));
            messages.extend(
                results
                    .into_iter()
                    .map(|r| NewMessage::notice(new, None, r)),
            );
        }
        self.finish(tx, messages, now).await?;
        tracing::info!(%old, %new, ?moved, closed = closed.len(), old_room_open, "the record followed the room's upgrade");
        // Reminders and meetings now fall due in the new room.
        self.wakeups.clock.notify_one();
        Ok(())
    }

    /// Closes every open ballot of the old room: the date proposal is withdrawn, each poll
    /// ends (its end event, and its results), attendance by reaction stops (by command it
    /// goes on in the new room). Returns what was closed, the polls' end events and results.
    async fn close_ballots_of(
        &self,
        tx: &mut Transaction,
        room: &RoomId,
        language: Language,
        now: DateTime<Utc>,
    ) -> Result<(Vec<ClosedBallot>, Vec<NewMessage>, Vec<String>), ServiceError> {
        let own_id = self.chat.own_id();
        let (mut closed, mut ends, mut results) = (Vec::new(), Vec::new(), Vec::new());
        for ballot in tx.open_ballots_in(room).await? {
            match ballot.kind {
                BallotKind::MeetingDates => {
                    let voters = tx.voter_count(ballot.id).await?;
                    if let Some(proposal) = tx.open_proposal(room).await? {
                        tx.end_proposal(proposal.id, None, now).await?;
                    }
                    tx.close_ballot(ballot.id, now).await?;
                    closed.push(ClosedBallot::Dates { voters });
                }
                BallotKind::Poll => {
                    let Some(poll) = tx.poll_of_ballot(ballot.id).await? else {
                        tx.close_ballot(ballot.id, now).await?;
                        continue;
                    };
                    closed.push(ClosedBallot::Poll {
                        number: poll.number,
                        question: poll.question.clone(),
                    });
                    let closure = PollClosure {
                        closed_by: Some(&own_id),
                        closed_at: now,
                        late: false,
                        recorded: false,
                    };
                    let (end, summary) = self
                        .close_poll(tx, room, language, poll, closure, now)
                        .await?;
                    ends.push(end);
                    results.push(summary);
                }
                BallotKind::Attendance => {
                    tx.close_ballot(ballot.id, now).await?;
                    closed.push(ClosedBallot::Attendance);
                }
                // A session's sign-ups move with the record; a ✅ on the old room's
                // announcement no longer signs up (`!formation inscrire` does, here).
                BallotKind::Training => tx.close_ballot(ballot.id, now).await?,
            }
        }
        Ok((closed, ends, results))
    }

    /// For a command sent in a room the record left for `new`: the reply that says where the
    /// group went, in the new room's language — none when the bot may no longer post there.
    pub(super) async fn moved_away(
        &self,
        tx: &mut Transaction,
        message: &IncomingMessage,
        new: &RoomId,
    ) -> Result<Vec<NewMessage>, ServiceError> {
        if !self.chat.may_post(&message.room).await {
            tracing::info!(event_id = %message.event_id, room = %message.room, "a command in a replaced room the bot may not post in; not answered");
            return Ok(Vec::new());
        }
        let language = self.room_language(tx, new).await?;
        let reply = replies::room_moved_away(&self.wording(language), new);
        Ok(vec![NewMessage::notice(
            &message.room,
            Some(&message.event_id),
            reply,
        )])
    }
}
