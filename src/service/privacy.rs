//! A person's data: `!confidentialité` / `!privacy` and the privacy footer every e-mail
//! carries (the notice, filled from the settings in force and the room's associations);
//! `!mes-données` / `!my-data`, the copy sent to the member alone.

use std::collections::HashMap;

use super::{Chat, Handled, Request, Service, ServiceError};
use crate::domain::messages::{Content, CopyPart, NewMessage, SubjectCopy, direct_to};
use crate::domain::{RoomId, UserId};
use crate::replies::{self, Wording};
use crate::storage::Transaction;

impl<C: Chat> Service<C> {
    /// `!privacy`: who processes, why, what is kept for how long, the rights, whom to ask.
    pub(super) async fn privacy(&self, request: &mut Request<'_>) -> Handled {
        let wording = &self.wording(request.language);
        let room = request.room().clone();
        let controllers = self.controllers(request.tx, &room).await?;
        request.say(replies::privacy_notice(
            wording,
            &self.settings.privacy(),
            &controllers,
        ))
    }

    /// The controllers of `room`'s data: the configured ones, else its associations.
    pub(super) async fn controllers(
        &self,
        tx: &mut Transaction,
        room: &RoomId,
    ) -> Result<Vec<String>, ServiceError> {
        let associations = super::reading::known_associations(tx, room).await?;
        Ok(self.settings.privacy().controllers_of(&associations))
    }

    /// The two lines at the foot of an e-mail about `room`.
    pub(super) async fn privacy_footer(
        &self,
        tx: &mut Transaction,
        room: &RoomId,
        wording: &Wording<'_>,
    ) -> Result<[String; 2], ServiceError> {
        let controllers = self.controllers(tx, room).await?;
        Ok(replies::privacy_footer(
            wording,
            &self.settings.privacy(),
            &controllers,
        ))
    }

    /// `!my-data`: everything the bot keeps about the member, sent to them alone in a direct
    /// room (encrypted) as Markdown and JSON; the room is told where it went. The copy is
    /// written out by the sender just before it goes ([`Service::write_out_copy`]), never
    /// inside this command's transaction; the outbox keeps whose copy it is, not the data.
    pub(super) async fn my_data(&self, request: &mut Request<'_>) -> Handled {
        let wording = &self.wording(request.language);
        let person = request.sender().clone();
        let mut messages = request.say(replies::subject_sent(wording))?;
        let direct = direct_to(&person);
        messages.extend(
            [CopyPart::Word, CopyPart::Markdown, CopyPart::Json].map(|part| NewMessage {
                content: Content::Copy(SubjectCopy {
                    person: person.to_string(),
                    part,
                    language: request.language,
                    asked_at: request.now,
                }),
                ..NewMessage::notice(&direct, None, String::new())
            }),
        );
        tracing::info!(room = %request.room(), "a member's data sent to them");
        Ok(messages)
    }

    /// A part of a member's copy of their data, written out from what the bot keeps now (in a
    /// transaction of its own): the word that comes first, the Markdown file, the JSON file.
    pub async fn write_out_copy(&self, copy: &SubjectCopy) -> Result<Content, ServiceError> {
        let person = UserId::new(copy.person.as_str());
        let wording = &self.wording(copy.language);
        let data = self.store.begin().await?.data_about(&person).await?;
        let day = copy.asked_at.format("%Y-%m-%d");
        let file = |extension: &str, mime: &str, data: String| Content::File {
            name: format!("{}-{day}.{extension}", wording.get("subject-file")),
            mime: mime.to_owned(),
            data: data.into_bytes(),
        };
        Ok(match copy.part {
            CopyPart::Word => Content::Notice {
                markdown: replies::subject_intro(wording, data.is_empty()),
            },
            CopyPart::Markdown => {
                let mut names = HashMap::new();
                for room in data.rooms() {
                    if let Some(name) = self.chat.room_name(&room).await {
                        names.insert(room, name);
                    }
                }
                let markdown = replies::subject_document(wording, &data, &names, copy.asked_at);
                file("md", "text/markdown; charset=utf-8", markdown)
            }
            CopyPart::Json => file("json", "application/json", data.to_json()),
        })
    }
}
