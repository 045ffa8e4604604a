//! Who is asking and how to answer them: the room's language, the one permission check, the
//! flood limit, the wording, and members' names (cleaned of control characters).

use chrono::{DateTime, Utc};

use super::{Chat, Request, Service, ServiceError};
use crate::domain::limits::Verdict;
use crate::domain::permissions::{self, Act, Actor, Refusal};
use crate::domain::record::Owner;
use crate::domain::text::clean_member_line;
use crate::domain::{Language, RoomId, UserId};
use crate::replies;
use crate::storage::Transaction;

impl<C: Chat> Service<C> {
    pub(super) async fn room_language(
        &self,
        tx: &mut Transaction,
        room: &RoomId,
    ) -> Result<Language, ServiceError> {
        Ok(tx
            .room_language(room)
            .await?
            .unwrap_or(self.settings.default_language))
    }

    /// The one permission check of every handler (the policy and its table are in
    /// [`crate::domain::permissions`]): `Some(refusal)` when the sender may not do `act` on
    /// what `owner` started.
    pub(super) async fn refusal(
        &self,
        request: &mut Request<'_>,
        act: Act,
        owner: Option<&Owner>,
    ) -> Result<Option<Refusal>, ServiceError> {
        let room = request.room().clone();
        let sender = request.sender().clone();
        let association = match owner {
            Some(Owner::Association(_)) => {
                request.tx.association_members(&room).await?.remove(&sender)
            }
            _ => None,
        };
        let mut actor = Actor {
            user: &sender,
            power_level: 0,
            association: association.as_deref(),
        };
        // The owner needs no power level: the room's state is asked only when it matters, as
        // before the policy had one place.
        if permissions::check(&actor, act, owner).is_ok() {
            return Ok(None);
        }
        actor.power_level = self.chat.power_level(&room, &sender).await;
        Ok(permissions::check(&actor, act, owner).err())
    }

    /// Whether a member's command (or edit of one), received `now`, is answered: a flood is
    /// slowed down. Counted by the bot's own clock: a server's timestamp can be anything.
    pub(super) fn flood_verdict(
        &self,
        room: &RoomId,
        sender: &UserId,
        now: DateTime<Utc>,
    ) -> Verdict {
        match self.limiter.lock() {
            Ok(mut limiter) => limiter.check(room, sender, now),
            Err(_) => Verdict::Answer,
        }
    }

    /// How replies are worded in a room of this `language`.
    pub(super) fn wording(&self, language: Language) -> replies::Wording<'_> {
        replies::Wording::new(&self.texts, language, self.settings.time_zone)
    }

    /// A member's display name (Markdown-safe), else their user id.
    /// The member's display name (else their id), safe in Markdown.
    pub(super) async fn name_of(&self, room: &RoomId, user: &UserId) -> String {
        crate::i18n::escape_markdown(&self.plain_name_of(room, user).await)
    }

    /// The member's display name (else their id) as it is, for plain text.
    pub(super) async fn plain_name_of(&self, room: &RoomId, user: &UserId) -> String {
        self.display_name(room, user)
            .await
            .unwrap_or_else(|| user.to_string())
    }

    /// The member's display name, if they have one. A display name is anybody's text: no
    /// control character goes on from it, into the record or anything the bot writes.
    pub(super) async fn display_name(&self, room: &RoomId, user: &UserId) -> Option<String> {
        let name = self.chat.display_name(room, user).await?;
        Some(clean_member_line(&name))
    }

    /// The room's members with their display names (cleaned as [`Self::display_name`]).
    pub(super) async fn members(&self, room: &RoomId) -> Vec<(UserId, Option<String>)> {
        let mut members = self.chat.members(room).await;
        for (_, name) in &mut members {
            if let Some(name) = name.as_mut() {
                *name = clean_member_line(name);
            }
        }
        members
    }
}
