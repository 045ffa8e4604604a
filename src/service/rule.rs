//! `!règle` / `!rule`: the room's rule for a joint position ([`crate::domain::position`]),
//! shown to anyone, set by a moderator.

use super::reading::member_associations;
use super::{Chat, Handled, Request, Service};
use crate::domain::permissions::Act;
use crate::domain::position::JointRule;
use crate::replies;

impl<C: Chat> Service<C> {
    /// `!rule` shows it; `!rule consent`, `!rule majority 3` set it.
    pub(super) async fn rule(&self, request: &mut Request<'_>, rule: Option<JointRule>) -> Handled {
        let wording = &self.wording(request.language);
        let room = request.room().clone();
        let Some(rule) = rule else {
            let current = request.tx.joint_rule(&room).await?;
            return request.say(replies::rule_current(wording, current));
        };
        if let Some(refusal) = self.refusal(request, Act::SetRule, None).await? {
            return request.say(replies::refused(wording, &refusal, ""));
        }
        if let JointRule::Majority(needed) = rule {
            let count = member_associations(request.tx, &room).await?.len();
            if needed > count {
                return request.say(replies::rule_majority_too_high(wording, needed, count));
            }
        }
        request.tx.set_joint_rule(&room, rule).await?;
        tracing::info!(%room, rule = %rule.code(), "joint rule set");
        request.say(replies::rule_changed(wording, rule))
    }
}
