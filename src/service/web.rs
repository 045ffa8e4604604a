//! `!page`: the link to the group's private web page, and its replacement.

use super::error::ServiceError;
use super::{Chat, Request, Service};
use crate::domain::messages::NewMessage;
use crate::domain::permissions::Act;
use crate::domain::tokens::LinkPurpose;
use crate::replies;

impl<C: Chat> Service<C> {
    /// `!page` / `!page new-link` (moderators).
    pub(super) async fn page(
        &self,
        request: &mut Request<'_>,
        new_link: bool,
    ) -> Result<Vec<NewMessage>, ServiceError> {
        let wording = &self.wording(request.language);
        let Some(base) = &self.settings.web_url else {
            return request.say(replies::page_disabled(wording));
        };
        let room = request.room().clone();
        if new_link && let Some(refusal) = self.refusal(request, Act::ReplaceLink, None).await? {
            return request.say(replies::refused(wording, &refusal, ""));
        }
        let nonce = match request.tx.web_link(&room).await? {
            Some(nonce) if !new_link => nonce,
            _ => {
                let link = self.fresh_link(LinkPurpose::Page)?;
                request.tx.set_web_link(&room, &link).await?;
                link.nonce
            }
        };
        let token = self.token(LinkPurpose::Page, &nonce);
        let page = format!("{}/{}/", base.trim_end_matches('/'), token.as_str());
        request.say(replies::page_link(wording, &page, new_link))
    }
}
