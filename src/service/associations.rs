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
            AssociationCommand::Standing { association, guest } => {
                self.association_standing(request, &association, guest)
                    .await
            }
        }
    }

    /// `!association guest <name>` / `!association member <name>`: moderators only; the name
    /// must be one of the room's associations.
    pub(super) async fn association_standing(
        &self,
        request: &mut Request<'_>,
        typed: &str,
        guest: bool,
    ) -> Handled {
        let wording = &self.wording(request.language);
        let room = request.room().clone();
        if let Some(refusal) = self.refusal(request, Act::SetStanding, None).await? {
            return request.say(replies::refused(wording, &refusal, ""));
        }
        let known = known_associations(request.tx, &room).await?;
        let Some(association) = canonical(&known, typed) else {
            return request.say(replies::association_unknown(wording, typed, &known));
        };
        request
            .tx
            .set_guest_association(&room, &association, guest)
            .await?;
        tracing::info!(%room, guest, "an association's standing changed");
        request.say(replies::association_standing(wording, &association, guest))
    }

    /// `!associations`: the members by association, and the guests.
    pub(super) async fn association_list(&self, request: &mut Request<'_>) -> Handled {
        let room = request.room().clone();
        let known = known_associations(request.tx, &room).await?;
        let guests = request.tx.guest_associations(&room).await?;
        let membership = request.tx.association_members(&room).await?;
        let members = self.members(&room).await;
        request.say(replies::association_list(
            &self.wording(request.language),
            (&known, &guests),
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
