//! `/r/<personal token>`: the page of someone known by e-mail, where they answer the room's
//! open date proposal (a checkbox per date) and its open polls (one choice each) without an
//! account and without JavaScript. GET shows it; each question is a POST form carrying the
//! person's form token (tied to their link, renewed with it), taken by the service
//! ([`crate::service::Service::answer_by_link`]), then back here (303) with "saved". No
//! cookie. A wrong or revoked token gets the plain 404 of every unknown path.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};

use super::{
    WebState, html as page, not_found_response, personal_frame, room_language, room_title,
    server_error,
};
use crate::domain::RoomId;
use crate::domain::email::EmailPerson;
use crate::domain::personal::{BALLOT_FIELD, FORM_TOKEN_FIELD, IF_NEED_BE_FIELD, OPTION_FIELD};
use crate::domain::tokens::{LinkPurpose, TokenHash};
use crate::service::{LinkOutcome, OpenQuestion, open_questions};
use crate::storage::Transaction;

#[derive(serde::Deserialize)]
pub struct Shown {
    saved: Option<String>,
}

/// GET: the open questions, each with the person's current answer.
pub async fn show(
    State(state): State<Arc<WebState>>,
    Path(token): Path<String>,
    Query(shown): Query<Shown>,
) -> Response {
    match render(&state, &token, shown.saved.is_some()).await {
        Ok(Some(markup)) => page(markup),
        Ok(None) => not_found_response(),
        Err(response) => response,
    }
}

/// The person known by e-mail whose personal link this token is, if anyone's: their row,
/// their room, their entry, and the read transaction that found them.
pub(super) async fn person_of_token(
    state: &WebState,
    token: &str,
) -> Result<Option<(i64, RoomId, EmailPerson, Transaction)>, Response> {
    let found = state
        .store
        .email_person_of_token(&TokenHash::of(token))
        .await
        .map_err(server_error)?;
    let Some(id) = found else {
        return Ok(None);
    };
    let mut tx = state.store.begin().await.map_err(server_error)?;
    Ok(tx
        .email_person(id)
        .await
        .map_err(server_error)?
        .map(|(room, person)| (id, room, person, tx)))
}

async fn render(state: &WebState, token: &str, saved: bool) -> Result<Option<Markup>, Response> {
    let Some((_, room, person, mut tx)) = person_of_token(state, token).await? else {
        return Ok(None);
    };
    let now = state.clock.now();
    let questions = open_questions(&mut tx, &room, &person.voter(), now)
        .await
        .map_err(server_error)?;
    drop(tx);
    let language = room_language(state, &room).await?;
    let group = room_title(state, &room, language).await?;
    let text = |id: &str| state.texts.get(language, id);
    let title = state
        .texts
        .format(language, "web-personal-title", &[("group", group.into())]);
    let form_token = state.links.token(LinkPurpose::Form, &person.link.nonce);
    let form_token = form_token.as_str();
    let unsubscribe = state
        .links
        .token(LinkPurpose::Unsubscribe, &person.unsubscribe_link.nonce);
    let wording = crate::replies::Wording::new(&state.texts, language, state.time_zone);
    let when = |at| wording.date_time(at);
    let body = html! {
        p { (state.texts.format(language, "web-personal-hello", &[
            ("name", person.name.clone().into()),
            ("association", person.association.clone().into()),
        ])) }
        @if saved {
            p role="status" { strong { (text("web-personal-saved")) } }
        }
        @if questions.is_empty() {
            p { (text("web-personal-nothing")) }
        }
        @for question in &questions {
            @match question {
                OpenQuestion::Dates { ballot, dates, chosen, if_need_be, answered } => {
                    section aria-labelledby={ "q" (ballot) } {
                        h2 id={ "q" (ballot) } { (text("web-personal-dates-title")) }
                        form method="post" {
                            input type="hidden" name=(BALLOT_FIELD) value=(ballot);
                            input type="hidden" name=(FORM_TOKEN_FIELD) value=(form_token);
                            fieldset {
                                legend { (text("web-personal-dates-legend")) }
                                @for (index, date) in dates.iter().enumerate() {
                                    @let number = index + 1;
                                    @let id = format!("b{ballot}o{number}");
                                    @let maybe_id = format!("b{ballot}m{number}");
                                    div {
                                        input type="checkbox" id=(id) name=(OPTION_FIELD) value=(number) checked[chosen.contains(&number)];
                                        " "
                                        label id={ (id) "l" } for=(id) { (when(*date)) }
                                        " — "
                                        // The third choice: this date only if need be.
                                        input type="checkbox" id=(maybe_id) name=(IF_NEED_BE_FIELD) value=(number) aria-describedby={ (id) "l" } checked[if_need_be.contains(&number)];
                                        " "
                                        label for=(maybe_id) { (text("web-personal-if-need-be")) }
                                    }
                                }
                            }
                            @if *answered && chosen.is_empty() && if_need_be.is_empty() {
                                p.meta { (text("web-personal-dates-none")) }
                            }
                            button type="submit" { (text("web-personal-dates-button")) }
                        }
                    }
                }
                OpenQuestion::Poll { ballot, number, question, options, chosen, closes_at } => {
                    section aria-labelledby={ "q" (ballot) } {
                        h2 id={ "q" (ballot) } {
                            (state.texts.format(language, "web-personal-poll-title", &[("number", (*number).into())]))
                        }
                        form method="post" {
                            input type="hidden" name=(BALLOT_FIELD) value=(ballot);
                            input type="hidden" name=(FORM_TOKEN_FIELD) value=(form_token);
                            fieldset {
                                legend { (question) }
                                @for (index, option) in options.iter().enumerate() {
                                    @let choice = index + 1;
                                    @let id = format!("b{ballot}o{choice}");
                                    div {
                                        input type="radio" id=(id) name=(OPTION_FIELD) value=(choice) required checked[*chosen == Some(choice)];
                                        " "
                                        label for=(id) { (option) }
                                    }
                                }
                            }
                            @if let Some(deadline) = closes_at {
                                p.meta { (state.texts.format(language, "web-personal-poll-deadline", &[("date", when(*deadline).into())])) }
                            }
                            button type="submit" { (text("web-personal-poll-button")) }
                        }
                    }
                }
            }
        }
        p.meta { a href={ "/r/" (token) "/donnees" } { (text("web-data-link")) } }
        p.meta { a href={ "/u/" (unsubscribe.as_str()) } { (text("web-personal-unsubscribe")) } }
    };
    Ok(Some(personal_frame(language, &title, body)))
}

/// POST: one question's answer, taken by the service.
pub async fn answer(
    State(state): State<Arc<WebState>>,
    Path(token): Path<String>,
    form: String,
) -> Response {
    let Some(links) = &state.personal else {
        return not_found_response();
    };
    let answered = match links.answer(token.clone(), form, state.clock.now()).await {
        Ok(Some(answered)) => answered,
        Ok(None) => return not_found_response(),
        Err(error) => return server_error(error),
    };
    let language = answered.language;
    let (status, id) = match answered.outcome {
        LinkOutcome::Saved => {
            return (
                StatusCode::SEE_OTHER,
                [(header::LOCATION, format!("/r/{token}?saved=1"))],
            )
                .into_response();
        }
        LinkOutcome::StaleForm => (StatusCode::FORBIDDEN, "web-personal-stale"),
        LinkOutcome::Closed => (StatusCode::CONFLICT, "web-personal-closed"),
        LinkOutcome::Invalid(_) => (StatusCode::BAD_REQUEST, "web-personal-invalid"),
    };
    let title = state.texts.get(language, "web-personal-refused-title");
    let body = html! {
        p { (state.texts.get(language, id)) }
        p { a href={ "/r/" (token) } { (state.texts.get(language, "web-personal-back")) } }
    };
    (status, page(personal_frame(language, &title, body))).into_response()
}
