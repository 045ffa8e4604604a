//! Meetings: proposing dates, counting the reaction votes, closing (date, host, invitation),
//! cancelling, host and place; and the room's associations.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::{
    Chat, IncomingMessage, IncomingReaction, MODERATOR_LEVEL, Service, ServiceError, reply_to,
};
use crate::calendar::{self, InvitationTexts};
use crate::command::{AssociationCommand, MeetingCommand};
use crate::domain::dates::parse_meeting_date;
use crate::domain::meeting::{format_date_time, next_host};
use crate::domain::votes::{
    Choice, OptionResult, Proposal, best, option_of_reaction, same_association, tally,
};
use crate::domain::{EventId, Language, Meeting, RoomId, UserId};
use crate::i18n::escape_markdown;
use crate::replies;
use crate::storage::{Content, NewMessage, Transaction};

const CALENDAR_MIME: &str = "text/calendar";

impl<C: Chat> Service<C> {
    pub(super) async fn run_meeting(
        &self,
        tx: &mut Transaction,
        message: &IncomingMessage,
        language: Language,
        command: MeetingCommand,
        now: DateTime<Utc>,
    ) -> Result<Vec<NewMessage>, ServiceError> {
        let texts = &self.texts;
        let time_zone = self.settings.time_zone;
        let room = &message.room;
        let say = |markdown: String| Ok(vec![reply_to(message, markdown)]);
        match command {
            MeetingCommand::Show => {
                let meeting = self.next_meeting(tx, room, now).await?;
                let items = tx.agenda(meeting.id).await?.items().len();
                let proposal_open = tx.open_proposal(room).await?.is_some();
                say(replies::meeting_overview(
                    texts,
                    language,
                    time_zone,
                    &meeting,
                    items,
                    proposal_open,
                ))
            }
            MeetingCommand::Propose { options } => {
                if tx.open_proposal(room).await?.is_some() {
                    return say(texts.get(language, "meeting-proposal-open"));
                }
                let mut dates: Vec<DateTime<Utc>> = Vec::with_capacity(options.len());
                for (index, option) in options.iter().enumerate() {
                    let date = match parse_meeting_date(option, message.sent_at, time_zone) {
                        Ok(date) => date,
                        Err(problem) => {
                            return say(replies::date_error(
                                texts,
                                language,
                                index + 1,
                                option,
                                &problem,
                            ));
                        }
                    };
                    if let Some(first) = dates.iter().position(|earlier| *earlier == date) {
                        return say(texts.format(
                            language,
                            "error-date-duplicate",
                            &[
                                ("first", (first + 1).into()),
                                ("second", (index + 1).into()),
                            ],
                        ));
                    }
                    dates.push(date);
                }
                let proposal = tx
                    .create_proposal(room, &message.sender, &message.event_id, &dates, now)
                    .await?;
                let proposer = self.name_of(room, &message.sender).await;
                let mut presentation = reply_to(
                    message,
                    replies::proposal(texts, language, time_zone, &proposer, &proposal),
                );
                presentation.presents_proposal = Some(proposal.id);
                Ok(vec![presentation])
            }
            MeetingCommand::Votes => {
                let Some(proposal) = tx.open_proposal(room).await? else {
                    return say(texts.get(language, "meeting-no-proposal"));
                };
                let ranked = self.ranked(tx, room, &proposal).await?;
                let names = self.member_names(room).await;
                say(replies::votes(texts, language, time_zone, &ranked, &names))
            }
            MeetingCommand::Close { option } => {
                let Some(proposal) = tx.open_proposal(room).await? else {
                    return say(texts.get(language, "meeting-no-proposal"));
                };
                if !self
                    .may_act_for(room, &message.sender, &proposal.proposer)
                    .await
                {
                    let proposer = self.name_of(room, &proposal.proposer).await;
                    return say(texts.format(
                        language,
                        "meeting-close-refused",
                        &[("proposer", proposer.into())],
                    ));
                }
                let ranked = self.ranked(tx, room, &proposal).await?;
                let chosen = match option {
                    Some(number) if (1..=proposal.options.len()).contains(&number) => number,
                    Some(number) => {
                        return say(texts.format(
                            language,
                            "meeting-close-no-such-option",
                            &[
                                ("number", number.into()),
                                ("count", proposal.options.len().into()),
                            ],
                        ));
                    }
                    None => match best(&ranked) {
                        Choice::Clear(number) => number,
                        Choice::Tie(tied) => {
                            let listed: Vec<String> = tied
                                .iter()
                                .filter_map(|number| {
                                    proposal.options.get(number - 1).map(|date| {
                                        format!(
                                            "{number}️⃣ {}",
                                            format_date_time(*date, time_zone, language)
                                        )
                                    })
                                })
                                .collect();
                            return say(texts.format(
                                language,
                                "meeting-close-tie",
                                &[
                                    ("options", listed.join(" ; ").into()),
                                    ("first", tied.first().copied().unwrap_or(1).into()),
                                ],
                            ));
                        }
                    },
                };
                self.schedule(tx, message, language, &proposal, chosen, now)
                    .await
            }
            MeetingCommand::Cancel => self.cancel(tx, message, language, now).await,
            MeetingCommand::Host { association } => {
                let known = self.known_associations(tx, room).await?;
                let Some(host) = canonical(&known, &association) else {
                    let first = known.first().cloned().unwrap_or_default();
                    return say(texts.format(
                        language,
                        "meeting-host-unknown-association",
                        &[
                            ("given", escape_markdown(&association).into()),
                            ("known", escape_markdown(&known.join(", ")).into()),
                            ("first", escape_markdown(&first).into()),
                        ],
                    ));
                };
                let meeting = self.next_meeting(tx, room, now).await?;
                tx.set_meeting_host(meeting.id, &host).await?;
                let markdown = texts.format(
                    language,
                    "meeting-host-set",
                    &[("host", escape_markdown(&host).into())],
                );
                self.with_updated_invitation(tx, message, language, meeting.id, markdown, now)
                    .await
            }
            MeetingCommand::HostOrder { associations } => {
                let known = self.known_associations(tx, room).await?;
                let order: Vec<String> = associations
                    .iter()
                    .map(|name| canonical(&known, name).unwrap_or_else(|| name.clone()))
                    .collect();
                tx.set_host_order(room, &order).await?;
                say(texts.format(
                    language,
                    "meeting-host-order-set",
                    &[("order", escape_markdown(&order.join(", ")).into())],
                ))
            }
            MeetingCommand::Place { place } => {
                let meeting = self.next_meeting(tx, room, now).await?;
                tx.set_meeting_place(meeting.id, &place).await?;
                let markdown = texts.format(
                    language,
                    "meeting-place-set",
                    &[("place", escape_markdown(&place).into())],
                );
                self.with_updated_invitation(tx, message, language, meeting.id, markdown, now)
                    .await
            }
        }
    }

    /// Sets the date of the next meeting from option `chosen`, picks the host whose turn it is,
    /// and sends the announcement and the `.ics` invitation.
    async fn schedule(
        &self,
        tx: &mut Transaction,
        message: &IncomingMessage,
        language: Language,
        proposal: &Proposal,
        chosen: usize,
        now: DateTime<Utc>,
    ) -> Result<Vec<NewMessage>, ServiceError> {
        let room = &message.room;
        let Some(starts_at) = proposal.options.get(chosen - 1).copied() else {
            return Ok(Vec::new());
        };
        // The agenda collected for "the next meeting" stays with it.
        let planned = tx.planned_meetings(room).await?;
        let meeting_id = match planned.iter().find(|meeting| meeting.starts_at.is_none()) {
            Some(unscheduled) => unscheduled.id,
            None => tx.create_unscheduled_meeting(room, now).await?.id,
        };
        tx.schedule_meeting(meeting_id, starts_at).await?;
        tx.link_meeting_to_proposal(meeting_id, proposal.id).await?;
        let mut meeting = tx.meeting(meeting_id).await?;
        if meeting.host.is_none() {
            let order = tx.host_order(room).await?;
            let last = tx.last_host(room, meeting_id).await?;
            if let Some(host) = next_host(&order, last.as_deref()) {
                tx.set_meeting_host(meeting_id, &host).await?;
                meeting.host = Some(host);
            }
        }
        tx.end_proposal(proposal.id, Some(chosen), now).await?;

        let texts = &self.texts;
        let time_zone = self.settings.time_zone;
        let mut messages = vec![reply_to(
            message,
            replies::scheduled(texts, language, time_zone, &meeting),
        )];
        messages.extend(self.invitation(tx, room, language, &meeting, now).await?);
        Ok(messages)
    }

    /// The `.ics` invitation of a dated meeting, as a file message; sent again (same UID, so
    /// calendars update the event) when its place or host changes.
    async fn invitation(
        &self,
        tx: &mut Transaction,
        room: &RoomId,
        language: Language,
        meeting: &Meeting,
        now: DateTime<Utc>,
    ) -> Result<Option<NewMessage>, ServiceError> {
        if meeting.starts_at.is_none() {
            return Ok(None);
        }
        let texts = &self.texts;
        let agenda = tx.agenda(meeting.id).await?;
        let summary = texts.get(language, "meeting-summary");
        let agenda_heading = texts.get(language, "meeting-calendar-agenda");
        let invitation_texts = InvitationTexts {
            summary: &summary,
            agenda_heading: &agenda_heading,
        };
        Ok(
            calendar::invitation(room, meeting, &agenda, &invitation_texts, now).map(|ics| {
                NewMessage {
                    room: room.clone(),
                    in_reply_to: None,
                    content: Content::File {
                        name: texts.get(language, "meeting-calendar-file"),
                        mime: CALENDAR_MIME.to_owned(),
                        body: ics,
                    },
                    presents_proposal: None,
                }
            }),
        )
    }

    /// The reply to a change of a meeting's details, with the updated invitation when the
    /// meeting already has a date.
    async fn with_updated_invitation(
        &self,
        tx: &mut Transaction,
        message: &IncomingMessage,
        language: Language,
        meeting_id: i64,
        mut markdown: String,
        now: DateTime<Utc>,
    ) -> Result<Vec<NewMessage>, ServiceError> {
        let meeting = tx.meeting(meeting_id).await?;
        let invitation = self
            .invitation(tx, &message.room, language, &meeting, now)
            .await?;
        if invitation.is_some() {
            markdown.push(' ');
            markdown.push_str(&self.texts.get(language, "meeting-invitation-updated"));
        }
        let mut messages = vec![reply_to(message, markdown)];
        messages.extend(invitation);
        Ok(messages)
    }

    /// Cancels the next scheduled meeting, or else the open proposal.
    async fn cancel(
        &self,
        tx: &mut Transaction,
        message: &IncomingMessage,
        language: Language,
        now: DateTime<Utc>,
    ) -> Result<Vec<NewMessage>, ServiceError> {
        let texts = &self.texts;
        let time_zone = self.settings.time_zone;
        let room = &message.room;
        let planned = tx.planned_meetings(room).await?;
        let scheduled = planned
            .iter()
            .filter(|meeting| meeting.starts_at.is_some() && !meeting.is_over(now, time_zone))
            .min_by_key(|meeting| meeting.starts_at);
        if let Some(meeting) = scheduled {
            let proposer = tx.meeting_proposer(meeting.id).await?;
            let allowed = match &proposer {
                Some(proposer) => self.may_act_for(room, &message.sender, proposer).await,
                None => self.is_moderator(room, &message.sender).await,
            };
            if !allowed {
                let name = match &proposer {
                    Some(proposer) => self.name_of(room, proposer).await,
                    None => String::from("—"),
                };
                return Ok(vec![reply_to(
                    message,
                    texts.format(
                        language,
                        "meeting-cancel-refused",
                        &[("proposer", name.into())],
                    ),
                )]);
            }
            let unscheduled = match planned.iter().find(|m| m.starts_at.is_none()) {
                Some(unscheduled) => unscheduled.id,
                None => tx.create_unscheduled_meeting(room, now).await?.id,
            };
            tx.cancel_meeting(meeting.id, unscheduled, now).await?;
            let date = meeting
                .starts_at
                .map(|at| format_date_time(at, time_zone, language))
                .unwrap_or_default();
            return Ok(vec![reply_to(
                message,
                texts.format(language, "meeting-cancelled", &[("date", date.into())]),
            )]);
        }
        if let Some(proposal) = tx.open_proposal(room).await? {
            if !self
                .may_act_for(room, &message.sender, &proposal.proposer)
                .await
            {
                let name = self.name_of(room, &proposal.proposer).await;
                return Ok(vec![reply_to(
                    message,
                    texts.format(
                        language,
                        "meeting-proposal-cancel-refused",
                        &[("proposer", name.into())],
                    ),
                )]);
            }
            tx.end_proposal(proposal.id, None, now).await?;
            return Ok(vec![reply_to(
                message,
                texts.get(language, "meeting-proposal-cancelled"),
            )]);
        }
        Ok(vec![reply_to(
            message,
            texts.get(language, "meeting-nothing-to-cancel"),
        )])
    }

    pub(super) async fn run_association(
        &self,
        tx: &mut Transaction,
        message: &IncomingMessage,
        language: Language,
        command: AssociationCommand,
    ) -> Result<String, ServiceError> {
        let texts = &self.texts;
        let room = &message.room;
        match command {
            AssociationCommand::List => {
                let known = self.known_associations(tx, room).await?;
                let membership = tx.association_members(room).await?;
                let members = self.chat.members(room).await;
                Ok(replies::association_list(
                    texts,
                    language,
                    &known,
                    &membership,
                    &members,
                ))
            }
            AssociationCommand::Set { user, association } => {
                if !self.is_moderator(room, &message.sender).await {
                    return Ok(texts.get(language, "association-set-refused"));
                }
                let user = UserId::new(user);
                let name = self.name_of(room, &user).await;
                match association {
                    Some(association) => {
                        let known = self.known_associations(tx, room).await?;
                        let association = canonical(&known, &association).unwrap_or(association);
                        tx.set_association(room, &user, Some(&association)).await?;
                        Ok(texts.format(
                            language,
                            "association-set",
                            &[
                                ("user", name.into()),
                                ("association", escape_markdown(&association).into()),
                            ],
                        ))
                    }
                    None => {
                        tx.set_association(room, &user, None).await?;
                        Ok(texts.format(language, "association-unset", &[("user", name.into())]))
                    }
                }
            }
        }
    }

    /// Counts a reaction on an open proposal as a vote for the option it names. Other
    /// reactions, and reactions after the proposal was closed, change nothing.
    pub async fn on_reaction(
        &self,
        reaction: &IncomingReaction,
        now: DateTime<Utc>,
    ) -> Result<(), ServiceError> {
        // Most reactions are no votes: those cost no query.
        if option_of_reaction(&reaction.key).is_none() {
            return Ok(());
        }
        let mut tx = self.store.begin().await?;
        let Some(proposal) = tx.open_proposal_presented_by(&reaction.target).await? else {
            return Ok(());
        };
        if count_vote(&mut tx, &proposal, reaction, now).await? {
            tracing::info!(proposal = proposal.id, voter = %reaction.sender, key = %reaction.key, "vote");
        }
        tx.commit().await?;
        Ok(())
    }

    /// Brings the votes of every open proposal in line with the reactions the homeserver has,
    /// so that votes cast or withdrawn while the bot could not follow (a long outage) count.
    /// Run at start; what the sync then replays changes nothing more.
    pub async fn reconcile_votes(&self, now: DateTime<Utc>) -> Result<(), ServiceError> {
        for (room, proposal) in self.store.open_proposals().await? {
            let Some(presented) = &proposal.event_id else {
                continue;
            };
            let Some(reactions) = self.chat.reactions_to(&room, presented).await else {
                tracing::warn!(
                    proposal = proposal.id,
                    "could not read the proposal's reactions"
                );
                continue;
            };
            let mut tx = self.store.begin().await?;
            let mut current = Vec::new();
            let mut added = 0;
            for reaction in &reactions {
                if proposal.option_voted_by(&reaction.key).is_some() {
                    current.push(reaction.event_id.clone());
                }
                if count_vote(&mut tx, &proposal, reaction, now).await? {
                    added += 1;
                }
            }
            let mut removed = 0;
            for counted in tx.vote_reactions(proposal.id).await? {
                if !current.contains(&counted) && tx.remove_vote(&counted).await? {
                    removed += 1;
                }
            }
            tx.commit().await?;
            if added + removed > 0 {
                tracing::info!(
                    proposal = proposal.id,
                    added,
                    removed,
                    "votes reconciled with the homeserver"
                );
            }
        }
        Ok(())
    }

    /// A redaction withdraws the vote its reaction made, if the proposal is still open.
    pub async fn on_redaction(&self, redacted: &EventId) -> Result<(), ServiceError> {
        let mut tx = self.store.begin().await?;
        if tx.remove_vote(redacted).await? {
            tracing::info!(reaction = %redacted, "vote withdrawn");
        }
        tx.commit().await?;
        Ok(())
    }

    async fn ranked(
        &self,
        tx: &mut Transaction,
        room: &RoomId,
        proposal: &Proposal,
    ) -> Result<Vec<OptionResult>, ServiceError> {
        let votes = tx.votes(proposal.id).await?;
        let membership = tx.association_members(room).await?;
        let order = tx.host_order(room).await?;
        Ok(tally(proposal, &votes, &membership, &order))
    }

    /// The room's associations: the host order first, then any other that has members.
    async fn known_associations(
        &self,
        tx: &mut Transaction,
        room: &RoomId,
    ) -> Result<Vec<String>, ServiceError> {
        let mut known = tx.host_order(room).await?;
        let mut others: Vec<String> = tx.association_members(room).await?.into_values().collect();
        others.sort();
        for association in others {
            if !known.iter().any(|k| same_association(k, &association)) {
                known.push(association);
            }
        }
        Ok(known)
    }

    async fn is_moderator(&self, room: &RoomId, user: &UserId) -> bool {
        self.chat.power_level(room, user).await >= MODERATOR_LEVEL
    }

    /// Whether `user` may act on something `owner` started: the owner or a moderator.
    async fn may_act_for(&self, room: &RoomId, user: &UserId, owner: &UserId) -> bool {
        user == owner || self.is_moderator(room, user).await
    }

    /// A member's display name (Markdown-safe), else their user id.
    async fn name_of(&self, room: &RoomId, user: &UserId) -> String {
        let name = self.chat.display_name(room, user).await;
        escape_markdown(name.as_deref().unwrap_or(user.as_str()))
    }

    async fn member_names(&self, room: &RoomId) -> HashMap<UserId, String> {
        self.chat
            .members(room)
            .await
            .into_iter()
            .filter_map(|(user, name)| name.map(|name| (user, name)))
            .collect()
    }
}

/// Counts `reaction` as a vote if it names one of the proposal's dates. `false` if it does
/// not, or was counted before.
async fn count_vote(
    tx: &mut Transaction,
    proposal: &Proposal,
    reaction: &IncomingReaction,
    now: DateTime<Utc>,
) -> Result<bool, ServiceError> {
    let Some(number) = proposal.option_voted_by(&reaction.key) else {
        return Ok(false);
    };
    Ok(tx
        .add_vote(
            proposal.id,
            number,
            &reaction.sender,
            &reaction.event_id,
            now,
        )
        .await?)
}

/// The known spelling of an association name typed loosely; `None` if it matches none. With
/// no known association yet, any name is taken as typed.
fn canonical(known: &[String], typed: &str) -> Option<String> {
    if known.is_empty() {
        return Some(typed.trim().to_owned());
    }
    known
        .iter()
        .find(|name| same_association(name, typed))
        .cloned()
}
