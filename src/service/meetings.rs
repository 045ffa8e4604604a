//! Meetings: one handler per `!meeting` command — proposing dates (a ballot answered with
//! reactions), the tally, closing (date, host, invitation), cancelling, host and place.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::email::PeopleEmail;
use super::error::ServiceError;
use super::reading::{known_associations, voices};
use super::{Chat, Handled, Request, Service};
use crate::calendar::{self, InvitationTexts, Method};
use crate::command::CancelTarget;
use crate::command::MeetingCommand;
use crate::domain::association::canonical;
use crate::domain::attendance;
use crate::domain::ballot::{BallotKind, choices_by_option, count_dates};
use crate::domain::dates::parse_meeting_date;
use crate::domain::meeting::{next_dated_meeting, next_host};
use crate::domain::messages::{Content, NewMessage, Presents};
use crate::domain::permissions::{Act, Refusal};
use crate::domain::record::Owner;
use crate::domain::votes::{
    Choice, OptionResult, Proposal, best, proposal_reactions, tally_with_reserve,
};
use crate::domain::{Language, Meeting, MeetingId, RoomId, UserId};
use crate::replies;
use crate::storage::Transaction;

const CALENDAR_MIME: &str = "text/calendar";

impl<C: Chat> Service<C> {
    /// `!meeting…`: each form to its handler below.
    pub(super) async fn meeting(
        &self,
        request: &mut Request<'_>,
        command: MeetingCommand,
    ) -> Handled {
        match command {
            MeetingCommand::Show => self.meeting_show(request).await,
            MeetingCommand::Propose { options } => self.meeting_propose(request, &options).await,
            MeetingCommand::Votes => self.meeting_votes(request).await,
            MeetingCommand::Available { option, if_need_be } => {
                self.meeting_available(request, option, if_need_be).await
            }
            MeetingCommand::Close { option } => self.meeting_close(request, option).await,
            MeetingCommand::Cancel { what } => self.meeting_cancel(request, what).await,
            MeetingCommand::Host { association } => self.meeting_host(request, &association).await,
            MeetingCommand::HostOrder { associations } => {
                self.meeting_host_order(request, &associations).await
            }
            MeetingCommand::Place { place } => self.meeting_place(request, &place).await,
            MeetingCommand::ShowRhythm => self.meeting_rhythm_show(request).await,
            MeetingCommand::SetRhythm { rhythm } => self.meeting_rhythm_set(request, rhythm).await,
        }
    }

    /// `!meeting`: the next meeting, and whether dates are being voted on.
    pub(super) async fn meeting_show(&self, request: &mut Request<'_>) -> Handled {
        let room = request.room().clone();
        let meeting = self.next_meeting(request.tx, &room, request.at).await?;
        let items = request.tx.agenda(meeting.id).await?.items().len();
        let proposal_open = request.tx.open_proposal(&room).await?.is_some();
        let guests = request.tx.guests(meeting.id).await?;
        let rhythm = request.tx.rhythm(&room).await?;
        request.say(replies::meeting_overview(
            &self.wording(request.language),
            &meeting,
            items,
            proposal_open,
            &guests,
            rhythm,
        ))
    }

    /// `!meeting propose <date> ; <date> …`: posts the dates as a ballot.
    pub(super) async fn meeting_propose(
        &self,
        request: &mut Request<'_>,
        options: &[String],
    ) -> Handled {
        let wording = &self.wording(request.language);
        let time_zone = self.settings.time_zone;
        let room = request.room().clone();
        if request.tx.open_proposal(&room).await?.is_some() {
            return request.say(replies::meeting_proposal_open(wording));
        }
        let mut dates: Vec<DateTime<Utc>> = Vec::with_capacity(options.len());
        for (index, option) in options.iter().enumerate() {
            let date = match parse_meeting_date(option, request.at, time_zone) {
                Ok(date) => date,
                Err(problem) => {
                    return request.say(replies::date_error(wording, index + 1, option, &problem));
                }
            };
            if let Some(first) = dates.iter().position(|earlier| *earlier == date) {
                return request.say(replies::date_duplicate(wording, first + 1, index + 1));
            }
            dates.push(date);
        }
        let ballot = request
            .tx
            .open_ballot(&room, BallotKind::MeetingDates, dates.len(), request.at)
            .await?;
        let message = request.message;
        let proposal = request
            .tx
            .create_proposal(
                &room,
                ballot.id,
                &message.sender,
                &message.event_id,
                &dates,
                request.at,
            )
            .await?;
        let email = PeopleEmail::Proposal(&dates);
        self.queue_people_email(request.tx, &room, request.language, email, request.at)
            .await?;
        let proposer = self.name_of(&room, &message.sender).await;
        let mut presentation = request.reply(replies::proposal(wording, &proposer, &proposal));
        presentation.presents = Some(Presents::Ballot(ballot.id));
        let mut messages = vec![presentation];
        // Voting is one click: the bot's own number reactions, put under the proposal once it
        // is sent.
        if BallotKind::MeetingDates.bot_adds_reactions() {
            messages.extend(
                proposal_reactions(dates.len())
                    .map(|key| NewMessage::reaction_on_ballot(&room, ballot.id, key)),
            );
        }
        Ok(messages)
    }

    /// `!meeting votes`: the tally, best date first.
    pub(super) async fn meeting_votes(&self, request: &mut Request<'_>) -> Handled {
        let wording = &self.wording(request.language);
        let room = request.room().clone();
        let Some(proposal) = request.tx.open_proposal(&room).await? else {
            return request.say(replies::meeting_no_proposal(wording));
        };
        let ranked = self
            .ranked(request.tx, &room, &proposal, request.now)
            .await?;
        let names = self.voter_names(request.tx, &room, wording).await?;
        let unreadable = request.tx.unreadable_answers(proposal.ballot).await?;
        let results = replies::votes(wording, &ranked, &names);
        request.say(replies::with_unreadable_answers(
            wording, results, unreadable, false,
        ))
    }

    /// `!meeting available <n> [maybe]`: the sender can come to date n (only if need be), as a
    /// reaction would say; deleting the command withdraws it.
    async fn meeting_available(
        &self,
        request: &mut Request<'_>,
        option: usize,
        if_need_be: bool,
    ) -> Handled {
        let wording = &self.wording(request.language);
        let room = request.room().clone();
        let Some(proposal) = request.tx.open_proposal(&room).await? else {
            return request.say(replies::meeting_available_no_proposal(wording, if_need_be));
        };
        let Some(starts_at) = proposal.options.get(option.wrapping_sub(1)).copied() else {
            return request.say(replies::meeting_available_no_such_option(
                wording,
                option,
                proposal.options.len(),
            ));
        };
        let answer = request.command_answer(option, if_need_be);
        request.tx.record_answer(proposal.ballot, &answer).await?;
        request.say(replies::meeting_available(wording, starts_at, if_need_be))
    }

    /// `!meeting close [n]`: sets the date (n, or the best-ranked one); proposer or moderator.
    pub(super) async fn meeting_close(
        &self,
        request: &mut Request<'_>,
        option: Option<usize>,
    ) -> Handled {
        let wording = &self.wording(request.language);
        let room = request.room().clone();
        let Some(proposal) = request.tx.open_proposal(&room).await? else {
            return request.say(replies::meeting_no_proposal(wording));
        };
        if let Some(refusal) = self
            .proposal_refusal(request, Act::SetDate, &proposal)
            .await?
        {
            let proposer = self.name_of(&room, &proposal.proposer).await;
            return request.say(replies::refused(wording, &refusal, &proposer));
        }
        let ranked = self
            .ranked(request.tx, &room, &proposal, request.now)
            .await?;
        let chosen = match option {
            Some(number) if (1..=proposal.options.len()).contains(&number) => number,
            Some(number) => {
                return request.say(replies::meeting_close_no_such_option(
                    wording,
                    number,
                    proposal.options.len(),
                ));
            }
            None => match best(&ranked) {
                Choice::Clear(number) => number,
                Choice::Tie(tied) => {
                    return request.say(replies::meeting_close_tie(wording, &proposal, &tied));
                }
            },
        };
        // The associations that come to the chosen date only if need be, said when it is set.
        let reserved = ranked
            .iter()
            .find(|result| result.number == chosen)
            .map(|result| result.reserved.clone())
            .unwrap_or_default();
        self.schedule(request, &proposal, chosen, &reserved).await
    }

    /// Sets the date of the next meeting from option `chosen`, picks the host whose turn it is,
    /// and sends the announcement and the `.ics` invitation.
    async fn schedule(
        &self,
        request: &mut Request<'_>,
        proposal: &Proposal,
        chosen: usize,
        reserved: &[String],
    ) -> Handled {
        let language = request.language;
        let wording = &self.wording(language);
        let room = request.room().clone();
        let Some(starts_at) = proposal.options.get(chosen - 1).copied() else {
            return Ok(Vec::new());
        };
        // Days pass between proposing and closing: a date gone by cannot be chosen.
        if starts_at <= request.at {
            return request.say(replies::meeting_close_past(wording, chosen, starts_at));
        }
        let tx = &mut *request.tx;
        // The agenda collected for "the next meeting" stays with it.
        let planned = tx.planned_meetings(&room).await?;
        let meeting_id = match planned.iter().find(|meeting| meeting.starts_at.is_none()) {
            Some(unscheduled) => unscheduled.id,
            None => tx.create_unscheduled_meeting(&room, request.at).await?.id,
        };
        tx.schedule_meeting(meeting_id, starts_at, request.at)
            .await?;
        tx.link_meeting_to_proposal(meeting_id, proposal.id).await?;
        let mut meeting = tx.meeting(meeting_id).await?;
        if meeting.host.is_none() {
            let order = tx.host_order(&room).await?;
            let last = tx.last_host(&room, meeting_id).await?;
            if let Some(host) = next_host(&order, last.as_deref()) {
                tx.set_meeting_host(meeting_id, &host).await?;
                meeting.host = Some(host);
            }
        }
        tx.end_proposal(proposal.id, Some(chosen), request.at)
            .await?;
        tx.close_ballot(proposal.ballot, request.at).await?;
        request.reschedules = true;

        // The announcement asks who comes: ✅ or ❌ under it, put there by the bot.
        let attendance = request
            .tx
            .open_ballot(&room, BallotKind::Attendance, 2, request.at)
            .await?;
        request
            .tx
            .set_attendance_ballot(meeting_id, attendance.id)
            .await?;
        let mut announcement = request.reply(replies::scheduled(wording, &meeting, reserved));
        announcement.presents = Some(Presents::Ballot(attendance.id));
        let mut messages = vec![announcement];
        messages.extend(
            [attendance::COMING, attendance::EXCUSED]
                .map(|key| NewMessage::reaction_on_ballot(&room, attendance.id, key)),
        );
        messages.extend(
            self.invitation(
                request.tx,
                &room,
                language,
                &meeting,
                Method::Request,
                request.at,
            )
            .await?,
        );
        Ok(messages)
    }

    /// A version of the `.ics` invitation of a dated meeting, as a file message. Every version
    /// has the same UID and the next SEQUENCE, so calendars update (or cancel) the one event.
    async fn invitation(
        &self,
        tx: &mut Transaction,
        room: &RoomId,
        language: Language,
        meeting: &Meeting,
        method: Method,
        now: DateTime<Utc>,
    ) -> Result<Option<NewMessage>, ServiceError> {
        if meeting.starts_at.is_none() {
            return Ok(None);
        }
        let agenda = tx.agenda(meeting.id).await?;
        let summary = replies::meeting_summary(&self.wording(language));
        let agenda_heading = replies::meeting_calendar_agenda(&self.wording(language));
        let guests = replies::guests_plain(&self.wording(language), &tx.guests(meeting.id).await?);
        let invitation_texts = InvitationTexts {
            summary: &summary,
            agenda_heading: &agenda_heading,
            guests: guests.as_deref(),
        };
        let sequence = tx.next_invitation_sequence(meeting.id).await?;
        let ics = calendar::invitation(
            room,
            meeting,
            &agenda,
            &invitation_texts,
            (method, sequence),
            now,
        );
        if let Some(ics) = &ics {
            // The same version, by e-mail, to those the room reaches that way.
            self.queue_invitation_emails(
                tx,
                room,
                language,
                meeting,
                &agenda,
                ics,
                (method, sequence),
                now,
            )
            .await?;
        }
        Ok(ics.map(|ics| NewMessage {
            room: room.clone(),
            in_reply_to: None,
            content: Content::File {
                name: replies::meeting_calendar_file(&self.wording(language)),
                mime: CALENDAR_MIME.to_owned(),
                data: ics.into_bytes(),
            },
            presents: None,
            thread: None,
        }))
    }

    /// The reply to a change of a meeting's details, with the updated invitation when the
    /// meeting already has a date.
    pub(super) async fn with_updated_invitation(
        &self,
        request: &mut Request<'_>,
        meeting_id: MeetingId,
        mut markdown: String,
    ) -> Handled {
        let room = request.room().clone();
        let meeting = request.tx.meeting(meeting_id).await?;
        let invitation = self
            .invitation(
                request.tx,
                &room,
                request.language,
                &meeting,
                Method::Request,
                request.at,
            )
            .await?;
        if invitation.is_some() {
            markdown.push(' ');
            markdown.push_str(&replies::meeting_invitation_updated(
                &self.wording(request.language),
            ));
        }
        let mut messages = vec![request.reply(markdown)];
        messages.extend(invitation);
        Ok(messages)
    }

    /// `!meeting cancel [meeting|proposal]`: the next dated meeting (calendars get a
    /// cancellation) or the open proposal, each by its proposer or a moderator. Unsaid, the one
    /// there is; when there are both, the one the sender may cancel, and the bot asks which
    /// when they may cancel both.
    pub(super) async fn meeting_cancel(
        &self,
        request: &mut Request<'_>,
        what: Option<CancelTarget>,
    ) -> Handled {
        let wording = &self.wording(request.language);
        let room = request.room().clone();
        let time_zone = self.settings.time_zone;
        let planned = request.tx.planned_meetings(&room).await?;
        let dated = next_dated_meeting(&planned, request.at, time_zone).cloned();
        let proposal = request.tx.open_proposal(&room).await?;
        let target = match (what, &dated, &proposal) {
            (None, None, None) => return request.say(replies::meeting_nothing_to_cancel(wording)),
            (Some(CancelTarget::Meeting), None, _) => {
                return request.say(replies::meeting_no_dated_meeting(
                    wording,
                    proposal.is_some(),
                ));
            }
            (Some(CancelTarget::Proposal), _, None) => {
                return request.say(replies::meeting_no_proposal(wording));
            }
            (Some(target), _, _) => target,
            (None, Some(_), None) => CancelTarget::Meeting,
            (None, None, Some(_)) => CancelTarget::Proposal,
            (None, Some(meeting), Some(proposal)) => {
                // Both: the one the sender may cancel; asked when they may cancel both.
                let meeting_owner = request
                    .tx
                    .meeting_proposer(meeting.id)
                    .await?
                    .map(Owner::Member);
                let may_cancel_meeting = self
                    .refusal(request, Act::CancelMeeting, meeting_owner.as_ref())
                    .await?
                    .is_none();
                let may_cancel_proposal = self
                    .proposal_refusal(request, Act::CancelProposal, proposal)
                    .await?
                    .is_none();
                match (may_cancel_meeting, may_cancel_proposal) {
                    (true, true) => {
                        return request.say(replies::meeting_cancel_which(wording, meeting));
                    }
                    (false, true) => CancelTarget::Proposal,
                    // Neither: the meeting's refusal says who may.
                    _ => CancelTarget::Meeting,
                }
            }
        };
        match (target, dated, proposal) {
            (CancelTarget::Meeting, Some(meeting), _) => {
                self.cancel_dated_meeting(request, &planned, &meeting).await
            }
            (CancelTarget::Proposal, _, Some(proposal)) => {
                self.cancel_proposal(request, &proposal).await
            }
            _ => request.say(replies::meeting_nothing_to_cancel(wording)),
        }
    }

    /// Cancels `meeting` (its proposer or a moderator): its items wait for the next date, and
    /// calendars get the cancellation.
    async fn cancel_dated_meeting(
        &self,
        request: &mut Request<'_>,
        planned: &[Meeting],
        meeting: &Meeting,
    ) -> Handled {
        let language = request.language;
        let wording = &self.wording(language);
        let room = request.room().clone();
        let proposer = request.tx.meeting_proposer(meeting.id).await?;
        let owner = proposer.clone().map(Owner::Member);
        if let Some(refusal) = self
            .refusal(request, Act::CancelMeeting, owner.as_ref())
            .await?
        {
            let name = match &proposer {
                Some(proposer) => self.name_of(&room, proposer).await,
                None => String::from("—"),
            };
            return request.say(replies::refused(wording, &refusal, &name));
        }
        let unscheduled = match planned.iter().find(|m| m.starts_at.is_none()) {
            Some(unscheduled) => unscheduled.id,
            None => {
                request
                    .tx
                    .create_unscheduled_meeting(&room, request.at)
                    .await?
                    .id
            }
        };
        request
            .tx
            .cancel_meeting(meeting.id, unscheduled, request.at)
            .await?;
        if let Some(attendance) = request.tx.attendance_ballot(meeting.id).await? {
            request.tx.close_ballot(attendance, request.at).await?;
        }
        request.reschedules = true;
        let cancellation = self
            .invitation(
                request.tx,
                &room,
                language,
                meeting,
                Method::Cancel,
                request.at,
            )
            .await?;
        request.tx.forget_cancelled_guests_addresses().await?;
        let mut messages = vec![request.reply(replies::meeting_cancelled(wording, meeting))];
        messages.extend(cancellation);
        Ok(messages)
    }

    /// Withdraws the open date proposal (its proposer or a moderator).
    async fn cancel_proposal(&self, request: &mut Request<'_>, proposal: &Proposal) -> Handled {
        let wording = &self.wording(request.language);
        let room = request.room().clone();
        if let Some(refusal) = self
            .proposal_refusal(request, Act::CancelProposal, proposal)
            .await?
        {
            let name = self.name_of(&room, &proposal.proposer).await;
            return request.say(replies::refused(wording, &refusal, &name));
        }
        request
            .tx
            .end_proposal(proposal.id, None, request.at)
            .await?;
        request.tx.close_ballot(proposal.ballot, request.at).await?;
        request.say(replies::meeting_proposal_cancelled(wording))
    }

    /// `!meeting host <association>`.
    pub(super) async fn meeting_host(
        &self,
        request: &mut Request<'_>,
        association: &str,
    ) -> Handled {
        let wording = &self.wording(request.language);
        let room = request.room().clone();
        let known = known_associations(request.tx, &room).await?;
        let Some(host) = canonical(&known, association) else {
            return request.say(replies::meeting_host_unknown(wording, association, &known));
        };
        let meeting = self.next_meeting(request.tx, &room, request.at).await?;
        request.tx.set_meeting_host(meeting.id, &host).await?;
        let markdown = replies::meeting_host_set(wording, &host);
        self.with_updated_invitation(request, meeting.id, markdown)
            .await
    }

    /// `!meeting host order <a>, <b>, …`.
    pub(super) async fn meeting_host_order(
        &self,
        request: &mut Request<'_>,
        associations: &[String],
    ) -> Handled {
        let room = request.room().clone();
        let known = known_associations(request.tx, &room).await?;
        let order: Vec<String> = associations
            .iter()
            .map(|name| canonical(&known, name).unwrap_or_else(|| name.clone()))
            .collect();
        request.tx.set_host_order(&room, &order).await?;
        request.say(replies::meeting_host_order_set(
            &self.wording(request.language),
            &order,
        ))
    }

    /// `!meeting place <address>`.
    pub(super) async fn meeting_place(&self, request: &mut Request<'_>, place: &str) -> Handled {
        let room = request.room().clone();
        let meeting = self.next_meeting(request.tx, &room, request.at).await?;
        request.tx.set_meeting_place(meeting.id, place).await?;
        let markdown = replies::meeting_place_set(&self.wording(request.language), place);
        self.with_updated_invitation(request, meeting.id, markdown)
            .await
    }

    /// The proposal's dates ranked by the answers recorded by `now` (the ballot is open).
    async fn ranked(
        &self,
        tx: &mut Transaction,
        room: &RoomId,
        proposal: &Proposal,
        now: DateTime<Utc>,
    ) -> Result<Vec<OptionResult>, ServiceError> {
        let answers = tx.answers(proposal.ballot).await?;
        // Every recorded answer was given before the bot handles this command; `now` bounds
        // the count all the same, as the counting rules ask.
        let choices = count_dates(&answers, now);
        // A guest association never weighs on the ranking.
        let voices = voices(tx, room).await?;
        Ok(tally_with_reserve(
            proposal,
            &choices_by_option(&choices.available),
            &choices_by_option(&choices.if_need_be),
            &voices.members,
            &voices.member_associations,
        ))
    }

    /// Whether the sender may close or cancel `proposal`: its proposer or a moderator may;
    /// every member may when the rhythm made it (the group's own proposal).
    async fn proposal_refusal(
        &self,
        request: &mut Request<'_>,
        act: Act,
        proposal: &Proposal,
    ) -> Result<Option<Refusal>, ServiceError> {
        if request.tx.is_rhythm_proposal(proposal.id).await? {
            return Ok(None);
        }
        let owner = Owner::Member(proposal.proposer.clone());
        self.refusal(request, act, Some(&owner)).await
    }

    pub(super) async fn member_names(&self, room: &RoomId) -> HashMap<UserId, String> {
        self.members(room)
            .await
            .into_iter()
            .filter_map(|(user, name)| name.map(|name| (user, name)))
            .collect()
    }
}
