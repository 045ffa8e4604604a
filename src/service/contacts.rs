//! `!contact` / `!contacts`: the group's address book, read by anyone in the room, changed or
//! removed by the association that added a contact (or a moderator). The rules are
//! [`crate::domain::contact`]'s. Its dates (added, confirmed, to check) are all the bot's
//! clock's, so that "to check" and "confirmed today" always agree.

use super::{Chat, Handled, Request, Service};
use crate::command::{ContactCommand, Usage};
use crate::domain::contact::{Contact, read_contact};
use crate::domain::permissions::Act;
use crate::domain::record::Owner;
use crate::replies;

impl<C: Chat> Service<C> {
    pub(super) async fn contact(
        &self,
        request: &mut Request<'_>,
        command: ContactCommand,
    ) -> Handled {
        match command {
            ContactCommand::Search { words } => self.contact_search(request, words).await,
            ContactCommand::Show { number } => self.contact_show(request, number).await,
            ContactCommand::Add { text } => self.contact_add(request, &text).await,
            ContactCommand::Change { number, text } => {
                self.contact_change(request, number, &text).await
            }
            ContactCommand::Remove { number } => self.contact_remove(request, number).await,
            ContactCommand::Confirm { number } => self.contact_confirm(request, number).await,
        }
    }

    /// Whether `contact` is "to check" by the bot's clock.
    fn to_check(&self, request: &Request<'_>, contact: &Contact) -> bool {
        contact.to_check(request.now, self.settings.contacts_confirm_after_days)
    }

    /// `!contacts [words]`.
    async fn contact_search(&self, request: &mut Request<'_>, words: Option<String>) -> Handled {
        let wording = &self.wording(request.language);
        let room = request.room().clone();
        let contacts = request.tx.contacts(&room).await?;
        let found: Vec<(&Contact, bool)> = contacts
            .iter()
            .filter(|contact| words.as_deref().is_none_or(|words| contact.matches(words)))
            .map(|contact| (contact, self.to_check(request, contact)))
            .collect();
        request.say(replies::contact_list(wording, &found, words.as_deref()))
    }

    /// `!contact <n>`: in full.
    async fn contact_show(&self, request: &mut Request<'_>, number: usize) -> Handled {
        let wording = &self.wording(request.language);
        let room = request.room().clone();
        let Some(contact) = request.tx.contact(&room, number).await? else {
            return request.say(replies::contact_missing(wording, number));
        };
        let names = self.member_names(&room).await;
        let to_check = self.to_check(request, &contact);
        request.say(replies::contact_detail(wording, &contact, to_check, &names))
    }

    /// `!contact add <organisation> — <name>, <role> …`: the author's association is kept.
    async fn contact_add(&self, request: &mut Request<'_>, text: &str) -> Handled {
        let wording = &self.wording(request.language);
        let room = request.room().clone();
        let fields = match read_contact(text) {
            Ok(fields) => fields,
            Err(problem) => {
                return request.say(replies::contact_problem(
                    wording,
                    &problem,
                    Usage::ContactAdd,
                ));
            }
        };
        let sender = request.sender().clone();
        let association = request.tx.association_members(&room).await?.remove(&sender);
        let number = request
            .tx
            .add_contact(&room, &fields, &sender, association.as_deref(), request.now)
            .await?;
        tracing::info!(%room, number, "contact added");
        let contact = Contact {
            number,
            fields,
            added_by: sender,
            added_by_association: association,
            added_at: request.now,
            confirmed_at: request.now,
        };
        request.say(replies::contact_saved(
            wording,
            "contact-added-done",
            &contact,
        ))
    }

    /// Contact n° `number`, if the sender may change it: else the reply that says why not.
    async fn contact_to_change(
        &self,
        request: &mut Request<'_>,
        number: usize,
    ) -> Result<Result<Contact, String>, super::error::ServiceError> {
        let wording = &self.wording(request.language);
        let room = request.room().clone();
        let Some(contact) = request.tx.contact(&room, number).await? else {
            return Ok(Err(replies::contact_missing(wording, number)));
        };
        let (owner, owner_name) = match &contact.added_by_association {
            Some(association) => (
                Owner::Association(association.clone()),
                crate::i18n::escape_markdown(association),
            ),
            None => (
                Owner::Member(contact.added_by.clone()),
                self.name_of(&room, &contact.added_by).await,
            ),
        };
        if let Some(refusal) = self
            .refusal(request, Act::ChangeContact { number }, Some(&owner))
            .await?
        {
            return Ok(Err(replies::refused(wording, &refusal, &owner_name)));
        }
        Ok(Ok(contact))
    }

    /// `!contact edit <n> …`: its whole text again; changing it confirms it.
    async fn contact_change(
        &self,
        request: &mut Request<'_>,
        number: usize,
        text: &str,
    ) -> Handled {
        let wording = &self.wording(request.language);
        let room = request.room().clone();
        let mut contact = match self.contact_to_change(request, number).await? {
            Ok(contact) => contact,
            Err(reply) => return request.say(reply),
        };
        contact.fields = match read_contact(text) {
            Ok(fields) => fields,
            Err(problem) => {
                return request.say(replies::contact_problem(
                    wording,
                    &problem,
                    Usage::ContactChange,
                ));
            }
        };
        contact.confirmed_at = request.now;
        request
            .tx
            .change_contact(&room, number, &contact.fields, request.now)
            .await?;
        tracing::info!(%room, number, "contact changed");
        request.say(replies::contact_saved(wording, "contact-changed", &contact))
    }

    /// `!contact remove <n>`: deleted.
    async fn contact_remove(&self, request: &mut Request<'_>, number: usize) -> Handled {
        let wording = &self.wording(request.language);
        let room = request.room().clone();
        let contact = match self.contact_to_change(request, number).await? {
            Ok(contact) => contact,
            Err(reply) => return request.say(reply),
        };
        request.tx.remove_contact(&room, number).await?;
        tracing::info!(%room, number, "contact removed");
        request.say(replies::contact_removed(wording, &contact))
    }

    /// `!contact confirm <n>`: still right as of today (any member may say so).
    async fn contact_confirm(&self, request: &mut Request<'_>, number: usize) -> Handled {
        let wording = &self.wording(request.language);
        let room = request.room().clone();
        let Some(mut contact) = request.tx.contact(&room, number).await? else {
            return request.say(replies::contact_missing(wording, number));
        };
        request
            .tx
            .confirm_contact(&room, number, request.now)
            .await?;
        contact.confirmed_at = request.now;
        request.say(replies::contact_saved(
            wording,
            "contact-confirmed-done",
            &contact,
        ))
    }
}
