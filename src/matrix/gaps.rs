//! The events a downtime left out: fetched page by page, back to the last one read.

use matrix_sdk::Room;
use matrix_sdk::deserialized_responses::TimelineEvent;
use matrix_sdk::room::MessagesOptions;
use matrix_sdk::ruma::uint;
use matrix_sdk::sync::Timeline;

use crate::domain::EventId;

/// The most missed events fetched per room after a long downtime.
const MAX_GAP_EVENTS: usize = 2000;

/// After a downtime longer than one sync can carry, fetches the events between the last one
/// read before and the ones the sync returned, so that no command sent meanwhile is lost.
///
/// The gap is walked back to `last_read` itself, by event id: a sync token given as the `to`
/// of a backward pagination is not exact at its edge (the event right after it can be left
/// out). Only a database from before per-room positions falls back on the token.
pub(super) async fn with_missed_events(
    room: &Room,
    timeline: &Timeline,
    last_read: Option<&EventId>,
    since: &str,
) -> Result<Vec<TimelineEvent>, matrix_sdk::Error> {
    let is_last_read = |event: &TimelineEvent| {
        last_read.is_some_and(|last| {
            event
                .event_id()
                .is_some_and(|id| id.as_str() == last.as_str())
        })
    };
    // The last event read may be in this very timeline: then there is no gap.
    if let Some(seen) = timeline.events.iter().rposition(is_last_read) {
        return Ok(timeline.events[seen + 1..].to_vec());
    }
    let mut missed = Vec::new();
    let mut from = timeline.prev_batch.clone();
    let mut reached = false;
    'pages: while let Some(token) = from.take() {
        let mut options = MessagesOptions::backward().from(token.as_str());
        if last_read.is_none() {
            options.to = Some(since.to_owned());
        }
        options.limit = uint!(100);
        let page = room.messages(options).await?;
        if page.chunk.is_empty() {
            break;
        }
        // Newest first.
        for event in page.chunk {
            if is_last_read(&event) {
                reached = true;
                break 'pages;
            }
            missed.push(event);
        }
        if missed.len() >= MAX_GAP_EVENTS {
            tracing::warn!(room_id = %room.room_id(), "too many missed events; the oldest are skipped");
            break;
        }
        from = page.end;
    }
    tracing::info!(room_id = %room.room_id(), missed = missed.len(), reached, "fetched events missed during downtime");
    missed.reverse();
    missed.extend(timeline.events.iter().cloned());
    Ok(missed)
}
