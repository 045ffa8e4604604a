//! Wires the parts together — storage, texts, the Matrix client, the service — and runs the
//! bot's tasks side by side until asked to stop: the sync loop (events in), the sender (the
//! outbox out), the clock (what falls due at a time) and the room-key watcher.

use std::future::Future;
use std::pin::pin;
use std::sync::Arc;

use anyhow::Context;
use tokio::sync::watch;

use crate::clock::{self, Clock, SystemClock};
use crate::config::Settings;
use crate::domain::{RoomId, UserId};
use crate::i18n::Texts;
use crate::matrix::{self, MatrixChat, SyncLoop, TokenRevoked};
use crate::sender::Sender;
use crate::service::{Service, ServiceSettings, Wakeups};
use crate::storage::Store;
use crate::web::WebState;

/// Fault injection for the crash tests, compiled only with the `test-hooks` feature (which
/// `scripts/test` turns on and release builds leave out): `crash-after-reply` aborts the
/// process right after a reply reaches the homeserver, before it is marked sent.
#[cfg(feature = "test-hooks")]
const FAULT_VARIABLE: &str = "CONCERTO_TEST_FAULT";

/// Runs the bot until `shutdown` completes. When the homeserver revokes the bot's access token,
/// the run ends and another starts with a new login on the same device (unless the token just
/// obtained by a login is refused: logging in again would go round in circles).
pub async fn run(settings: Settings, shutdown: impl Future<Output = ()>) -> anyhow::Result<()> {
    let clock: Arc<dyn Clock> = Arc::new(SystemClock::new());
    let started_at = clock.now();
    let settings = Arc::new(settings);
    if settings.access.allowed_inviters.is_empty() && settings.access.allowed_rooms.is_empty() {
        tracing::warn!(
            "access.allowed_inviters and access.allowed_rooms are empty: every invitation will be declined"
        );
    }
    create_private_dir(&settings.storage.data_dir)?;
    let (stop, stopped) = watch::channel(false);
    let runs = async {
        let mut log_in_again = false;
        loop {
            let result = run_once(
                &settings,
                &clock,
                started_at,
                log_in_again,
                until(stopped.clone()),
            )
            .await;
            match result {
                Err(error)
                    if error
                        .downcast_ref::<TokenRevoked>()
                        .is_some_and(|revoked| !log_in_again || revoked.after_a_sync) =>
                {
                    log_in_again = true;
                }
                other => return other,
            }
        }
    };
    let mut runs = pin!(runs);
    let mut shutdown = pin!(shutdown);
    let ended = tokio::select! {
        result = &mut runs => Some(result),
        () = &mut shutdown => None,
    };
    match ended {
        Some(result) => result,
        None => {
            let _ = stop.send(true);
            runs.await
        }
    }
}

/// Completes when `stopped` turns true (or its sender is gone).
async fn until(mut stopped: watch::Receiver<bool>) {
    let _ = stopped.wait_for(|stop| *stop).await;
}

/// One run of the bot: connects, then runs the tasks until `shutdown` completes or the sync
/// loop ends.
async fn run_once(
    settings: &Arc<Settings>,
    clock: &Arc<dyn Clock>,
    started_at: chrono::DateTime<chrono::Utc>,
    log_in_again: bool,
    shutdown: impl Future<Output = ()>,
) -> anyhow::Result<()> {
    let database = settings
        .storage
        .data_dir
        .join(crate::storage::DATABASE_FILE);
    let link_key = ServiceSettings::link_key(settings);
    // Three independent openings, side by side: the Matrix client (whose store key takes a few
    // dozen milliseconds to derive), Concerto's database, and the texts of both languages.
    let (matrix::Connected { client, fresh }, store, texts) = tokio::try_join!(
        matrix::connect(settings, log_in_again),
        async {
            let store = Store::open(&database)
                .await
                .with_context(|| format!("cannot open {}", database.display()))?;
            seed_rooms(&store, settings, clock.now()).await?;
            // What an upgrade left of the links: their hashes, computed with the key.
            let completed = store.complete_links(&link_key).await?;
            if completed > 0 {
                tracing::info!(
                    completed,
                    "the links' tokens are kept as hashes from now on"
                );
            }
            Ok(store)
        },
        async {
            tokio::task::spawn_blocking(Texts::new)
                .await
                .context("the texts task failed")?
                .map_err(anyhow::Error::from)
        },
    )?;
    let chat = Arc::new(MatrixChat::new(client.clone()));
    let wakeups = Wakeups::default();
    let service = Arc::new(Service::new(
        store.clone(),
        texts,
        chat.clone(),
        ServiceSettings::from_config(settings),
        wakeups.clone(),
        started_at,
    ));
    let run = store.save_run_start(started_at).await?;
    // What fell due while the bot was stopped, before any replayed command looks at it.
    service.run_due(clock.now()).await?;
    if log_in_again {
        // What the refused token could not send goes now, not at the end of its back-off.
        service.homeserver_back(clock.now()).await?;
    }

    // Never beside a sync: turning key backup on while a sync runs can leave both waiting for
    // each other. Before the first sync and the sender when a new device stands in for a lost
    // one (it knows the rooms only once their state is read again); on the very first start,
    // between two syncs once the bot has answered (`matrix::set_up_may_wait`). Other starts
    // have nothing to do.
    let set_up = {
        let (client, service, clock) = (client.clone(), service.clone(), clock.clone());
        async move {
            let identity = matrix::set_up_encryption(&client, settings, fresh).await;
            tracing::info!(
                device_id = identity.device_id,
                cross_signed = identity.cross_signed,
                key_backup = identity.key_backup,
                "encryption"
            );
            if let Err(error) = service
                .store()
                .save_matrix_identity(&identity, clock.now())
                .await
            {
                tracing::warn!(%error, "could not record the device's state for `concerto health`");
            }
        }
    };
    let deferred_set_up = match matrix::set_up_may_wait(settings, fresh) {
        true => Some(Box::pin(set_up) as matrix::DeferredSetUp<'_>),
        false => {
            set_up.await;
            None
        }
    };
    let (stop, stopped) = watch::channel(false);
    let until_stopped = move || until(stopped.clone());
    // E-mail, when configured: its own sender, beside the room's.
    let email = match &settings.email {
        Some(email) => {
            let mailer = crate::email::Mailer::new(email)?;
            let sender = crate::email::sender::EmailSender::new(
                store.clone(),
                mailer,
                clock.clone(),
                email.daily_limits(),
                wakeups.clock.clone(),
            );
            Some(tokio::spawn(
                sender.run(wakeups.email.clone(), until_stopped()),
            ))
        }
        None => None,
    };
    #[cfg_attr(not(feature = "test-hooks"), allow(unused_mut))]
    let mut sender = Sender::new(service.clone(), clock.clone());
    #[cfg(feature = "test-hooks")]
    if std::env::var(FAULT_VARIABLE).is_ok_and(|fault| fault == "crash-after-reply") {
        tracing::warn!("{FAULT_VARIABLE}=crash-after-reply: this run will crash on purpose");
        sender = sender.crashing_after_first_reply();
    }
    let sender = tokio::spawn(sender.run(wakeups.outbox.clone(), until_stopped()));
    let clock_task = tokio::spawn(clock::run(
        service.clone(),
        clock.clone(),
        wakeups.clock.clone(),
        until_stopped(),
    ));
    let keys = tokio::spawn(matrix::watch_room_keys(
        client.clone(),
        service.clone(),
        clock.clone(),
        until_stopped(),
    ));
    let web = match &settings.web {
        Some(web) => {
            // Its own connection, read-only: the page never writes.
            let state = WebState {
                store: Store::open_read_only(&database).await?,
                texts: Arc::new(Texts::new()?),
                default_language: settings.bot.language,
                time_zone: settings.bot.time_zone,
                room_names: matrix::room_names(client.clone()),
                member_names: matrix::member_names(client.clone()),
                links: link_key.clone(),
                clock: clock.clone(),
                personal: settings.email.as_ref().map(|_| {
                    let links: Arc<dyn crate::web::PersonalLinks> = Arc::new(service.clone());
                    links
                }),
                privacy: service.settings().privacy(),
                contacts_confirm_after_days: settings.contacts.confirm_after_days,
            };
            let serving = crate::web::serve(web.listen, Arc::new(state), until_stopped());
            Some(tokio::spawn(async move {
                if let Err(error) = serving.await {
                    tracing::error!(%error, "the web page is not served");
                }
            }))
        }
        None => None,
    };
    tracing::info!(
        user_id = ?client.user_id(),
        device_id = ?client.device_id(),
        "Concerto is running"
    );
    let result = SyncLoop::new(
        client.clone(),
        service,
        chat,
        settings.access.clone(),
        clock.clone(),
        started_at,
        run,
    )
    .run(shutdown, deferred_set_up)
    .await;
    let _ = stop.send(true);
    for (name, task) in [("sender", sender), ("clock", clock_task), ("keys", keys)] {
        if let Err(error) = task.await {
            tracing::error!(task = name, %error, "task ended abnormally");
        }
    }
    if let Some(web) = web
        && let Err(error) = web.await
    {
        tracing::error!(%error, "web page ended abnormally");
    }
    if let Some(email) = email
        && let Err(error) = email.await
    {
        tracing::error!(%error, "e-mail sender ended abnormally");
    }
    result?;
    matrix::finish_backup(&client).await;
    tracing::info!("Concerto stopped");
    Ok(())
}

/// Writes the rooms' associations and host order from the configuration into the database,
/// for rooms that never had them.
async fn seed_rooms(
    store: &Store,
    settings: &Settings,
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<()> {
    for room in &settings.rooms {
        let members: Vec<(UserId, String)> = room
            .associations
            .iter()
            .flat_map(|association| {
                association
                    .members
                    .iter()
                    .map(|member| (UserId::new(member), association.name.clone()))
            })
            .collect();
        let mut tx = store.begin().await?;
        let room_id = RoomId::new(&room.room_id);
        if tx
            .seed_room(&room_id, &room.host_order, &members, now)
            .await?
        {
            tracing::info!(room_id = %room.room_id, members = members.len(), "room settings seeded from the configuration");
        }
        tx.commit().await?;
    }
    Ok(())
}

/// The data directory holds secrets (the session, the store key's salt, the databases): its
/// owner alone may enter it.
fn create_private_dir(dir: &std::path::Path) -> anyhow::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
        .with_context(|| format!("cannot restrict access to {}", dir.display()))?;
    Ok(())
}
