//! The page of the working groups (`…/groupes`): their proposals, the adopted ones marked.

use maud::{Markup, html};

use super::pages::{PageError, layout, text, wording};
use super::{RoomPage, WebState};

/// The working groups: each with its end date, its last report, whether it is closed, a
/// link to its room, and its proposals (its room's decisions), the adopted ones marked with
/// the plenary's decision.
pub async fn groups(state: &WebState, page: &RoomPage) -> Result<Markup, PageError> {
    let mut tx = state.store.begin().await?;
    let mut groups = Vec::new();
    for group in tx.groups(&page.room).await? {
        let proposals = match &group.room {
            Some(room) => {
                let mut decisions = tx.latest_decisions(room, usize::MAX).await?;
                decisions.sort_by_key(|decision| decision.number);
                decisions
            }
            None => Vec::new(),
        };
        let adopted = tx.adopted_proposals(group.id).await?;
        groups.push((group, proposals, adopted));
    }
    drop(tx);
    let wording = wording(state, page);
    let title = text(state, page, "web-groups");
    let body = html! {
        @if groups.is_empty() { p { (text(state, page, "web-groups-none")) } }
        @for (group, proposals, adopted) in &groups {
            article {
                h2 { (group.name) }
                p.meta {
                    @match group.closed_at {
                        Some(closed) => (wording.format("group-closed-on", &[("date", wording.day_in_words(closed).into())])),
                        None => (text(state, page, "web-groups-open")),
                    }
                    @if let Some(day) = group.ends_on {
                        " — " (wording.format("group-until", &[("day", wording.day_in_words(crate::domain::dates::local_midnight(day, state.time_zone)).into())]))
                    }
                    " — "
                    @match group.last_report_at {
                        Some(at) => (wording.format("group-last-report", &[("date", wording.day_in_words(at).into())])),
                        None => (text(state, page, "group-no-report")),
                    }
                    @if let Some(room) = &group.room {
                        " — " a href={ "https://matrix.to/#/" (room) } { (room) }
                    }
                }
                @if !proposals.is_empty() {
                    h3 { (text(state, page, "web-groups-proposals")) }
                    ul {
                        @for decision in proposals {
                            li {
                                (wording.number(decision.number)) " — " (decision.text)
                                @if let Some((_, by)) = adopted.iter().find(|(number, _)| *number == decision.number) {
                                    " — " strong { (text(state, page, "web-groups-adopted")) } " (" (wording.number(*by)) ")"
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    Ok(layout(state, page, &title, body))
}
