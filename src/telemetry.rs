//! Logging: `RUST_LOG`-style filtering (default: info for Concerto, warnings for the rest), as
//! text for people or as one JSON object per line for a log collector (`[log] format`).

use std::fmt::Write as _;
use std::io::IsTerminal;

use tracing::field::{Field, Visit};
use tracing::{Event, Level, Metadata, Subscriber};
use tracing_subscriber::filter::FilterExt;
use tracing_subscriber::layer::{Context, Filter, SubscriberExt};
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer, fmt};

use crate::config::LogFormat;

pub fn init(format: LogFormat) {
    let filter = || {
        EnvFilter::try_from_default_env()
            .unwrap_or_else(|_| EnvFilter::new(DEFAULT_FILTER))
            .and(ExpectedMisses)
    };
    let layer = fmt::layer().with_writer(std::io::stderr);
    let registry = tracing_subscriber::registry();
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
/// SDK asks for on purpose and handles: a `404 M_NOT_FOUND` for a piece of account data (the
/// secret storage's keys, asked for one by one while recovery is set up on a new account) and
/// for the key backup's version (no backup yet). Every other failed request, a 404 for
/// anything else included, is logged as before.
struct ExpectedMisses;

impl<S: Subscriber> Filter<S> for ExpectedMisses {
    fn enabled(&self, _: &Metadata<'_>, _: &Context<'_, S>) -> bool {
        true
    }

    fn event_enabled(&self, event: &Event<'_>, _: &Context<'_, S>) -> bool {
        let metadata = event.metadata();
        if *metadata.level() != Level::ERROR || metadata.target() != HTTP_CLIENT {
            return true;
        }
        let mut message = Message::default();
        event.record(&mut message);
        !is_expected_miss(&message.0)
    }
}

/// `message` is matrix-sdk's `Error while sending request: {error:?}`.
fn is_expected_miss(message: &str) -> bool {
    const EXPECTED: [&str; 2] = ["\"Account data not found\"", "\"No backup found\""];
    message.contains("status_code: 404")
        && message.contains("kind: NotFound")
        && EXPECTED.iter().any(|miss| message.contains(miss))
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
    use super::is_expected_miss;

    // As matrix-sdk 0.18 writes them (measured on a first start against Synapse 1.163).
    const ACCOUNT_DATA: &str = r#"Error while sending request: Api(Server(MatrixError(Error { status_code: 404, body: Standard(StandardErrorBody { kind: NotFound, message: "Account data not found" }) })))"#;
    const NO_BACKUP: &str = r#"Error while sending request: Api(Server(MatrixError(Error { status_code: 404, body: Standard(StandardErrorBody { kind: NotFound, message: "No backup found" }) })))"#;

    #[test]
    fn the_misses_of_a_new_account_are_expected() {
        assert!(is_expected_miss(ACCOUNT_DATA));
        assert!(is_expected_miss(NO_BACKUP));
    }

    #[test]
    fn other_failures_are_not() {
        let event = ACCOUNT_DATA.replace("Account data not found", "Event not found.");
        assert!(!is_expected_miss(&event));
        let forbidden = ACCOUNT_DATA
            .replace("404", "403")
            .replace("NotFound", "Forbidden");
        assert!(!is_expected_miss(&forbidden));
        assert!(!is_expected_miss(
            "Error while sending request: Reqwest(reqwest::Error { kind: Request, source: ConnectError })"
        ));
    }
}
