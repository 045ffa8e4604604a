//! Wires the parts together: storage, texts, the Matrix client and the service, then reads
//! the rooms until asked to stop.

use std::future::Future;
use std::sync::Arc;

use anyhow::Context;

use crate::config::Settings;
use crate::domain::{RoomId, UserId};
use crate::i18n::Texts;
use crate::matrix::{self, MatrixChat, SyncLoop};
use crate::service::{Service, ServiceSettings};
use crate::storage::Store;

/// Runs the bot until `shutdown` completes.
pub async fn run(settings: Settings, shutdown: impl Future<Output = ()>) -> anyhow::Result<()> {
    let started_at = chrono::Utc::now();
    let texts = Texts::new()?;
    if settings.access.allowed_inviters.is_empty() && settings.access.allowed_rooms.is_empty() {
        tracing::warn!(
            "access.allowed_inviters and access.allowed_rooms are empty: every invitation will be declined"
        );
    }
    let client = matrix::connect(&settings).await?;
    let database = settings.storage.data_dir.join("concerto.sqlite3");
    let store = Store::open(&database)
        .await
        .with_context(|| format!("cannot open {}", database.display()))?;
    seed_rooms(&store, &settings).await?;
    let service = Service::new(
        store,
        texts,
        MatrixChat::new(client.clone()),
        ServiceSettings {
            default_language: settings.bot.language,
            max_command_age: settings.max_command_age(),
            time_zone: settings.bot.time_zone,
        },
    );
    tracing::info!(
        user_id = ?client.user_id(),
        device_id = ?client.device_id(),
        "Concerto is running"
    );
    SyncLoop::new(client, Arc::new(service), settings.access, started_at)
        .run(shutdown)
        .await?;
    tracing::info!("Concerto stopped");
    Ok(())
}

/// Writes the rooms' associations and host order from the configuration into the database,
/// for rooms that never had them.
async fn seed_rooms(store: &Store, settings: &Settings) -> anyhow::Result<()> {
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
            .seed_room(&room_id, &room.host_order, &members, chrono::Utc::now())
            .await?
        {
            tracing::info!(room_id = %room.room_id, members = members.len(), "room settings seeded from the configuration");
        }
        tx.commit().await?;
    }
    Ok(())
}
