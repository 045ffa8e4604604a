//! `/r/<personal token>/donnees`: what Concerto keeps about a person known by e-mail (RGPD
//! art. 15), readable and as JSON (`/donnees.json`); `/r/<token>/oublier`: their erasure
//! (art. 17), asked with a page and a confirmation box, done by the service
//! ([`crate::service::Service::forget_by_link`]). The token in the path is the only secret.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use maud::html;

use super::{
    WebState, html as page, not_found_response, personal_frame, room_language, server_error,
};
use crate::domain::subject::SubjectData;
use crate::domain::{Language, RoomId};

/// The form field that confirms an erasure.
const CONFIRM_FIELD: &str = "confirmer";

/// The person's data, their room's name and its language; `None`: nobody's token.
async fn data_of(
    state: &WebState,
    token: &str,
) -> Result<Option<(SubjectData, HashMap<RoomId, String>, Language)>, Response> {
    let Some((id, room, _, mut tx)) = super::personal::person_of_token(state, token).await? else {
        return Ok(None);
    };
    let data = tx.data_about_email_person(id).await.map_err(server_error)?;
    drop(tx);
    let language = room_language(state, &room).await?;
    let mut names = HashMap::new();
    if let Some(name) = (state.room_names)(&room) {
        names.insert(room, name);
    }
    Ok(Some((data, names, language)))
}

/// GET `/r/<token>/donnees`: the copy, readable, with its JSON and the way to erase it.
pub async fn show(State(state): State<Arc<WebState>>, Path(token): Path<String>) -> Response {
    let (data, names, language) = match data_of(&state, &token).await {
        Ok(Some(found)) => found,
        Ok(None) => return not_found_response(),
        Err(response) => return response,
    };
    let wording = crate::replies::Wording::new(&state.texts, language, state.time_zone);
    let copy = crate::replies::subject_document(&wording, &data, &names, state.clock.now());
    let text = |id: &str| state.texts.get(language, id);
    page(personal_frame(
        language,
        &text("web-data-title"),
        html! {
            p {
                (text("web-data-intro")) " "
                a href={ "/r/" (token) "/donnees.json" } download { (text("web-data-json")) }
            }
            pre.copy { (copy) }
            h2 { (text("web-forget-title")) }
            p { (text("web-forget-ask")) }
            form method="post" action={ "/r/" (token) "/oublier" } {
                div {
                    input type="checkbox" id="confirm" name=(CONFIRM_FIELD) value="oui" required;
                    " "
                    label for="confirm" { (text("web-forget-confirm")) }
                }
                button type="submit" { (text("web-forget-button")) }
            }
            p.meta { a href={ "/r/" (token) } { (text("web-personal-back")) } }
        },
    ))
}

/// GET `/r/<token>/donnees.json`.
pub async fn json(State(state): State<Arc<WebState>>, Path(token): Path<String>) -> Response {
    match data_of(&state, &token).await {
        Ok(Some((data, _, _))) => (
            [
                (header::CONTENT_TYPE, "application/json"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"mes-donnees.json\"",
                ),
            ],
            data.to_json(),
        )
            .into_response(),
        Ok(None) => not_found_response(),
        Err(response) => response,
    }
}

/// POST `/r/<token>/oublier`: erased, once the box is ticked.
pub async fn forget(
    State(state): State<Arc<WebState>>,
    Path(token): Path<String>,
    form: String,
) -> Response {
    let Some(links) = &state.personal else {
        return not_found_response();
    };
    let confirmed = form_urlencoded::parse(form.as_bytes())
        .any(|(key, value)| key == CONFIRM_FIELD && value == "oui");
    if !confirmed {
        let language = match data_of(&state, &token).await {
            Ok(Some((_, _, language))) => language,
            Ok(None) => return not_found_response(),
            Err(response) => return response,
        };
        let text = |id: &str| state.texts.get(language, id);
        let body = html! {
            p { (text("web-forget-unconfirmed")) }
            p { a href={ "/r/" (token) "/donnees" } { (text("web-personal-back")) } }
        };
        return (
            StatusCode::BAD_REQUEST,
            page(personal_frame(language, &text("web-forget-title"), body)),
        )
            .into_response();
    }
    match links.forget(token, state.clock.now()).await {
        Ok(Some(erased)) => {
            let text = |id: &str| state.texts.get(erased.language, id);
            page(personal_frame(
                erased.language,
                &text("web-forget-title"),
                html! { p role="status" { (text("web-forget-done")) } },
            ))
        }
        Ok(None) => not_found_response(),
        Err(error) => server_error(error),
    }
}
