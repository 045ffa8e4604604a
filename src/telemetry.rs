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

/// Concerto's own news at info level, everyone else's warnings. Nothing of the SDK is hidden:
/// what it used to warn about on every start (no secret storage, no key backup) is set up
/// instead (see `matrix::recovery`).
pub const DEFAULT_FILTER: &str = "warn,concerto=info";
