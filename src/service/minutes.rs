//! `!minutes` and the minutes' way to a procès-verbal: shown with their status, approved by
//! each association, adopted when every association has approved (or by a moderator), then
//! frozen — text, SHA-256 fingerprint, date and approvers — so that later changes to the
//! meeting's items or decisions no longer change them. The PDF is printed by the sender.

use std::collections::HashMap;

use super::email::PeopleEmail;
use super::error::ServiceError;
use super::reading::{approval_of, gather_minutes, member_associations};
use super::{Chat, Handled, Request, Service};
use crate::command::MinutesCommand;
use crate::domain::association::canonical;
use crate::domain::dates::{Towards, parse_day};
use crate::domain::messages::{Content, NewMessage, Printable};
use crate::domain::minutes::{Adoption, Approval, fingerprint};
use crate::domain::permissions::Act;
use crate::domain::{Meeting, RoomId, UserId};
use crate::replies::{self, Wording};

const MARKDOWN_MIME: &str = "text/markdown";

impl<C: Chat> Service<C> {
    pub(super) async fn minutes(
        &self,
        request: &mut Request<'_>,
        command: MinutesCommand,
    ) -> Handled {
        match command {
            MinutesCommand::Show { date } => self.minutes_show(request, date.as_deref()).await,
            MinutesCommand::Approve { date } => {
                self.minutes_approve(request, date.as_deref()).await
            }
            MinutesCommand::Adopt { date } => self.minutes_adopt(request, date.as_deref()).await,
        }
    }

    /// `!minutes [date]`: the text with its status, as a message, a Markdown file and a PDF;
    /// once adopted, the frozen text.
    async fn minutes_show(&self, request: &mut Request<'_>, date: Option<&str>) -> Handled {
        let wording = &self.wording(request.language);
        let meeting = match self.minutes_meeting(request, date).await? {
            Ok(meeting) => meeting,
            Err(reply) => return request.say(reply),
        };
        let room = request.room().clone();
        let (shown, printable) = match request.tx.adopted_minutes(meeting.id).await? {
            Some(adoption) => (
                format!(
                    "{}\n\n{}",
                    adoption.text,
                    replies::fingerprint_line(wording, &adoption)
                ),
                replies::adopted_printable(wording, &meeting, &adoption),
            ),
            None => {
                let names = self.voter_names(request.tx, &room, wording).await?;
                let known = member_associations(request.tx, &room).await?;
                let text = self
                    .draft_minutes(request, &room, meeting.clone(), &names)
                    .await?;
                let state = approval_of(request.tx, meeting.id, &known).await?;
                let status = replies::minutes_draft_status(wording, &state, &names);
                let shown = format!("{text}\n\n{status}");
                let heading = self.minutes_heading(&room, wording, &known).await;
                let printable =
                    replies::minutes_printable(wording, &meeting, heading, &shown, None);
                (shown, printable)
            }
        };
        let markdown_file = NewMessage {
            room: room.clone(),
            in_reply_to: None,
            content: Content::File {
                name: replies::minutes_file_name(wording, &meeting),
                mime: MARKDOWN_MIME.to_owned(),
                data: shown.clone().into_bytes(),
            },
            presents: None,
            thread: None,
        };
        let pdf = pdf_message(&room, printable);
        Ok(vec![request.reply(shown), markdown_file, pdf])
    }

    /// `!minutes approve [date]`: the sender approves for their association (the latest
    /// member's approval counts); the last association's approval adopts them.
    async fn minutes_approve(&self, request: &mut Request<'_>, date: Option<&str>) -> Handled {
        let wording = &self.wording(request.language);
        let meeting = match self.minutes_not_adopted(request, date).await? {
            Ok(meeting) => meeting,
            Err(reply) => return request.say(reply),
        };
        let room = request.room().clone();
        let known = member_associations(request.tx, &room).await?;
        if known.is_empty() {
            return request.say(replies::minutes_approve_no_associations(wording));
        }
        let sender = request.sender().clone();
        let membership = request.tx.association_members(&room).await?;
        let Some(association) = membership
            .get(&sender)
            .and_then(|theirs| canonical(&known, theirs))
        else {
            // A guest association's representative approves nothing.
            if let Some(theirs) = membership.get(&sender) {
                return request.say(replies::minutes_approve_guest_association(wording, theirs));
            }
            return request.say(replies::minutes_approve_without_association(wording));
        };
        let approval = Approval {
            association: association.clone(),
            by: sender,
            at: request.at,
            by_mandate: None,
        };
        request.tx.approve_minutes(meeting.id, &approval).await?;
        let state = approval_of(request.tx, meeting.id, &known).await?;
        let names = self.member_names(&room).await;
        if !state.complete() {
            return request.say(replies::minutes_approved(
                wording,
                &association,
                &state,
                &names,
            ));
        }
        let adoption = Adoption {
            meeting: meeting.id,
            text: String::new(),
            fingerprint: String::new(),
            heading: Vec::new(),
            adopted_at: request.at,
            adopted_by: None,
            approvals: state.approved.clone(),
            missing: Vec::new(),
        };
        let mut messages = vec![request.reply(replies::minutes_approved(
            wording,
            &association,
            &state,
            &names,
        ))];
        messages.extend(self.adopt(request, wording, meeting, adoption).await?);
        Ok(messages)
    }

    /// `!minutes adopt [date]` (moderators): adopted as they stand; the procès-verbal says
    /// which associations had not approved.
    async fn minutes_adopt(&self, request: &mut Request<'_>, date: Option<&str>) -> Handled {
        let wording = &self.wording(request.language);
        let meeting = match self.minutes_not_adopted(request, date).await? {
            Ok(meeting) => meeting,
            Err(reply) => return request.say(reply),
        };
        if let Some(refusal) = self.refusal(request, Act::AdoptMinutes, None).await? {
            return request.say(replies::refused(wording, &refusal, ""));
        }
        let room = request.room().clone();
        let known = member_associations(request.tx, &room).await?;
        let state = approval_of(request.tx, meeting.id, &known).await?;
        let adoption = Adoption {
            meeting: meeting.id,
            text: String::new(),
            fingerprint: String::new(),
            heading: Vec::new(),
            adopted_at: request.at,
            adopted_by: (!state.awaited.is_empty()).then(|| request.sender().clone()),
            approvals: state.approved,
            missing: state.awaited,
        };
        self.adopt(request, wording, meeting, adoption).await
    }

    /// Freezes the minutes as they read now, with the adoption's lines, and announces the
    /// procès-verbal with its PDF.
    async fn adopt(
        &self,
        request: &mut Request<'_>,
        wording: &Wording<'_>,
        meeting: Meeting,
        mut adoption: Adoption,
    ) -> Handled {
        let room = request.room().clone();
        let names = self.voter_names(request.tx, &room, wording).await?;
        let text = self
            .draft_minutes(request, &room, meeting.clone(), &names)
            .await?;
        adoption.text = format!(
            "{text}\n\n{}",
            replies::adoption_lines(wording, &adoption, &names)
        );
        adoption.fingerprint = fingerprint(&adoption.text);
        let known = member_associations(request.tx, &room).await?;
        adoption.heading = self.minutes_heading(&room, wording, &known).await;
        request.tx.adopt_minutes(&room, &adoption).await?;
        let printable = replies::adopted_printable(wording, &meeting, &adoption);
        let email = PeopleEmail::Minutes {
            meeting: &meeting,
            printable: &printable,
        };
        self.queue_people_email(request.tx, &room, request.language, email, request.at)
            .await?;
        let pdf = pdf_message(&room, printable);
        Ok(vec![
            NewMessage::notice(
                &room,
                None,
                replies::minutes_adopted(wording, &meeting, &adoption),
            ),
            pdf,
        ])
    }

    /// The minutes' text as the record reads now.
    async fn draft_minutes(
        &self,
        request: &mut Request<'_>,
        room: &RoomId,
        meeting: Meeting,
        names: &HashMap<UserId, String>,
    ) -> Result<String, ServiceError> {
        let wording = &self.wording(request.language);
        let gathered = gather_minutes(request.tx, room, meeting, self.settings.time_zone).await?;
        let today = request
            .at
            .with_timezone(&self.settings.time_zone)
            .date_naive();
        Ok(replies::minutes(wording, &gathered, names, today))
    }

    /// What heads the minutes' PDF: the room's name and its associations (`known`).
    pub(super) async fn minutes_heading(
        &self,
        room: &RoomId,
        wording: &Wording<'_>,
        known: &[String],
    ) -> Vec<String> {
        let room_name = self.chat.room_name(room).await;
        replies::minutes_heading(wording, room_name.as_deref(), known)
    }

    /// The meeting whose minutes are to be approved or adopted: `Err` holds the reply when
    /// there is none, or when they were adopted already.
    async fn minutes_not_adopted(
        &self,
        request: &mut Request<'_>,
        date: Option<&str>,
    ) -> Result<Result<Meeting, String>, ServiceError> {
        let meeting = match self.minutes_meeting(request, date).await? {
            Ok(meeting) => meeting,
            Err(reply) => return Ok(Err(reply)),
        };
        Ok(match request.tx.adopted_minutes(meeting.id).await? {
            Some(adoption) => Err(replies::minutes_already_adopted(
                &self.wording(request.language),
                &meeting,
                &adoption,
            )),
            None => Ok(meeting),
        })
    }

    /// The meeting a `!minutes` command is about: the one on the typed day, or the last one
    /// that has begun; `Err` holds the reply when there is none.
    async fn minutes_meeting(
        &self,
        request: &mut Request<'_>,
        date: Option<&str>,
    ) -> Result<Result<Meeting, String>, ServiceError> {
        let wording = &self.wording(request.language);
        let room = request.room().clone();
        let today = request
            .at
            .with_timezone(&self.settings.time_zone)
            .date_naive();
        let day = match date {
            Some(typed) => match parse_day(typed, today, Towards::Past) {
                Ok(day) => Some(day),
                Err(_) => return Ok(Err(replies::minutes_bad_date(wording, typed))),
            },
            None => None,
        };
        let meeting = match day {
            Some(day) => {
                let (start, end) = super::reading::day_bounds(day, self.settings.time_zone);
                request.tx.meeting_between(&room, start, end, false).await?
            }
            // The last meeting that has begun.
            None => {
                request
                    .tx
                    .meeting_between(&room, request.at, request.at, true)
                    .await?
            }
        };
        Ok(meeting.ok_or_else(|| replies::minutes_no_meeting(wording, day)))
    }
}

/// The document for the sender to print and post.
pub(super) fn pdf_message(room: &RoomId, printable: Printable) -> NewMessage {
    NewMessage {
        room: room.clone(),
        in_reply_to: None,
        content: Content::Pdf(printable),
        presents: None,
        thread: None,
    }
}
