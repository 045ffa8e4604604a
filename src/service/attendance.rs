//! `!présence` / `!attendance`: who comes to the next dated meeting. Answers are those of the
//! meeting's attendance ballot (its announcement): reactions ✅ / ❌ go through the ballots'
//! router like any answer; a command records one, for the sender or for the members it names
//! (the secretary of the day noting who is there), keeping who noted it.

use super::error::ServiceError;
use super::reading::attendance_listing;
use super::{Chat, Handled, Request, Service};
use crate::command::AttendanceCommand;
use crate::domain::attendance::{COMING_OPTION, EXCUSED_OPTION};
use crate::domain::ballot::{Answer, Ballot, Channel};
use crate::domain::meeting::next_dated_meeting;
use crate::domain::{EventId, Meeting, UserId};
use crate::replies;

impl<C: Chat> Service<C> {
    /// `!attendance…`: each form to its handler below.
    pub(super) async fn attendance(
        &self,
        request: &mut Request<'_>,
        command: AttendanceCommand,
    ) -> Handled {
        match command {
            AttendanceCommand::List => self.attendance_list(request).await,
            AttendanceCommand::Answer { coming, members } => {
                self.attendance_answer(request, coming, &members).await
            }
        }
    }

    /// `!attendance`: per association, who comes, who is excused, who has not answered.
    pub(super) async fn attendance_list(&self, request: &mut Request<'_>) -> Handled {
        let wording = &self.wording(request.language);
        let Some((meeting, ballot)) = self.attendance_ballot(request).await? else {
            return request.say(replies::attendance_no_meeting(wording));
        };
        let room = request.room().clone();
        let listing =
            attendance_listing(request.tx, &room, meeting.id, &ballot, request.now).await?;
        let names = self.member_names(&room).await;
        request.say(replies::attendance_list(
            wording, &meeting, &listing, &names,
        ))
    }

    /// `!attendance yes|no [members]`: records the answer for the sender, or for each member
    /// named (the sender noted it).
    pub(super) async fn attendance_answer(
        &self,
        request: &mut Request<'_>,
        coming: bool,
        members: &[String],
    ) -> Handled {
        let wording = &self.wording(request.language);
        let Some((meeting, ballot)) = self.attendance_ballot(request).await? else {
            return request.say(replies::attendance_no_meeting(wording));
        };
        let room = request.room().clone();
        let sender = request.sender().clone();
        let people = if members.is_empty() {
            vec![sender.clone()]
        } else {
            let (found, unknown) = self.members_named(request, members).await?;
            if !unknown.is_empty() {
                return request.say(replies::attendance_unknown_members(wording, &unknown));
            }
            found
        };
        let option = if coming {
            COMING_OPTION
        } else {
            EXCUSED_OPTION
        };
        let command = request.message.event_id.clone();
        for person in &people {
            let answer = Answer {
                // One answer per person noted by this command.
                event_id: EventId::new(format!("{command}/{person}")),
                voter: person.clone(),
                option: Some(option),
                channel: Channel::Command,
                answered_at: request.at,
                if_need_be: false,
            };
            if *person == sender {
                request.tx.record_answer(ballot.id, &answer).await?;
            } else {
                request
                    .tx
                    .record_answer_noted_by(ballot.id, &answer, &sender)
                    .await?;
            }
        }
        let names = self.member_names(&room).await;
        let for_others = people != [sender];
        request.say(replies::attendance_noted(
            wording, &meeting, coming, for_others, &people, &names,
        ))
    }

    /// The next dated meeting whose day is not over, and the ballot that asks who comes.
    async fn attendance_ballot(
        &self,
        request: &mut Request<'_>,
    ) -> Result<Option<(Meeting, Ballot)>, ServiceError> {
        let room = request.room().clone();
        let time_zone = self.settings.time_zone;
        let planned = request.tx.planned_meetings(&room).await?;
        let Some(meeting) = next_dated_meeting(&planned, request.at, time_zone).cloned() else {
            return Ok(None);
        };
        let Some(ballot) = request.tx.attendance_ballot(meeting.id).await? else {
            return Ok(None);
        };
        let ballot = request.tx.ballot(ballot).await?;
        Ok(Some((meeting, ballot)))
    }

    /// The room's members named as typed (user ids, or display names, any case); the names
    /// that match nobody.
    async fn members_named(
        &self,
        request: &Request<'_>,
        typed: &[String],
    ) -> Result<(Vec<UserId>, Vec<String>), ServiceError> {
        let members = self.members(request.room()).await;
        let mut found = Vec::new();
        let mut unknown = Vec::new();
        for name in typed {
            let wanted = name.to_lowercase();
            let matching = members.iter().find(|(user, display)| {
                user.as_str().to_lowercase() == wanted
                    || display
                        .as_deref()
                        .is_some_and(|display| display.to_lowercase() == wanted)
            });
            match matching {
                Some((user, _)) if !found.contains(user) => found.push(user.clone()),
                Some(_) => {}
                None => unknown.push(name.clone()),
            }
        }
        Ok((found, unknown))
    }
}
