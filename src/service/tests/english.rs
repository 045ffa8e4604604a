//! An English room reads English only. A whole meeting cycle runs in English: the agenda,
//! dates voted, the place and host, guests, attendance, a poll and its joint position,
//! decisions, actions, reminders as they ring, the minutes and their adoption (text, Markdown,
//! PDF read back with `pdftotext`), e-mails, and the group's page. Nothing the bot says carries a
//! French word or French typography ("n°", « », "14 h", a space before ":" or ";").

use std::sync::Arc;

use tower::ServiceExt;

use super::*;

/// What members and the room are called: names, not words of the bot's, so they are taken
/// out before looking for French.
const NAMES: [&str; 5] = [
    "Restos du Cœur",
    "Croix-Rouge",
    "Secours populaire",
    "Secours Catholique",
    "Concertation 77",
];

/// French words the bot could only have written itself (the members write English here).
const FRENCH_WORDS: [&str; 52] = [
    "le",
    "la",
    "les",
    "des",
    "du",
    "de",
    "une",
    "un",
    "et",
    "à",
    "pour",
    "par",
    "avec",
    "dans",
    "réunion",
    "ordre",
    "jour",
    "décision",
    "décisions",
    "sondage",
    "rappel",
    "rappels",
    "invité",
    "invités",
    "compte",
    "rendu",
    "projet",
    "adopté",
    "adoptée",
    "présents",
    "excusés",
    "lieu",
    "hôte",
    "traité",
    "reporté",
    "ajouté",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "novembre",
    "décembre",
    "janvier",
    "oui",
    "aucun",
    "aucune",
    "courriel",
    "procès-verbal",
    "empreinte",
];

/// Where `text` (something the bot said, named by `what`) reads French, if anywhere.
fn french_in(what: &str, text: &str) -> Vec<String> {
    let mut text = text.to_owned();
    for name in NAMES {
        text = text.replace(name, "NAME");
    }
    let mut found = Vec::new();
    for mark in ["n°", "«", "»", " :", " ;", "1er "] {
        if text.contains(mark) {
            found.push(format!("{what}: {mark:?}"));
        }
    }
    let words: Vec<&str> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '°'))
        .filter(|word| !word.is_empty())
        .collect();
    for window in words.windows(2) {
        // "14 h", "18 h 30": a French time of day.
        if window[1] == "h" && window[0].chars().all(|c| c.is_ascii_digit()) {
            found.push(format!("{what}: \"{} h\"", window[0]));
        }
    }
    for word in &words {
        let lower = word.to_lowercase();
        if FRENCH_WORDS.contains(&lower.as_str()) {
            found.push(format!("{what}: {word:?}"));
        }
    }
    found
}

/// The text `pdftotext` (Debian's poppler-utils, installed by `scripts/test`) reads.
fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("minutes.pdf");
    std::fs::write(&path, pdf).expect("write");
    let output = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) runs");
    assert!(output.status.success(), "pdftotext failed");
    String::from_utf8(output.stdout).expect("UTF-8")
}

/// Everything the bot sent, as the room (or a file's reader) sees it.
fn everything_said(bot: &TestBot) -> Vec<(String, String)> {
    let mut said = Vec::new();
    for (index, sent) in bot.chat.sent().into_iter().enumerate() {
        let what = format!("message {index}");
        match sent.content {
            Content::Notice { markdown } | Content::Text { markdown, .. } => {
                said.push((what, markdown));
            }
            Content::Poll {
                question,
                options,
                fallback,
                ..
            } => said.push((
                what,
                format!("{question}\n{}\n{fallback}", options.join("\n")),
            )),
            Content::PollEnd { text } => said.push((what, text)),
            Content::File { name, mime, data } if mime == "application/pdf" => {
                said.push((name, pdf_text(&data)));
            }
            Content::File { name, data, .. } => {
                said.push((name, String::from_utf8_lossy(&data).into_owned()));
            }
            Content::Reaction { .. }
            | Content::Pdf(_)
            | Content::Copy(_)
            | Content::Invite { .. } => {}
        }
    }
    said
}

async fn page(router: &axum::Router, path: &str) -> String {
    let request = axum::http::Request::get(path)
        .body(axum::body::Body::empty())
        .expect("a request");
    let response = router.clone().oneshot(request).await.expect("served");
    assert_eq!(response.status(), 200, "{path}");
    let body = axum::body::to_bytes(response.into_body(), 1 << 22)
        .await
        .expect("a body");
    String::from_utf8(body.to_vec()).expect("UTF-8")
}

#[tokio::test]
async fn a_whole_meeting_cycle_in_an_english_room_reads_no_french() {
    let (bot, dir) = bot().await;
    seed_associations(
        &bot,
        &[
            ("@alice:localhost", "Restos du Cœur"),
            ("@bob:localhost", "Croix-Rouge"),
            ("@carla:localhost", "Secours populaire"),
            ("@anne:localhost", "Secours Catholique"),
        ],
    )
    .await;
    // One command every 15 seconds, from 29 November at 18:00: no flood, each after the other.
    let start = at("2026-11-29T18:00:00Z");
    for (index, (sender, event, body)) in [
        ("@alice:localhost", "$lang", "!language en"),
        (
            "@alice:localhost",
            "$a1",
            "!agenda add Winter shelter budget",
        ),
        ("@bob:localhost", "$a2", "!agenda urgent Gymnasium closing"),
        (
            "@bob:localhost",
            "$a3",
            "!agenda note 1 Figures from the county",
        ),
        ("@alice:localhost", "$a4", "!agenda"),
        (
            "@moderator:localhost",
            "$e1",
            "!email add jean@restos.example Restos du Cœur Jean Ledoux",
        ),
        ("@alice:localhost", "$e2", "!emails"),
        (
            "@alice:localhost",
            "$m1",
            "!meeting propose 10/12 2pm; 17/12 6:30pm",
        ),
        ("@bob:localhost", "$m2", "!meeting votes"),
        ("@alice:localhost", "$m3", "!meeting close 1"),
        ("@alice:localhost", "$m4", "!meeting place Town hall, Melun"),
        ("@alice:localhost", "$m5", "!meeting host Restos du Cœur"),
        ("@alice:localhost", "$m6", "!meeting"),
        (
            "@alice:localhost",
            "$g1",
            "!guest add Mrs Martin (ADSEA) martin@adsea77.example — isolated young migrants",
        ),
        ("@alice:localhost", "$g2", "!guests"),
        ("@alice:localhost", "$t1", "!attendance yes"),
        ("@bob:localhost", "$t2", "!attendance no"),
        ("@carla:localhost", "$t3", "!attendance"),
        (
            "@alice:localhost",
            "$p1",
            "!poll until 9/12 6pm: Do we sign the joint letter? | For | Against",
        ),
        ("@alice:localhost", "$p2", "!vote 1 For"),
        ("@bob:localhost", "$p3", "!vote 1 For"),
        ("@carla:localhost", "$p4", "!vote 1 Against"),
        ("@anne:localhost", "$p5", "!vote 1 For"),
        ("@alice:localhost", "$p6", "!poll results 1"),
        ("@alice:localhost", "$p7", "!polls"),
        (
            "@alice:localhost",
            "$r1",
            "!remind 9/12 9am Send the agenda",
        ),
        (
            "@alice:localhost",
            "$r2",
            "!remind every Monday 9am Check the inbox",
        ),
        ("@alice:localhost", "$r3", "!reminders"),
        ("@alice:localhost", "$r4", "!reminders meeting 7d 1d 2h"),
        (
            "@alice:localhost",
            "$c1",
            "!action Croix-Rouge Write to the mayor by 8/12",
        ),
        ("@alice:localhost", "$c2", "!actions"),
        ("@alice:localhost", "$w1", "!page"),
        ("@carla:localhost", "$y1", "!privacy"),
        (
            "@bob:localhost",
            "$x1",
            "!proxy Croix-Rouge to Secours populaire",
        ),
        ("@alice:localhost", "$x2", "!proxies"),
        ("@alice:localhost", "$x3", "!meeting available 1 maybe"),
        (
            "@alice:localhost",
            "$x4",
            "!contact add CAF 77 — Mrs Durand, partners' officer, 01 60 00 00 00, m.durand@caf77.example — urgent RSA cases",
        ),
        ("@bob:localhost", "$x5", "!contacts caf"),
        ("@bob:localhost", "$x6", "!contact 1"),
        ("@alice:localhost", "$x7", "!advocacy new Letter to the Prefect"),
        (
            "@alice:localhost",
            "$x8",
            "!advocacy text 1 Dear Prefect, the gymnasiums are no shelter.",
        ),
        (
            "@alice:localhost",
            "$x9",
            "!advocacy recipients 1 Prefect's office office@prefet77.example",
        ),
        ("@alice:localhost", "$xa", "!advocacy approve 1"),
        ("@bob:localhost", "$xb", "!advocacy 1"),
        ("@bob:localhost", "$xc", "!advocacy"),
        ("@bob:localhost", "$xd", "!rule"),
        (
            "@bob:localhost",
            "$f1",
            "!training add First aid on 9/12 2pm at Melun seats 1 — with the Red Cross",
        ),
        (
            "@bob:localhost",
            "$f2",
            "!training sign-up 1 Jean Ledoux (Restos du Cœur)",
        ),
        ("@alice:localhost", "$f3", "!training sign-up 1"),
        ("@alice:localhost", "$f4", "!training 1"),
        ("@alice:localhost", "$f5", "!trainings"),
        ("@alice:localhost", "$f6", "!training sign-in-sheet 1"),
        ("@alice:localhost", "$f7", "!training sign-up 1"),
        ("@alice:localhost", "$f8", "!training add Nothing"),
        (
            "@alice:localhost",
            "$k1",
            "!group create Non-take-up until 30/06/2027 @bob:localhost",
        ),
        ("@alice:localhost", "$k2", "!groups"),
        ("@alice:localhost", "$k3", "!group report"),
        ("@alice:localhost", "$k4", "!group join Nowhere"),
    ]
    .into_iter()
    .enumerate()
    {
        let when = start + chrono::Duration::seconds(15 * i64::try_from(index).expect("few"));
        let message = IncomingMessage {
            sent_at: when,
            ..at_time(sender, event, body, "2026-11-29T18:00:00Z")
        };
        bot.on_message(&message, when).await;
    }
    // The group's room speaks its plenary's language.
    for (event, body) in [
        ("$k5", "!decision Ask the CAF for a desk in Melun"),
        ("$k6", "!group report"),
    ] {
        let when = at("2026-11-29T19:00:00Z");
        let message = IncomingMessage {
            room: RoomId::new("!group1"),
            sent_at: when,
            ..at_time("@bob:localhost", event, body, "2026-11-29T19:00:00Z")
        };
        bot.on_message(&message, when).await;
    }
    // The days before: the meeting's reminders, the poll's nudge, the late action.
    for due in [
        "2026-12-03T13:00:00Z",
        "2026-12-08T18:00:00Z",
        "2026-12-09T08:00:00Z",
        "2026-12-09T13:00:00Z",
        "2026-12-09T18:00:00Z",
        "2026-12-10T11:00:00Z",
    ] {
        bot.service.run_due(at(due)).await.expect("due");
        bot.deliver().await;
    }
    // The meeting: an item treated, a decision, the poll recorded.
    let during = at("2026-12-10T15:00:00Z");
    for (index, (sender, event, body)) in [
        ("@alice:localhost", "$d1", "!agenda done 1"),
        (
            "@alice:localhost",
            "$d2",
            "!decision We ask the Prefect for a joint meeting",
        ),
        (
            "@alice:localhost",
            "$d3",
            "!decision amend 1 We ask the Prefect for a meeting in January",
        ),
        ("@alice:localhost", "$d4", "!decision 1"),
        ("@alice:localhost", "$d5", "!decisions"),
        ("@bob:localhost", "$d6", "!training attended 1 Jean Ledoux"),
        ("@bob:localhost", "$d7", "!trainings summary 2026"),
    ]
    .into_iter()
    .enumerate()
    {
        let when = during + chrono::Duration::seconds(15 * i64::try_from(index).expect("few"));
        let message = IncomingMessage {
            sent_at: when,
            ..at_time(sender, event, body, "2026-12-10T15:00:00Z")
        };
        bot.on_message(&message, when).await;
    }
    // The day after: the agenda carried over, the minutes approved by every association.
    let after = at("2026-12-11T09:00:00Z");
    bot.service.run_due(after).await.expect("due");
    bot.deliver().await;
    for (index, (sender, event, body)) in [
        ("@alice:localhost", "$v1", "!minutes"),
        ("@alice:localhost", "$v2", "!minutes approve"),
        ("@bob:localhost", "$v3", "!minutes approve"),
        ("@carla:localhost", "$v4", "!minutes approve"),
        ("@anne:localhost", "$v5", "!minutes approve"),
        ("@alice:localhost", "$v6", "!agenda"),
    ]
    .into_iter()
    .enumerate()
    {
        let when = after + chrono::Duration::seconds(15 * i64::try_from(index).expect("few"));
        let message = IncomingMessage {
            sent_at: when,
            ..at_time(sender, event, body, "2026-12-11T09:00:00Z")
        };
        bot.on_message(&message, when).await;
    }

    let mut said = everything_said(&bot);
    // It went as a meeting cycle goes (so the check below reads real replies).
    let all: String = said
        .iter()
        .map(|(_, text)| text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    for expected in [
        "Winter shelter budget",
        "Thursday 10 December 2026, 2:00 pm",
        "Town hall, Melun",
        "Mrs Martin",
        "Do we sign the joint letter?",
        "We ask the Prefect for a meeting in January",
        "Write to the mayor",
        "Send the agenda",
        "every Monday at 9:00 am",
        "What is kept, and for how long",
        "dpo@exemple.org",
        "First aid",
        "waiting list, number 1",
        "Reminder: training no. 1",
        "1 person recorded as having come",
        "1 session organised",
        "Working group “Non-take-up” created",
        "The room of working group",
        "Report posted to the plenary room (1 proposal)",
        "Ask the CAF for a desk in Melun",
    ] {
        assert!(all.contains(expected), "{expected:?} in:\n{all}");
    }
    let pdfs = said
        .iter()
        .filter(|(what, _)| what.ends_with(".pdf"))
        .count();
    assert!(pdfs >= 2, "the draft and the adopted minutes' PDFs: {pdfs}");
    assert!(
        said.iter().any(|(what, _)| what.ends_with(".md")),
        "the minutes' Markdown"
    );
    assert!(all.contains("no. 1"), "{all}");

    // The e-mails to the person known by e-mail and to the guest.
    let emails = bot.store.pending_emails().await.expect("outbox");
    assert!(
        emails
            .iter()
            .any(|(email, _)| email.to_name == "Jean Ledoux"),
        "{emails:?}"
    );
    for (email, _) in &emails {
        assert!(
            email
                .text
                .contains("To see, correct or erase your data: dpo@exemple.org"),
            "the privacy footer: {}",
            email.text
        );
        said.push((format!("e-mail {}", email.subject), email.subject.clone()));
        said.push((format!("e-mail {}", email.subject), email.text.clone()));
    }

    // The group's page, in the room's language.
    let link = reply_to(&bot, "$w1");
    let token = link
        .split("https://concertation.example.org/")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .expect("a page link")
        .to_owned();
    let state = crate::web::WebState {
        store: crate::storage::Store::open_read_only(
            &dir.path().join(crate::storage::DATABASE_FILE),
        )
        .await
        .expect("read-only"),
        texts: Arc::new(crate::i18n::Texts::new().expect("texts")),
        default_language: Language::Fr,
        time_zone: chrono_tz::Europe::Paris,
        room_names: Arc::new(|_| Some("Concertation 77".to_owned())),
        member_names: Arc::new(|_| Box::pin(async { HashMap::new() })),
        links: settings().links,
        clock: Arc::new(FixedClock(std::sync::Mutex::new(at(
            "2026-12-11T10:00:00Z",
        )))),
        personal: None,
        contacts_confirm_after_days: 365,
        privacy: settings().privacy(),
    };
    let router = crate::web::router(Arc::new(state));
    for path in [
        "",
        "decisions",
        "positions",
        "reunions",
        "formations",
        "groupes",
        "comptes-rendus/2026-12-10.md",
    ] {
        let html = page(&router, &format!("/{token}/{path}")).await;
        said.push((format!("page /{path}"), html));
    }
    let notice = page(&router, "/privacy").await;
    assert!(notice.contains("Whom to ask"), "{notice}");
    said.push(("page /privacy".into(), notice));

    let french: Vec<String> = said
        .iter()
        .flat_map(|(what, text)| french_in(what, text))
        .collect();
    assert!(french.is_empty(), "French in an English room: {french:#?}");
}

#[test]
fn the_french_detector_finds_french_words_and_typography() {
    assert!(french_in("x", "Decision no. 3 recorded (10 Dec 2026, 2:00 pm)").is_empty());
    assert!(french_in("x", "Restos du Cœur: For").is_empty());
    for french in [
        "- n° 3",
        "« Budget »",
        "Place : Melun",
        "a ; b",
        "at 14 h",
        "jeudi 10",
        "the réunion",
        "mardi 1er décembre",
    ] {
        assert!(!french_in("x", french).is_empty(), "{french}");
    }
}
