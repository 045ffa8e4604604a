//! Exports for the secretaries' files, from the command line: a room's decisions as CSV or
//! Markdown, the minutes of one meeting as Markdown or PDF (once adopted, the procès-verbal
//! as it was frozen, with its fingerprint), and the register entry of the processing (RGPD
//! art. 30) as Markdown or PDF. They read the database while the bot
//! runs (SQLite in WAL mode lets a reader in beside the writer) and change nothing.

use std::collections::HashMap;
use std::io::Write;

use crate::domain::text::spreadsheet_safe;
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

use crate::domain::RoomId;
use crate::domain::privacy::{
    BackupKey, Recipient, RecipientRole, RegisterEntry, host_of, inside_the_union,
};
use crate::domain::record::Decision;
use crate::domain::subject::SubjectData;
use crate::replies;
use crate::service::{ServiceError, known_associations, minutes_standing};
use crate::storage::{StorageError, Store};

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error(transparent)]
    Service(#[from] ServiceError),
    #[error("cannot write the export: {0}")]
    Write(#[from] std::io::Error),
    #[error("cannot write the CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error("there was no meeting on {0} in this room")]
    NoMeeting(NaiveDate),
    #[error(transparent)]
    Pdf(#[from] crate::pdf::PdfError),
    #[error(
        "nobody known as {0:?}: give a Matrix id (@name:server) or the address of a person known by e-mail"
    )]
    UnknownPerson(String),
}

/// The formats of the decisions' export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One row per decision, RFC 4180 quoting (commas, quotes and line breaks survive).
    Csv,
    /// A Markdown document, as the room reads the register.
    Markdown,
}

pub use crate::replies::Wording;

/// Writes the room's decisions recorded since `since` (all with `None`), oldest first.
pub async fn decisions(
    store: &Store,
    room: &RoomId,
    since: Option<NaiveDate>,
    format: Format,
    wording: &Wording<'_>,
    out: &mut impl Write,
) -> Result<(), ExportError> {
    let since = since.map(|day| start_of(day, wording.time_zone));
    let decisions = store.decisions_since(room, since).await?;
    match format {
        Format::Csv => write_csv(&decisions, wording, out),
        Format::Markdown => {
            let names = HashMap::new();
            let document = replies::decisions_document(wording, &decisions, &names);
            out.write_all(document.as_bytes())?;
            out.write_all(b"\n")?;
            Ok(())
        }
    }
}

/// One CSV row of what members wrote: no cell a spreadsheet would run as a formula.
fn write_safe<const N: usize>(
    writer: &mut csv::Writer<impl Write>,
    cells: [String; N],
) -> Result<(), csv::Error> {
    writer.write_record(cells.iter().map(|cell| spreadsheet_safe(cell).into_owned()))
}

/// A CSV writer over `out` whose first row is the header the locale message `id` holds, in the
/// export's language (its cells made safe for spreadsheets like every other).
fn csv_with_header<W: Write>(
    out: W,
    wording: &Wording<'_>,
    id: &str,
) -> Result<csv::Writer<W>, ExportError> {
    let mut writer = csv::Writer::from_writer(out);
    let header = wording.texts.get(wording.language, id);
    writer.write_record(
        header
            .split(',')
            .map(|cell| spreadsheet_safe(cell).into_owned()),
    )?;
    Ok(writer)
}

/// A day in the export's time zone, as spreadsheets read it (`2026-12-07`).
fn local_day(wording: &Wording<'_>, at: DateTime<Utc>) -> String {
    at.with_timezone(&wording.time_zone)
        .format("%Y-%m-%d")
        .to_string()
}

fn write_csv(
    decisions: &[Decision],
    wording: &Wording<'_>,
    out: &mut impl Write,
) -> Result<(), ExportError> {
    let mut writer = csv_with_header(out, wording, "export-decisions-header")?;
    let local = |at: DateTime<Utc>| {
        at.with_timezone(&wording.time_zone)
            .format("%Y-%m-%d %H:%M")
            .to_string()
    };
    for decision in decisions {
        write_safe(
            &mut writer,
            [
                decision.number.to_string(),
                local(decision.created_at),
                decision.text.clone(),
                decision.author.to_string(),
                decision.author_association.clone().unwrap_or_default(),
                decision
                    .meeting
                    .and_then(|(_, starts_at)| starts_at)
                    .map(local)
                    .unwrap_or_default(),
                decision
                    .poll
                    .map(|poll| poll.to_string())
                    .unwrap_or_default(),
                decision.version.to_string(),
                decision
                    .revoked
                    .as_ref()
                    .map(|revoked| local(revoked.at))
                    .unwrap_or_default(),
                decision
                    .revoked
                    .as_ref()
                    .map(|revoked| revoked.reason.clone())
                    .unwrap_or_default(),
            ],
        )?;
    }
    writer.flush()?;
    Ok(())
}

/// Writes the minutes of the room's meeting of `day`, in Markdown or (with `pdf`) as their
/// PDF; once adopted, the procès-verbal as it was frozen. `today` dates what is late.
pub async fn minutes(
    store: &Store,
    room: &RoomId,
    day: NaiveDate,
    today: NaiveDate,
    wording: &Wording<'_>,
    pdf: bool,
    out: &mut impl Write,
) -> Result<(), ExportError> {
    let start = start_of(day, wording.time_zone);
    let end = start_of(day.succ_opt().unwrap_or(day), wording.time_zone);
    let mut tx = store.begin().await?;
    let meeting = tx
        .meeting_between(room, start, end, false)
        .await?
        .ok_or(ExportError::NoMeeting(day))?;
    let known = known_associations(&mut tx, room).await?;
    let standing = minutes_standing(&mut tx, room, meeting.clone(), wording.time_zone).await?;
    drop(tx);
    let heading = replies::minutes_heading(wording, None, &known);
    let (document, printable) =
        replies::minutes_document(wording, &standing, &meeting, heading, today);
    if pdf {
        out.write_all(&crate::pdf::render(&printable)?)?;
    } else {
        out.write_all(document.as_bytes())?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

fn start_of(day: NaiveDate, time_zone: Tz) -> DateTime<Utc> {
    crate::domain::dates::local_midnight(day, time_zone)
}

/// Writes, as CSV, what Concerto keeps about whom in `room`: everyone whose address it holds
/// (people known by e-mail, guests of its meetings), with the e-mails sent and waiting. For
/// the group's answer to someone who asks what is kept about them; the addresses are whole
/// here, as this is the operator's own copy.
pub async fn people(store: &Store, room: &RoomId, out: &mut impl Write) -> Result<(), ExportError> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record([
        "kind",
        "number",
        "name",
        "association_or_meeting",
        "address",
        "added_by",
        "added_at",
        "emails_sent",
        "emails_waiting",
    ])?;
    for person in store.people_kept(room).await? {
        write_safe(
            &mut writer,
            [
                person.kind.to_owned(),
                person.number.to_string(),
                person.name,
                person.about,
                person.address,
                person.added_by,
                person.added_at.to_rfc3339(),
                person.emails_sent.to_string(),
                person.emails_waiting.to_string(),
            ],
        )?;
    }
    writer.flush()?;
    Ok(())
}

/// Writes the room's joint letters as CSV, in its language's header: each letter's title,
/// status, version, when it was approved and sent, to whom (names and addresses), its
/// fingerprint and its answers.
pub async fn letters(
    store: &Store,
    room: &RoomId,
    wording: &Wording<'_>,
    out: &mut impl Write,
) -> Result<(), ExportError> {
    let mut tx = store.begin().await?;
    let letters = tx.letters(room).await?;
    drop(tx);
    let mut writer = csv_with_header(out, wording, "export-letters-header")?;
    let day = |at: DateTime<Utc>| local_day(wording, at);
    for letter in letters {
        let recipients: Vec<String> = letter
            .recipients
            .iter()
            .map(|recipient| format!("{} <{}>", recipient.name, recipient.address))
            .collect();
        let answers: Vec<String> = letter
            .answers
            .iter()
            .map(|answer| format!("{} : {}", day(answer.recorded_at), answer.text))
            .collect();
        write_safe(
            &mut writer,
            [
                letter.number.to_string(),
                letter.title.clone(),
                replies::letter_status_name(wording, letter.status()),
                letter.version.to_string(),
                letter
                    .frozen
                    .as_ref()
                    .map(|frozen| day(frozen.at))
                    .unwrap_or_default(),
                letter.sent_at.map(day).unwrap_or_default(),
                recipients.join(" ; "),
                letter
                    .frozen
                    .as_ref()
                    .map(|frozen| frozen.fingerprint.clone())
                    .unwrap_or_default(),
                answers.join(" | "),
            ],
        )?;
    }
    writer.flush()?;
    Ok(())
}

/// Writes the room's address book as CSV, in its language's header: every contact whole (the
/// operator's own copy), when it was added, by whom, and when it was last confirmed.
pub async fn contacts(
    store: &Store,
    room: &RoomId,
    wording: &Wording<'_>,
    out: &mut impl Write,
) -> Result<(), ExportError> {
    let mut tx = store.begin().await?;
    let contacts = tx.contacts(room).await?;
    drop(tx);
    let mut writer = csv_with_header(out, wording, "export-contacts-header")?;
    let day = |at: DateTime<Utc>| local_day(wording, at);
    for contact in contacts {
        let fields = contact.fields;
        write_safe(
            &mut writer,
            [
                contact.number.to_string(),
                fields.organisation,
                fields.name,
                fields.role,
                fields.phone.unwrap_or_default(),
                fields.email.unwrap_or_default(),
                fields.note.unwrap_or_default(),
                contact.added_by.to_string(),
                contact.added_by_association.unwrap_or_default(),
                day(contact.added_at),
                day(contact.confirmed_at),
            ],
        )?;
    }
    writer.flush()?;
    Ok(())
}

/// Writes the room's training sessions as CSV, one row per person signed up (a session
/// nobody signed up for has one row of its own): the session, then the person, their
/// association, whether they had a seat or waited, and whether they came.
pub async fn trainings(
    store: &Store,
    room: &RoomId,
    wording: &Wording<'_>,
    out: &mut impl Write,
) -> Result<(), ExportError> {
    use crate::domain::training::{Who, places};
    let mut tx = store.begin().await?;
    let sessions = tx.trainings_with_trainees(room).await?;
    drop(tx);
    let mut writer = csv_with_header(out, wording, "export-trainings-header")?;
    let yes = |flag: bool| wording.get(if flag { "export-yes" } else { "export-no" });
    for (training, trainees) in &sessions {
        let fields = &training.fields;
        let session = [
            training.number.to_string(),
            fields.title.clone(),
            match fields.when {
                crate::domain::training::When::At(at) => at
                    .with_timezone(&wording.time_zone)
                    .format("%Y-%m-%d %H:%M")
                    .to_string(),
                crate::domain::training::When::Day(day) => day.format("%Y-%m-%d").to_string(),
            },
            fields.place.clone().unwrap_or_default(),
            training.organiser.clone(),
            fields
                .seats
                .map(|seats| seats.to_string())
                .unwrap_or_default(),
            yes(training.cancelled_at.is_some()),
        ];
        let (seated, _) = places(trainees, fields.seats);
        let mut people: Vec<[String; 4]> = trainees
            .iter()
            .enumerate()
            .map(|(index, trainee)| {
                let who = match &trainee.who {
                    Who::Member(user) => user.to_string(),
                    Who::Named(name) => name.clone(),
                    Who::Anonymous => wording.get("training-anonymous"),
                };
                [
                    who,
                    trainee.association.clone(),
                    yes(index >= seated.len()),
                    yes(trainee.attended),
                ]
            })
            .collect();
        // A session nobody signed up for still has its row.
        if people.is_empty() {
            people.push(Default::default());
        }
        for [who, association, waiting, came] in people {
            let [number, title, when, place, organiser, seats, cancelled] = session.clone();
            write_safe(
                &mut writer,
                [
                    number,
                    title,
                    when,
                    place,
                    organiser,
                    seats,
                    cancelled,
                    who,
                    association,
                    waiting,
                    came,
                ],
            )?;
        }
    }
    writer.flush()?;
    Ok(())
}

/// The register entry's facts (RGPD art. 30) from the configuration in force; without
/// `[privacy] controllers`, the associations of the rooms the bot is in (`store`: its
/// database, when it can be read).
pub async fn register_facts(
    settings: &crate::config::Settings,
    store: Option<&Store>,
) -> Result<RegisterEntry, ExportError> {
    let mut rooms_associations: Vec<String> = Vec::new();
    if let Some(store) = store {
        let mut tx = store.begin().await?;
        for room in tx.present_rooms().await? {
            for association in known_associations(&mut tx, &room).await? {
                if !rooms_associations
                    .iter()
                    .any(|known| crate::domain::association::same_association(known, &association))
                {
                    rooms_associations.push(association);
                }
            }
        }
    }
    let homeserver = host_of(&settings.matrix.homeserver_url);
    let mut recipients = vec![Recipient {
        role: RecipientRole::Homeserver,
        transfer: inside_the_union(&homeserver),
        host: homeserver,
    }];
    if let Some(email) = &settings.email {
        recipients.push(Recipient {
            role: RecipientRole::Smtp,
            transfer: inside_the_union(&email.smtp_host),
            host: email.smtp_host.clone(),
        });
    }
    let backup = match (&settings.backup.recipient, &settings.backup.passphrase_file) {
        (Some(_), _) => BackupKey::Recipient,
        (None, Some(_)) => BackupKey::Passphrase,
        (None, None) => BackupKey::Missing,
    };
    Ok(RegisterEntry {
        privacy: crate::service::ServiceSettings::from_config(settings).privacy(),
        rooms_associations,
        recipients,
        backup,
        smtp_encrypted: settings
            .email
            .as_ref()
            .is_some_and(|email| email.security != crate::config::SmtpSecurity::None),
    })
}

/// Writes the register entry as Markdown, or as a PDF (A4) with `pdf`.
pub fn register(
    entry: &RegisterEntry,
    wording: &Wording<'_>,
    today: NaiveDate,
    pdf: bool,
    out: &mut impl Write,
) -> Result<(), ExportError> {
    let made = wording.day(today);
    let markdown = replies::register_entry(wording, entry, &made);
    if pdf {
        let printable = crate::domain::messages::Printable {
            name: "registre-concerto.pdf".into(),
            heading: entry.controllers(),
            markdown,
            status: wording.format("register-pdf-status", &[("date", made.into())]),
            language: wording.language,
            table: None,
        };
        out.write_all(&crate::pdf::render(&printable)?)?;
    } else {
        out.write_all(markdown.as_bytes())?;
    }
    Ok(())
}

/// Writes what the bot keeps about `who` (a Matrix id, or the address of a person known by
/// e-mail: each of their entries), as the member's own copy is: Markdown, or JSON with
/// `json`. Someone it keeps nothing about is an error (the exit status says so).
pub async fn person(
    store: &Store,
    who: &str,
    wording: &Wording<'_>,
    json: bool,
    out: &mut impl Write,
) -> Result<(), ExportError> {
    let mut tx = store.begin().await?;
    let copies = match crate::domain::UserId::parse(who.trim()) {
        Some(person) => vec![tx.data_about(&person).await?],
        None => {
            let mut copies = Vec::new();
            for id in tx.email_people_at(who).await? {
                copies.push(tx.data_about_email_person(id).await?);
            }
            copies
        }
    };
    drop(tx);
    if copies.iter().all(SubjectData::is_empty) {
        return Err(ExportError::UnknownPerson(who.to_owned()));
    }
    let now = Utc::now();
    if json {
        // One object, as the member's own copy; an address in several rooms: one per entry.
        let documents: Vec<String> = copies.iter().map(SubjectData::to_json).collect();
        let text = match documents.as_slice() {
            [one] => one.clone(),
            several => format!("[{}]", several.join(",\n")),
        };
        out.write_all(text.as_bytes())?;
        out.write_all(b"\n")?;
        return Ok(());
    }
    for data in copies {
        let markdown = replies::subject_document(wording, &data, &HashMap::new(), now);
        out.write_all(markdown.as_bytes())?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Language, UserId};
    use crate::i18n::Texts;
    use crate::storage::NewDecision;
    use crate::storage::tests::temporary_store;
    use crate::testing::at;

    #[tokio::test]
    async fn the_csv_parses_back_with_commas_quotes_line_breaks_and_accents() {
        let (store, _dir) = temporary_store().await;
        let room = RoomId::new("!r");
        let alice = UserId::new("@alice:x");
        let texts = [
            "Lettre au Préfet, à la DDETS et au « Conseil départemental »",
            "Texte avec \"guillemets\"\net un retour à la ligne",
            "Troisième, ancienne",
        ];
        let mut tx = store.begin().await.expect("begin");
        for (index, text) in texts.iter().enumerate() {
            let when = at(&format!("2026-12-{:02}T15:00:00Z", 8 + index));
            tx.record_decision(
                &room,
                NewDecision {
                    text,
                    author: &alice,
                    author_association: Some("Restos du Cœur"),
                    meeting: None,
                    poll: None,
                },
                when,
            )
            .await
            .expect("record");
        }
        tx.revoke_decision(
            &room,
            3,
            &alice,
            "Motif, avec virgule",
            at("2026-12-11T10:00:00Z"),
        )
        .await
        .expect("revoke");
        tx.commit().await.expect("commit");

        let texts_fr = Texts::new().expect("locales");
        let wording = Wording {
            texts: &texts_fr,
            language: Language::Fr,
            time_zone: chrono_tz::Europe::Paris,
        };
        let mut out = Vec::new();
        let since = NaiveDate::from_ymd_opt(2026, 12, 9);
        decisions(&store, &room, since, Format::Csv, &wording, &mut out)
            .await
            .expect("export");
        let mut reader = csv::Reader::from_reader(out.as_slice());
        let header: Vec<String> = reader
            .headers()
            .expect("header")
            .iter()
            .map(str::to_owned)
            .collect();
        assert_eq!(header[0], "numéro");
        let rows: Vec<csv::StringRecord> = reader.records().map(|row| row.expect("row")).collect();
        assert_eq!(rows.len(), 2, "since 9 December");
        assert_eq!(&rows[0][0], "2");
        assert_eq!(&rows[0][1], "2026-12-09 16:00");
        assert_eq!(&rows[0][2], texts[1]);
        assert_eq!(&rows[0][4], "Restos du Cœur");
        assert_eq!(&rows[1][2], texts[2]);
        assert_eq!(&rows[1][8], "2026-12-11 11:00");
        assert_eq!(&rows[1][9], "Motif, avec virgule");

        let mut markdown = Vec::new();
        decisions(
            &store,
            &room,
            None,
            Format::Markdown,
            &wording,
            &mut markdown,
        )
        .await
        .expect("export");
        let markdown = String::from_utf8(markdown).expect("utf-8");
        assert!(
            markdown.starts_with("# Registre des décisions"),
            "{markdown}"
        );
        assert!(markdown.contains("n° 1 — Lettre au Préfet"), "{markdown}");
        assert!(markdown.contains("**annulée**"), "{markdown}");
    }

    #[tokio::test]
    async fn a_cell_a_spreadsheet_would_run_is_exported_as_text() {
        let (store, _dir) = temporary_store().await;
        let room = RoomId::new("!r");
        let alice = UserId::new("@alice:x");
        let mut tx = store.begin().await.expect("begin");
        tx.record_decision(
            &room,
            NewDecision {
                text: "=HYPERLINK(\"https://example.org\";\"clic\")",
                author: &alice,
                author_association: Some("@Restos"),
                meeting: None,
                poll: None,
            },
            at("2026-12-08T15:00:00Z"),
        )
        .await
        .expect("record");
        tx.commit().await.expect("commit");
        let texts = Texts::new().expect("locales");
        let wording = Wording {
            texts: &texts,
            language: Language::Fr,
            time_zone: chrono_tz::Europe::Paris,
        };
        let mut out = Vec::new();
        decisions(&store, &room, None, Format::Csv, &wording, &mut out)
            .await
            .expect("export");
        let mut reader = csv::Reader::from_reader(out.as_slice());
        let row = reader.records().next().expect("a row").expect("row");
        assert_eq!(&row[2], "'=HYPERLINK(\"https://example.org\";\"clic\")");
        assert_eq!(&row[3], "'@alice:x");
        assert_eq!(&row[4], "'@Restos");
    }

    #[tokio::test]
    async fn minutes_of_a_day_without_a_meeting_say_so() {
        let (store, _dir) = temporary_store().await;
        let texts = Texts::new().expect("locales");
        let wording = Wording {
            texts: &texts,
            language: Language::Fr,
            time_zone: chrono_tz::Europe::Paris,
        };
        let day = NaiveDate::from_ymd_opt(2026, 12, 10).expect("date");
        let mut out = Vec::new();
        let result = minutes(
            &store,
            &RoomId::new("!r"),
            day,
            day,
            &wording,
            false,
            &mut out,
        )
        .await;
        assert!(matches!(result, Err(ExportError::NoMeeting(_))));
    }
}
