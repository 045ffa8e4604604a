//! `!courriel` / `!email`: the people who follow the group by e-mail (a representative still
//! without a Matrix account), counted for their association. Moderators add and remove them
//! (removing deletes the address); everyone sees the list, addresses masked.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::reading::known_associations;
use super::{Chat, Handled, Request, Service, ServiceError};
use crate::calendar::Method;
use crate::command::EmailCommand;
use crate::domain::agenda::Agenda;
use crate::domain::association::canonical;
use crate::domain::email::{
    Attachment, Coalesce, EmailPerson, NewEmail, Recipient, Subscriber, erased_address,
    split_association,
};
use crate::domain::limits::Cap;
use crate::domain::messages::NewMessage;
use crate::domain::messages::Printable;
use crate::domain::permissions::Act;
use crate::domain::poll::{Poll, PollResults};
use crate::domain::tokens::{LinkPurpose, Nonce, TokenHash};
use crate::domain::{Language, Meeting, RoomId, UserId};
use crate::replies::{self, EmailTexts, Footer, MeetingEmail, Wording};
use crate::storage::Transaction;

impl<C: Chat> Service<C> {
    /// `!email…`: each form to its handler below.
    pub(super) async fn email(&self, request: &mut Request<'_>, command: EmailCommand) -> Handled {
        match command {
            EmailCommand::List => self.email_list(request).await,
            EmailCommand::Add { address, rest } => self.email_add(request, address, &rest).await,
            EmailCommand::Remove { number } => self.email_remove(request, number).await,
            EmailCommand::NewLink { number } => self.email_new_link(request, number).await,
        }
    }

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
        let erased = erased_address(&address);
        if let Some(gone) = people.iter().find(|person| person.address == erased) {
            return request.say(replies::email_unsubscribed_before(wording, gone));
        }
        if !Cap::EmailPeople.allows_one_more(people.len()) {
            return request.say(replies::cap_reached(wording, Cap::EmailPeople));
        }
        let mut person = EmailPerson {
            id: 0,
            number: 0,
            address,
            association,
            name,
            added_by: request.sender().clone(),
            link: self.fresh_link(LinkPurpose::Personal)?,
            unsubscribe_link: self.fresh_link(LinkPurpose::Unsubscribe)?,
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
            Some(person) => {
                // Their link is revoked with the address: their answers to what is still open
                // go too, as a withdrawn reaction does.
                request.tx.withdraw_open_answers_of(&person.voter()).await?;
                request.say(replies::email_removed(wording, &person))
            }
            None => {
                let count = request.tx.email_people(&room).await?.len();
                request.say(replies::email_missing(wording, number, count))
            }
        }
    }

    /// `!email new-link <n>`: moderators only; person n gets new link tokens (the old links
    /// open nothing any more) and an e-mail with the new one.
    pub(super) async fn email_new_link(&self, request: &mut Request<'_>, number: usize) -> Handled {
        let wording = &self.wording(request.language);
        let room = request.room().clone();
        if let Some(refusal) = self.refusal(request, Act::ManageEmail, None).await? {
            return request.say(replies::refused(wording, &refusal, ""));
        }
        let link = self.fresh_link(LinkPurpose::Personal)?;
        let renewed = request.tx.renew_email_link(&room, number, &link).await?;
        let Some(person) = renewed else {
            let count = request.tx.email_people(&room).await?.len();
            return request.say(replies::email_missing(wording, number, count));
        };
        if self.settings.email {
            let to = self.addressee(&person);
            let privacy = self.privacy_footer(request.tx, &room, wording).await?;
            let texts = replies::new_link_email(
                wording,
                &to.name,
                to.link.as_deref(),
                &Footer {
                    privacy: &privacy,
                    unsubscribe: to.unsubscribe.as_deref(),
                },
            );
            self.queue_to(request.tx, &room, &to, texts, None, request.at)
                .await?;
        }
        tracing::info!(%room, person = person.number, "personal link renewed");
        request.say(replies::email_new_link(
            wording,
            &person,
            self.settings.email,
        ))
    }

    /// Everyone who may answer the room's ballots as its replies name them: the members by
    /// their display name, the people known by e-mail as "Jean Ledoux (par courriel)".
    pub(super) async fn voter_names(
        &self,
        tx: &mut Transaction,
        room: &RoomId,
        wording: &Wording<'_>,
    ) -> Result<HashMap<UserId, String>, ServiceError> {
        let mut names = self.member_names(room).await;
        for person in tx.email_people(room).await? {
            names.insert(person.voter(), replies::email_voter_name(wording, &person));
        }
        for anonymous in tx.anonymous_voters(room).await? {
            names.insert(anonymous, wording.get("anonymous-answer"));
        }
        Ok(names)
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
        (method, sequence): (Method, u32),
        now: DateTime<Utc>,
    ) -> Result<(), ServiceError> {
        if !self.settings.email {
            return Ok(());
        }
        // Updates close together go out as one, the latest, a while after the first; the
        // first version and a cancellation go at once (a cancellation replaces any update
        // still waiting).
        let delay = match method {
            Method::Request if sequence > 0 => self.settings.email_update_delay,
            _ => chrono::Duration::zero(),
        };
        let coalesce = Coalesce {
            key: format!("meeting:{}", meeting.id),
            delay,
        };
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
            Some(coalesce),
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
        coalesce: Option<Coalesce>,
        now: DateTime<Utc>,
    ) -> Result<(), ServiceError> {
        if !self.settings.email {
            return Ok(());
        }
        let wording = self.wording(language);
        let privacy = self.privacy_footer(tx, room, &wording).await?;
        // The room's people, and this meeting's guests who gave an address.
        let people = self
            .addressees(tx, room)
            .await?
            .into_iter()
            .map(|person| (person.to, person.name, person.unsubscribe));
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
                let unsubscribe = guest
                    .link
                    .as_ref()
                    .and_then(|link| self.link(LinkPurpose::Unsubscribe, &link.nonce));
                (to, guest.name, unsubscribe)
            });
        let recipients: Vec<(Recipient, String, Option<String>)> = people.chain(guests).collect();
        for (to, name, unsubscribe_url) in recipients {
            let Some(texts) = replies::meeting_email(
                &wording,
                &name,
                meeting,
                agenda.items(),
                kind,
                &Footer {
                    privacy: &privacy,
                    unsubscribe: unsubscribe_url.as_deref(),
                },
            ) else {
                continue;
            };
            let email = NewEmail {
                to,
                subject: texts.subject,
                text: texts.text,
                html: texts.html,
                attachment: attachment.clone(),
                printable: None,
                unsubscribe_url,
                coalesce: coalesce.clone(),
                reply_to: None,
            };
            tx.queue_email(room, &email, now).await?;
        }
        Ok(())
    }

    /// The room's people known by e-mail, as their e-mails address them (those who
    /// unsubscribed are left out where e-mails are queued).
    async fn addressees(
        &self,
        tx: &mut Transaction,
        room: &RoomId,
    ) -> Result<Vec<Addressee>, ServiceError> {
        Ok(tx
            .email_people(room)
            .await?
            .iter()
            .map(|person| self.addressee(person))
            .collect())
    }

    pub(super) fn addressee(&self, person: &EmailPerson) -> Addressee {
        Addressee {
            to: Recipient::Person(person.number),
            name: person.name.clone(),
            link: self.link(LinkPurpose::Personal, &person.link.nonce),
            unsubscribe: self.link(LinkPurpose::Unsubscribe, &person.unsubscribe_link.nonce),
        }
    }

    /// A personal link on the group's page server (`r`: the answer page, `u`: unsubscribing);
    /// `None` without `[web]`.
    fn link(&self, purpose: LinkPurpose, nonce: &Nonce) -> Option<String> {
        let path = match purpose {
            LinkPurpose::Unsubscribe => "u",
            _ => "r",
        };
        let token = self.token(purpose, nonce);
        self.settings
            .web_url
            .as_ref()
            .map(|base| format!("{}/{path}/{}", base.trim_end_matches('/'), token.as_str()))
    }

    /// `email` to each of the room's people known by e-mail (not to guests: they hear only
    /// of their meeting), each with their own links, in the transaction of what caused it.
    /// Nothing when e-mail is not configured.
    pub(super) async fn queue_people_email(
        &self,
        tx: &mut Transaction,
        room: &RoomId,
        language: Language,
        email: PeopleEmail<'_>,
        now: DateTime<Utc>,
    ) -> Result<(), ServiceError> {
        if !self.settings.email {
            return Ok(());
        }
        let wording = self.wording(language);
        let (printable, day) = match email {
            PeopleEmail::Minutes { meeting, printable } => (
                Some(printable.clone()),
                meeting
                    .starts_at
                    .map(|at| wording.day_in_words(at))
                    .unwrap_or_default(),
            ),
            _ => (None, String::new()),
        };
        let privacy = self.privacy_footer(tx, room, &wording).await?;
        for to in self.addressees(tx, room).await? {
            let (name, link) = (&to.name, to.link.as_deref());
            let footer = &Footer {
                privacy: &privacy,
                unsubscribe: to.unsubscribe.as_deref(),
            };
            let texts = match email {
                PeopleEmail::Proposal(dates) => {
                    replies::proposal_email(&wording, name, dates, link, footer)
                }
                PeopleEmail::Poll(poll) => replies::poll_email(&wording, name, poll, link, footer),
                PeopleEmail::PollResult(poll, results) => {
                    replies::poll_result_email(&wording, name, poll, results, footer)
                }
                PeopleEmail::Minutes { .. } => replies::minutes_email(&wording, name, &day, footer),
            };
            self.queue_to(tx, room, &to, texts, printable.clone(), now)
                .await?;
        }
        Ok(())
    }

    async fn queue_to(
        &self,
        tx: &mut Transaction,
        room: &RoomId,
        addressee: &Addressee,
        texts: EmailTexts,
        printable: Option<Printable>,
        now: DateTime<Utc>,
    ) -> Result<(), ServiceError> {
        let email = NewEmail {
            to: addressee.to,
            subject: texts.subject,
            text: texts.text,
            html: texts.html,
            attachment: None,
            printable,
            unsubscribe_url: addressee.unsubscribe.clone(),
            coalesce: None,
            reply_to: None,
        };
        tx.queue_email(room, &email, now).await?;
        Ok(())
    }

    /// The one-click unsubscribe of a personal link (from the e-mail's `List-Unsubscribe`, or
    /// the page its text links to): nothing more goes to that person, and the room is told
    /// once. `None` for a token of nobody (looked up by its hash).
    pub async fn unsubscribe(
        &self,
        token: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<Unsubscribed>, ServiceError> {
        let Some((holder, _)) = self
            .store
            .subscriber_of_token(&TokenHash::of(token))
            .await?
        else {
            return Ok(None);
        };
        let mut tx = self.store.begin_write().await?;
        let (room, person, news) = match holder {
            Subscriber::Person(id) => match tx.unsubscribe(id, now).await? {
                Some((room, person, news)) => (room, Ok(person), news),
                None => return Ok(None),
            },
            Subscriber::Guest(id) => match tx.unsubscribe_guest(id).await? {
                Some((room, name, news)) => (room, Err(name), news),
                None => return Ok(None),
            },
        };
        let language = self.room_language(&mut tx, &room).await?;
        let wording = self.wording(language);
        let (name, notice) = match person {
            Ok(person) => {
                let notice = replies::email_unsubscribed(&wording, &person);
                (person.name, notice)
            }
            Err(guest) => {
                let notice = replies::guest_unsubscribed(&wording, &guest);
                (guest, notice)
            }
        };
        if news {
            tx.queue_message(NewMessage::notice(&room, None, notice), now)
                .await?;
        }
        tx.commit().await?;
        if news {
            tracing::info!(%room, ?holder, "unsubscribed from e-mail");
            self.wakeups.queued();
        }
        Ok(Some(Unsubscribed { language, name }))
    }
}

/// What goes to the people known by e-mail beyond the meetings' e-mails.
#[derive(Clone, Copy)]
pub(super) enum PeopleEmail<'a> {
    /// Dates proposed, with each person's link to answer.
    Proposal(&'a [DateTime<Utc>]),
    /// A new poll, with the link.
    Poll(&'a Poll),
    /// A closed poll's result.
    PollResult(&'a Poll, &'a PollResults),
    /// The adopted procès-verbal, its PDF attached.
    Minutes {
        meeting: &'a Meeting,
        printable: &'a Printable,
    },
}

/// Someone an e-mail goes to, with their own links (`None` without the web page).
pub(super) struct Addressee {
    pub(super) to: Recipient,
    pub(super) name: String,
    /// Their personal page, to answer dates and polls.
    pub(super) link: Option<String>,
    pub(super) unsubscribe: Option<String>,
}

/// Who unsubscribed, for the page that says it is done.
#[derive(Debug, Clone)]
pub struct Unsubscribed {
    pub language: Language,
    pub name: String,
}
