//! Logging: `RUST_LOG`-style filtering (default: info for Concerto, warnings for the rest), as
//! text for people or as one JSON object per line for a log collector (`[log] format`).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::IsTerminal;
use std::sync::{Arc, Mutex};

use tracing::field::{Field, Visit};
use tracing::{Event, Level, Metadata, Subscriber, span};
use tracing_subscriber::filter::FilterExt;
use tracing_subscriber::layer::{Context, Filter, SubscriberExt};
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer, fmt};

use crate::config::LogFormat;

pub fn init(format: LogFormat) {
    let uris = RequestUris::default();
    let filter = || {
        EnvFilter::try_from_default_env()
            .unwrap_or_else(|_| EnvFilter::new(DEFAULT_FILTER))
            .and(ExpectedMisses { uris: uris.clone() })
    };
    let layer = fmt::layer().with_writer(std::io::stderr);
    let registry = tracing_subscriber::registry().with(
        uris.clone()
            .with_filter(tracing_subscriber::filter::filter_fn(RequestUris::follows)),
    );
    match format {
        LogFormat::Text => registry
            .with(
                layer
                    .with_ansi(std::io::stderr().is_terminal())
                    .with_filter(filter()),
            )
            .init(),
        LogFormat::Json => registry
            .with(layer.json().flatten_event(true).with_filter(filter()))
            .init(),
    }
}

/// Concerto's own news at info level, everyone else's warnings. Nothing of the SDK is hidden
/// but the expected misses below: what it used to warn about on every start (no secret storage,
/// no key backup) is set up instead (see `matrix::recovery`).
pub const DEFAULT_FILTER: &str = "warn,concerto=info";

/// The one place matrix-sdk logs a failed request, at ERROR, whatever the request.
const HTTP_CLIENT: &str = "matrix_sdk::http_client";

/// Leaves out matrix-sdk's ERROR lines for the answers that only mean "not set yet", which the
/// SDK asks for on purpose and handles, each known by its request and its answer: a
/// `404 M_NOT_FOUND` for a piece of account data (the secret storage's keys, asked for one by
/// one while recovery is set up on a new account), for the key backup's version (no backup
/// yet), and for a room's `m.room.encryption` state (the room is not encrypted: asked once per
/// room before the first message is sent there); and the refusal to join an invite-only room
/// the bot follows a tombstone into before it is invited. Every other failed request, another
/// answer for the same path or the same answer for another path included, is logged as before.
struct ExpectedMisses {
    uris: RequestUris,
}

impl<S: Subscriber> Filter<S> for ExpectedMisses {
    fn enabled(&self, _: &Metadata<'_>, _: &Context<'_, S>) -> bool {
        true
    }

    fn event_enabled(&self, event: &Event<'_>, cx: &Context<'_, S>) -> bool {
        let metadata = event.metadata();
        if *metadata.level() != Level::ERROR || metadata.target() != HTTP_CLIENT {
            return true;
        }
        let Some(uri) = cx.current_span().id().and_then(|span| self.uris.of(span)) else {
            return true;
        };
        let mut message = Message::default();
        event.record(&mut message);
        !is_expected_miss(&uri, &message.0)
    }
}

/// The failed requests that are expected: a part of the path, the status and kind of the
/// answer, its message.
const EXPECTED_MISSES: [(&str, &str, &str, &str); 4] = [
    (
        "/account_data/",
        "404",
        "NotFound",
        "\"Account data not found\"",
    ),
    (
        "/room_keys/version",
        "404",
        "NotFound",
        "\"No backup found\"",
    ),
    (
        "/state/m.room.encryption/",
        "404",
        "NotFound",
        "\"Event not found.\"",
    ),
    // Following a room's tombstone into an invite-only replacement: the bot waits for the
    // invitation, and says so itself (`matrix::upgrade`).
    (
        "/join/",
        "403",
        "Forbidden",
        "\"You are not invited to this room.\"",
    ),
];

/// `message` is matrix-sdk's `Error while sending request: {error:?}` for a request to `uri`.
fn is_expected_miss(uri: &str, message: &str) -> bool {
    let path = uri.split('?').next().unwrap_or(uri);
    EXPECTED_MISSES.iter().any(|(part, status, kind, answer)| {
        path.contains(part)
            && message.contains(&format!("status_code: {status},"))
            && message.contains(&format!("kind: {kind},"))
            && message.contains(answer)
    })
}

/// The URI of each request matrix-sdk is sending (its `send` span records it), by span, for
/// as long as the request lasts: the request an ERROR line of the SDK is about. Spans of the
/// SDK are not shown for all that: only this layer follows them.
#[derive(Clone, Default)]
struct RequestUris(Arc<Mutex<HashMap<span::Id, String>>>);

impl RequestUris {
    fn follows(metadata: &Metadata<'_>) -> bool {
        metadata.is_span() && metadata.target() == HTTP_CLIENT && metadata.name() == "send"
    }

    fn of(&self, span: &span::Id) -> Option<String> {
        self.0.lock().ok()?.get(span).cloned()
    }

    /// Keeps the URI a span's fields carry, if they carry one.
    fn keep(&self, span: &span::Id, record: impl FnOnce(&mut Uri)) {
        let mut uri = Uri::default();
        record(&mut uri);
        if let (Some(uri), Ok(mut uris)) = (uri.0, self.0.lock()) {
            uris.insert(span.clone(), uri);
        }
    }
}

impl<S: Subscriber> Layer<S> for RequestUris {
    fn on_new_span(&self, attributes: &span::Attributes<'_>, id: &span::Id, _: Context<'_, S>) {
        self.keep(id, |uri| attributes.record(uri));
    }

    fn on_record(&self, id: &span::Id, values: &span::Record<'_>, _: Context<'_, S>) {
        self.keep(id, |uri| values.record(uri));
    }

    fn on_close(&self, id: span::Id, _: Context<'_, S>) {
        if let Ok(mut uris) = self.0.lock() {
            uris.remove(&id);
        }
    }
}

#[derive(Default)]
struct Uri(Option<String>);

impl Visit for Uri {
    fn record_str(&mut self, field: &Field, value: &str) {
        if field.name() == "uri" {
            self.0 = Some(value.to_owned());
        }
    }

    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if field.name() == "uri" {
            self.0 = Some(format!("{value:?}"));
        }
    }
}

#[derive(Default)]
struct Message(String);

impl Visit for Message {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if field.name() == "message" {
            let _ = write!(self.0, "{value:?}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // As matrix-sdk 0.18 writes them (measured on a first start against Synapse 1.163).
    const ACCOUNT_DATA: &str = r#"Error while sending request: Api(Server(MatrixError(Error { status_code: 404, body: Standard(StandardErrorBody { kind: NotFound, message: "Account data not found" }) })))"#;
    const NO_BACKUP: &str = r#"Error while sending request: Api(Server(MatrixError(Error { status_code: 404, body: Standard(StandardErrorBody { kind: NotFound, message: "No backup found" }) })))"#;
    const NO_EVENT: &str = r#"Error while sending request: Api(Server(MatrixError(Error { status_code: 404, body: Standard(StandardErrorBody { kind: NotFound, message: "Event not found." }) })))"#;
    const SECRET: &str = "http://127.0.0.1:8008/_matrix/client/v3/user/@concerto:localhost/account_data/m.secret_storage.default_key";
    const BACKUP: &str = "http://127.0.0.1:8008/_matrix/client/v3/room_keys/version";
    const ENCRYPTION: &str =
        "http://127.0.0.1:8008/_matrix/client/v3/rooms/!abc:localhost/state/m.room.encryption/";
    const AN_EVENT: &str = "http://127.0.0.1:8008/_matrix/client/v3/rooms/!abc:localhost/event/$e";
    const JOIN: &str =
        "http://127.0.0.1:8008/_matrix/client/v3/join/!new:localhost?server_name=localhost";
    const NOT_INVITED: &str = r#"Error while sending request: Api(Server(MatrixError(Error { status_code: 403, body: Standard(StandardErrorBody { kind: Forbidden, message: "You are not invited to this room." }) })))"#;

    #[test]
    fn the_misses_of_a_new_account_an_unencrypted_room_and_an_upgrade_are_expected() {
        assert!(is_expected_miss(SECRET, ACCOUNT_DATA));
        assert!(is_expected_miss(BACKUP, NO_BACKUP));
        assert!(is_expected_miss(ENCRYPTION, NO_EVENT));
        assert!(is_expected_miss(JOIN, NOT_INVITED));
    }

    #[test]
    fn other_failures_are_not() {
        // The same answer for another request.
        assert!(!is_expected_miss(AN_EVENT, NO_EVENT));
        assert!(!is_expected_miss(ENCRYPTION, ACCOUNT_DATA));
        assert!(!is_expected_miss(AN_EVENT, NOT_INVITED));
        let banned = NOT_INVITED.replace(
            "You are not invited to this room.",
            "You are banned from this room",
        );
        assert!(!is_expected_miss(JOIN, &banned));
        let forbidden = ACCOUNT_DATA
            .replace("404", "403")
            .replace("NotFound", "Forbidden");
        assert!(!is_expected_miss(SECRET, &forbidden));
        assert!(!is_expected_miss(
            SECRET,
            "Error while sending request: Reqwest(reqwest::Error { kind: Request, source: ConnectError })"
        ));
    }

    /// What a writer was given, for the subscriber under test.
    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl std::io::Write for Captured {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            if let Ok(mut kept) = self.0.lock() {
                kept.extend_from_slice(bytes);
            }
            Ok(bytes.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// The SDK's line for a failed request to `uri`, emitted inside its `send` span as
    /// matrix-sdk does (the URI recorded after the span opened).
    fn sdk_error(uri: &str, message: &str) {
        let span = tracing::info_span!(target: "matrix_sdk::http_client", "send", uri = tracing::field::Empty);
        span.record("uri", uri);
        let _entered = span.enter();
        tracing::error!(target: "matrix_sdk::http_client", "{message}");
    }

    #[test]
    fn the_filter_knows_the_request_by_its_span_and_shows_no_span_of_the_sdk() {
        let captured = Captured::default();
        let writer = captured.clone();
        let uris = RequestUris::default();
        let subscriber = tracing_subscriber::registry()
            .with(
                uris.clone()
                    .with_filter(tracing_subscriber::filter::filter_fn(RequestUris::follows)),
            )
            .with(
                fmt::layer()
                    .with_ansi(false)
                    .with_writer(move || writer.clone())
                    .with_filter(
                        EnvFilter::new(DEFAULT_FILTER).and(ExpectedMisses { uris: uris.clone() }),
                    ),
            );
        tracing::subscriber::with_default(subscriber, || {
            sdk_error(ENCRYPTION, NO_EVENT);
            sdk_error(SECRET, ACCOUNT_DATA);
            sdk_error(AN_EVENT, NO_EVENT);
        });
        let output = String::from_utf8(captured.0.lock().expect("lock").clone()).expect("UTF-8");
        let lines: Vec<&str> = output.lines().collect();
        assert_eq!(lines.len(), 1, "{output}");
        assert!(lines[0].contains("Event not found."), "{output}");
        assert!(
            !lines[0].contains("send{"),
            "no span of the SDK shown: {output}"
        );
        assert!(
            uris.0.lock().expect("lock").is_empty(),
            "spans closed, URIs forgotten"
        );
    }
}
