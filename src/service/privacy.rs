//! `!confidentialité` / `!privacy`, and the privacy footer every e-mail carries: the notice,
//! filled from the settings in force and the room's associations.

use super::{Chat, Handled, Request, Service, ServiceError};
use crate::domain::RoomId;
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
}
