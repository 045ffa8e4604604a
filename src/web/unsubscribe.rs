//! `/u/<personal token>`: unsubscribing from the group's e-mails. GET shows a page with one
//! button (a mail scanner that follows the link changes nothing); POST — the button, or a mail
//! client's one-click unsubscribe (RFC 8058, from the e-mail's `List-Unsubscribe`) — does it,
//! through the service, which tells the room once. No JavaScript, no cookie: the token in the
//! path is the only secret, compared in constant time with every known one.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::response::Response;
use maud::{Markup, html};

use super::{
    WebState, html as page, not_found_response, personal_frame, room_language, server_error,
};
use crate::domain::Language;

/// The language of the room of the person this token belongs to, if it is anyone's.
async fn language_of(state: &WebState, token: &str) -> Result<Option<Language>, Response> {
    let found = state
        .store
        .subscriber_of_token(&crate::domain::tokens::TokenHash::of(token))
        .await
        .map_err(server_error)?;
    let Some((_, room)) = found else {
        return Ok(None);
    };
    Ok(Some(room_language(state, &room).await?))
}

fn layout(state: &WebState, language: Language, body: Markup) -> Markup {
    let title = state.texts.get(language, "web-unsubscribe-title");
    personal_frame(language, &title, body)
}

/// GET: the page with its one button.
pub async fn ask(State(state): State<Arc<WebState>>, Path(token): Path<String>) -> Response {
    let language = match language_of(&state, &token).await {
        Ok(Some(language)) => language,
        Ok(None) => return not_found_response(),
        Err(response) => return response,
    };
    let text = |id: &str| state.texts.get(language, id);
    page(layout(
        &state,
        language,
        html! {
            p { (text("web-unsubscribe-ask")) }
            form method="post" {
                button type="submit" { (text("web-unsubscribe-button")) }
            }
        },
    ))
}

/// POST: done (again, if it was already: the room is told only the first time).
pub async fn confirm(State(state): State<Arc<WebState>>, Path(token): Path<String>) -> Response {
    let Some(links) = &state.personal else {
        return not_found_response();
    };
    match links.unsubscribe(token, state.clock.now()).await {
        Ok(Some(done)) => {
            let text = state.texts.format(
                done.language,
                "web-unsubscribe-done",
                &[("name", done.name.into())],
            );
            page(layout(&state, done.language, html! { p { (text) } }))
        }
        Ok(None) => not_found_response(),
        Err(error) => server_error(error),
    }
}
