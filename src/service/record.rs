//! The group's record: one handler per `!decision` and `!action` command.
//! Nothing is silently rewritten: an amendment is a new version, a revocation keeps the
//! decision with its reason.

use chrono::{DateTime, NaiveDate, Utc};

use super::error::ServiceError;
use super::reading::known_associations;
use super::reading::{day_bounds, poll_outcome};
use super::{Chat, Handled, Request, Service};
use crate::command::ActionCommand;
use crate::command::DecisionCommand;
use crate::domain::dates::{Towards, parse_day};
use crate::domain::limits::Cap;
use crate::domain::permissions::Act;
use crate::domain::poll::Poll;
use crate::domain::record::{
    ActionProblem, Decision, LATEST_DECISIONS, Owner, Unchangeable, search_query, sort_for_listing,
    split_action,
};
use crate::domain::{PollId, RoomId, UserId};
use crate::replies::{self};
use crate::storage::{NewAction, NewDecision, Transaction};

impl<C: Chat> Service<C> {
    /// `!action…`: each form to its handler below.
    pub(super) async fn action(
        &self,
        request: &mut Request<'_>,
        command: ActionCommand,
    ) -> Handled {
        match command {
            ActionCommand::Create { text } => self.action_create(request, &text).await,
            ActionCommand::Done { number } => self.action_done(request, number).await,
            ActionCommand::List => self.action_list(request).await,
        }
    }

    /// `!decision…`: each form to its handler below.
    pub(super) async fn decision(
        &self,
        request: &mut Request<'_>,
        command: DecisionCommand,
    ) -> Handled {
        match command {
            DecisionCommand::Record { text } => self.decision_record(request, &text).await,
            DecisionCommand::Show { number } => self.decision_show(request, number).await,
            DecisionCommand::Amend { number, text } => {
                self.decision_amend(request, number, &text).await
            }
            DecisionCommand::Revoke { number, reason } => {
                self.decision_revoke(request, number, &reason).await
            }
            DecisionCommand::List => self.decision_list(request).await,
            DecisionCommand::Search { words } => self.decision_search(request, &words).await,
        }
    }

    /// `!decision <text>`.
    pub(super) async fn decision_record(&self, request: &mut Request<'_>, text: &str) -> Handled {
        let room = request.room().clone();
        let sender = request.sender().clone();
        // "adopte la proposition n° 2 du groupe Non-recours": a working group's proposal.
        let (text, adopted) = match self.adoption(request, text).await? {
            None => (text.to_owned(), None),
            Some(Ok((group, number, text))) => (text, Some((group, number))),
            Some(Err(refusal)) => {
                return request.say(replies::group_refused(
                    &self.wording(request.language),
                    &refusal,
                    crate::command::Usage::DecisionRecord,
                ));
            }
        };
        let decision = self
            .record_decision(request.tx, &room, &sender, &text, None, request.at)
            .await?;
        if let Some((group, number)) = adopted {
            request
                .tx
                .adopt_proposal(group.id, number, decision.number)
                .await?;
            tracing::info!(%room, group = group.id, proposal = number, "a group's proposal adopted");
        }
        request.say(replies::decision_recorded(
            &self.wording(request.language),
            &decision,
        ))
    }

    /// Records a decision for the meeting of the day (else the latest one).
    pub(super) async fn record_decision(
        &self,
        tx: &mut Transaction,
        room: &RoomId,
        author: &UserId,
        text: &str,
        poll: Option<PollId>,
        at: DateTime<Utc>,
    ) -> Result<crate::domain::record::Decision, ServiceError> {
        let (day_start, day_end) = self.day_around(at);
        let meeting = tx.meeting_for_record(room, day_start, day_end, at).await?;
        let association = tx.association_members(room).await?.remove(author);
        Ok(tx
            .record_decision(
                room,
                NewDecision {
                    text,
                    author,
                    author_association: association.as_deref(),
                    meeting: meeting.map(|meeting| meeting.id),
                    poll,
                },
                at,
            )
            .await?)
    }

    /// Records a closed poll's outcome in the register, linked to the poll.
    pub(super) async fn record_poll_outcome(
        &self,
        tx: &mut Transaction,
        room: &RoomId,
        author: &UserId,
        poll: &Poll,
        at: DateTime<Utc>,
        language: crate::domain::Language,
    ) -> Result<crate::domain::record::Decision, ServiceError> {
        let outcome = poll_outcome(tx, room, poll, at, self.settings.time_zone).await?;
        let text = replies::poll_decision_text(&self.wording(language), poll, &outcome);
        self.record_decision(tx, room, author, &text, Some(poll.id), at)
            .await
    }

    /// `!decision <n>`: in full, with its links and history.
    pub(super) async fn decision_show(&self, request: &mut Request<'_>, number: usize) -> Handled {
        let wording = &self.wording(request.language);
        let room = request.room().clone();
        let Some(decision) = request.tx.decision(&room, number).await? else {
            return request.say(replies::decision_not_found(wording, number));
        };
        let versions = request.tx.decision_versions(&room, number).await?;
        let names = self.member_names(&room).await;
        request.say(replies::decision_detail(
            wording, &decision, &versions, &names,
        ))
    }

    /// `!decisions`: the latest ten.
    pub(super) async fn decision_list(&self, request: &mut Request<'_>) -> Handled {
        let room = request.room().clone();
        let decisions = request.tx.latest_decisions(&room, LATEST_DECISIONS).await?;
        let names = self.member_names(&room).await;
        request.say(replies::decision_list(
            &self.wording(request.language),
            &decisions,
            &names,
            None,
        ))
    }

    /// `!decisions <words>`: accent-blind full-text search.
    pub(super) async fn decision_search(&self, request: &mut Request<'_>, words: &str) -> Handled {
        let room = request.room().clone();
        let decisions = match search_query(words) {
            Some(query) => {
                request
                    .tx
                    .search_decisions(&room, &query, LATEST_DECISIONS)
                    .await?
            }
            None => Vec::new(),
        };
        let names = self.member_names(&room).await;
        request.say(replies::decision_list(
            &self.wording(request.language),
            &decisions,
            &names,
            Some(words),
        ))
    }

    /// `!decision amend <n> <text>`: its author or a moderator; the old text is kept.
    pub(super) async fn decision_amend(
        &self,
        request: &mut Request<'_>,
        number: usize,
        text: &str,
    ) -> Handled {
        let room = request.room().clone();
        let decision = match self.changeable_decision(request, number).await? {
            Ok(decision) => decision,
            Err(problem) => {
                return request.say(replies::unchangeable(
                    &self.wording(request.language),
                    &problem,
                ));
            }
        };
        let sender = request.sender().clone();
        request
            .tx
            .amend_decision(&room, decision.number, text, &sender, request.at)
            .await?;
        let amended = request
            .tx
            .decision(&room, number)
            .await?
            .unwrap_or(decision);
        request.say(replies::decision_amended(
            &self.wording(request.language),
            &amended,
        ))
    }

    /// `!decision revoke <n> <reason>`: its author or a moderator; it stays in the register.
    pub(super) async fn decision_revoke(
        &self,
        request: &mut Request<'_>,
        number: usize,
        reason: &str,
    ) -> Handled {
        let room = request.room().clone();
        if let Err(problem) = self.changeable_decision(request, number).await? {
            return request.say(replies::unchangeable(
                &self.wording(request.language),
                &problem,
            ));
        }
        let sender = request.sender().clone();
        request
            .tx
            .revoke_decision(&room, number, &sender, reason, request.at)
            .await?;
        request.say(replies::decision_revoked(
            &self.wording(request.language),
            number,
            reason,
        ))
    }

    /// The decision if it exists, is not revoked, and the sender may change it; else why not.
    async fn changeable_decision(
        &self,
        request: &mut Request<'_>,
        number: usize,
    ) -> Result<Result<Decision, Unchangeable>, ServiceError> {
        let room = request.room().clone();
        let Some(decision) = request.tx.decision(&room, number).await? else {
            return Ok(Err(Unchangeable::NotFound { number }));
        };
        if decision.revoked.is_some() {
            return Ok(Err(Unchangeable::AlreadyRevoked { number }));
        }
        let owner = Owner::Member(decision.author.clone());
        let act = Act::ChangeDecision { number };
        if self.refusal(request, act, Some(&owner)).await?.is_some() {
            let author = self.name_of(&room, &decision.author).await;
            return Ok(Err(Unchangeable::Refused { number, author }));
        }
        Ok(Ok(decision))
    }

    /// `!action <owner> <what> [avant le <date>]`.
    pub(super) async fn action_create(&self, request: &mut Request<'_>, text: &str) -> Handled {
        let wording = &self.wording(request.language);
        let room = request.room().clone();
        let known = known_associations(request.tx, &room).await?;
        let parts = match split_action(text, &known) {
            Ok(parts) => parts,
            Err(ActionProblem::UnknownOwner { given }) => {
                return request.say(replies::action_unknown_owner(wording, &given, &known));
            }
            Err(ActionProblem::MissingWhat) => {
                return request.say(replies::action_missing_what(wording));
            }
            Err(ActionProblem::TooLong { length }) => {
                return request.say(replies::action_too_long(wording, length));
            }
        };
        if !Cap::OpenActions.allows_one_more(request.tx.open_actions(&room).await?.len()) {
            return request.say(replies::cap_reached(wording, Cap::OpenActions));
        }
        let today = self.local_day(request.at);
        let due_on = match &parts.due {
            Some(typed) => match parse_day(typed, today, Towards::Future) {
                Ok(day) if day >= today => Some(day),
                _ => return request.say(replies::action_bad_due_date(wording, typed)),
            },
            None => None,
        };
        let (day_start, day_end) = self.day_around(request.at);
        let meeting = request
            .tx
            .meeting_for_record(&room, day_start, day_end, request.at)
            .await?;
        // Its reminders (two days before, on the day) are the clock's.
        request.reschedules = due_on.is_some();
        let sender = request.sender().clone();
        let action = request
            .tx
            .create_action(
                &room,
                NewAction {
                    owner: &parts.owner,
                    text: &parts.what,
                    due_on,
                    author: &sender,
                    meeting: meeting.map(|meeting| meeting.id),
                },
                request.at,
            )
            .await?;
        let names = self.member_names(&room).await;
        request.say(replies::action_recorded(wording, &action, today, &names))
    }

    /// `!actions`: the open ones, late ones first.
    pub(super) async fn action_list(&self, request: &mut Request<'_>) -> Handled {
        let room = request.room().clone();
        let mut actions = request.tx.open_actions(&room).await?;
        let today = self.local_day(request.at);
        sort_for_listing(&mut actions, today);
        let names = self.member_names(&room).await;
        request.say(replies::action_list(
            &self.wording(request.language),
            &actions,
            today,
            &names,
        ))
    }

    /// `!action done <n>`: its owner, a member of the owning association, or a moderator.
    pub(super) async fn action_done(&self, request: &mut Request<'_>, number: usize) -> Handled {
        let wording = &self.wording(request.language);
        let room = request.room().clone();
        let Some(action) = request.tx.action(&room, number).await? else {
            return request.say(replies::action_not_found(wording, number));
        };
        let names = self.member_names(&room).await;
        if action.done_at.is_some() {
            return request.say(replies::action_already_done(wording, number));
        }
        let sender = request.sender().clone();
        let act = Act::MarkActionDone { number };
        if let Some(refusal) = self.refusal(request, act, Some(&action.owner)).await? {
            let owner = replies::owner_name(&action.owner, &names);
            return request.say(replies::refused(wording, &refusal, &owner));
        }
        request
            .tx
            .complete_action(&room, number, &sender, request.at)
            .await?;
        request.say(replies::action_done(wording, &action, &names))
    }

    /// The local day `at` falls on, in the room's time zone.
    fn local_day(&self, at: DateTime<Utc>) -> NaiveDate {
        at.with_timezone(&self.settings.time_zone).date_naive()
    }

    /// The start and end (next local midnight) of the local day `at` falls on.
    fn day_around(&self, at: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
        self.day_bounds(self.local_day(at))
    }

    fn day_bounds(&self, day: NaiveDate) -> (DateTime<Utc>, DateTime<Utc>) {
        day_bounds(day, self.settings.time_zone)
    }
}
