use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use concerto::config::Settings;

/// Concerto, a Matrix bot for associations that coordinate together.
#[derive(Parser)]
#[command(version)]
struct Cli {
    #[command(subcommand)]
    command: Action,
}

#[derive(Subcommand)]
enum Action {
    /// Run the bot.
    Run {
        /// The configuration file (see config/concerto.example.toml).
        #[arg(long, short)]
        config: PathBuf,
    },
    /// Check a configuration file and exit.
    CheckConfig {
        #[arg(long, short)]
        config: PathBuf,
    },
}

fn main() -> ExitCode {
    concerto::telemetry::init();
    let cli = Cli::parse();
    let result = tokio::runtime::Runtime::new()
        .map_err(anyhow::Error::from)
        .and_then(|runtime| runtime.block_on(run(cli.command)));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // One line, every cause included: "invalid configuration: … for key `bot.language`".
            eprintln!("concerto: {error:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(action: Action) -> anyhow::Result<()> {
    match action {
        Action::Run { config } => concerto::app::run(Settings::load(&config)?, stop_signal()).await,
        Action::CheckConfig { config } => {
            Settings::load(&config)?;
            println!("{}: OK", config.display());
            Ok(())
        }
    }
}

/// Completes on SIGINT (Ctrl-C) or SIGTERM.
async fn stop_signal() {
    let interrupt = tokio::signal::ctrl_c();
    let mut terminate =
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(signal) => signal,
            Err(error) => {
                tracing::error!(%error, "cannot listen for SIGTERM");
                let _ = interrupt.await;
                return;
            }
        };
    tokio::select! {
        _ = interrupt => {}
        _ = terminate.recv() => {}
    }
    tracing::info!("stop requested");
}
