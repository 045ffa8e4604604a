//! Logging: `RUST_LOG`-style filtering (default: info for Concerto, warnings for the rest), as
//! text for people or as one JSON object per line for a log collector (`[log] format`).

use std::io::IsTerminal;

use tracing_subscriber::EnvFilter;

use crate::config::LogFormat;

pub fn init(format: LogFormat) {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(DEFAULT_FILTER));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match format {
        LogFormat::Text => builder.with_ansi(std::io::stderr().is_terminal()).init(),
        LogFormat::Json => builder.json().flatten_event(true).init(),
    }
}

/// Concerto's own news at info level; the SDK's warnings, minus the expected 404s it logs as
/// errors on every start (account data that does not exist yet) and the key-backup notice.
const DEFAULT_FILTER: &str =
    "warn,concerto=info,matrix_sdk::http_client=off,matrix_sdk_crypto::backups=error";
