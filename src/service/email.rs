//! `!courriel` / `!email`: the people who follow the group by e-mail (a representative still
//! without a Matrix account), counted for their association. Moderators add and remove them
//! (removing deletes the address); everyone sees the list, addresses masked.

use chrono::{DateTime, Utc};

use super::meetings::canonical;
use super::reading::known_associations;
use super::{Chat, Handled, Request, Service, ServiceError};
use crate::calendar::Method;
use crate::domain::agenda::Agenda;
use crate::domain::email::{
    Attachment, EmailPerson, NewEmail, PersonalToken, Recipient, find_by_token, split_association,
};
use crate::domain::messages::NewMessage;
use crate::domain::permissions::Act;
use crate::domain::{Language, Meeting, RoomId};
use crate::replies::{self, MeetingEmail};
use crate::storage::Transaction;

impl<C: Chat> Service<C> {
    /// `!email add <address> <association> <name…>`: moderators only.
    pub(super) async fn email_add(
        &self,
        request: &mut Request<'_>,
        address: String,
        rest: &str,
    ) -> Handled {
        let wording = &self.wording(request.language);
        let room = request.room().clone();
        if let Some(refusal) = self.refusal(request, Act::ManageEmail, None).await? {
            return request.say(replies::refused(wording, &refusal, ""));
        }
        let known = known_associations(request.tx, &room).await?;
        let Some((association, name)) = split_association(&known, rest) else {
            // Only an association, and no name after it: say that, not "unknown".
            if let Some(association) = canonical(&known, rest).filter(|_| !known.is_empty()) {
                return request.say(replies::email_missing_name(wording, &association));
            }
            return request.say(replies::email_unknown_association(wording, rest, &known));
        };
        let people = request.tx.email_people(&room).await?;
        if let Some(known) = people.iter().find(|person| person.address == address) {
            return request.say(replies::email_already_known(wording, known));
        }
        let mut person = EmailPerson {
            number: 0,
            address,
            association,
            name,
            added_by: request.sender().clone(),
            token: PersonalToken::new(super::web::new_token()?),
            unsubscribed: false,
        };
        person.number = request
            .tx
            .add_email_person(&room, &person, request.at)
            .await?;
        request.say(replies::email_added(wording, &person, self.settings.email))
    }

    /// `!emails`: the room's list.
    pub(super) async fn email_list(&self, request: &mut Request<'_>) -> Handled {
        let room = request.room().clone();
        let people = request.tx.email_people(&room).await?;
        request.say(replies::email_list(
            &self.wording(request.language),
            &people,
        ))
    }

    /// `!email remove <n>`: moderators only; the address is deleted from the database.
    pub(super) async fn email_remove(&self, request: &mut Request<'_>, number: usize) -> Handled {
        let wording = &self.wording(request.language);
        let room = request.room().clone();
        if let Some(refusal) = self.refusal(request, Act::ManageEmail, None).await? {
            return request.say(replies::refused(wording, &refusal, ""));
        }
        match request.tx.remove_email_person(&room, number).await? {
            Some(person) => request.say(replies::email_removed(wording, &person)),
            None => {
                let count = request.tx.email_people(&room).await?.len();
                request.say(replies::email_missing(wording, number, count))
            }
        }
    }

    /// A version of a meeting's invitation (its `.ics`: the same UID and SEQUENCE as the
    /// room's) e-mailed to everyone the room reaches by e-mail, in the same transaction.
    #[allow(clippy::too_many_arguments)]
    pub(super) async fn queue_invitation_emails(
        &self,
        tx: &mut Transaction,
        room: &RoomId,
        language: Language,
        meeting: &Meeting,
        agenda: &Agenda,
        ics: &str,
        method: Method,
        now: DateTime<Utc>,
    ) -> Result<(), ServiceError> {
        if !self.settings.email {
            return Ok(());
        }
        let wording = self.wording(language);
        let attachment = Attachment {
            name: replies::meeting_calendar_file(&wording),
            mime: format!("text/calendar; method={}; charset=utf-8", method.name()),
            data: ics.as_bytes().to_vec(),
        };
        let kind = match method {
            Method::Request => MeetingEmail::Invitation,
            Method::Cancel => MeetingEmail::Cancellation,
        };
        self.queue_meeting_emails(
            tx,
            room,
            language,
            meeting,
            agenda,
            kind,
            Some(attachment),
            now,
        )
        .await
    }

    /// An e-mail about a dated meeting (its invitation, a reminder, its cancellation) to
    /// everyone the room reaches by e-mail and to the meeting's guests who gave an address,
    /// in the transaction of what caused it. Nothing when e-mail is not configured.
    #[allow(clippy::too_many_arguments)]
    pub(super) async fn queue_meeting_emails(
        &self,
        tx: &mut Transaction,
        room: &RoomId,
        language: Language,
        meeting: &Meeting,
        agenda: &Agenda,
        kind: MeetingEmail,
        attachment: Option<Attachment>,
        now: DateTime<Utc>,
    ) -> Result<(), ServiceError> {
        if !self.settings.email {
            return Ok(());
        }
        let wording = self.wording(language);
        // The room's people, and this meeting's guests who gave an address.
        let people = tx.email_people(room).await?.into_iter().map(|person| {
            let unsubscribe =
                self.settings.web_url.as_ref().map(|base| {
                    format!("{}/u/{}", base.trim_end_matches('/'), person.token.as_str())
                });
            (Recipient::Person(person.number), person.name, unsubscribe)
        });
        let guests = tx
            .guests(meeting.id)
            .await?
            .into_iter()
            .filter(|guest| guest.email.is_some())
            .map(|guest| {
                let to = Recipient::Guest {
                    meeting: meeting.id,
                    number: guest.number,
                };
                (to, guest.name, None)
            });
        let recipients: Vec<(Recipient, String, Option<String>)> = people.chain(guests).collect();
        for (to, name, unsubscribe_url) in recipients {
            let Some(texts) = replies::meeting_email(
                &wording,
                &name,
                meeting,
                agenda.items(),
                kind,
                unsubscribe_url.as_deref(),
            ) else {
                continue;
            };
            let email = NewEmail {
                to,
                subject: texts.subject,
                text: texts.text,
                html: texts.html,
                attachment: attachment.clone(),
                unsubscribe_url,
            };
            tx.queue_email(room, &email, now).await?;
        }
        Ok(())
    }

    /// The one-click unsubscribe of a personal link (from the e-mail's `List-Unsubscribe`, or
    /// the page its text links to): nothing more goes to that person, and the room is told
    /// once. `None` for a token of nobody. The token is compared with every known one, in
    /// constant time.
    pub async fn unsubscribe(
        &self,
        token: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<Unsubscribed>, ServiceError> {
        let tokens = self.store.email_tokens().await?;
        let ids = tokens.into_iter().map(|(id, _, known)| (id, known));
        let Some(id) = find_by_token(ids, token) else {
            return Ok(None);
        };
        let mut tx = self.store.begin().await?;
        let Some((room, person, news)) = tx.unsubscribe(id, now).await? else {
            return Ok(None);
        };
        let language = self.room_language(&mut tx, &room).await?;
        if news {
            let notice = replies::email_unsubscribed(&self.wording(language), &person);
            tx.queue_message(NewMessage::notice(&room, None, notice), now)
                .await?;
        }
        tx.commit().await?;
        if news {
            tracing::info!(%room, person = person.number, "unsubscribed from e-mail");
            self.wakeups.queued();
        }
        Ok(Some(Unsubscribed {
            language,
            name: person.name,
        }))
    }
}

/// Who unsubscribed, for the page that says it is done.
#[derive(Debug, Clone)]
pub struct Unsubscribed {
    pub language: Language,
    pub name: String,
}
