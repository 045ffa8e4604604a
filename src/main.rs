//! The `concerto` binary: the command line (`run`, `check-config`, `backup`, `restore`,
//! `health`, `export`), the logs, and the signals that stop the bot cleanly. Everything it
//! runs is in the library: `app::run` wires the bot, the other commands call one module each.

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
    /// Write a backup of the bot (its database, its Matrix keys and session) to a file, while
    /// it runs.
    Backup {
        #[arg(long, short)]
        config: PathBuf,
        /// The archive to write, encrypted as `[backup]` says (a passphrase file, or an age
        /// public key).
        #[arg(long)]
        to: PathBuf,
    },
    /// Restore a backup into the configured data directory, which must be empty.
    Restore {
        #[arg(long, short)]
        config: PathBuf,
        #[arg(long)]
        from: PathBuf,
        /// The age secret key that opens a backup made to `backup.recipient` (a file, as
        /// age-keygen writes it). Without it, the passphrase of `backup.passphrase_file`, or
        /// one typed at the prompt.
        #[arg(long)]
        identity: Option<PathBuf>,
    },
    /// Exit 0 when the bot read the rooms less than a minute ago, non-zero otherwise (for a
    /// supervisor).
    Health {
        #[arg(long, short)]
        config: PathBuf,
    },
    /// Erase a person (RGPD art. 17), as `!oublie-moi confirmer` does: a Matrix member
    /// (`@name:server`) or a person known by e-mail (their address). Runs beside the bot.
    Forget {
        #[arg(long, short)]
        config: PathBuf,
        /// `@name:server` or an e-mail address.
        who: String,
    },
    /// Export a room's record (readable while the bot runs), to standard output.
    Export {
        #[command(subcommand)]
        what: Export,
    },
}

#[derive(Subcommand)]
enum Export {
    /// The decisions, as CSV or Markdown.
    Decisions {
        #[arg(long, short)]
        config: PathBuf,
        /// The room's id (`!abc…:server`).
        #[arg(long)]
        room: String,
        #[arg(long, value_enum, default_value = "csv")]
        format: ExportFormat,
        /// Only the decisions recorded since this day (`2026-12-01`, `1/12/2026`).
        #[arg(long)]
        since: Option<String>,
    },
    /// The minutes of one meeting, in Markdown (or PDF); once adopted, the procès-verbal.
    Minutes {
        #[arg(long, short)]
        config: PathBuf,
        #[arg(long)]
        room: String,
        /// The day of the meeting (`2026-12-10`, `10/12/2026`).
        #[arg(long)]
        meeting: String,
        /// Writes the PDF instead of the Markdown (redirect it to a file).
        #[arg(long)]
        pdf: bool,
    },
    /// What is kept about whom, as CSV: everyone whose address the room's record holds
    /// (people known by e-mail, guests), with the e-mails sent and waiting.
    People {
        #[arg(long, short)]
        config: PathBuf,
        #[arg(long)]
        room: String,
    },
    /// The room's joint letters (`!plaidoyers`) as CSV: status, recipients, fingerprint,
    /// answers.
    #[command(name = "letters", alias = "lettres")]
    Letters {
        #[arg(long, short)]
        config: PathBuf,
        #[arg(long)]
        room: String,
    },
    /// The room's training sessions (`!formations`) as CSV, one row per person signed up.
    #[command(name = "trainings", alias = "formations")]
    Trainings {
        #[arg(long, short)]
        config: PathBuf,
        #[arg(long)]
        room: String,
    },
    /// The room's address book (`!contacts`) as CSV, every contact whole.
    Contacts {
        #[arg(long, short)]
        config: PathBuf,
        #[arg(long)]
        room: String,
    },
    /// Everything the bot keeps about one person (RGPD art. 15), as `!mes-données` sends it:
    /// a Matrix member (`@name:server`) or a person known by e-mail (their address).
    Person {
        #[arg(long, short)]
        config: PathBuf,
        /// `@name:server` or an e-mail address.
        who: String,
        /// Writes the JSON instead of the Markdown.
        #[arg(long)]
        json: bool,
    },
    /// The processing's entry for each association's register (RGPD art. 30), from the
    /// configuration in force: Markdown, or PDF with `--pdf`.
    #[command(name = "registre", alias = "register")]
    Register {
        #[arg(long, short)]
        config: PathBuf,
        /// Writes the PDF instead of the Markdown (redirect it to a file).
        #[arg(long)]
        pdf: bool,
        /// `fr` or `en` (default: the bot's language).
        #[arg(long)]
        language: Option<String>,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ExportFormat {
    Csv,
    Md,
}

fn main() -> ExitCode {
    // Everything the bot creates (database, Matrix store, session, backups) is its own alone:
    // files 0600, directories 0700.
    // SAFETY: umask only sets this process's file-creation mask; it touches no memory.
    unsafe {
        libc::umask(0o077);
    }
    fewer_allocator_arenas();
    let cli = Cli::parse();
    // The bot logs as its configuration says (text or JSON); the one-shot commands as text.
    let format = match &cli.command {
        Action::Run { config } => Settings::load(config)
            .map(|settings| settings.log.format)
            .unwrap_or_default(),
        _ => concerto::config::LogFormat::Text,
    };
    concerto::telemetry::init(format);
    // A panic is logged without the text it may quote (a member's), and one caught at an
    // event's boundary is left to the code that records it.
    concerto::panics::install_hook();
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

/// glibc's allocator gives each thread that allocates an arena of its own, up to eight per
/// core, and an arena keeps what it once held: with the SQLite connections' threads, the
/// runtime's and the blocking pool's, that is megabytes held at rest for a bot whose threads
/// mostly wait. Two arenas are enough for it (what `MALLOC_ARENA_MAX=2` sets; an operator who
/// sets that variable is left to it). Measured: 2 MiB less at rest (BENCHMARKS.md, issue 38).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn fewer_allocator_arenas() {
    if std::env::var_os("MALLOC_ARENA_MAX").is_some() {
        return;
    }
    // SAFETY: mallopt sets a parameter of the allocator, before any thread of ours allocates;
    // it reads and writes no memory of ours.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn fewer_allocator_arenas() {}

async fn run(action: Action) -> anyhow::Result<()> {
    match action {
        Action::Run { config } => concerto::app::run(Settings::load(&config)?, stop_signal()).await,
        Action::CheckConfig { config } => {
            let settings = Settings::load(&config)?;
            // The mail provider's password file must be readable now, not at the first e-mail.
            if let Some(email) = &settings.email {
                email.password()?;
            }
            println!("{}: OK", config.display());
            Ok(())
        }
        Action::Export { what } => export(what).await,
        Action::Backup { config, to } => {
            let settings = Settings::load(&config)?;
            let seal = concerto::backup::seal(&settings.backup)?;
            let carried = concerto::backup::back_up(&settings.storage.data_dir, &to, &seal).await?;
            println!("{}: {} files, encrypted", to.display(), carried.len());
            Ok(())
        }
        Action::Restore {
            config,
            from,
            identity,
        } => restore(&config, &from, identity.as_deref()),
        Action::Health { config } => health(&config).await,
        Action::Forget { config, who } => forget(&config, &who).await,
    }
}

/// `concerto forget`: erases a person as `!oublie-moi confirmer` would, in one transaction.
async fn forget(config: &std::path::Path, who: &str) -> anyhow::Result<()> {
    let settings = Settings::load(config)?;
    let database = settings
        .storage
        .data_dir
        .join(concerto::storage::DATABASE_FILE);
    let store = concerto::storage::Store::open(&database).await?;
    let texts = concerto::i18n::Texts::new()?;
    let defaults = (settings.bot.language, settings.bot.time_zone);
    let now = chrono::Utc::now();
    let mut tx = store.begin_write().await?;
    let forgotten = match concerto::domain::UserId::parse(who.trim()) {
        Some(person) => {
            anyhow::ensure!(
                !tx.data_about(&person).await?.is_empty(),
                "nobody known as {who}: nothing to erase"
            );
            concerto::service::forget_person(&mut tx, &texts, defaults, &person, now).await?
        }
        None => {
            let ids = tx.email_people_at(who).await?;
            anyhow::ensure!(
                !ids.is_empty(),
                "nobody known as {who:?}: give a Matrix id (@name:server) or the address of a person known by e-mail"
            );
            let mut all = concerto::domain::subject::Forgotten::default();
            for id in ids {
                let one =
                    concerto::service::forget_email_person(&mut tx, &texts, defaults, id, now)
                        .await?;
                all.answers_deleted += one.answers_deleted;
                all.answers_anonymized += one.answers_anonymized;
                all.deleted += one.deleted;
                all.relabelled += one.relabelled;
            }
            all
        }
    };
    tx.commit().await?;
    println!(
        "erased: {} answers deleted, {} kept naming nobody, {} other rows deleted, {} rows of the record relabelled",
        forgotten.answers_deleted,
        forgotten.answers_anonymized,
        forgotten.deleted,
        forgotten.relabelled
    );
    Ok(())
}

/// The bot's database, read-only: the commands that read it run beside the bot.
async fn open_beside_the_bot(settings: &Settings) -> anyhow::Result<concerto::storage::Store> {
    use anyhow::Context;
    let database = settings
        .storage
        .data_dir
        .join(concerto::storage::DATABASE_FILE);
    concerto::storage::Store::open_read_only(&database)
        .await
        .with_context(|| format!("cannot open {}", database.display()))
}

/// `concerto restore`: the key from `--identity`, the configured passphrase file, or the
/// prompt; an unencrypted archive of an older version is restored with a warning.
fn restore(
    config: &std::path::Path,
    from: &std::path::Path,
    identity: Option<&std::path::Path>,
) -> anyhow::Result<()> {
    use concerto::backup::{self, Opener};
    let settings = Settings::load(config)?;
    let opener = if !backup::is_encrypted(from)? {
        None
    } else if let Some(identity) = identity {
        Some(Opener::identity_file(identity)?)
    } else if let Some(file) = &settings.backup.passphrase_file {
        Some(Opener::passphrase_file(file)?)
    } else {
        eprint!("Passphrase of {}: ", from.display());
        let mut typed = String::new();
        std::io::stdin().read_line(&mut typed)?;
        let typed = typed.trim_end_matches(['\n', '\r']).to_owned();
        anyhow::ensure!(!typed.is_empty(), "no passphrase given");
        Some(Opener::Passphrase(typed.into()))
    };
    let restored = backup::restore(from, &settings.storage.data_dir, opener.as_ref())?;
    if restored.unencrypted {
        eprintln!(
            "warning: {} was not encrypted (a backup of an older version); new backups are",
            from.display()
        );
    }
    println!(
        "{}: {} files restored; start the bot with the same configuration",
        settings.storage.data_dir.display(),
        restored.files.len()
    );
    Ok(())
}

/// How old the last completed sync may be for the bot to count as healthy.
const HEALTHY_SYNC_AGE: chrono::Duration = chrono::Duration::minutes(1);

async fn health(config: &std::path::Path) -> anyhow::Result<()> {
    let settings = Settings::load(config)?;
    let store = open_beside_the_bot(&settings).await?;
    let Some(saved_at) = store.sync_saved_at().await? else {
        anyhow::bail!("the bot has not read the rooms yet");
    };
    let age = chrono::Utc::now() - saved_at;
    if age > HEALTHY_SYNC_AGE {
        anyhow::bail!("the last sync is {} s old", age.num_seconds());
    }
    println!("healthy: last sync {} s ago", age.num_seconds());
    let yes_no = |flag: bool| if flag { "yes" } else { "no" };
    match store.matrix_identity().await? {
        Some(identity) => {
            println!("device: {}", identity.device_id);
            println!("cross-signed: {}", yes_no(identity.cross_signed));
            println!(
                "key backup: {}",
                if identity.key_backup { "on" } else { "off" }
            );
        }
        None => println!("device: not recorded yet"),
    }
    println!(
        "rooms with undecryptable events waiting: {}",
        store.rooms_with_unreadable_events().await?
    );
    if let Some(set_aside) = store.set_aside_since_start().await? {
        println!(
            "events set aside since the start ({}): {}",
            set_aside.started_at.format("%Y-%m-%d %H:%M:%S UTC"),
            set_aside.events
        );
        println!(
            "due items set aside since the start: {}",
            set_aside.due_items
        );
    }
    Ok(())
}

async fn export(what: Export) -> anyhow::Result<()> {
    use concerto::domain::RoomId;
    use concerto::domain::dates::{Towards, parse_day};
    use concerto::export::{self, Format, Wording};

    let (config, room) = match &what {
        Export::Register {
            config,
            pdf,
            language,
        } => return export_register(config, *pdf, language.as_deref()).await,
        Export::Person { config, who, json } => return export_person(config, who, *json).await,
        Export::Decisions { config, room, .. }
        | Export::Minutes { config, room, .. }
        | Export::People { config, room }
        | Export::Contacts { config, room }
        | Export::Trainings { config, room }
        | Export::Letters { config, room } => (config, RoomId::new(room)),
    };
    let settings = Settings::load(config)?;
    let store = open_beside_the_bot(&settings).await?;
    let texts = concerto::i18n::Texts::new()?;
    let language = store
        .room_language(&room)
        .await?
        .unwrap_or(settings.bot.language);
    let time_zone = settings.bot.time_zone;
    let wording = Wording {
        texts: &texts,
        language,
        time_zone,
    };
    let today = chrono::Utc::now().with_timezone(&time_zone).date_naive();
    let day = |typed: &str| {
        parse_day(typed, today, Towards::Past)
            .map_err(|problem| anyhow::anyhow!("cannot read the day {typed:?}: {problem}"))
    };
    let mut out = std::io::stdout().lock();
    match what {
        Export::Decisions { format, since, .. } => {
            let since = since.as_deref().map(day).transpose()?;
            let format = match format {
                ExportFormat::Csv => Format::Csv,
                ExportFormat::Md => Format::Markdown,
            };
            export::decisions(&store, &room, since, format, &wording, &mut out).await?;
        }
        Export::Minutes { meeting, pdf, .. } => {
            export::minutes(
                &store,
                &room,
                day(&meeting)?,
                today,
                &wording,
                pdf,
                &mut out,
            )
            .await?;
        }
        Export::People { .. } => export::people(&store, &room, &mut out).await?,
        Export::Contacts { .. } => export::contacts(&store, &room, &wording, &mut out).await?,
        Export::Letters { .. } => export::letters(&store, &room, &wording, &mut out).await?,
        Export::Trainings { .. } => export::trainings(&store, &room, &wording, &mut out).await?,
        // Made above, without a room.
        Export::Register { .. } | Export::Person { .. } => {}
    }
    Ok(())
}

/// `concerto export person`: what the bot keeps about one person, as Markdown or JSON.
async fn export_person(config: &std::path::Path, who: &str, json: bool) -> anyhow::Result<()> {
    let settings = Settings::load(config)?;
    let store = open_beside_the_bot(&settings).await?;
    let texts = concerto::i18n::Texts::new()?;
    let wording = concerto::export::Wording {
        texts: &texts,
        language: settings.bot.language,
        time_zone: settings.bot.time_zone,
    };
    let mut out = std::io::stdout().lock();
    concerto::export::person(&store, who, &wording, json, &mut out).await?;
    Ok(())
}

/// `concerto export registre`: the register entry, from the configuration and, when the
/// database can be read, the rooms' associations.
async fn export_register(
    config: &std::path::Path,
    pdf: bool,
    language: Option<&str>,
) -> anyhow::Result<()> {
    let settings = Settings::load(config)?;
    let language = match language {
        Some(code) => code
            .parse::<concerto::domain::Language>()
            .map_err(|_| anyhow::anyhow!("unknown language {code:?}: expected fr or en"))?,
        None => settings.bot.language,
    };
    // Before the bot's first start there is no database: the entry is made without it.
    let store = open_beside_the_bot(&settings).await.ok();
    let entry = concerto::export::register_facts(&settings, store.as_ref()).await?;
    let texts = concerto::i18n::Texts::new()?;
    let time_zone = settings.bot.time_zone;
    let wording = concerto::export::Wording {
        texts: &texts,
        language,
        time_zone,
    };
    let today = chrono::Utc::now().with_timezone(&time_zone).date_naive();
    let mut out = std::io::stdout().lock();
    concerto::export::register(&entry, &wording, today, pdf, &mut out)?;
    Ok(())
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
