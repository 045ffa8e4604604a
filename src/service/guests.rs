//! `!invité` / `!guest`: the guests of a meeting — the next one, or the one dated by
//! `pour le <date>`. Anyone adds a guest; the member who added them or a moderator removes
//! them (and their address with them).

use super::reading::day_bounds;
use super::{Chat, Handled, Request, Service};
use crate::command::GuestCommand;
use crate::domain::dates::{Towards, parse_day};
use crate::domain::guest::Guest;
use crate::domain::limits::Cap;
use crate::domain::permissions::Act;
use crate::domain::record::Owner;
use crate::domain::tokens::LinkPurpose;
use crate::replies;

impl<C: Chat> Service<C> {
    /// `!guest…`: each form to its handler below.
    pub(super) async fn guest(&self, request: &mut Request<'_>, command: GuestCommand) -> Handled {
        match command {
            GuestCommand::List => self.guest_list(request).await,
            GuestCommand::Add {
                name,
                email,
                topic,
                date,
            } => self.guest_add(request, name, email, topic, date).await,
            GuestCommand::Remove { number } => self.guest_remove(request, number).await,
        }
    }

    /// `!guest add <name> [<email>] [for <date>] [— <topic>]`.
    pub(super) async fn guest_add(
        &self,
        request: &mut Request<'_>,
        name: String,
        email: Option<String>,
        topic: Option<String>,
        date: Option<String>,
    ) -> Handled {
        let wording = &self.wording(request.language);
        let room = request.room().clone();
        let time_zone = self.settings.time_zone;
        let meeting = match &date {
            None => self.next_meeting(request.tx, &room, request.at).await?,
            Some(typed) => {
                let today = request.at.with_timezone(&time_zone).date_naive();
                let day = match parse_day(typed, today, Towards::Future) {
                    Ok(day) => day,
                    Err(problem) => {
                        return request.say(replies::date_error(wording, 1, typed, &problem));
                    }
                };
                let (start, end) = day_bounds(day, time_zone);
                match request.tx.meeting_between(&room, start, end, false).await? {
                    Some(meeting) => meeting,
                    None => return request.say(replies::guest_no_meeting_on(wording, day)),
                }
            }
        };
        if !Cap::GuestsPerMeeting.allows_one_more(request.tx.guests(meeting.id).await?.len()) {
            return request.say(replies::cap_reached(wording, Cap::GuestsPerMeeting));
        }
        // A link for the unsubscribe link of their e-mails, if they will get any.
        let link = match email {
            Some(_) => Some(self.fresh_link(LinkPurpose::Unsubscribe)?),
            None => None,
        };
        let mut guest = Guest {
            number: 0,
            name,
            email,
            topic,
            added_by: request.sender().clone(),
            link,
        };
        guest.number = request.tx.add_guest(meeting.id, &guest, request.at).await?;
        // Calendars that have the invitation get its new description.
        let mut markdown = replies::guest_added(wording, &meeting, &guest);
        // Any member may add an outside address: the reply says plainly it will be e-mailed.
        if guest.email.is_some() && self.settings.email {
            markdown.push(' ');
            markdown.push_str(&replies::guest_will_be_emailed(wording));
        }
        self.with_updated_invitation(request, meeting.id, markdown)
            .await
    }

    /// `!guests`: the next meeting's guests.
    pub(super) async fn guest_list(&self, request: &mut Request<'_>) -> Handled {
        let room = request.room().clone();
        let meeting = self.next_meeting(request.tx, &room, request.at).await?;
        let guests = request.tx.guests(meeting.id).await?;
        request.say(replies::guest_list(
            &self.wording(request.language),
            &meeting,
            &guests,
        ))
    }

    /// `!guest remove <n>`: the member who added them, or a moderator.
    pub(super) async fn guest_remove(&self, request: &mut Request<'_>, number: usize) -> Handled {
        let wording = &self.wording(request.language);
        let room = request.room().clone();
        let meeting = self.next_meeting(request.tx, &room, request.at).await?;
        let guests = request.tx.guests(meeting.id).await?;
        let Some(guest) = guests.iter().find(|guest| guest.number == number) else {
            return request.say(replies::guest_missing(wording, number, guests.len()));
        };
        let owner = Owner::Member(guest.added_by.clone());
        if let Some(refusal) = self
            .refusal(request, Act::RemoveGuest, Some(&owner))
            .await?
        {
            let name = self.name_of(&room, &guest.added_by).await;
            return request.say(replies::refused(wording, &refusal, &name));
        }
        request.tx.remove_guest(meeting.id, number).await?;
        let markdown = replies::guest_removed(wording, guest);
        self.with_updated_invitation(request, meeting.id, markdown)
            .await
    }
}
