//! The group's private web page and calendar feed: an HTTP server on the bot's runtime, off
//! unless configured (`[web]`). Read-only: it opens the database for reading and never writes;
//! the personal links' two writes (an answer, an unsubscribe) are the service's
//! ([`PersonalLinks`]).
//!
//! Private by link: every path starts with the room's unguessable token; a wrong or revoked
//! token gets a plain 404, tokens are compared in constant time and never logged. Pages are
//! rendered on the server (maud escapes every value), need no JavaScript, and go out with a
//! strict Content-Security-Policy and `Referrer-Policy: no-referrer` (the token is in the URL).
//! A slow or hostile client cannot stall the bot: requests time out, carry a small body at
//! most (a form), and only a few are served at once.

mod groups;
mod pages;
mod personal;
mod personal_data;
mod privacy;
pub mod server;
mod trainings;
mod unsubscribe;

use std::collections::HashMap;
use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

use crate::domain::{Language, RoomId, UserId};
use crate::i18n::Texts;
use crate::service::{Chat, Erased, LinkAnswer, Service, Unsubscribed};
use crate::storage::Store;

/// How long one request may take.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
/// Pages are read with GET; the only bodies are the personal page's small forms.
const MAX_BODY: usize = 1024;

const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'self'; img-src 'self'; \
     form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// The room's name as members see it (from the Matrix client's store).
pub type RoomNames = Arc<dyn Fn(&RoomId) -> Option<String> + Send + Sync>;

/// The room's members' display names (from the Matrix client's store).
pub type MemberNames = Arc<
    dyn Fn(&RoomId) -> Pin<Box<dyn Future<Output = HashMap<UserId, String>> + Send>> + Send + Sync,
>;

/// What the pages need.
pub struct WebState {
    pub store: Store,
    pub texts: Arc<Texts>,
    pub default_language: Language,
    pub time_zone: Tz,
    pub room_names: RoomNames,
    pub member_names: MemberNames,
    /// What a personal page's own links (its forms' token, its unsubscribe link) are derived
    /// from.
    pub links: crate::domain::tokens::LinkKey,
    /// Where the present time comes from.
    pub clock: Arc<dyn crate::clock::Clock>,
    /// What the personal links write (unsubscribing, answering), done by the service: the
    /// pages' own store only reads. `None` when e-mail is off.
    pub personal: Option<Arc<dyn PersonalLinks>>,
    /// What the public privacy notice says (the settings in force).
    pub privacy: crate::domain::privacy::Privacy,
    /// Days after which an unconfirmed contact is "to check" (`contacts.confirm_after_days`).
    pub contacts_confirm_after_days: u32,
}

type Writing<T> = Pin<Box<dyn Future<Output = Result<T, String>> + Send>>;

/// The writes of the personal links, each for a token as found in the path (`None`: nobody's).
pub trait PersonalLinks: Send + Sync {
    /// Nothing more is e-mailed to the token's person.
    fn unsubscribe(&self, token: String, now: DateTime<Utc>) -> Writing<Option<Unsubscribed>>;
    /// The answer a personal page's form sent (its body, URL-encoded).
    fn answer(
        &self,
        token: String,
        form: String,
        now: DateTime<Utc>,
    ) -> Writing<Option<LinkAnswer>>;
    /// The token's person asked for their data to be erased.
    fn forget(&self, token: String, now: DateTime<Utc>) -> Writing<Option<Erased>>;
}

impl<C: Chat + 'static> PersonalLinks for Arc<Service<C>> {
    fn unsubscribe(&self, token: String, now: DateTime<Utc>) -> Writing<Option<Unsubscribed>> {
        let service = self.clone();
        Box::pin(async move {
            Service::unsubscribe(&service, &token, now)
                .await
                .map_err(|error| error.to_string())
        })
    }

    fn answer(
        &self,
        token: String,
        form: String,
        now: DateTime<Utc>,
    ) -> Writing<Option<LinkAnswer>> {
        let service = self.clone();
        Box::pin(async move {
            service
                .answer_by_link(&token, &form, now)
                .await
                .map_err(|error| error.to_string())
        })
    }

    fn forget(&self, token: String, now: DateTime<Utc>) -> Writing<Option<Erased>> {
        let service = self.clone();
        Box::pin(async move {
            service
                .forget_by_link(&token, now)
                .await
                .map_err(|error| error.to_string())
        })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error("cannot listen on {address}: {source}")]
    Listen {
        address: SocketAddr,
        source: std::io::Error,
    },
}

/// Serves the pages on `listen` until `shutdown` completes.
pub async fn serve(
    listen: SocketAddr,
    state: Arc<WebState>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), WebError> {
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .map_err(|source| WebError::Listen {
            address: listen,
            source,
        })?;
    tracing::info!(%listen, "web page served");
    server::serve(
        listener,
        router(state),
        server::Limits::default(),
        server::Open::default(),
        shutdown,
    )
    .await;
    Ok(())
}

/// The routes, with the security headers and the limits.
pub fn router(state: Arc<WebState>) -> Router {
    Router::new()
        .route("/style.css", get(style))
        .route("/healthz", get(healthz))
        .route("/confidentialite", get(privacy::french))
        .route("/privacy", get(privacy::english))
        .route("/{token}/", get(home))
        .route("/{token}/decisions", get(decisions))
        .route("/{token}/positions", get(positions))
        .route("/{token}/contacts", get(contacts))
        .route("/{token}/lettres", get(letters))
        .route("/{token}/formations", get(trainings))
        .route("/{token}/groupes", get(groups))
        .route("/{token}/lettres/{file}", get(letter_pdf))
        .route("/{token}/reunions", get(meetings))
        .route("/{token}/reunions.ics", get(feed))
        .route("/{token}/comptes-rendus/{day}", get(minutes))
        .route("/r/{token}", get(personal::show).post(personal::answer))
        .route("/r/{token}/donnees", get(personal_data::show))
        .route("/r/{token}/donnees.json", get(personal_data::json))
        .route(
            "/r/{token}/oublier",
            axum::routing::post(personal_data::forget),
        )
        .route(
            "/u/{token}",
            get(unsubscribe::ask).post(unsubscribe::confirm),
        )
        .fallback(not_found)
        .with_state(state)
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .layer(RequestBodyLimitLayer::new(MAX_BODY))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            REQUEST_TIMEOUT,
        ))
        // A panic in one request is that request's 500, never the server's end (the panic
        // hook logs it without what it quotes).
        .layer(tower_http::catch_panic::CatchPanicLayer::new())
}

fn not_found_response() -> Response {
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "Not found\n",
    )
        .into_response()
}

async fn not_found() -> Response {
    not_found_response()
}

fn server_error(error: impl std::fmt::Display) -> Response {
    tracing::warn!(%error, "web page failed");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "Server error\n",
    )
        .into_response()
}

/// The room a token opens, if any (looked up by the token's hash).
async fn room_of(state: &WebState, token: &str) -> Result<Option<RoomId>, Response> {
    let hash = crate::domain::tokens::TokenHash::of(token);
    state
        .store
        .room_of_page_token(&hash)
        .await
        .map_err(server_error)
}

/// What a page knows of its room.
pub(crate) struct RoomPage {
    pub room: RoomId,
    pub token: String,
    pub name: String,
    pub language: Language,
}

/// The language a room's pages speak: the room's own, else the configured default.
async fn room_language(state: &WebState, room: &RoomId) -> Result<Language, Response> {
    Ok(state
        .store
        .room_language(room)
        .await
        .map_err(server_error)?
        .unwrap_or(state.default_language))
}

async fn open(state: &WebState, token: String) -> Result<RoomPage, Response> {
    let Some(room) = room_of(state, &token).await? else {
        return Err(not_found_response());
    };
    let language = room_language(state, &room).await?;
    let name = room_title(state, &room, language).await?;
    Ok(RoomPage {
        room,
        token,
        name,
        language,
    })
}

/// The room's name as its members see it, else a readable title.
async fn room_title(
    state: &WebState,
    room: &RoomId,
    language: Language,
) -> Result<String, Response> {
    match (state.room_names)(room).filter(|name| !name.trim().is_empty()) {
        Some(name) => Ok(name),
        None => untitled(state, room, language).await,
    }
}

/// A readable title for a room without a name: its associations, or "Concertation".
async fn untitled(state: &WebState, room: &RoomId, language: Language) -> Result<String, Response> {
    let mut tx = state.store.begin().await.map_err(server_error)?;
    let known = crate::service::known_associations(&mut tx, room)
        .await
        .map_err(server_error)?;
    Ok(if known.is_empty() {
        state.texts.get(language, "minutes-pdf-untitled")
    } else {
        known.join(" · ")
    })
}

/// The frame of the personal links' pages (`/r/…`, `/u/…`): the title and the body, without
/// the group page's menu (such a link opens nothing else).
fn personal_frame(language: Language, title: &str, body: maud::Markup) -> maud::Markup {
    maud::html! {
        (maud::DOCTYPE)
        html lang=(language.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="referrer" content="no-referrer";
                title { (title) }
                link rel="stylesheet" href="/style.css";
            }
            body { main { h1 { (title) } (body) } }
        }
    }
}

fn html(markup: maud::Markup) -> Response {
    (
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        markup.into_string(),
    )
        .into_response()
}

/// For a supervisor: 200 while the bot reads the rooms (a sync in the last minute), else 503.
async fn healthz(State(state): State<Arc<WebState>>) -> Response {
    let healthy = matches!(
        state.store.sync_saved_at().await,
        Ok(Some(saved_at)) if state.clock.now() - saved_at <= chrono::Duration::minutes(1)
    );
    let status = if healthy {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        if healthy { "ok\n" } else { "not syncing\n" },
    )
        .into_response()
}

async fn style() -> Response {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        pages::STYLE,
    )
        .into_response()
}

async fn home(State(state): State<Arc<WebState>>, Path(token): Path<String>) -> Response {
    let page = match open(&state, token).await {
        Ok(page) => page,
        Err(response) => return response,
    };
    match pages::home(&state, &page, state.clock.now()).await {
        Ok(markup) => html(markup),
        Err(error) => server_error(error),
    }
}

#[derive(serde::Deserialize)]
struct Search {
    q: Option<String>,
}

async fn decisions(
    State(state): State<Arc<WebState>>,
    Path(token): Path<String>,
    Query(search): Query<Search>,
) -> Response {
    let page = match open(&state, token).await {
        Ok(page) => page,
        Err(response) => return response,
    };
    let words = search.q.filter(|q| !q.trim().is_empty());
    match pages::decisions(&state, &page, words.as_deref()).await {
        Ok(markup) => html(markup),
        Err(error) => server_error(error),
    }
}

async fn contacts(
    State(state): State<Arc<WebState>>,
    Path(token): Path<String>,
    Query(search): Query<Search>,
) -> Response {
    let page = match open(&state, token).await {
        Ok(page) => page,
        Err(response) => return response,
    };
    let words = search.q.filter(|q| !q.trim().is_empty());
    match pages::contacts(&state, &page, words.as_deref(), state.clock.now()).await {
        Ok(markup) => html(markup),
        Err(error) => server_error(error),
    }
}

async fn groups(State(state): State<Arc<WebState>>, Path(token): Path<String>) -> Response {
    let page = match open(&state, token).await {
        Ok(page) => page,
        Err(response) => return response,
    };
    match groups::groups(&state, &page).await {
        Ok(markup) => html(markup),
        Err(error) => server_error(error),
    }
}

async fn trainings(State(state): State<Arc<WebState>>, Path(token): Path<String>) -> Response {
    let page = match open(&state, token).await {
        Ok(page) => page,
        Err(response) => return response,
    };
    match trainings::trainings(&state, &page, state.clock.now()).await {
        Ok(markup) => html(markup),
        Err(error) => server_error(error),
    }
}

async fn letters(State(state): State<Arc<WebState>>, Path(token): Path<String>) -> Response {
    let page = match open(&state, token).await {
        Ok(page) => page,
        Err(response) => return response,
    };
    match pages::letters(&state, &page).await {
        Ok(markup) => html(markup),
        Err(error) => server_error(error),
    }
}

async fn letter_pdf(
    State(state): State<Arc<WebState>>,
    Path((token, file)): Path<(String, String)>,
) -> Response {
    let page = match open(&state, token).await {
        Ok(page) => page,
        Err(response) => return response,
    };
    let Some(number) = file
        .strip_suffix(".pdf")
        .and_then(|number| number.parse::<usize>().ok())
    else {
        return not_found_response();
    };
    match pages::letter_pdf(&state, &page, number).await {
        Ok(Some(file)) => download(file),
        Ok(None) => not_found_response(),
        Err(error) => server_error(error),
    }
}

async fn positions(State(state): State<Arc<WebState>>, Path(token): Path<String>) -> Response {
    let page = match open(&state, token).await {
        Ok(page) => page,
        Err(response) => return response,
    };
    match pages::positions(&state, &page).await {
        Ok(markup) => html(markup),
        Err(error) => server_error(error),
    }
}

async fn meetings(State(state): State<Arc<WebState>>, Path(token): Path<String>) -> Response {
    let page = match open(&state, token).await {
        Ok(page) => page,
        Err(response) => return response,
    };
    match pages::meetings(&state, &page, state.clock.now()).await {
        Ok(markup) => html(markup),
        Err(error) => server_error(error),
    }
}

async fn minutes(
    State(state): State<Arc<WebState>>,
    Path((token, day)): Path<(String, String)>,
) -> Response {
    let page = match open(&state, token).await {
        Ok(page) => page,
        Err(response) => return response,
    };
    let (day, pdf) = match (day.strip_suffix(".pdf"), day.strip_suffix(".md")) {
        (Some(day), _) => (day, true),
        (None, Some(day)) => (day, false),
        (None, None) => (day.as_str(), false),
    };
    let Ok(day) = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d") else {
        return not_found_response();
    };
    match pages::minutes_file(&state, &page, day, pdf).await {
        Ok(Some(file)) => download(file),
        Ok(None) => not_found_response(),
        Err(error) => server_error(error),
    }
}

/// A file to download (a procès-verbal, a letter), named.
fn download(file: pages::MinutesFile) -> Response {
    (
        [
            (header::CONTENT_TYPE, file.mime.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", file.name),
            ),
        ],
        file.data,
    )
        .into_response()
}

async fn feed(State(state): State<Arc<WebState>>, Path(token): Path<String>) -> Response {
    let page = match open(&state, token).await {
        Ok(page) => page,
        Err(response) => return response,
    };
    match pages::feed(&state, &page, state.clock.now()).await {
        Ok(ics) => (
            [(header::CONTENT_TYPE, "text/calendar; charset=utf-8")],
            ics,
        )
            .into_response(),
        Err(error) => server_error(error),
    }
}
