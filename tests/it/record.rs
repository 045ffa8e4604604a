//! The record in a real room: decisions recorded, searched blind to accents and apostrophes,
//! amended and revoked; an action; the minutes as a message and as a Markdown file that the
//! member downloads; and the command-line exports, read beside the running bot.

use chrono::{Duration as ChronoDuration, Timelike};
use matrix_sdk::ruma::events::room::member::MembershipState;

use crate::helpers::{Bot, BotConfig, TestUser, ask, room_associations};

/// The bot's today and tomorrow (Paris), far enough from midnight that a meeting today at
/// 23:59 stays ahead and today stays today for the whole test: close to midnight, the test
/// waits for the next day first. The bot's clock is never moved for this: the homeserver stamps
/// messages and answers with the true time, and a bot whose clock disagreed would see answers
/// as given in its future (not yet counted) or a decision said on another day than its own.
pub(crate) async fn bot_days_far_from_midnight(
    bot: &Bot,
    paris: chrono_tz::Tz,
) -> (chrono::NaiveDate, chrono::NaiveDate) {
    let local = bot.now().with_timezone(&paris);
    if local.hour() == 23 && local.minute() >= 50 {
        let next_day = local.date_naive().succ_opt().expect("a tomorrow");
        let just_after_midnight = next_day
            .and_hms_opt(0, 0, 5)
            .and_then(|moment| moment.and_local_timezone(paris).earliest())
            .expect("a Paris time");
        let wait = (just_after_midnight.with_timezone(&chrono::Utc) - bot.now())
            .to_std()
            .unwrap_or_default();
        tokio::time::sleep(wait).await;
    }
    let today = bot.now().with_timezone(&paris).date_naive();
    (today, today.succ_opt().expect("a tomorrow"))
}

#[tokio::test(flavor = "multi_thread")]
async fn members_record_search_amend_revoke_and_get_the_minutes() {
    let paris = chrono_tz::Europe::Paris;
    // The meeting is today at 23:59: the bot's day must not end during the test.

    let mut alice = TestUser::new("alice", false).await;
    let mut bob = TestUser::new("bob", false).await;
    let mut bot = Bot::register().await;
    let (today, tomorrow) = bot_days_far_from_midnight(&bot, paris).await;
    let room = alice
        .create_room(false, &[&bot.user_id, &bob.user_id])
        .await;
    let bob_room = bob.join(&room).await;
    let rooms = room_associations(
        &room,
        &[
            ("Restos du Cœur", &[&alice.user_id]),
            ("Croix-Rouge", &[&bob.user_id]),
        ],
    );
    bot.start_with(BotConfig {
        extra: rooms,
        ..BotConfig::invited_by(&alice.user_id)
    });
    alice
        .wait_for_membership(&room, &bot.user_id, MembershipState::Join)
        .await;

    let date = |day: chrono::NaiveDate| day.format("%d/%m/%Y").to_string();
    ask(
        &mut alice,
        &room,
        &format!(
            "!réunion proposer {} 23h59 ; {} 23h59",
            date(today),
            date(tomorrow)
        ),
    )
    .await;
    let scheduled = ask(&mut alice, &room, "!réunion clore 1").await;
    assert!(scheduled.contains("Réunion fixée"), "{scheduled}");
    ask(&mut alice, &room, "!agenda ajouter Budget 2027").await;
    ask(&mut alice, &room, "!agenda traité 1").await;

    let first = ask(
        &mut alice,
        &room,
        "!décision Lettre commune au Préfet sur l'hébergement d'urgence",
    )
    .await;
    assert!(first.contains("Décision n° 1 enregistrée"), "{first}");
    assert!(
        first.contains("réunion du"),
        "linked to today's meeting: {first}"
    );
    ask(
        &mut bob,
        &bob_room,
        "!décision Le lieu d’accueil ouvre en janvier",
    )
    .await;
    let found = ask(&mut alice, &room, "!décisions prefet").await;
    assert!(found.contains("n° 1 — Lettre commune au Préfet"), "{found}");
    let found = ask(&mut alice, &room, "!décisions lieu d'accueil").await;
    assert!(found.contains("n° 2 — Le lieu d’accueil"), "{found}");
    let found = ask(&mut bob, &bob_room, "!decisions HEBERGEMENT").await;
    assert!(found.contains("n° 1"), "{found}");
    let refused = ask(&mut bob, &bob_room, "!décision modifier 1 Autre texte").await;
    assert!(refused.contains("Seule la personne"), "{refused}");
    let amended = ask(
        &mut alice,
        &room,
        "!décision modifier 1 Lettre commune au Préfet et au Conseil départemental",
    )
    .await;
    assert!(amended.contains("(version 2)"), "{amended}");
    let revoked = ask(&mut bob, &bob_room, "!décision annuler 2 Local pas prêt").await;
    assert!(revoked.contains("Décision n° 2 annulée"), "{revoked}");
    let detail = ask(&mut alice, &room, "!décision 1").await;
    assert!(detail.contains("Historique"), "{detail}");
    assert!(
        detail.contains("hébergement d'urgence"),
        "the first text is kept: {detail}"
    );

    let due = date(today + ChronoDuration::days(7));
    let action = ask(
        &mut bob,
        &bob_room,
        &format!("!action Croix-Rouge Écrire au maire de Chelles avant le {due}"),
    )
    .await;
    assert!(
        action.contains("n° 1 — Croix-Rouge : Écrire au maire de Chelles"),
        "{action}"
    );

    let minutes = ask(&mut alice, &room, &format!("!compte-rendu {}", date(today))).await;
    assert!(
        minutes.contains("Compte rendu de la réunion du"),
        "{minutes}"
    );
    assert!(minutes.contains("Budget 2027 — traité"), "{minutes}");
    assert!(minutes.contains("Conseil départemental"), "{minutes}");
    assert!(minutes.contains("Écrire au maire de Chelles"), "{minutes}");
    let file_name = format!("compte-rendu-{}.md", today.format("%Y-%m-%d"));
    let bot_id = bot.user_id.clone();
    let wanted = file_name.clone();
    let file = alice
        .wait_for_message("the minutes as a file", move |message| {
            message.sender == bot_id
                && message
                    .file
                    .as_ref()
                    .is_some_and(|f| f.filename() == wanted)
        })
        .await;
    let downloaded = alice.download(file.file.as_ref().expect("a file")).await;
    let markdown = String::from_utf8(downloaded).expect("UTF-8");
    assert!(
        markdown.starts_with("**Compte rendu de la réunion du"),
        "{markdown}"
    );
    assert!(markdown.contains("Budget 2027 — traité"), "{markdown}");

    // The secretaries' exports, read while the bot runs.
    let csv_text = bot
        .export(&[
            "decisions",
            "--room",
            room.room_id().as_str(),
            "--format",
            "csv",
        ])
        .await;
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|row| row.expect("row")).collect();
    assert_eq!(rows.len(), 2, "{csv_text}");
    assert_eq!(
        &rows[0][2],
        "Lettre commune au Préfet et au Conseil départemental"
    );
    assert_eq!(&rows[0][7], "2", "two versions");
    assert_eq!(&rows[1][9], "Local pas prêt");
    let exported = bot
        .export(&[
            "minutes",
            "--room",
            room.room_id().as_str(),
            "--meeting",
            &today.format("%Y-%m-%d").to_string(),
        ])
        .await;
    assert!(exported.contains("Budget 2027 — traité"), "{exported}");
}

/// The text `pdftotext` (Debian's poppler-utils) reads out of a PDF.
pub(crate) fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("pv.pdf");
    std::fs::write(&path, pdf).expect("write the PDF");
    let output = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (Debian's poppler-utils) runs");
    assert!(output.status.success(), "pdftotext failed");
    String::from_utf8(output.stdout).expect("UTF-8")
}

#[tokio::test(flavor = "multi_thread")]
async fn each_association_approves_the_minutes_into_a_procès_verbal_whose_pdf_reads_back() {
    let paris = chrono_tz::Europe::Paris;
    let date = |day: chrono::NaiveDate| day.format("%d/%m/%Y").to_string();

    let mut alice = TestUser::new("alice", false).await;
    let mut bob = TestUser::new("bob", false).await;
    let mut bot = Bot::register().await;
    let (today, tomorrow) = bot_days_far_from_midnight(&bot, paris).await;
    let room = alice
        .create_room(false, &[&bot.user_id, &bob.user_id])
        .await;
    let bob_room = bob.join(&room).await;
    let rooms = room_associations(
        &room,
        &[
            ("Restos du Cœur", &[&alice.user_id]),
            ("Croix-Rouge", &[&bob.user_id]),
        ],
    );
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("a free port");
    bot.start_with(BotConfig {
        extra: format!(
            "{rooms}\n[web]\nlisten = \"127.0.0.1:{port}\"\npublic_url = \"http://127.0.0.1:{port}\"\n"
        ),
        ..BotConfig::invited_by(&alice.user_id)
    });
    alice
        .wait_for_membership(&room, &bot.user_id, MembershipState::Join)
        .await;
    ask(
        &mut alice,
        &room,
        &format!(
            "!réunion proposer {} 23h59 ; {} 23h59",
            date(today),
            date(tomorrow)
        ),
    )
    .await;
    ask(&mut alice, &room, "!réunion clore 1").await;
    ask(&mut alice, &room, "!agenda ajouter Œuvres sociales : bilan").await;
    ask(
        &mut alice,
        &room,
        "!agenda note 1 Accord sur l'état des lieux",
    )
    .await;
    ask(&mut bob, &bob_room, "!décision Lettre commune au Préfet").await;

    let draft = ask(&mut alice, &room, &format!("!compte-rendu {}", date(today))).await;
    assert!(draft.contains("Statut : projet."), "{draft}");
    let bot_id = bot.user_id.clone();
    let pdf_name = format!("compte-rendu-{}.pdf", today.format("%Y-%m-%d"));
    let is_pdf = {
        let bot_id = bot_id.clone();
        let pdf_name = pdf_name.clone();
        move |message: &crate::helpers::Received| {
            message.sender == bot_id
                && message
                    .file
                    .as_ref()
                    .is_some_and(|f| f.filename() == pdf_name)
        }
    };
    let draft_pdf = alice
        .wait_for_message("the draft's PDF", is_pdf.clone())
        .await;
    let approved = ask(
        &mut alice,
        &room,
        &format!("!compte-rendu approuver {}", date(today)),
    )
    .await;
    assert!(
        approved.contains("approuvé pour Restos du Cœur")
            && approved.contains("en attente : Croix-Rouge"),
        "{approved}"
    );
    let command = bob
        .say(&bob_room, &format!("!minutes approve {}", date(today)))
        .await;
    bob.reply_to(&command).await;
    let adopted = alice
        .wait_for_message("the procès-verbal adopted", {
            let bot_id = bot_id.clone();
            move |message| {
                message.sender == bot_id && message.body.starts_with("**Procès-verbal adopté**")
            }
        })
        .await;
    let draft_id = draft_pdf.event_id.clone();
    let adopted_pdf = alice
        .wait_for_message("the procès-verbal's PDF", move |message| {
            is_pdf(message) && message.event_id != draft_id
        })
        .await;
    let downloaded = alice
        .download(adopted_pdf.file.as_ref().expect("a file"))
        .await;
    assert!(downloaded.starts_with(b"%PDF-"));
    let text = pdf_text(&downloaded);
    let fingerprint = adopted
        .body
        .split('`')
        .nth(1)
        .expect("the fingerprint in the post")
        .to_owned();
    assert_eq!(fingerprint.len(), 64, "{}", adopted.body);
    for expected in [
        "Restos du Cœur · Croix-Rouge",
        "Œuvres sociales : bilan",
        "Accord sur l'état des lieux",
        "Lettre commune au Préfet",
        "Procès-verbal adopté le",
        "Approuvé par : Restos du Cœur (",
        "empreinte SHA-256",
        &fingerprint,
    ] {
        assert!(text.contains(expected), "{expected:?} not in:\n{text}");
    }
    let draft_text = pdf_text(
        &alice
            .download(draft_pdf.file.as_ref().expect("a file"))
            .await,
    );
    assert!(draft_text.contains("Projet"), "{draft_text}");

    // A later amendment does not change the procès-verbal.
    ask(
        &mut bob,
        &bob_room,
        "!décision modifier 1 Lettre commune au Préfet et au Département",
    )
    .await;
    let again = ask(&mut alice, &room, &format!("!compte-rendu {}", date(today))).await;
    assert!(again.contains(&fingerprint), "{again}");
    assert!(!again.contains("Département"), "{again}");
    let exported = bot
        .export(&[
            "minutes",
            "--room",
            room.room_id().as_str(),
            "--meeting",
            &today.format("%Y-%m-%d").to_string(),
        ])
        .await;
    assert!(exported.contains(&fingerprint), "{exported}");
    assert!(!exported.contains("Département"), "{exported}");

    // The group's page serves the procès-verbal as its PDF.
    let reply = ask(&mut alice, &room, "!page").await;
    let page = reply
        .split_whitespace()
        .find(|word| word.starts_with("http://") && word.ends_with('/'))
        .unwrap_or_else(|| panic!("no link in {reply}"))
        .to_owned();
    let served = reqwest::get(format!(
        "{page}comptes-rendus/{}.pdf",
        today.format("%Y-%m-%d")
    ))
    .await
    .expect("the PDF from the page");
    assert_eq!(served.status(), 200);
    assert_eq!(served.headers()["content-type"], "application/pdf");
    let served = served.bytes().await.expect("bytes");
    let served_text = pdf_text(&served);
    assert!(served_text.contains(&fingerprint), "{served_text}");
    assert!(!served_text.contains("Département"), "{served_text}");
}
