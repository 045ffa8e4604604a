//! Polls on joint positions: one handler per `!poll` command and `!vote`, poll responses, and
//! the closing of a poll (by its author, a moderator, or its deadline through the clock).
//! A poll is a ballot: answers go through the same router, storage and reconciliation as
//! date votes (`ballots.rs`).

use chrono::{DateTime, Utc};

use super::email::PeopleEmail;
use super::error::ServiceError;
use super::reading::poll_outcome;
use super::{Chat, Handled, IncomingMessage, IncomingPollResponse, Request, Service};
use crate::command::PollCommand;
use crate::domain::ballot::{BallotKind, count};
use crate::domain::dates::parse_meeting_date;
use crate::domain::earliest;
use crate::domain::messages::{Content, NewMessage, Presents};
use crate::domain::permissions::Act;
use crate::domain::poll::WhichPoll;
use crate::domain::poll::{CONSENT_OPTIONS, MAX_REASON_LENGTH, Poll};
use crate::domain::record::Owner;
use crate::domain::{EventId, Language, RoomId};
use crate::replies;
use crate::storage::{NewPoll, PollClosure, Transaction};

/// What kind of poll `!poll` starts.
#[derive(Debug, Clone, Copy)]
pub(super) struct NewPollKind {
    hidden: bool,
    consent: bool,
}

impl<C: Chat> Service<C> {
    /// `!poll…`: each form to its handler below.
    pub(super) async fn poll(&self, request: &mut Request<'_>, command: PollCommand) -> Handled {
        match command {
            PollCommand::Create {
                question,
                options,
                deadline,
                hidden,
                consent,
            } => {
                let kind = NewPollKind { hidden, consent };
                self.poll_create(request, question, options, deadline, kind)
                    .await
            }
            PollCommand::Results { number } => self.poll_results(request, number).await,
            PollCommand::List => self.poll_list(request).await,
            PollCommand::Close { number, record } => self.poll_close(request, number, record).await,
        }
    }

    /// `!poll [until <date>:] <question> [| <option> | …]`: posts a native poll.
    pub(super) async fn poll_create(
        &self,
        request: &mut Request<'_>,
        question: String,
        options: Vec<String>,
        deadline: Option<String>,
        NewPollKind { hidden, consent }: NewPollKind,
    ) -> Handled {
        let wording = &self.wording(request.language);
        let time_zone = self.settings.time_zone;
        let room = request.room().clone();
        let closes_at = match &deadline {
            Some(typed) => match parse_meeting_date(typed, request.at, time_zone) {
                Ok(at) => Some(at),
                Err(problem) => {
                    return request.say(replies::poll_deadline_error(wording, typed, &problem));
                }
            },
            None => None,
        };
        let options = if consent {
            replies::poll_consent_options(wording)
        } else if options.is_empty() {
            replies::poll_default_options(wording)
        } else {
            options
        };
        let ballot = request
            .tx
            .open_ballot(&room, BallotKind::Poll, options.len(), request.at)
            .await?;
        let message = request.message;
        let poll = request
            .tx
            .create_poll(
                &room,
                NewPoll {
                    ballot: ballot.id,
                    author: &message.sender,
                    command_event: &message.event_id,
                    question: &question,
                    options: &options,
                    closes_at,
                    hidden,
                    consent,
                },
                request.at,
            )
            .await?;
        if closes_at.is_some() {
            request.reschedules = true;
        }
        let email = PeopleEmail::Poll(&poll);
        self.queue_people_email(request.tx, &room, request.language, email, request.at)
            .await?;
        // The fallback is plain text (clients without polls show it as it is).
        let author = self.plain_name_of(&room, &message.sender).await;
        let fallback = replies::poll_fallback(wording, &poll, &author);
        Ok(vec![NewMessage {
            room,
            in_reply_to: None,
            content: Content::Poll {
                question: replies::poll_question(wording, &poll),
                options,
                fallback,
                hidden,
            },
            presents: Some(Presents::Ballot(ballot.id)),
            thread: None,
        }])
    }

    /// `!poll results [n]`.
    pub(super) async fn poll_results(
        &self,
        request: &mut Request<'_>,
        number: Option<usize>,
    ) -> Handled {
        let which = WhichPoll::numbered_or_latest(number, false);
        let Some(poll) = self.find_poll(request, which).await? else {
            return request.say(replies::poll_missing(
                &self.wording(request.language),
                which,
            ));
        };
        let room = request.room().clone();
        let outcome = poll_outcome(
            request.tx,
            &room,
            &poll,
            request.now,
            self.settings.time_zone,
        )
        .await?;
        let wording = self.wording(request.language);
        let names = self.voter_names(request.tx, &room, &wording).await?;
        let unreadable = request.tx.unreadable_answers(poll.ballot).await?;
        if poll.hidden && poll.closed_at.is_none() {
            // Until the close, who has answered, nothing of what.
            return request.say(replies::poll_results_hidden(&wording, &poll, &outcome));
        }
        let results = replies::poll_results(&wording, &poll, &outcome, &names, false);
        let closed = poll.closed_at.is_some();
        request.say(replies::with_unreadable_answers(
            &wording, results, unreadable, closed,
        ))
    }

    /// `!polls`: the open polls.
    pub(super) async fn poll_list(&self, request: &mut Request<'_>) -> Handled {
        let room = request.room().clone();
        let polls = request.tx.open_polls(&room).await?;
        let mut listed = Vec::with_capacity(polls.len());
        for poll in polls {
            let answers = request.tx.answers(poll.ballot).await?;
            let counted = count(
                &answers,
                BallotKind::Poll.counting(),
                poll.counts_until(request.now),
            );
            listed.push((poll, counted.len()));
        }
        request.say(replies::poll_list(&self.wording(request.language), &listed))
    }

    /// `!poll close [n] [record]`: its author or a moderator.
    pub(super) async fn poll_close(
        &self,
        request: &mut Request<'_>,
        number: Option<usize>,
        record: bool,
    ) -> Handled {
        let language = request.language;
        let wording = &self.wording(language);
        let which = WhichPoll::numbered_or_latest(number, true);
        let Some(poll) = self.find_poll(request, which).await? else {
            return request.say(replies::poll_missing(
                &self.wording(request.language),
                which,
            ));
        };
        if poll.closed_at.is_some() {
            return request.say(replies::poll_already_closed(wording, &poll));
        }
        let room = request.room().clone();
        let owner = Owner::Member(poll.author.clone());
        let act = Act::ClosePoll {
            number: poll.number,
        };
        if let Some(refusal) = self.refusal(request, act, Some(&owner)).await? {
            let author = self.name_of(&room, &poll.author).await;
            return request.say(replies::refused(wording, &refusal, &author));
        }
        let closure = PollClosure {
            closed_by: Some(&request.message.sender),
            closed_at: request.at,
            late: false,
            recorded: record,
        };
        let closed_poll = Poll {
            closed_at: Some(request.at),
            ..poll.clone()
        };
        let (end, mut summary) = self
            .close_poll(
                request.tx,
                &room,
                request.language,
                poll,
                closure,
                request.at,
            )
            .await?;
        if record {
            let sender = request.sender().clone();
            let decision = self
                .record_poll_outcome(
                    request.tx,
                    &room,
                    &sender,
                    &closed_poll,
                    request.at,
                    language,
                )
                .await?;
            summary.push_str("\n\n");
            summary.push_str(&replies::decision_recorded(wording, &decision));
        }
        Ok(vec![end, request.reply(summary)])
    }

    /// `!vote [n] <option>`: an answer for clients without polls.
    pub(super) async fn vote(
        &self,
        request: &mut Request<'_>,
        number: Option<usize>,
        choice: &str,
    ) -> Handled {
        let wording = &self.wording(request.language);
        let which = WhichPoll::numbered_or_latest(number, true);
        let Some(poll) = self.find_poll(request, which).await? else {
            return request.say(replies::poll_missing(
                &self.wording(request.language),
                which,
            ));
        };
        if poll.closed_at.is_some() || poll.closes_at.is_some_and(|end| end <= request.at) {
            return request.say(replies::poll_closed_no_answer(wording, &poll));
        }
        let Some((option, reason)) = poll.read_answer(choice) else {
            return request.say(replies::poll_no_such_option(wording, &poll, choice));
        };
        if let Some(reason) = reason
            && reason.chars().count() > MAX_REASON_LENGTH
        {
            return request.say(replies::poll_reason_too_long(wording, &poll));
        }
        let answer = request.command_answer(option, false);
        request.tx.record_answer(poll.ballot, &answer).await?;
        let voter = self.name_of(request.room(), request.sender()).await;
        let mut said = replies::poll_answer_recorded(wording, &poll, option, &voter);
        if poll.consent && option != CONSENT_OPTIONS.agree {
            let sender = request.sender().clone();
            request
                .tx
                .set_answer_reason(poll.ballot, &sender, option, reason, request.at)
                .await?;
            said.push_str("\n\n");
            said.push_str(&match reason {
                Some(_) => replies::poll_reason_noted(wording),
                None => replies::poll_reason_asked(wording, &poll, option),
            });
        }
        request.say(said)
    }

    /// A poll response from a client that shows polls: the ballot's router records it.
    pub(super) async fn on_poll_response(
        &self,
        response: &IncomingPollResponse,
        now: DateTime<Utc>,
    ) -> Result<(), ServiceError> {
        let given_at = super::incoming::given_at(response.sent_at, now);
        let mut tx = self.store.begin_write().await?;
        let Some(ballot) = tx.open_ballot_presented_by(&response.poll).await? else {
            return Ok(());
        };
        if !super::ballots::record_poll_response(&mut tx, &ballot, response, now).await? {
            tx.commit().await?;
            return Ok(());
        }
        tracing::info!(ballot = %ballot.id, voter = %response.sender, "poll answer");
        // A concern or an objection to a consent poll: its reason is asked in the poll's
        // thread, and the member's next message there is taken as it.
        let option = response
            .answers
            .first()
            .and_then(|id| id.parse::<usize>().ok());
        let poll = tx.poll_of_ballot(ballot.id).await?;
        let Some((poll, option)) = poll
            .zip(option)
            .filter(|(poll, option)| poll.consent && *option != CONSENT_OPTIONS.agree)
        else {
            tx.commit().await?;
            return Ok(());
        };
        tx.set_answer_reason(ballot.id, &response.sender, option, None, given_at)
            .await?;
        let language = self.room_language(&mut tx, &response.room).await?;
        let wording = self.wording(language);
        let name = self.plain_name_of(&response.room, &response.sender).await;
        let ask = NewMessage {
            room: response.room.clone(),
            in_reply_to: None,
            content: Content::Text {
                markdown: replies::poll_reason_asked_in_thread(
                    &wording,
                    &poll,
                    option,
                    &response.sender,
                    &name,
                ),
                mentions: vec![response.sender.clone()],
            },
            presents: None,
            thread: Some(response.poll.clone()),
        };
        self.finish(tx, [ask], now).await
    }

    /// A message in a poll's thread from a member whose reason the bot awaits there: noted
    /// (once, as a command is), and said so in the thread. Anything else is left alone.
    pub(super) async fn reason_in_thread(
        &self,
        message: &IncomingMessage,
        root: &EventId,
        now: DateTime<Utc>,
    ) -> Result<(), ServiceError> {
        // Most messages in a thread are no awaited reason: a read alone. Else the write lock,
        // and read again (a deferred transaction that read first could not write after
        // another connection's commit).
        let mut tx = self.store.begin().await?;
        let Some(ballot) = tx.open_ballot_presented_by(root).await? else {
            return Ok(());
        };
        if tx
            .awaited_reason(ballot.id, &message.sender)
            .await?
            .is_none()
        {
            return Ok(());
        }
        drop(tx);
        let mut tx = self.store.begin_write().await?;
        let Some(option) = tx.awaited_reason(ballot.id, &message.sender).await? else {
            return Ok(());
        };
        if !tx
            .claim_event(&message.event_id, &message.room, now)
            .await?
        {
            return Ok(());
        }
        let language = self.room_language(&mut tx, &message.room).await?;
        let wording = self.wording(language);
        let reason = message.body.trim();
        let said = match tx.poll_of_ballot(ballot.id).await? {
            Some(poll) if reason.chars().count() > MAX_REASON_LENGTH => {
                replies::poll_reason_too_long(&wording, &poll)
            }
            _ => {
                let reason = crate::domain::text::clean_member_text(reason);
                tx.set_answer_reason(ballot.id, &message.sender, option, Some(&reason), now)
                    .await?;
                replies::poll_reason_noted(&wording)
            }
        };
        let reply = NewMessage {
            thread: Some(root.clone()),
            ..NewMessage::notice(&message.room, Some(&message.event_id), said)
        };
        self.finish(tx, [reply], now).await
    }

    /// Closes the polls whose deadline has passed (late when the bot was down then), each in
    /// its own transaction; returns the next deadline to come.
    pub(super) async fn close_polls_due(
        &self,
        now: DateTime<Utc>,
    ) -> Result<Option<DateTime<Utc>>, ServiceError> {
        let mut next_due: Option<DateTime<Utc>> = None;
        for (room, poll) in self.store.open_polls_with_deadline().await? {
            let Some(deadline) = poll.closes_at else {
                continue;
            };
            if deadline > now {
                next_due = earliest(next_due, deadline);
                continue;
            }
            let key = format!("close:{}", poll.id);
            self.due_item(&key, &room, now, async {
                let mut tx = self.store.begin_write().await?;
                // Another pass closed it already: nothing to do.
                if tx.ballot(poll.ballot).await?.closed_at.is_some() {
                    return Ok(());
                }
                let language = self.room_language(&mut tx, &room).await?;
                // Late: the deadline passed while the bot was down, or it is over a minute behind.
                let late =
                    deadline < self.started_at || now - deadline > chrono::Duration::minutes(1);
                let closure = PollClosure {
                    closed_by: None,
                    closed_at: deadline,
                    late,
                    recorded: false,
                };
                let number = poll.number;
                let (end, summary) = self
                    .close_poll(&mut tx, &room, language, poll, closure, now)
                    .await?;
                let summary = NewMessage::notice(&room, None, summary);
                self.finish(tx, [end, summary], now).await?;
                tracing::info!(%room, poll = number, late, "poll closed at its deadline");
                Ok(())
            })
            .await?;
        }
        Ok(next_due)
    }

    /// Ends a poll: closes its ballot at the closing time, records how it ended, and returns
    /// the poll's end event and the summary for the room.
    pub(super) async fn close_poll(
        &self,
        tx: &mut Transaction,
        room: &RoomId,
        language: Language,
        mut poll: Poll,
        closure: PollClosure<'_>,
        now: DateTime<Utc>,
    ) -> Result<(NewMessage, String), ServiceError> {
        tx.close_ballot(poll.ballot, closure.closed_at).await?;
        tx.record_poll_closure(poll.id, closure).await?;
        poll.closed_at = Some(closure.closed_at);
        let outcome =
            poll_outcome(tx, room, &poll, closure.closed_at, self.settings.time_zone).await?;
        let email = PeopleEmail::PollResult(&poll, &outcome);
        self.queue_people_email(tx, room, language, email, now)
            .await?;
        let wording = self.wording(language);
        let names = self.voter_names(tx, room, &wording).await?;
        let unreadable = tx.unreadable_answers(poll.ballot).await?;
        let results = replies::poll_results(&wording, &poll, &outcome, &names, closure.late);
        let summary = replies::with_unreadable_answers(&wording, results, unreadable, true);
        let end = NewMessage {
            room: room.clone(),
            in_reply_to: None,
            content: Content::PollEnd {
                text: replies::poll_end_text(&self.wording(language), &poll, &outcome),
            },
            presents: Some(Presents::OnBallot(poll.ballot)),
            thread: None,
        };
        Ok((end, summary))
    }

    /// The poll a command means, if there is one.
    async fn find_poll(
        &self,
        request: &mut Request<'_>,
        which: WhichPoll,
    ) -> Result<Option<Poll>, ServiceError> {
        let room = request.room().clone();
        Ok(match which {
            WhichPoll::Number(number) => request.tx.poll(&room, number).await?,
            WhichPoll::Latest { open_only } => request.tx.latest_poll(&room, open_only).await?,
        })
    }
}
