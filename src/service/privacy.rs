//! A person's data: `!confidentialité` / `!privacy` and the privacy footer every e-mail
//! carries (the notice, filled from the settings in force and the room's associations);
//! `!mes-données` / `!my-data`, the copy sent to the member alone.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::{Chat, Handled, Request, Service, ServiceError};
use crate::domain::messages::{Content, NewMessage, direct_to};
use crate::domain::subject::SubjectData;
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
    /// room (encrypted) as Markdown and JSON; the room is told where it went.
    pub(super) async fn my_data(&self, request: &mut Request<'_>) -> Handled {
        let wording = &self.wording(request.language);
        let person = request.sender().clone();
        let data = request.tx.data_about(&person).await?;
        let mut messages = request.say(replies::subject_sent(wording))?;
        messages.extend(
            self.subject_copy(wording, &person, &data, request.now)
                .await,
        );
        tracing::info!(room = %request.room(), "a member's data sent to them");
        Ok(messages)
    }

    /// The copy of `data` for `person`, in the direct room: a word, the Markdown, the JSON.
    async fn subject_copy(
        &self,
        wording: &Wording<'_>,
        person: &UserId,
        data: &SubjectData,
        now: DateTime<Utc>,
    ) -> Vec<NewMessage> {
        let mut names = HashMap::new();
        for room in data.rooms() {
            if let Some(name) = self.chat.room_name(&room).await {
                names.insert(room, name);
            }
        }
        let markdown = replies::subject_document(wording, data, &names, now);
        let direct = direct_to(person);
        let day = now.format("%Y-%m-%d");
        let file = |name: String, mime: &str, data: Vec<u8>| NewMessage {
            content: Content::File {
                name,
                mime: mime.to_owned(),
                data,
            },
            ..NewMessage::notice(&direct, None, String::new())
        };
        vec![
            NewMessage::notice(
                &direct,
                None,
                replies::subject_intro(wording, data.is_empty()),
            ),
            file(
                format!("{}-{day}.md", wording.get("subject-file")),
                "text/markdown; charset=utf-8",
                markdown.into_bytes(),
            ),
            file(
                format!("{}-{day}.json", wording.get("subject-file")),
                "application/json",
                data.to_json().into_bytes(),
            ),
        ]
    }
}
