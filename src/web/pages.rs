//! The pages, rendered on the server with maud (every value escaped), in the room's language.

use chrono::{DateTime, NaiveDate, Utc};
use maud::{DOCTYPE, Markup, html};

use super::{RoomPage, WebState};
use crate::calendar::{self, InvitationTexts};
use crate::domain::meeting::next_meeting;
use crate::domain::poll::{JointPosition, Stance};
use crate::domain::record::{LATEST_DECISIONS, search_query};
use crate::domain::{Language, Meeting, UserId};
use crate::replies::{self, Wording};
use crate::service::{ServiceError, known_associations, minutes_standing, poll_outcome};
use crate::storage::{StorageError, Transaction};

/// How many decisions the register page shows without a search.
const REGISTER_LENGTH: usize = 200;

pub const STYLE: &str = "\
body{font-family:system-ui,sans-serif;max-width:46rem;margin:0 auto;padding:1rem;line-height:1.5;color:#222;background:#fff;overflow-wrap:anywhere}\
a{color:#0b4f9c}a:focus-visible,button:focus-visible,input:focus-visible,summary:focus-visible{outline:3px solid #0b4f9c;outline-offset:2px}\
nav{display:flex;flex-wrap:wrap;gap:.25rem 1rem}nav a{padding:.25rem 0}h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:1.5rem}\
.revoked{text-decoration:line-through;color:#595959}.meta{color:#4a4a4a;font-size:.9rem}\
form{margin:1rem 0;display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}input[type=search]{flex:1 1 12rem;min-width:0;padding:.4rem;font-size:1rem}\
button{padding:.4rem .8rem;font-size:1rem}li{margin:.3rem 0}\
pre{white-space:pre-wrap;overflow-wrap:anywhere;font-size:.9rem;background:#f4f4f4;padding:.5rem}\
@media print{nav,form{display:none}body{max-width:none;margin:0;padding:0;font-size:11pt;color:#000}\
a{color:inherit;text-decoration:none}article{break-inside:avoid}details>*{display:block}\
@page{size:A4;margin:2cm}}";

#[derive(Debug, thiserror::Error)]
pub enum PageError {
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error(transparent)]
    Service(#[from] ServiceError),
    #[error("the PDF could not be printed: {0}")]
    Print(String),
}

pub(super) fn text(state: &WebState, page: &RoomPage, id: &str) -> String {
    state.texts.get(page.language, id)
}

pub(super) fn layout(state: &WebState, page: &RoomPage, title: &str, body: Markup) -> Markup {
    let base = format!("/{}/", page.token);
    let lang = match page.language {
        Language::Fr => "fr",
        Language::En => "en",
    };
    html! {
        (DOCTYPE)
        html lang=(lang) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="referrer" content="no-referrer";
                title { (title) " — " (page.name) }
                link rel="stylesheet" href="/style.css";
            }
            body {
                p.meta { (page.name) }
                nav {
                    a href=(base) { (text(state, page, "web-home")) }
                    a href={ (base) "decisions" } { (text(state, page, "web-decisions")) }
                    a href={ (base) "positions" } { (text(state, page, "web-positions")) }
                    a href={ (base) "lettres" } { (text(state, page, "web-letters")) }
                    a href={ (base) "contacts" } { (text(state, page, "web-contacts")) }
                    a href={ (base) "formations" } { (text(state, page, "web-trainings")) }
                    a href={ (base) "groupes" } { (text(state, page, "web-groups")) }
                    a href={ (base) "reunions" } { (text(state, page, "web-meetings")) }
                    a href={ (base) "reunions.ics" } { (text(state, page, "web-calendar")) }
                }
                main {
                    h1 { (title) }
                    (body)
                }
            }
        }
    }
}

/// A person as volunteers know them: their display name, else the name part of their id
/// (never the raw `@…:server`).
pub(super) fn person(names: &std::collections::HashMap<UserId, String>, user: &UserId) -> String {
    names.get(user).cloned().unwrap_or_else(|| {
        user.as_str()
            .trim_start_matches('@')
            .split(':')
            .next()
            .unwrap_or_default()
            .to_owned()
    })
}

fn when(state: &WebState, page: &RoomPage, at: DateTime<Utc>) -> String {
    wording(state, page).date_time(at)
}

/// How the page reads: the room's language, the group's time zone.
pub(super) fn wording<'a>(state: &'a WebState, page: &RoomPage) -> Wording<'a> {
    Wording::new(&state.texts, page.language, state.time_zone)
}

/// The next meeting: date, place, host and agenda.
pub async fn home(
    state: &WebState,
    page: &RoomPage,
    now: DateTime<Utc>,
) -> Result<Markup, PageError> {
    let mut tx = state.store.begin().await?;
    let meetings = tx.planned_meetings(&page.room).await?;
    let next = next_meeting(&meetings, now, state.time_zone).cloned();
    let agenda = match &next {
        Some(meeting) => Some(tx.agenda(meeting.id).await?),
        None => None,
    };
    let title = text(state, page, "web-next-meeting");
    let unknown = text(state, page, "minutes-unknown");
    let wording = wording(state, page);
    let body = html! {
        @match (&next, &agenda) {
            (Some(meeting), Some(agenda)) => {
                p { strong {
                    @match meeting.starts_at {
                        Some(at) => (when(state, page, at)),
                        None => (text(state, page, "agenda-meeting-unscheduled")),
                    }
                } }
                ul {
                    li { (wording.labelled(&text(state, page, "web-place"), &meeting.place.clone().unwrap_or_else(|| unknown.clone()))) }
                    li { (wording.labelled(&text(state, page, "web-host"), &meeting.host.clone().unwrap_or_else(|| unknown.clone()))) }
                }
                h2 { (text(state, page, "web-agenda")) }
                @if agenda.is_empty() {
                    p { (text(state, page, "reminder-agenda-empty")) }
                } @else {
                    ol {
                        @for item in agenda.items() {
                            li {
                                @if item.urgent { strong { (text(state, page, "web-urgent")) } " — " }
                                (item.text)
                                @if item.status == crate::domain::ItemStatus::Treated { " ✅" }
                            }
                        }
                    }
                }
            }
            _ => { p { (text(state, page, "web-no-meeting")) } }
        }
    };
    Ok(layout(state, page, &title, body))
}

/// The register: the latest decisions, or those a search found, each with its history.
pub async fn decisions(
    state: &WebState,
    page: &RoomPage,
    words: Option<&str>,
) -> Result<Markup, PageError> {
    let mut tx = state.store.begin().await?;
    let found = match words.map(search_query) {
        Some(Some(query)) => {
            tx.search_decisions(&page.room, &query, LATEST_DECISIONS * 5)
                .await?
        }
        Some(None) => Vec::new(),
        None => tx.latest_decisions(&page.room, REGISTER_LENGTH).await?,
    };
    let mut shown = Vec::with_capacity(found.len());
    for decision in found {
        let versions = if decision.version > 1 {
            tx.decision_versions(&page.room, decision.number).await?
        } else {
            Vec::new()
        };
        shown.push((decision, versions));
    }
    drop(tx);
    let names = (state.member_names)(&page.room).await;
    let wording = wording(state, page);
    let title = text(state, page, "web-decisions");
    let body = html! {
        form method="get" action={ "/" (page.token) "/decisions" } {
            label for="q" { (text(state, page, "web-search-label")) }
            " "
            input type="search" id="q" name="q" value=(words.unwrap_or_default()) placeholder=(text(state, page, "web-search"));
            " "
            button type="submit" { (text(state, page, "web-search-button")) }
        }
        @if shown.is_empty() {
            p { (text(state, page, if words.is_some() { "web-no-result" } else { "web-no-decision" })) }
        }
        @for (decision, versions) in &shown {
            article id={ "d" (decision.number) } {
                h2 { (wording.number(decision.number)) }
                p class=[decision.revoked.as_ref().map(|_| "revoked")] { (decision.text) }
                p.meta {
                    (wording.day_in_words(decision.created_at)) " — " (person(&names, &decision.author))
                    @if let Some(association) = &decision.author_association { " — " (association) }
                    @if let Some((_, Some(at))) = decision.meeting { " — " (text(state, page, "web-meeting-of")) " " (wording.day_in_words(at)) }
                    @if let Some(poll) = decision.poll { " — " (text(state, page, "web-poll")) " " (poll) }
                }
                @if let Some(revoked) = &decision.revoked {
                    p.meta { strong { (text(state, page, "web-revoked")) } " " (wording.labelled(&wording.day_in_words(revoked.at), &revoked.reason)) }
                }
                @if !versions.is_empty() {
                    details {
                        summary { (text(state, page, "web-history")) }
                        ol { @for version in versions { li { (wording.day_in_words(version.created_at)) " — " (version.text) } } }
                    }
                }
            }
        }
    };
    Ok(layout(state, page, &title, body))
}

/// The joint letters: each with its status, its recipients, when it went, the co-signed PDF
/// once approved, and the answers recorded.
pub async fn letters(state: &WebState, page: &RoomPage) -> Result<Markup, PageError> {
    let mut tx = state.store.begin().await?;
    let letters = tx.letters(&page.room).await?;
    drop(tx);
    let wording = wording(state, page);
    let title = text(state, page, "web-letters");
    let body = html! {
        @if letters.is_empty() { p { (text(state, page, "web-letters-none")) } }
        @for letter in letters.iter().rev() {
            article id={ "l" (letter.number) } {
                h2 { (wording.number(letter.number)) " — " (letter.title) }
                p.meta {
                    (replies::letter_status_name(&wording, letter.status()))
                    @if let Some(sent) = letter.sent_at { " — " (wording.format("web-letters-sent", &[("date", wording.day_in_words(sent).into())])) }
                }
                @if !letter.recipients.is_empty() {
                    p {
                        (text(state, page, "web-letters-to")) " "
                        (wording.semicolons(&letter.recipients.iter().map(|recipient| recipient.name.clone()).collect::<Vec<_>>()))
                    }
                }
                @if let Some(frozen) = &letter.frozen {
                    p {
                        a href={ "/" (page.token) "/lettres/" (letter.number) ".pdf" } { (text(state, page, "web-letters-pdf")) }
                        " — " small { (text(state, page, "web-letters-fingerprint")) " " code { (frozen.fingerprint) } }
                    }
                }
                @for answer in &letter.answers {
                    blockquote {
                        p.meta { (wording.format("web-letters-answer", &[("date", wording.day_in_words(answer.recorded_at).into())])) }
                        p { (answer.text) }
                        @if let Some(file) = &answer.file_name { p.meta { (file) } }
                    }
                }
            }
        }
    };
    Ok(layout(state, page, &title, body))
}

/// The co-signed PDF of letter n° `number`, once frozen.
pub async fn letter_pdf(
    state: &WebState,
    page: &RoomPage,
    number: usize,
) -> Result<Option<MinutesFile>, PageError> {
    let mut tx = state.store.begin().await?;
    let letter = tx.letter(&page.room, number).await?;
    drop(tx);
    let Some(letter) = letter else {
        return Ok(None);
    };
    let Some(frozen) = &letter.frozen else {
        return Ok(None);
    };
    let wording = Wording::new(&state.texts, page.language, state.time_zone);
    let printable = replies::letter_printable(&wording, &letter, frozen, Some(&page.name));
    let name = printable.name.clone();
    let data = crate::pdf::print(printable)
        .await
        .map_err(|error| PageError::Print(error.to_string()))?;
    Ok(Some(MinutesFile {
        name,
        mime: crate::pdf::MIME,
        data,
    }))
}

/// The address book, searchable (`?q=`): the page is private, so addresses and phones are
/// whole here; a contact nobody confirmed for long is marked "to check".
pub async fn contacts(
    state: &WebState,
    page: &RoomPage,
    words: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Markup, PageError> {
    let mut tx = state.store.begin().await?;
    let all = tx.contacts(&page.room).await?;
    drop(tx);
    let found: Vec<_> = all
        .iter()
        .filter(|contact| words.is_none_or(|words| contact.matches(words)))
        .collect();
    let wording = wording(state, page);
    let title = text(state, page, "web-contacts");
    let body = html! {
        form method="get" action={ "/" (page.token) "/contacts" } {
            label for="q" { (text(state, page, "web-contacts-search-label")) }
            " "
            input type="search" id="q" name="q" value=(words.unwrap_or_default());
            " "
            button type="submit" { (text(state, page, "web-search-button")) }
        }
        @if found.is_empty() {
            p { (text(state, page, if all.is_empty() { "web-contacts-empty" } else { "web-contacts-none" })) }
        }
        @for contact in &found {
            article id={ "c" (contact.number) } {
                h2 { (contact.fields.organisation) }
                p { strong { (contact.fields.name) } ", " (contact.fields.role) }
                @if let Some(phone) = &contact.fields.phone {
                    p { a href={ "tel:" (phone.replace([' ', '.', '-', '\u{a0}'], "")) } { (phone) } }
                }
                @if let Some(email) = &contact.fields.email {
                    p { a href={ "mailto:" (email) } { (email) } }
                }
                @if let Some(note) = &contact.fields.note {
                    p { (note) }
                }
                p.meta {
                    (wording.number(contact.number)) " — "
                    (wording.format("web-contacts-confirmed", &[("date", wording.day_in_words(contact.confirmed_at).into())]))
                    @if contact.to_check(now, state.contacts_confirm_after_days) {
                        " — " strong { (text(state, page, "contact-to-check")) }
                    }
                }
            }
        }
    };
    Ok(layout(state, page, &title, body))
}

/// The joint positions adopted: closed polls where every association agreed.
pub async fn positions(state: &WebState, page: &RoomPage) -> Result<Markup, PageError> {
    let mut tx = state.store.begin().await?;
    let mut adopted = Vec::new();
    for poll in tx.closed_polls(&page.room).await? {
        let closed_at = poll.closed_at.unwrap_or_else(Utc::now);
        let outcome = poll_outcome(&mut tx, &page.room, &poll, closed_at, state.time_zone).await?;
        if let JointPosition::Adopted(option) = outcome.joint {
            adopted.push((poll, option, outcome));
        }
    }
    let title = text(state, page, "web-positions");
    let names = (state.member_names)(&page.room).await;
    let wording = wording(state, page);
    // "Croix-Rouge (par mandat, Secours populaire)" where a mandate counted.
    let association_label =
        |outcome: &crate::domain::poll::PollResults, association: &String| match outcome
            .mandates
            .iter()
            .find(|used| {
                used.giver == *association && used.used == crate::domain::mandate::Use::Counted
            }) {
            Some(used) => {
                let holder = match &used.holder {
                    crate::domain::record::Owner::Association(name) => name.clone(),
                    crate::domain::record::Owner::Member(user) => person(&names, user),
                };
                crate::replies::by_mandate(&wording, association, &holder)
            }
            None => association.clone(),
        };
    let body = html! {
        @if adopted.is_empty() { p { (text(state, page, "web-no-position")) } }
        @for (poll, option, outcome) in &adopted {
            article {
                h2 { (poll.question) }
                p { strong { (poll.options.get(option - 1).cloned().unwrap_or_default()) } }
                p.meta {
                    @if let Some(at) = poll.closed_at { (wording.day_in_words(at)) }
                    " — " (text(state, page, "web-poll")) " " (poll.number)
                    " — " (crate::replies::rule_line(&wording, outcome.rule))
                }
                ul {
                    @for (association, stance) in &outcome.associations {
                        li { (wording.labelled(&association_label(outcome, association), &stance_words(poll, stance))) }
                    }
                }
            }
        }
    };
    Ok(layout(state, page, &title, body))
}

/// Where an association stands on a poll: its option and who answered it, or "—".
fn stance_words(poll: &crate::domain::poll::Poll, stance: &Stance) -> String {
    match stance {
        Stance::Unanimous { option, voters } => format!(
            "{} ({})",
            option
                .checked_sub(1)
                .and_then(|index| poll.options.get(index))
                .cloned()
                .unwrap_or_default(),
            voters
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Stance::Split(_) | Stance::Missing => "—".to_owned(),
    }
}

/// Past meetings, each with its minutes to download.
pub async fn meetings(
    state: &WebState,
    page: &RoomPage,
    now: DateTime<Utc>,
) -> Result<Markup, PageError> {
    let mut tx = state.store.begin().await?;
    let past = tx.past_meetings(&page.room, now).await?;
    let adopted: std::collections::HashSet<_> = tx
        .adopted_minutes_of_room(&page.room)
        .await?
        .into_iter()
        .map(|(_, adoption)| adoption.meeting)
        .collect();
    let title = text(state, page, "web-meetings");
    let unknown = text(state, page, "minutes-unknown");
    let day = |meeting: &Meeting| {
        meeting
            .starts_at
            .map(|at| {
                at.with_timezone(&state.time_zone)
                    .format("%Y-%m-%d")
                    .to_string()
            })
            .unwrap_or_default()
    };
    let body = html! {
        @if past.is_empty() { p { (text(state, page, "minutes-no-meeting")) } }
        ul {
            @for meeting in &past {
                li {
                    @if let Some(at) = meeting.starts_at { strong { (when(state, page, at)) } }
                    " — " (meeting.place.clone().unwrap_or_else(|| unknown.clone()))
                    " — " (meeting.host.clone().unwrap_or_else(|| unknown.clone()))
                    " — " a href={ "/" (page.token) "/comptes-rendus/" (day(meeting)) ".md" } { (text(state, page, "web-minutes-download")) }
                    " — " a href={ "/" (page.token) "/comptes-rendus/" (day(meeting)) ".pdf" } {
                        @if adopted.contains(&meeting.id) { (text(state, page, "web-minutes-adopted-pdf")) }
                        @else { (text(state, page, "web-minutes-draft-pdf")) }
                    }
                }
            }
        }
    };
    Ok(layout(state, page, &title, body))
}

/// A file of the minutes of one meeting: its name, its type and its bytes.
pub struct MinutesFile {
    pub name: String,
    pub mime: &'static str,
    pub data: Vec<u8>,
}

/// The minutes of the meeting of `day` as Markdown, or as their PDF (printed here, off the
/// async threads); once adopted, the procès-verbal as it was frozen.
pub async fn minutes_file(
    state: &WebState,
    page: &RoomPage,
    day: NaiveDate,
    pdf: bool,
) -> Result<Option<MinutesFile>, PageError> {
    let mut tx = state.store.begin().await?;
    let start = local_midnight(state, day);
    let end = local_midnight(state, day.succ_opt().unwrap_or(day));
    let Some(meeting) = tx.meeting_between(&page.room, start, end, false).await? else {
        return Ok(None);
    };
    let known = known_associations(&mut tx, &page.room).await?;
    let standing = minutes_standing(&mut tx, &page.room, meeting.clone(), state.time_zone).await?;
    drop(tx);
    let today = state
        .clock
        .now()
        .with_timezone(&state.time_zone)
        .date_naive();
    let wording = Wording::new(&state.texts, page.language, state.time_zone);
    let heading = replies::minutes_heading(&wording, Some(&page.name), &known);
    let (markdown, printable) =
        replies::minutes_document(&wording, &standing, &meeting, heading, today);
    if !pdf {
        return Ok(Some(MinutesFile {
            name: replies::minutes_file_name(&wording, &meeting),
            mime: "text/markdown; charset=utf-8",
            data: markdown.into_bytes(),
        }));
    }
    let name = printable.name.clone();
    let data = crate::pdf::print(printable)
        .await
        .map_err(|error| PageError::Print(error.to_string()))?;
    Ok(Some(MinutesFile {
        name,
        mime: crate::pdf::MIME,
        data,
    }))
}

fn local_midnight(state: &WebState, day: NaiveDate) -> DateTime<Utc> {
    crate::domain::dates::local_midnight(day, state.time_zone)
}

/// The subscribable calendar of the room's meetings.
pub async fn feed(
    state: &WebState,
    page: &RoomPage,
    now: DateTime<Utc>,
) -> Result<String, PageError> {
    let meetings = state.store.feed_meetings(&page.room).await?;
    let mut tx: Transaction = state.store.begin().await?;
    let mut events = Vec::with_capacity(meetings.len());
    for feed in meetings {
        let agenda = tx.agenda(feed.meeting.id).await?;
        events.push((feed.meeting, agenda, feed.sequence, feed.cancelled));
    }
    let summary =
        replies::meeting_summary(&Wording::new(&state.texts, page.language, state.time_zone));
    let heading = replies::meeting_calendar_agenda(&Wording::new(
        &state.texts,
        page.language,
        state.time_zone,
    ));
    let texts = InvitationTexts {
        summary: &summary,
        agenda_heading: &heading,
        guests: None,
    };
    Ok(calendar::feed(&page.name, &page.room, &events, &texts, now))
}
