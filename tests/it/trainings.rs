//! #37: a training session in a real encrypted room: two seats, three sign-ups (a ✅ on the
//! announcement, a command, a volunteer known by e-mail who waits), a deleted ✅ moving the
//! volunteer up and telling the member who signed them up, the day-before reminder with the
//! bot's clock driven (in the room, and by e-mail with the .ics), the sign-in sheet's PDF read
//! back with pdftotext, who came, the yearly summary, the page in a real Chromium (axe-core)
//! and the export.

use chrono::Datelike;
use mail_parser::{MessageParser, MimeHeaders};
use matrix_sdk::ruma::events::room::member::MembershipState;

use crate::helpers::{Bot, BotConfig, TestUser, ask, free_port, room_associations};
use crate::smtp::SmtpServer;

/// A moment of the Paris clock.
fn paris_moment(day: chrono::NaiveDate, hour: u32, minute: u32) -> chrono::DateTime<chrono::Utc> {
    use chrono::TimeZone;
    let local = day.and_hms_opt(hour, minute, 0).expect("a time");
    chrono_tz::Europe::Paris
        .from_local_datetime(&local)
        .earliest()
        .expect("a Paris time")
        .with_timezone(&chrono::Utc)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_training_fills_its_seats_moves_its_waiting_list_reminds_and_prints_its_sheet() {
    let paris = chrono_tz::Europe::Paris;
    let smtp = SmtpServer::start().await;
    let mut alice = TestUser::new("alice", false).await;
    let mut bob = TestUser::new("bob", false).await;
    let mut bot = Bot::register().await;
    crate::record::bot_days_far_from_midnight(&bot, paris).await;
    let port = free_port();
    let room = alice.create_room(true, &[&bot.user_id, &bob.user_id]).await;
    let bob_room = bob.join(&room).await;
    bot.start_with(BotConfig {
        extra: format!(
            "{}\n{}\n[web]\nlisten = \"127.0.0.1:{port}\"\npublic_url = \"http://127.0.0.1:{port}\"\n",
            room_associations(
                &room,
                &[
                    ("Restos du Cœur", &[&alice.user_id]),
                    ("Secours populaire", &[&bob.user_id]),
                    // No member in the room: its volunteers follow by e-mail.
                    ("Croix-Rouge", &[]),
                ],
            ),
            smtp.config(),
        ),
        // The bot's clock is moved two days on: commands stay answerable.
        bot: "max_command_age_hours = 120".into(),
        ..BotConfig::invited_by(&alice.user_id)
    });
    alice
        .wait_for_membership(&room, &bot.user_id, MembershipState::Join)
        .await;
    // Jean Dupont follows the group by e-mail (Alice made the room: she is its moderator).
    let known = ask(
        &mut alice,
        &room,
        "!courriel ajouter jean.dupont@exemple.org Croix-Rouge Jean Dupont",
    )
    .await;
    assert!(known.contains("Jean Dupont"), "{known}");

    // Bob (Secours populaire) announces a session the day after tomorrow, two seats.
    let day = bot.now().with_timezone(&paris).date_naive() + chrono::Days::new(2);
    let add = bob
        .say(
            &bob_room,
            &format!(
                "!formation ajouter Premiers secours le {} 14h à Melun places 2 — avec la Croix-Rouge",
                day.format("%d/%m/%Y")
            ),
        )
        .await;
    let announcement = bob.reply_to(&add).await;
    assert!(
        announcement
            .body
            .contains("Formation n° 1 — Premiers secours"),
        "{}",
        announcement.body
    );
    assert!(
        announcement
            .body
            .contains("organisée par Secours populaire"),
        "{}",
        announcement.body
    );
    let bot_id = bot.user_id.clone();
    let presented = announcement.event_id.clone();
    alice
        .wait_for_reaction("the bot's ✅ under the announcement", {
            let bot_id = bot_id.clone();
            let presented = presented.clone();
            move |reaction| {
                reaction.sender == bot_id && reaction.target == presented && reaction.key == "✅"
            }
        })
        .await;

    // Alice signs up with a ✅; Bob by command; Bob signs Jean up: he waits.
    let check = alice.react(&room, &presented, "✅").await;
    let signed = alice
        .wait_for_message("Alice's sign-up", {
            let bot_id = bot_id.clone();
            move |message| {
                message.sender == bot_id && message.body.contains("Restos du Cœur) : inscription")
            }
        })
        .await;
    assert!(signed.body.contains("Il reste 1 place"), "{}", signed.body);
    let own = ask(&mut bob, &bob_room, "!formation inscrire 1").await;
    assert!(own.contains("C'était la dernière place"), "{own}");
    let jean = ask(
        &mut bob,
        &bob_room,
        "!formation inscrire 1 Jean Dupont (Croix-Rouge)",
    )
    .await;
    assert!(jean.contains("liste d'attente, en position 1"), "{jean}");
    let list = ask(&mut alice, &room, "!formations").await;
    assert!(list.contains("complet (2 places), 1 en attente"), "{list}");

    // Alice deletes her ✅: Jean gets the seat, and Bob, who signed him up, is mentioned.
    alice.redact(&room, &check).await;
    let moved = bob
        .wait_for_message("the seat freed for Jean", {
            let bot_id = bot_id.clone();
            move |message| {
                message.sender == bot_id && message.body.contains("une place s'est libérée")
            }
        })
        .await;
    assert!(!moved.is_notice, "it notifies");
    assert!(moved.body.contains("Jean Dupont"), "{}", moved.body);
    assert_eq!(moved.mentions, vec![bob.user_id.clone()]);

    // The day before at 9:00 on the bot's clock: the reminder, to those with a seat.
    let eve = paris_moment(day.pred_opt().expect("the eve"), 9, 1);
    bot.advance_clock(eve - bot.now());
    let reminder = bob
        .wait_for_message("the day-before reminder", {
            let bot_id = bot_id.clone();
            move |message| message.sender == bot_id && message.body.contains("c'est demain")
        })
        .await;
    assert!(!reminder.is_notice, "a reminder notifies");
    assert_eq!(reminder.mentions, vec![bob.user_id.clone()]);
    assert!(reminder.body.contains("Lieu : Melun"), "{}", reminder.body);
    assert!(
        reminder.body.contains("Jean Dupont (Croix-Rouge)"),
        "{}",
        reminder.body
    );
    let mail = smtp.wait_for(1, "Jean's reminder").await;
    let message = MessageParser::default().parse(&mail[0]).expect("MIME");
    assert_eq!(
        message
            .to()
            .and_then(|to| to.first())
            .and_then(|to| to.address()),
        Some("jean.dupont@exemple.org")
    );
    assert!(
        message
            .subject()
            .is_some_and(|subject| subject.contains("Premiers secours")),
        "{:?}",
        message.subject()
    );
    let ics = message
        .attachments()
        .find(|part| {
            part.content_type()
                .is_some_and(|kind| kind.subtype() == Some("calendar"))
        })
        .expect("the .ics");
    let ics = String::from_utf8_lossy(ics.contents());
    assert!(ics.contains("LOCATION:Melun"), "{ics}");
    assert!(ics.contains("BEGIN:VEVENT"), "{ics}");

    // The sign-in sheet: those with a seat, by association, a signature column.
    let sheet = bob.say(&bob_room, "!formation émargement 1").await;
    let caption = bob.reply_to(&sheet).await;
    assert!(caption.body.contains("(2 personnes)"), "{}", caption.body);
    let file = bob
        .wait_for_message("the sign-in sheet", {
            let bot_id = bot_id.clone();
            move |message| {
                message.sender == bot_id
                    && message
                        .file
                        .as_ref()
                        .is_some_and(|file| file.filename().ends_with(".pdf"))
            }
        })
        .await;
    let pdf = bob.download(file.file.as_ref().expect("a file")).await;
    let text = crate::record::pdf_text(&pdf);
    for expected in [
        "Feuille d'émargement — Premiers secours",
        "Melun",
        "Organisée par : Secours populaire",
        "Nom",
        "Association",
        "Signature",
        "Jean Dupont",
        "Croix-Rouge",
        "Secours populaire",
        bob.user_id.localpart(),
    ] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
    assert!(
        text.find("Jean Dupont") < text.find(bob.user_id.localpart()),
        "by association: Croix-Rouge first: {text}"
    );
    assert!(!text.contains(alice.user_id.localpart()), "{text}");

    // After the session, who came; then the year's summary.
    bot.advance_clock(chrono::Duration::hours(30));
    let attended = format!("!formation présents 1 Jean Dupont {}", bob.user_id);
    let came = ask(&mut bob, &bob_room, &attended).await;
    assert!(came.contains("2 présents notés"), "{came}");
    let summary = ask(
        &mut bob,
        &bob_room,
        &format!("!formations bilan {}", day.year()),
    )
    .await;
    assert!(
        summary.contains("**Secours populaire** : 1 formation organisée, 1 personne formée"),
        "{summary}"
    );
    assert!(
        summary.contains("**Croix-Rouge** : aucune formation organisée, 1 personne formée"),
        "{summary}"
    );

    // The page, in a real browser, accessible; the export.
    let page = crate::web::link_in(&ask(&mut alice, &room, "!page").await);
    let trainings = crate::web::rendered_dom(&format!("{page}formations"));
    assert!(trainings.contains("Premiers secours"), "{trainings}");
    assert!(
        trainings.contains("Jean Dupont (Croix-Rouge)"),
        "{trainings}"
    );
    crate::web::assert_accessible(&[&format!("{page}formations")]);
    let csv = bot
        .export(&["trainings", "--room", room.room_id().as_str()])
        .await;
    assert!(csv.starts_with("numéro,titre,date,lieu,"), "{csv}");
    assert!(csv.contains("Jean Dupont,Croix-Rouge,non,oui"), "{csv}");

    // The working groups' page too (#37), once a group has its room.
    let created = ask(&mut alice, &room, "!groupe créer Non-recours").await;
    assert!(created.contains("https://matrix.to/#/!"), "{created}");
    let groups = crate::web::rendered_dom(&format!("{page}groupes"));
    assert!(groups.contains("Non-recours"), "{groups}");
    assert!(groups.contains("aucun rapport encore"), "{groups}");
    crate::web::assert_accessible(&[&format!("{page}groupes")]);
}
