//! The bot's reading loop. It drives `sync_once` itself (the SDK's own loop sleeps a second
//! after every quick sync, which would slow every answer down) and keeps its own sync position
//! in Concerto's database, saved only after every event of a batch was handled: after a crash
//! the homeserver sends the unhandled events again, and the service's record of handled events
//! makes sure none is answered twice. If the service cannot even record an event as failed
//! (the database is down), the batch is not finished: the position stays, and the same events
//! come again after a pause.

use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use chrono::{DateTime, Utc};
use matrix_sdk::config::{SyncSettings, SyncToken};
use matrix_sdk::deserialized_responses::TimelineEvent;
use matrix_sdk::ruma::api::client::filter::FilterDefinition;
use matrix_sdk::ruma::api::client::sync::sync_events::v3::Filter;
use matrix_sdk::ruma::api::error::ErrorKind;
use matrix_sdk::ruma::events::room::member::MembershipState;
use matrix_sdk::ruma::events::{AnySyncStateEvent, AnySyncTimelineEvent, SyncStateEvent};
use matrix_sdk::ruma::serde::Raw;
use matrix_sdk::ruma::{OwnedUserId, RoomId as MatrixRoomId};
use matrix_sdk::store::{StateStoreDataKey, StateStoreDataValue};
use matrix_sdk::sync::{JoinedRoomUpdate, State, Timeline};
use matrix_sdk::{Client, Room, RoomState};

use super::chat::MatrixChat;
use super::events::{incoming, to_utc};
use super::upgrade::{join_replacement, replaced_room, tombstone_sender_server};
use crate::clock::Clock;
use crate::config::AccessSettings;
use crate::domain::backoff::Backoff;
use crate::domain::{EventId, RoomId};
use crate::service::{Handling, Incoming, Service, ServiceError};
use crate::storage::StorageError;

/// The account data event that says which device stands for the bot, since when.
const DEVICE_MARKER: &str = "org.concerto.device";
/// How long the homeserver may hold a sync request open when nothing happens.
const LONG_POLL: Duration = Duration::from_secs(30);
/// How long a batch that gave the service nothing (the echo of the bot's own replies, a
/// receipt) may go without its position saved: what `concerto health` and `/healthz` read must
/// stay within their minute. Such a batch read again after a crash changes nothing.
const SAVE_AT_LEAST_EVERY: Duration = Duration::from_secs(20);
/// Events per room in one sync; a longer gap is fetched page by page.
const TIMELINE_LIMIT: u32 = 50;
/// The longest pause between two syncs that failed: how late the bot may notice that the
/// homeserver is back after an outage.
const MAX_BACKOFF: Duration = Duration::from_secs(30);
const JOIN_ATTEMPTS: u32 = 4;

/// Whether a Matrix error says the access token is no longer valid.
fn is_unknown_token(error: &matrix_sdk::Error) -> bool {
    matches!(
        error.client_api_error_kind(),
        Some(ErrorKind::UnknownToken(_))
    )
}

/// The encryption set-up of a very first start, run by the sync loop between two syncs once
/// the bot has answered (or after [`SET_UP_AT_THE_LATEST`]).
pub type DeferredSetUp<'a> = std::pin::Pin<Box<dyn Future<Output = ()> + Send + 'a>>;

/// How long a very first start waits for a first command before setting its encryption up
/// all the same (a long poll's length: the first empty batch).
const SET_UP_AT_THE_LATEST: Duration = LONG_POLL;

/// What a batch gave the service.
#[derive(Debug, Default)]
struct Handed {
    /// Anything at all: the batch's position must be saved.
    anything: bool,
    /// A message meant for the bot (answered, or told it was not understood).
    command: bool,
}

pub struct SyncLoop {
    client: Client,
    service: Arc<Service<MatrixChat>>,
    /// The service's chat, told when a room's members change.
    chat: Arc<MatrixChat>,
    access: AccessSettings,
    /// Where the present time comes from.
    clock: Arc<dyn Clock>,
    /// When the process started: on the very first start, older events are history.
    started_at: DateTime<Utc>,
    /// How many times the bot has started, this run included: see [`rereading_timeout`].
    run: u64,
}

impl SyncLoop {
    pub fn new(
        client: Client,
        service: Arc<Service<MatrixChat>>,
        chat: Arc<MatrixChat>,
        access: AccessSettings,
        clock: Arc<dyn Clock>,
        started_at: DateTime<Utc>,
        run: u64,
    ) -> Self {
        Self {
            client,
            service,
            chat,
            access,
            clock,
            started_at,
            run,
        }
    }

    /// Syncs until `shutdown` completes; the batch being handled then is finished first.
    pub async fn run(
        self,
        shutdown: impl Future<Output = ()>,
        mut deferred_set_up: Option<DeferredSetUp<'_>>,
    ) -> anyhow::Result<()> {
        let loop_started = Instant::now();
        let own_user = self
            .client
            .user_id()
            .context("the client is not logged in")?
            .to_owned();
        let store = self.service.store().clone();
        let mut position = store.sync_position().await?;
        if position.is_none() {
            tracing::info!("first start: what the rooms said before now will not be replayed");
        }
        // Answers given while the bot was away, even beyond what the sync can replay: asked
        // once, right after the first batch (whose replies are already on their way), and
        // before the next one, so that no answer read meanwhile can be taken for withdrawn.
        let mut reconcile_ballots = position.is_some();
        // Keys that arrived while the bot was stopped (or just before) may open kept events.
        self.service
            .retry_undecrypted(None, self.clock.now())
            .await?;
        if let Some(position) = &position {
            self.not_taken_for_a_repeat(position).await;
        }

        let mut shutdown = pin!(shutdown);
        let mut failures: u32 = 0;
        let mut synced = false;
        // The next sync reads a position again (after a restart, or a batch not finished):
        // how many such syncs this run made before.
        let mut rereading = position.is_some().then_some(0_u64);
        let mut rereads: u64 = 0;
        // Batches in a row that could not be finished: the pause before reading one again grows.
        let mut unfinished_batches: u32 = 0;
        let mut last_saved: Option<Instant> = None;
        loop {
            let token = match &position {
                Some(token) => SyncToken::Specific(token.clone()),
                None => SyncToken::NoToken,
            };
            let timeout = match rereading.take() {
                Some(_) => {
                    rereads += 1;
                    rereading_timeout(self.run, rereads)
                }
                None => LONG_POLL,
            };
            let settings = SyncSettings::default()
                .timeout(timeout)
                .filter(timeline_filter())
                .token(token);
            let result = tokio::select! {
                () = &mut shutdown => return Ok(()),
                result = self.client.sync_once(settings) => result,
            };
            let response = match result {
                Ok(response) => {
                    synced = true;
                    if failures > 0
                        && let Err(error) = self.service.homeserver_back(self.clock.now()).await
                    {
                        tracing::warn!(%error, "could not hurry the messages waiting for a retry");
                    }
                    failures = 0;
                    response
                }
                Err(error) if is_unknown_token(&error) => {
                    // The next connection says what it made of it, in one warning.
                    tracing::info!(%error, "the access token was refused");
                    return Err(super::session::TokenRevoked {
                        after_a_sync: synced,
                    }
                    .into());
                }
                Err(error) => {
                    failures += 1;
                    let delay = backoff(failures);
                    tracing::warn!(%error, ?delay, "sync failed; trying again");
                    tokio::select! {
                        () = &mut shutdown => return Ok(()),
                        () = tokio::time::sleep(delay) => continue,
                    }
                }
            };

            tracing::debug!(
                joined = response.rooms.joined.len(),
                events = response
                    .rooms
                    .joined
                    .values()
                    .map(|update| update.timeline.events.len())
                    .sum::<usize>(),
                "synced"
            );
            // What the service was handed in this batch (its position must then be saved: what
            // was handled is not to be read again).
            let mut handed = Handed {
                anything: !response.rooms.invited.is_empty() || !response.rooms.left.is_empty(),
                command: false,
            };
            for room_id in response.rooms.invited.keys() {
                // An invitation that makes the handling panic is set aside, logged once.
                if let Err(caught) = crate::panics::guarded(self.on_invite(room_id)).await {
                    tracing::error!(%room_id, error = %caught, "invitation set aside");
                }
            }

            let first_sync = position.is_none();
            let mut unfinished = None;
            // Left, or removed: the record stays, the page and the links stop.
            for room_id in response.rooms.left.keys() {
                let room = RoomId::new(room_id.as_str());
                if let Err(error) = self.service.on_left(&room, self.clock.now()).await {
                    unfinished = Some(BatchError::Service(error));
                }
            }
            let mut last_events = Vec::new();
            for (room_id, update) in &response.rooms.joined {
                if changes_members(update) {
                    self.chat.forget_names(&RoomId::new(room_id.as_str()));
                }
                match self
                    .on_room_timeline(
                        room_id,
                        &update.timeline,
                        position.as_deref(),
                        first_sync,
                        &own_user,
                        &mut handed,
                    )
                    .await
                {
                    Ok(Some(last)) => last_events.push((RoomId::new(room_id.as_str()), last)),
                    Ok(None) => {}
                    Err(error) => unfinished = Some(error),
                }
            }
            if let Some(error) = unfinished {
                // Not a single event may be skipped: read this batch again after a pause.
                unfinished_batches += 1;
                let delay = backoff(unfinished_batches);
                tracing::error!(%error, ?delay, "events could not be handled; the batch will be read again");
                tokio::select! {
                    () = &mut shutdown => return Ok(()),
                    () = tokio::time::sleep(delay) => {}
                }
                // The SDK has processed this batch: read again, it would be taken for a repeat.
                if let Some(position) = &position {
                    self.not_taken_for_a_repeat(position).await;
                }
                rereading = Some(rereads);
                continue;
            }
            unfinished_batches = 0;
            let health_due = last_saved.is_none_or(|saved| saved.elapsed() >= SAVE_AT_LEAST_EVERY);
            if handed.anything || first_sync || health_due {
                store
                    .save_sync_position(&response.next_batch, &last_events, self.clock.now())
                    .await?;
                last_saved = Some(Instant::now());
            }
            position = Some(response.next_batch);
            if deferred_set_up.is_some()
                && (handed.command || loop_started.elapsed() >= SET_UP_AT_THE_LATEST)
                && let Some(set_up) = deferred_set_up.take()
            {
                // The first replies are on their way (the sender needs no sync).
                set_up.await;
            }
            if reconcile_ballots {
                reconcile_ballots = false;
                self.service.reconcile_ballots(self.clock.now()).await?;
            }
        }
    }

    /// The SDK drops a sync response whose `next_batch` is the token it processed last: it
    /// takes it for a repeat. When Concerto's position is behind that token (a crash while a
    /// batch was handled, or a new device whose store just read the rooms from scratch) and
    /// nothing happened on the homeserver since, the first sync from Concerto's position
    /// would come back with that very token, and the events it carries — the ones not handled
    /// yet — would be dropped. A line in the account's data (which device stands for the bot,
    /// since when) moves the homeserver on first, so that the response is new.
    async fn not_taken_for_a_repeat(&self, position: &str) {
        let processed = match self
            .client
            .state_store()
            .get_kv_data(StateStoreDataKey::SyncToken)
            .await
        {
            Ok(Some(StateStoreDataValue::SyncToken(token))) => token,
            _ => return,
        };
        if processed == position {
            return;
        }
        let marker = serde_json::json!({
            "device_id": self.client.device_id().map(ToString::to_string),
            "since": self.clock.now().to_rfc3339(),
        });
        let written = match serde_json::value::to_raw_value(&marker) {
            Ok(raw) => self
                .client
                .account()
                .set_account_data_raw(DEVICE_MARKER.into(), Raw::from_json(raw))
                .await
                .map(|_| ())
                .map_err(|error| error.to_string()),
            Err(error) => Err(error.to_string()),
        };
        match written {
            Ok(()) => tracing::debug!("the homeserver moved past the SDK's last sync token"),
            Err(error) => tracing::warn!(
                %error,
                "could not move the homeserver past the SDK's last sync token; the first sync may be taken for a repeat"
            ),
        }
    }

    /// Accepts an invitation from an allowed user or into an allowed room; declines others.
    async fn on_invite(&self, room_id: &MatrixRoomId) {
        let Some(room) = self.client.get_room(room_id) else {
            return;
        };
        if room.state() != RoomState::Invited {
            return;
        }
        let inviter = match room.invite_details().await {
            Ok(invite) => invite.inviter_id.to_string(),
            Err(error) => {
                tracing::warn!(%room_id, %error, "cannot tell who sent the invitation");
                return;
            }
        };
        // The new version of the group's room: the old room's tombstone names it.
        let replacement = replaced_room(&self.client, &room).is_some();
        if !replacement && !self.access.allows_invite(&inviter, room_id.as_str()) {
            tracing::warn!(%room_id, %inviter, "invitation declined: inviter not allowed");
            if let Err(error) = room.leave().await {
                tracing::warn!(%room_id, %error, "could not decline the invitation");
            }
            return;
        }
        tracing::info!(%room_id, %inviter, "invitation accepted");
        join_with_retries(&room).await;
    }

    /// Handles one room's new events, oldest first; returns the last event read. `handed` says
    /// what the service was given.
    async fn on_room_timeline(
        &self,
        room_id: &MatrixRoomId,
        timeline: &Timeline,
        since: Option<&str>,
        first_sync: bool,
        own_user: &OwnedUserId,
        handed: &mut Handed,
    ) -> Result<Option<EventId>, BatchError> {
        // On the very first start, what happened before the bot started is history.
        let fresh;
        let timeline_events: &[TimelineEvent] = if first_sync {
            fresh = timeline
                .events
                .iter()
                .filter(|event| {
                    event
                        .timestamp()
                        .is_some_and(|sent| to_utc(sent) >= self.started_at)
                })
                .cloned()
                .collect::<Vec<_>>();
            tracing::debug!(%room_id, skipped = timeline.events.len() - fresh.len(), "history not replayed");
            &fresh
        } else {
            &timeline.events
        };
        let room = RoomId::new(room_id.as_str());
        // Events before the bot's own arrival are history it was not there for.
        let own_join = timeline_events
            .iter()
            .rposition(|event| is_own_join(event, own_user));
        let missed;
        let events: &[TimelineEvent] = match (own_join, since, timeline.limited) {
            (Some(join), _, _) => {
                handed.anything = true;
                let replaced = self
                    .client
                    .get_room(room_id)
                    .and_then(|joined| replaced_room(&self.client, &joined));
                match replaced {
                    Some(old) => {
                        let old = RoomId::new(old.as_str());
                        self.service
                            .on_joined_replacement(&old, &room, self.clock.now())
                            .await?
                    }
                    None => self.service.on_joined(&room, self.clock.now()).await?,
                }
                &timeline_events[join + 1..]
            }
            (None, Some(since), true) => match self.client.get_room(room_id) {
                Some(joined) => {
                    let last_read = self.service.store().last_read_event(&room).await?;
                    missed = super::gaps::with_missed_events(
                        &joined,
                        timeline,
                        last_read.as_ref(),
                        since,
                    )
                    .await?;
                    &missed
                }
                None => timeline_events,
            },
            (None, _, _) => timeline_events,
        };
        // The bot's name in the room, for messages addressed to it by name (kept by the chat
        // until the room's members change); a batch with no event of the room needs none.
        let own_name = match events.is_empty() {
            true => None,
            false => self.chat.own_name(&room).await,
        };
        for event in events {
            if let Some(via) = tombstone_sender_server(event)
                && let Some(joined) = self.client.get_room(room_id)
            {
                handed.anything = true;
                join_replacement(&self.client, &joined, via).await;
                continue;
            }
            let Some(incoming) = incoming(event, &room, own_user, own_name.as_deref()) else {
                continue;
            };
            handed.anything = true;
            let started = Instant::now();
            let handling = self.service.handle(&incoming, self.clock.now()).await?;
            if let Incoming::Message(message) = &incoming {
                handed.command |= handling != Handling::Other;
                let family = match handling {
                    Handling::Command(topic) => topic.key(),
                    Handling::NotUnderstood => "not-understood",
                    Handling::Other => continue,
                };
                // Reading, deciding and storing, before the sender takes over.
                let elapsed = started.elapsed();
                tracing::info!(
                    event_id = %message.event_id,
                    family,
                    latency_ms = elapsed.as_secs_f64() * 1000.0,
                    micros = elapsed.as_micros(),
                    "command handled"
                );
            }
        }
        Ok(timeline
            .events
            .last()
            .and_then(|event| event.event_id())
            .map(|id| EventId::new(id.as_str())))
    }
}

/// The timeout of a sync that reads a position again. Synapse keeps a sync's answer for two
/// minutes (`sync_response_cache_duration`) and gives it again to the same request — the same
/// user, device, `since`, filter and timeout: a batch read again after a crash (or after a
/// failure to handle it) would come back as the very answer the SDK already processed, which
/// the SDK drops as a repeat, and the events the bot had not handled yet would be lost. Such a
/// sync differs by its timeout: a few milliseconds to twenty seconds, never the long poll's,
/// one for each of the first 64 re-reads of a run, and 64 apart from one run to the next.
fn rereading_timeout(run: u64, rereads: u64) -> Duration {
    const SPREAD: u64 = 20_000;
    Duration::from_millis(1 + (run.wrapping_mul(64).wrapping_add(rereads)) % SPREAD)
}

/// Why a batch could not be finished (and will be read again).
#[derive(Debug, thiserror::Error)]
enum BatchError {
    #[error(transparent)]
    Service(#[from] ServiceError),
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error("could not fetch the events missed during downtime: {0}")]
    Gap(#[from] matrix_sdk::Error),
}

fn timeline_filter() -> Filter {
    let mut filter = FilterDefinition::default();
    filter.room.timeline.limit = Some(TIMELINE_LIMIT.into());
    Filter::FilterDefinition(filter)
}

/// The wait after a failed sync, batch or join: 1 s, doubling, at most [`MAX_BACKOFF`].
const BACKOFF: Backoff = Backoff {
    first: Duration::from_secs(1),
    factor: 2,
    max: MAX_BACKOFF,
};

fn backoff(failures: u32) -> Duration {
    BACKOFF.delay(failures)
}

/// Joining right after an invitation can fail while the homeserver catches up: try again a
/// few times, waiting longer each time.
async fn join_with_retries(room: &Room) {
    for attempt in 1..=JOIN_ATTEMPTS {
        match room.join().await {
            Ok(()) => return,
            Err(error) if attempt < JOIN_ATTEMPTS => {
                let delay = backoff(attempt);
                tracing::warn!(room_id = %room.room_id(), %error, ?delay, "join failed; trying again");
                tokio::time::sleep(delay).await;
            }
            Err(error) => {
                tracing::error!(room_id = %room.room_id(), %error, "could not join the room");
            }
        }
    }
}

/// Whether a room's update carries a membership event: a join, a leave, a new display name.
fn changes_members(update: &JoinedRoomUpdate) -> bool {
    let state = match &update.state {
        State::Before(events) | State::After(events) => events,
    };
    state
        .iter()
        .any(|event| is_member_type(event.get_field("type")))
        || update
            .timeline
            .events
            .iter()
            .any(|event| is_member_type(event.raw().get_field("type")))
}

fn is_member_type(event_type: serde_json::Result<Option<String>>) -> bool {
    event_type.ok().flatten().as_deref() == Some("m.room.member")
}

/// Whether the event is the bot's own arrival in the room (not a profile change).
fn is_own_join(event: &TimelineEvent, own_user: &OwnedUserId) -> bool {
    // Most events are no membership: their type says so without reading the whole event.
    if !is_member_type(event.raw().get_field("type")) {
        return false;
    }
    let Ok(AnySyncTimelineEvent::State(AnySyncStateEvent::RoomMember(SyncStateEvent::Original(
        member,
    )))) = event.raw().deserialize()
    else {
        return false;
    };
    member.state_key == *own_user
        && member.content.membership == MembershipState::Join
        && member
            .unsigned
            .prev_content
            .as_ref()
            .is_none_or(|previous| previous.membership != MembershipState::Join)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sync_that_reads_a_position_again_never_repeats_a_recent_request() {
        let mut seen = std::collections::HashSet::new();
        // Twenty runs in a row (a crash loop), each reading again up to 64 times.
        for run in 1..=20 {
            for rereads in 1..=64 {
                let timeout = rereading_timeout(run, rereads);
                assert!(timeout < LONG_POLL);
                assert!(seen.insert(timeout), "run {run}, re-read {rereads}");
            }
        }
        assert!(rereading_timeout(u64::MAX, u64::MAX) < LONG_POLL);
    }

    #[test]
    fn backoff_doubles_up_to_half_a_minute() {
        let delays: Vec<u64> = (1..=9).map(|n| backoff(n).as_secs()).collect();
        assert_eq!(delays, vec![1, 2, 4, 8, 16, 30, 30, 30, 30]);
    }
}
