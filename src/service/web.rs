//! `!page`: the link to the group's private web page, and its replacement.

use super::error::ServiceError;
use super::{Chat, Request, Service};
use crate::domain::messages::NewMessage;
use crate::domain::permissions::Act;
use crate::replies;

/// Random bytes in a link token: 256 bits, far beyond guessing.
const TOKEN_BYTES: usize = 32;

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
        let token = match request.tx.web_token(&room).await? {
            Some(token) if !new_link => token,
            _ => {
                let token = new_token()?;
                request.tx.set_web_token(&room, &token).await?;
                token
            }
        };
        let page = format!("{}/{token}/", base.trim_end_matches('/'));
        request.say(replies::page_link(wording, &page, new_link))
    }
}

/// A fresh unguessable token, in hexadecimal.
pub(super) fn new_token() -> Result<String, ServiceError> {
    let mut bytes = [0u8; TOKEN_BYTES];
    getrandom::fill(&mut bytes).map_err(|error| ServiceError::Randomness(error.to_string()))?;
    Ok(bytes.iter().map(|byte| format!("{byte:02x}")).collect())
}
