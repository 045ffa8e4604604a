//! The one router for answers to ballots, whatever the ballot (date proposal, poll): a
//! reaction or a poll response finds the open ballot it answers, a redaction withdraws
//! exactly the answer it carried, and at start every open ballot is brought in line with what
//! the homeserver has, so that answers given while the bot was away count.

use std::collections::HashSet;

use super::error::ServiceError;
use super::incoming::given_at;
use super::{Chat, IncomingPollResponse, IncomingReaction, Service};
use crate::domain::EventId;
use chrono::{DateTime, Utc};

use crate::domain::ballot::{Answer, Ballot, BallotKind, Channel, may_answer};
use crate::storage::Transaction;

impl<C: Chat> Service<C> {
    /// Counts a reaction on an open ballot as an answer for the option it names. Other
    /// reactions, and reactions on closed ballots, change nothing.
    pub(super) async fn on_reaction(
        &self,
        reaction: &IncomingReaction,
        now: DateTime<Utc>,
    ) -> Result<(), ServiceError> {
        // Most reactions are no answers: those cost no query.
        if !may_answer(&reaction.key) {
            return Ok(());
        }
        let mut tx = self.store.begin_write().await?;
        let Some(ballot) = tx.open_ballot_presented_by(&reaction.target).await? else {
            return Ok(());
        };
        // A ✅ on a training session's announcement is a sign-up, kept by the session.
        if ballot.kind == BallotKind::Training {
            return self.training_reaction(tx, &ballot, reaction, now).await;
        }
        if record_reaction(&mut tx, &ballot, reaction, now).await? {
            tracing::info!(ballot = %ballot.id, voter = %reaction.sender, key = %reaction.key, "answer");
        }
        tx.commit().await?;
        Ok(())
    }

    /// A redaction withdraws the answer its event carried, if the ballot is still open.
    pub(super) async fn on_redaction(
        &self,
        redacted: &EventId,
        now: DateTime<Utc>,
    ) -> Result<(), ServiceError> {
        let mut tx = self.store.begin().await?;
        if tx.withdraw_answer(redacted).await? {
            tracing::info!(%redacted, "answer withdrawn");
        }
        tx.commit().await?;
        self.training_reaction_withdrawn(redacted, now).await
    }

    /// Brings the answers of every open ballot in line with the events the homeserver has in
    /// relation to its message, so that answers given or withdrawn while the bot could not
    /// follow (a long outage) count. An answer is removed only when its event is known to be
    /// gone: an event the bot cannot decrypt is unknown, not absent. Answers given by command
    /// are no relations and are left alone.
    pub async fn reconcile_ballots(&self, now: DateTime<Utc>) -> Result<(), ServiceError> {
        for ballot in self.store.open_ballots().await? {
            // A session's sign-ups are its own (the missed ✅ come back with the missed events).
            if ballot.kind == BallotKind::Training {
                continue;
            }
            let Some(presented) = &ballot.event_id else {
                continue;
            };
            let Some(relations) = self.chat.relations_of(&ballot.room, presented).await else {
                tracing::warn!(ballot = %ballot.id, "could not read the ballot's answers");
                continue;
            };
            let standing: HashSet<&EventId> = relations
                .reactions
                .iter()
                .map(|reaction| &reaction.event_id)
                .chain(
                    relations
                        .poll_responses
                        .iter()
                        .map(|response| &response.event_id),
                )
                .chain(&relations.undecryptable)
                .collect();
            let mut tx = self.store.begin_write().await?;
            let mut added = 0;
            for reaction in &relations.reactions {
                if record_reaction(&mut tx, &ballot, reaction, now).await? {
                    added += 1;
                }
            }
            for response in &relations.poll_responses {
                if record_poll_response(&mut tx, &ballot, response, now).await? {
                    added += 1;
                }
            }
            let mut removed = 0;
            for answer in tx.answers(ballot.id).await? {
                if answer.channel.is_relation()
                    && !standing.contains(&answer.event_id)
                    && tx.withdraw_answer(&answer.event_id).await?
                {
                    removed += 1;
                }
            }
            tx.commit().await?;
            if added + removed > 0 {
                tracing::info!(
                    ballot = %ballot.id,
                    added,
                    removed,
                    "answers reconciled with the homeserver"
                );
            }
        }
        Ok(())
    }
}

/// Records `reaction` as an answer if it names one of the ballot's options (or, on a date
/// proposal, is 🤷: "if need be"). `false` if it does not, or was recorded before.
async fn record_reaction(
    tx: &mut Transaction,
    ballot: &Ballot,
    reaction: &IncomingReaction,
    now: DateTime<Utc>,
) -> Result<bool, ServiceError> {
    let Some((option, if_need_be)) = ballot.read_reaction(&reaction.key) else {
        return Ok(false);
    };
    let answer = Answer {
        event_id: reaction.event_id.clone(),
        voter: reaction.sender.clone(),
        option,
        channel: Channel::Reaction,
        answered_at: given_at(reaction.sent_at, now),
        if_need_be,
    };
    Ok(tx.record_answer(ballot.id, &answer).await?)
}

/// Records a poll response as an answer. A response naming no option of the ballot still
/// counts as the person's latest answer (a spoiled one). `false` if recorded before.
pub(super) async fn record_poll_response(
    tx: &mut Transaction,
    ballot: &Ballot,
    response: &IncomingPollResponse,
    now: DateTime<Utc>,
) -> Result<bool, ServiceError> {
    let option = response
        .answers
        .first()
        .and_then(|id| id.parse::<usize>().ok())
        .filter(|number| (1..=ballot.option_count).contains(number));
    let answer = Answer {
        event_id: response.event_id.clone(),
        voter: response.sender.clone(),
        option,
        channel: Channel::PollResponse,
        answered_at: given_at(response.sent_at, now),
        if_need_be: false,
    };
    Ok(tx.record_answer(ballot.id, &answer).await?)
}
