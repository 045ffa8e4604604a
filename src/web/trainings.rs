//! The page of the training sessions (`…/formations`), in the room's language.

use chrono::{DateTime, Datelike, Utc};
use maud::{Markup, html};

use super::pages::{PageError, layout, person, text, wording};
use super::{RoomPage, WebState};
use crate::replies;

/// The training sessions: those to come with their seats and who signed up (by association,
/// then who waits), the past ones with who came, and the summary of this year.
pub async fn trainings(
    state: &WebState,
    page: &RoomPage,
    now: DateTime<Utc>,
) -> Result<Markup, PageError> {
    use crate::domain::training::{Who, places, summary};
    let mut tx = state.store.begin().await?;
    let sessions = tx.trainings_with_trainees(&page.room).await?;
    drop(tx);
    let names = (state.member_names)(&page.room).await;
    let wording = wording(state, page);
    let year = now.with_timezone(&state.time_zone).year();
    let summed = summary(&sessions, year, state.time_zone);
    let name_of = |who: &Who| match who {
        Who::Member(user) => person(&names, user),
        Who::Named(name) => name.clone(),
        Who::Anonymous => text(state, page, "training-anonymous"),
    };
    let (mut coming, mut past): (Vec<_>, Vec<_>) = sessions
        .iter()
        .partition(|(training, _)| training.is_coming(now, state.time_zone));
    coming.sort_by_key(|(training, _)| training.fields.when.starts_at(state.time_zone));
    past.sort_by_key(|(training, _)| {
        std::cmp::Reverse(training.fields.when.starts_at(state.time_zone))
    });
    let title = text(state, page, "web-trainings");
    let body = html! {
        h2 { (text(state, page, "web-trainings-coming")) }
        @if coming.is_empty() { p { (text(state, page, "web-trainings-none")) } }
        @for (training, trainees) in &coming {
            @let (seated, waiting) = places(trainees, training.fields.seats);
            article id={ "f" (training.number) } {
                h3 { (wording.number(training.number)) " — " (training.fields.title) }
                p.meta {
                    (replies::training_when(&wording, training))
                    @if let Some(place) = &training.fields.place { " — " (place) }
                    " — " (wording.format("training-organised-by", &[("association", training.organiser.clone().into())]))
                }
                @if let Some(description) = &training.fields.description { p { (description) } }
                p { (wording.format("web-trainings-seats", &[
                    ("seated", seated.len().into()),
                    ("seats", training.fields.seats.map_or(-1, |seats| seats as i64).into()),
                    ("waiting", waiting.len().into()),
                ])) }
                @if !seated.is_empty() {
                    ul {
                        @for trainee in seated {
                            li { (name_of(&trainee.who)) " (" (trainee.association) ")" }
                        }
                    }
                }
                @if !waiting.is_empty() {
                    p { (text(state, page, "web-trainings-waiting")) }
                    ol {
                        @for trainee in waiting {
                            li { (name_of(&trainee.who)) " (" (trainee.association) ")" }
                        }
                    }
                }
            }
        }
        h2 { (text(state, page, "web-trainings-past")) }
        @if past.is_empty() { p { (text(state, page, "web-trainings-none")) } }
        @for (training, trainees) in &past {
            article id={ "f" (training.number) } {
                h3 { (wording.number(training.number)) " — " (training.fields.title) }
                p.meta {
                    (replies::training_when(&wording, training))
                    " — " (training.organiser)
                    @if training.cancelled_at.is_some() { " — " (text(state, page, "web-trainings-cancelled")) }
                }
                @let came: Vec<String> = trainees.iter().filter(|t| t.attended).map(|t| format!("{} ({})", name_of(&t.who), t.association)).collect();
                @if training.cancelled_at.is_none() {
                    p { (wording.format("web-trainings-came", &[("count", came.len().into()), ("people", came.join(", ").into())])) }
                }
            }
        }
        h2 { (wording.format("web-trainings-summary", &[("year", year.to_string().into())])) }
        @if summed.is_empty() { p { (text(state, page, "web-trainings-none")) } }
        @else {
            table {
                thead { tr {
                    th scope="col" { (text(state, page, "training-sheet-association")) }
                    th scope="col" { (text(state, page, "web-trainings-organised")) }
                    th scope="col" { (text(state, page, "web-trainings-trained")) }
                    th scope="col" { (text(state, page, "web-trainings-attendances")) }
                } }
                tbody {
                    @for (association, counts) in &summed {
                        tr {
                            th scope="row" { (association) }
                            td { (counts.organised) }
                            td { (counts.trained) }
                            td { (counts.attendances) }
                        }
                    }
                }
            }
        }
    };
    Ok(layout(state, page, &title, body))
}
