//! `!help`, `!language`, and the bot's arrival in a room and its departure.

use chrono::{DateTime, Utc};

use super::{Chat, Request, Service, ServiceError};
use crate::command;
use crate::domain::messages::NewMessage;
use crate::domain::{Language, RoomId};
use crate::replies;

impl<C: Chat> Service<C> {
    /// `!help [topic]`.
    pub(super) fn help(
        &self,
        request: &Request<'_>,
        topic: Option<command::Topic>,
    ) -> Result<Vec<NewMessage>, ServiceError> {
        let wording = &self.wording(request.language);
        request.say(match topic {
            None => replies::help_overview(wording),
            Some(topic) => replies::help_topic(wording, topic),
        })
    }

    /// `!language [fr|en]`.
    pub(super) async fn language(
        &self,
        request: &mut Request<'_>,
        choice: Option<Language>,
    ) -> Result<Vec<NewMessage>, ServiceError> {
        let Some(chosen) = choice else {
            return request.say(replies::language_current(&self.wording(request.language)));
        };
        let room = request.room().clone();
        request.tx.set_room_language(&room, chosen).await?;
        request.say(replies::language_changed(&self.wording(chosen)))
    }

    /// The bot has just joined `room`: greets it, once in the room's life.
    pub async fn on_joined(&self, room: &RoomId, now: DateTime<Utc>) -> Result<(), ServiceError> {
        let mut tx = self.store.begin().await?;
        tx.mark_room_present(room).await?;
        if !tx.mark_welcomed(room, now).await? {
            tx.commit().await?;
            return Ok(());
        }
        let language = self.room_language(&mut tx, room).await?;
        let welcome = NewMessage::notice(room, None, replies::welcome(&self.wording(language)));
        self.finish(tx, [welcome], now).await
    }

    /// The bot left the room or was removed from it: the record is kept; the room's page and
    /// links stop working and nothing more is e-mailed for it.
    pub async fn on_left(&self, room: &RoomId, now: DateTime<Utc>) -> Result<(), ServiceError> {
        let mut tx = self.store.begin().await?;
        if tx.mark_room_left(room, now).await? {
            tracing::info!(%room, "the bot is no longer in the room: its page, links and e-mails stop");
        }
        tx.commit().await?;
        Ok(())
    }
}
