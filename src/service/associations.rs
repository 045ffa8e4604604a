//! The room's associations: who belongs to which (`!association`).

use super::reading::known_associations;
use super::{Chat, Handled, Request, Service};
use crate::command::AssociationCommand;
use crate::domain::UserId;
use crate::domain::association::canonical;
use crate::domain::permissions::Act;
use crate::replies;

impl<C: Chat> Service<C> {
    /// `!association…`: each form to its handler below.
    pub(super) async fn association(
        &self,
        request: &mut Request<'_>,
        command: AssociationCommand,
    ) -> Handled {
        match command {
            AssociationCommand::List => self.association_list(request).await,
            AssociationCommand::Set { user, association } => {
                self.association_set(request, user, association).await
            }
        }
    }

    /// `!associations`: the members by association, and the guests.
    pub(super) async fn association_list(&self, request: &mut Request<'_>) -> Handled {
        let room = request.room().clone();
        let known = known_associations(request.tx, &room).await?;
        let membership = request.tx.association_members(&room).await?;
        let members = self.members(&room).await;
        request.say(replies::association_list(
            &self.wording(request.language),
            &known,
            &membership,
            &members,
        ))
    }

    /// `!association set @member:server <association|none>`: moderators only.
    pub(super) async fn association_set(
        &self,
        request: &mut Request<'_>,
        user: String,
        association: Option<String>,
    ) -> Handled {
        let wording = &self.wording(request.language);
        let room = request.room().clone();
        if let Some(refusal) = self.refusal(request, Act::LinkMember, None).await? {
            return request.say(replies::refused(wording, &refusal, ""));
        }
        let user = UserId::new(user);
        let name = self.name_of(&room, &user).await;
        let association = match association {
            Some(typed) => {
                let known = known_associations(request.tx, &room).await?;
                Some(canonical(&known, &typed).unwrap_or(typed))
            }
            None => None,
        };
        request
            .tx
            .set_association(&room, &user, association.as_deref())
            .await?;
        request.say(replies::association_set(
            wording,
            &name,
            association.as_deref(),
        ))
    }
}
