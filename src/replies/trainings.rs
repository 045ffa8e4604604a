//! `!formation` / `!training`: sessions announced, listed and shown (who signed up, by
//! association, and who waits), sign-ups and withdrawals, the reminders, the sign-in sheet
//! and the yearly summary, as the room reads them.

use std::collections::{BTreeMap, HashMap};

use super::help::example;
use super::meetings::member_name;
use super::reminders::pill;
use super::wording::Wording;
use crate::command::Usage;
use crate::domain::UserId;
use crate::domain::training::{
    AssociationYear, Part, Trainee, Training, TrainingProblem, When, Who, WhoProblem, places,
};
use crate::i18n::escape_markdown;

/// A reply followed by a form to copy.
fn with_example(wording: &Wording<'_>, text: String, usage: Usage) -> String {
    format!(
        "{text} {} `{}`",
        wording.get("help-example"),
        example(wording, usage)
    )
}

/// "jeudi 14 janvier 2027 à 9 h 30", or "14 janvier 2027 (toute la journée)".
pub fn training_when(wording: &Wording<'_>, training: &Training) -> String {
    match training.fields.when {
        When::At(at) => wording.date_time(at),
        When::Day(_) => wording.format(
            "training-whole-day",
            &[(
                "day",
                wording
                    .day_in_words(training.fields.when.starts_at(wording.time_zone))
                    .into(),
            )],
        ),
    }
}

/// "formation n° 2 « Premiers secours »".
pub fn training_name(wording: &Wording<'_>, training: &Training) -> String {
    wording.format(
        "training-name",
        &[
            ("number", wording.number(training.number).into()),
            (
                "title",
                wording
                    .quoted(&escape_markdown(&training.fields.title))
                    .into(),
            ),
        ],
    )
}

/// Someone signed up, as the room reads them (Markdown-safe): a member's name, a volunteer's
/// name, or "une personne (anonymisée)".
pub fn who_name(wording: &Wording<'_>, names: &HashMap<UserId, String>, who: &Who) -> String {
    match who {
        Who::Member(user) => member_name(names, user),
        Who::Named(name) => escape_markdown(name),
        Who::Anonymous => wording.get("training-anonymous"),
    }
}

/// A person signed up, as the room reads them.
fn trainee_name(
    wording: &Wording<'_>,
    names: &HashMap<UserId, String>,
    trainee: &Trainee,
) -> String {
    who_name(wording, names, &trainee.who)
}

/// "**Premiers secours**, jeudi 14 janvier 2027 à 9 h 30 — Melun — organisée par la
/// Croix-Rouge": the heading of a session.
fn heading(wording: &Wording<'_>, training: &Training) -> String {
    let mut parts = vec![
        format!(
            "**{} {}**",
            wording.format(
                "training-title",
                &[("number", wording.number(training.number).into())]
            ),
            escape_markdown(&training.fields.title)
        ),
        training_when(wording, training),
    ];
    parts.extend(training.fields.place.as_deref().map(escape_markdown));
    parts.push(wording.format(
        "training-organised-by",
        &[("association", escape_markdown(&training.organiser).into())],
    ));
    parts.join(" — ")
}

/// "12 places, 3 restantes", "complet, 2 en attente", or nothing when seats are not limited.
fn seats_line(wording: &Wording<'_>, training: &Training, trainees: &[Trainee]) -> String {
    let (seated, waiting) = places(trainees, training.fields.seats);
    match training.fields.seats {
        None => wording.format(
            "training-signed-up-count",
            &[("count", seated.len().into())],
        ),
        Some(seats) => wording.format(
            "training-seats",
            &[
                ("seats", seats.into()),
                ("left", seats.saturating_sub(seated.len()).into()),
                ("waiting", waiting.len().into()),
            ],
        ),
    }
}

/// The announcement of a new session: what, when, where, who organises, the seats, and how
/// to sign up (✅ under it, or the command).
pub fn training_added(wording: &Wording<'_>, training: &Training) -> String {
    let mut text = heading(wording, training);
    if let Some(seats) = training.fields.seats {
        text.push_str("\n\n");
        text.push_str(&wording.format("training-seats-new", &[("seats", seats.into())]));
    }
    if let Some(description) = &training.fields.description {
        text.push_str("\n\n");
        text.push_str(&escape_markdown(description));
    }
    text.push_str("\n\n");
    text.push_str(&wording.format(
        "training-how-to-sign-up",
        &[("number", training.number.into())],
    ));
    text
}

/// `!formations`: the sessions to come, each with its seats.
pub fn training_list(wording: &Wording<'_>, coming: &[(Training, Vec<Trainee>)]) -> String {
    if coming.is_empty() {
        return with_example(
            wording,
            wording.get("training-list-empty"),
            Usage::TrainingAdd,
        );
    }
    let mut text = wording.format("training-list-title", &[("count", coming.len().into())]);
    for (training, trainees) in coming {
        text.push_str("\n- ");
        text.push_str(&heading(wording, training));
        text.push_str(" — ");
        text.push_str(&seats_line(wording, training, trainees));
    }
    text.push_str("\n\n");
    text.push_str(&wording.get("training-list-how"));
    text
}

/// People grouped by association, in the associations' order of name: "Croix-Rouge (2) :
/// Alice, Jean Dupont".
fn by_association(
    wording: &Wording<'_>,
    trainees: &[Trainee],
    names: &HashMap<UserId, String>,
) -> Vec<String> {
    let mut groups: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for trainee in trainees {
        let mut name = trainee_name(wording, names, trainee);
        if trainee.attended {
            name.push_str(" ✅");
        }
        groups
            .entry(trainee.association.as_str())
            .or_default()
            .push(name);
    }
    groups
        .into_iter()
        .map(|(association, people)| {
            wording.labelled(
                &format!("**{}** ({})", escape_markdown(association), people.len()),
                &people.join(", "),
            )
        })
        .collect()
}

/// `!formation <n>`: the session in full, who signed up per association, who waits, in order.
pub fn training_detail(
    wording: &Wording<'_>,
    training: &Training,
    trainees: &[Trainee],
    names: &HashMap<UserId, String>,
) -> String {
    let mut text = heading(wording, training);
    if training.cancelled_at.is_some() {
        text.push_str("\n\n");
        text.push_str(&wording.get("training-is-cancelled"));
    }
    if let Some(description) = &training.fields.description {
        text.push_str("\n\n");
        text.push_str(&escape_markdown(description));
    }
    text.push_str("\n\n");
    text.push_str(&seats_line(wording, training, trainees));
    let (seated, waiting) = places(trainees, training.fields.seats);
    if seated.is_empty() {
        text.push_str("\n\n");
        text.push_str(
            &wording.format("training-nobody-yet", &[("number", training.number.into())]),
        );
    }
    for line in by_association(wording, seated, names) {
        text.push_str("\n- ");
        text.push_str(&line);
    }
    if !waiting.is_empty() {
        text.push_str("\n\n");
        text.push_str(&wording.get("training-waiting-title"));
        for (rank, trainee) in waiting.iter().enumerate() {
            text.push_str(&format!(
                "\n{}. {} ({})",
                rank + 1,
                trainee_name(wording, names, trainee),
                escape_markdown(&trainee.association)
            ));
        }
    }
    text
}

/// Where a new sign-up stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrainingStanding {
    /// A seat; `left` seats remain (`None`: not limited).
    Seated { left: Option<usize> },
    /// On the waiting list, at `rank` (1 first).
    Waiting { rank: usize },
}

/// The answer to a sign-up: who, where they stand.
pub fn signed_up(
    wording: &Wording<'_>,
    training: &Training,
    name: &str,
    association: &str,
    standing: TrainingStanding,
) -> String {
    let who = format!("{name} ({})", escape_markdown(association));
    let session = training_name(wording, training);
    match standing {
        TrainingStanding::Seated { left } => wording.format(
            "training-signed-up",
            &[
                ("who", who.into()),
                ("training", session.into()),
                ("left", left.map_or(-1, |left| left as i64).into()),
            ],
        ),
        TrainingStanding::Waiting { rank } => wording.format(
            "training-waiting",
            &[
                ("who", who.into()),
                ("training", session.into()),
                ("rank", rank.into()),
            ],
        ),
    }
}

/// The answer to a withdrawal.
pub fn withdrawn(wording: &Wording<'_>, training: &Training, name: &str) -> String {
    wording.format(
        "training-withdrawn",
        &[
            ("who", name.to_owned().into()),
            ("training", training_name(wording, training).into()),
        ],
    )
}

/// The one(s) to tell about a person: the member themself, or the member who signed the
/// volunteer up. Their pill and their user id.
fn told(trainee: &Trainee, names: &HashMap<UserId, String>) -> (String, UserId) {
    let user = match &trainee.who {
        Who::Member(user) => user,
        Who::Named(_) | Who::Anonymous => &trainee.signed_up_by,
    };
    let name = names.get(user).map_or(user.as_str(), String::as_str);
    (pill(user, name), user.clone())
}

/// The message (it notifies) that tells someone a seat became theirs: the person, or the one
/// who signed them up.
pub fn moved_up(
    wording: &Wording<'_>,
    training: &Training,
    trainee: &Trainee,
    names: &HashMap<UserId, String>,
) -> (String, Vec<UserId>) {
    let (pill, user) = told(trainee, names);
    let text = match &trainee.who {
        Who::Member(_) => wording.format(
            "training-moved-up",
            &[
                ("pill", pill.into()),
                ("training", training_name(wording, training).into()),
                ("when", training_when(wording, training).into()),
            ],
        ),
        Who::Named(_) | Who::Anonymous => wording.format(
            "training-moved-up-for",
            &[
                ("pill", pill.into()),
                ("who", who_name(wording, names, &trainee.who).into()),
                ("training", training_name(wording, training).into()),
                ("when", training_when(wording, training).into()),
            ],
        ),
    };
    (text, vec![user])
}

/// The pills of everyone to tell about a session (members, and whoever signed a volunteer
/// up), each once.
fn everyone(trainees: &[Trainee], names: &HashMap<UserId, String>) -> (String, Vec<UserId>) {
    let mut pills = Vec::new();
    let mut users: Vec<UserId> = Vec::new();
    for trainee in trainees {
        let (pill, user) = told(trainee, names);
        if !users.contains(&user) {
            users.push(user);
            pills.push(pill);
        }
    }
    (pills.join(", "), users)
}

/// A cancelled session, told to everyone signed up (it notifies them).
pub fn training_cancelled(
    wording: &Wording<'_>,
    training: &Training,
    trainees: &[Trainee],
    names: &HashMap<UserId, String>,
) -> (String, Vec<UserId>) {
    let (pills, users) = everyone(trainees, names);
    let mut text = wording.format(
        "training-cancelled",
        &[
            ("training", training_name(wording, training).into()),
            ("when", training_when(wording, training).into()),
        ],
    );
    if !users.is_empty() {
        text.push_str(&format!("\n\n{pills}"));
    }
    (text, users)
}

/// The day-before reminder to those with a seat (it notifies them).
pub fn training_reminder(
    wording: &Wording<'_>,
    training: &Training,
    seated: &[Trainee],
    names: &HashMap<UserId, String>,
) -> (String, Vec<UserId>) {
    let (pills, users) = everyone(seated, names);
    let mut text = wording.format(
        "training-reminder",
        &[
            ("training", training_name(wording, training).into()),
            ("when", training_when(wording, training).into()),
        ],
    );
    if let Some(place) = &training.fields.place {
        text.push_str("\n- ");
        text.push_str(&wording.labelled(&wording.get("training-place"), &escape_markdown(place)));
    }
    let volunteers: Vec<String> = seated
        .iter()
        .filter(|trainee| matches!(trainee.who, Who::Named(_)))
        .map(|trainee| {
            format!(
                "{} ({})",
                trainee_name(wording, names, trainee),
                escape_markdown(&trainee.association)
            )
        })
        .collect();
    if !volunteers.is_empty() {
        text.push_str("\n- ");
        text.push_str(
            &wording.labelled(&wording.get("training-volunteers"), &volunteers.join(", ")),
        );
    }
    if !users.is_empty() {
        text.push_str(&format!("\n\n{pills}"));
    }
    (text, users)
}

/// Why a session could not be added.
pub fn training_problem(wording: &Wording<'_>, problem: &TrainingProblem) -> String {
    let text = match problem {
        TrainingProblem::MissingTitle => wording.get("training-missing-title"),
        TrainingProblem::MissingDate => wording.get("training-missing-date"),
        TrainingProblem::BadDate(_) => wording.get("training-bad-date"),
        TrainingProblem::InPast => wording.get("training-in-past"),
        TrainingProblem::NoSeats => wording.get("training-no-seats"),
        TrainingProblem::BadSeats { given } => wording.format(
            "training-bad-seats",
            &[("given", escape_markdown(given).into())],
        ),
        TrainingProblem::TooLong { what, length, max } => wording.format(
            match what {
                Part::Title => "training-title-too-long",
                Part::Place => "training-place-too-long",
                Part::Description | Part::Name => "training-description-too-long",
            },
            &[("length", (*length).into()), ("max", (*max).into())],
        ),
    };
    with_example(wording, text, Usage::TrainingAdd)
}

/// Why a person could not be read.
pub fn who_problem(wording: &Wording<'_>, problem: &WhoProblem, usage: Usage) -> String {
    let text = match problem {
        WhoProblem::BadMember { given } => wording.format(
            "training-bad-member",
            &[("given", escape_markdown(given).into())],
        ),
        WhoProblem::MissingName => wording.get("training-missing-name"),
        WhoProblem::TooLong { length } => wording.format(
            "training-name-too-long",
            &[
                ("length", (*length).into()),
                ("max", crate::domain::training::MAX_NAME_LENGTH.into()),
            ],
        ),
    };
    with_example(wording, text, usage)
}

/// What is wrong with a sign-up, a withdrawal or who came, with the right form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrainingRefusal {
    /// No session n° `number`.
    Missing {
        number: usize,
    },
    Cancelled,
    /// It has begun: too late to sign up or withdraw.
    Begun,
    /// Not begun: too early to say who came.
    NotBegun,
    AlreadySignedUp {
        who: String,
    },
    NotSignedUp {
        who: String,
    },
    /// A volunteer's association is needed (the author has none).
    NoAssociation,
    /// An association no one in the room belongs to.
    UnknownAssociation {
        given: String,
    },
    /// The session holds as many people as it can.
    Full,
    /// Only one person at a time here.
    OnePerson,
    /// The author of a new session belongs to no association (it organises it).
    NoOrganiser,
    /// A member linked to no association.
    MemberWithoutAssociation {
        who: String,
    },
}

pub fn training_refused(wording: &Wording<'_>, refused: &TrainingRefusal, usage: Usage) -> String {
    let text = match refused {
        TrainingRefusal::Missing { number } => {
            wording.format("training-missing", &[("number", (*number).into())])
        }
        TrainingRefusal::Cancelled => wording.get("training-refused-cancelled"),
        TrainingRefusal::Begun => wording.get("training-refused-begun"),
        TrainingRefusal::NotBegun => wording.get("training-refused-not-begun"),
        TrainingRefusal::AlreadySignedUp { who } => {
            wording.format("training-already-signed-up", &[("who", who.clone().into())])
        }
        TrainingRefusal::NotSignedUp { who } => {
            wording.format("training-not-signed-up", &[("who", who.clone().into())])
        }
        TrainingRefusal::NoAssociation => wording.get("training-no-association"),
        TrainingRefusal::UnknownAssociation { given } => wording.format(
            "training-unknown-association",
            &[("given", escape_markdown(given).into())],
        ),
        TrainingRefusal::Full => wording.format(
            "training-full",
            &[("max", crate::domain::training::MAX_TRAINEES.into())],
        ),
        TrainingRefusal::OnePerson => wording.get("training-one-person"),
        TrainingRefusal::NoOrganiser => wording.get("training-no-organiser"),
        TrainingRefusal::MemberWithoutAssociation { who } => wording.format(
            "training-member-without-association",
            &[("who", escape_markdown(who).into())],
        ),
    };
    let usage = match refused {
        TrainingRefusal::Missing { .. } => Usage::TrainingList,
        _ => usage,
    };
    with_example(wording, text, usage)
}

/// `!formation présents`: who was recorded, and who was added though not signed up.
pub fn attended_recorded(
    wording: &Wording<'_>,
    training: &Training,
    came: &[String],
    added: &[String],
) -> String {
    let mut text = wording.format(
        "training-attended",
        &[
            ("training", training_name(wording, training).into()),
            ("count", came.len().into()),
            ("people", came.join(", ").into()),
        ],
    );
    if !added.is_empty() {
        text.push_str("\n\n");
        text.push_str(&wording.format(
            "training-attended-added",
            &[("people", added.join(", ").into())],
        ));
    }
    text
}

/// The caption of the sign-in sheet's PDF.
pub fn sheet_sent(wording: &Wording<'_>, training: &Training, count: usize) -> String {
    wording.format(
        "training-sheet-sent",
        &[
            ("training", training_name(wording, training).into()),
            ("count", count.into()),
        ],
    )
}

/// The sign-in sheet's file name: `emargement-2027-01-14-formation-1.pdf`.
pub fn sheet_file(wording: &Wording<'_>, training: &Training) -> String {
    wording.format(
        "training-sheet-file",
        &[
            (
                "day",
                training
                    .fields
                    .when
                    .day(wording.time_zone)
                    .format("%Y-%m-%d")
                    .to_string()
                    .into(),
            ),
            ("number", training.number.into()),
        ],
    )
}

/// The sign-in sheet: its heading lines (title, date, place, organiser) and its columns.
pub fn sheet_heading(wording: &Wording<'_>, training: &Training) -> Vec<String> {
    let mut heading = vec![
        wording.format(
            "training-sheet-title",
            &[("title", training.fields.title.clone().into())],
        ),
        wording.labelled(
            &wording.get("training-date"),
            &training_when(wording, training),
        ),
    ];
    if let Some(place) = &training.fields.place {
        heading.push(wording.labelled(&wording.get("training-place"), place));
    }
    heading.push(wording.labelled(&wording.get("training-organiser"), &training.organiser));
    heading
}

/// The sheet's three columns' headings: name, association, signature.
fn sheet_columns(wording: &Wording<'_>) -> Vec<String> {
    [
        "training-sheet-name",
        "training-sheet-association",
        "training-sheet-signature",
    ]
    .map(|id| wording.get(id))
    .to_vec()
}

/// The sign-in sheet to print: its heading, then one ruled line per person — name,
/// association, an empty signature column — sorted by association, then name (`people`:
/// each one's name and association, as the room knows them).
pub fn sheet_printable(
    wording: &Wording<'_>,
    training: &Training,
    people: Vec<(String, String)>,
) -> crate::domain::messages::Printable {
    let mut rows: Vec<Vec<String>> = people
        .into_iter()
        .map(|(name, association)| vec![name, association, String::new()])
        .collect();
    rows.sort_by_key(|row| {
        (
            crate::domain::text::fold(&row[1]),
            crate::domain::text::fold(&row[0]),
        )
    });
    let columns = sheet_columns(wording)
        .into_iter()
        .zip([0.42, 0.33, 0.25])
        .collect();
    crate::domain::messages::Printable {
        name: sheet_file(wording, training),
        heading: sheet_heading(wording, training),
        markdown: String::new(),
        status: wording.get("training-sheet-status"),
        language: wording.language,
        table: Some(crate::domain::messages::Table { columns, rows }),
    }
}

/// `!formations bilan [année]`: per association, the sessions organised and the people
/// trained.
pub fn training_summary(
    wording: &Wording<'_>,
    year: i32,
    summary: &BTreeMap<String, AssociationYear>,
) -> String {
    if summary.is_empty() {
        return wording.format(
            "training-summary-empty",
            &[("year", year.to_string().into())],
        );
    }
    let mut text = wording.format(
        "training-summary-title",
        &[("year", year.to_string().into())],
    );
    for (association, counts) in summary {
        text.push_str("\n- ");
        text.push_str(&wording.labelled(
            &format!("**{}**", escape_markdown(association)),
            &wording.format(
                "training-summary-line",
                &[
                    ("organised", counts.organised.into()),
                    ("trained", counts.trained.into()),
                    ("attendances", counts.attendances.into()),
                ],
            ),
        ));
    }
    text.push_str("\n\n");
    text.push_str(&wording.get("training-summary-how"));
    text
}

/// The `.ics` attached to a session's e-mails.
pub fn training_calendar_file(wording: &Wording<'_>, training: &Training) -> String {
    wording.format(
        "training-calendar-file",
        &[("number", training.number.into())],
    )
}
