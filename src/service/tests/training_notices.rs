//! What a training session does on its own: the day-before reminder (in the room, and by
//! e-mail with the .ics), the cancellation told to everyone, and its people's names going
//! after their retention — a forgotten member's sign-up staying counted.

use super::trainings::{ADD, texts, three_members};
use super::*;
use crate::domain::messages::Content;

#[tokio::test]
async fn the_day_before_those_with_a_seat_are_reminded_once_in_the_room_and_by_email() {
    let (bot, _dir) = bot().await;
    three_members(&bot).await;
    say_at(
        &bot,
        "@moderator:localhost",
        "$p",
        "!courriel ajouter jean.dupont@exemple.org Croix-Rouge Jean Dupont",
        "2026-11-29T17:59:00Z",
    )
    .await;
    say_at(&bot, "@bob:localhost", "$1", ADD, "2026-11-29T18:00:00Z").await;
    alice_and_jean_sign_up(&bot).await;
    say_at(
        &bot,
        "@carla:localhost",
        "$4",
        "!formation inscrire 1",
        "2026-11-29T18:03:00Z",
    )
    .await;

    let eve = at("2027-01-13T08:00:00Z"); // 9:00 in Paris, the day before
    let next = bot
        .service
        .run_due(at("2027-01-13T07:59:00Z"))
        .await
        .expect("due");
    assert!(next.is_some_and(|next| next <= eve), "{next:?}");
    assert!(texts(&bot).is_empty());
    bot.service.run_due(eve).await.expect("due");
    bot.deliver().await;
    let told = texts(&bot);
    assert_eq!(told.len(), 1, "{told:?}");
    let (text, mentions) = &told[0];
    assert!(text.contains("c'est demain"), "{text}");
    assert!(text.contains("Lieu : Melun"), "{text}");
    assert!(text.contains("Jean Dupont (Croix-Rouge)"), "{text}");
    // Alice and Bob (for Jean, whom he signed up); Carla waits, so is not reminded.
    assert_eq!(
        mentions,
        &vec![
            UserId::new("@alice:localhost"),
            UserId::new("@bob:localhost")
        ]
    );
    let emails = bot.store.pending_emails().await.expect("outbox");
    let reminder: Vec<_> = emails
        .iter()
        .map(|(email, _)| email)
        .filter(|email| email.subject.contains("Premiers secours"))
        .collect();
    assert_eq!(reminder.len(), 1, "{emails:?}");
    assert_eq!(reminder[0].to_address, "jean.dupont@exemple.org");
    let ics = reminder[0].attachment.as_ref().expect("the .ics");
    assert!(ics.mime.starts_with("text/calendar; method=REQUEST"));
    let ics = String::from_utf8_lossy(&ics.data);
    assert!(ics.contains("DTSTART:20270114T083000Z"), "{ics}");
    assert!(ics.contains("LOCATION:Melun"), "{ics}");

    // Once: a later pass (or a restart) sends nothing more.
    bot.service
        .run_due(at("2027-01-13T10:00:00Z"))
        .await
        .expect("due");
    bot.deliver().await;
    assert_eq!(texts(&bot).len(), 1);
}

#[tokio::test]
async fn a_cancelled_session_tells_everyone_signed_up_and_takes_no_more_sign_ups() {
    let (bot, _dir) = bot().await;
    three_members(&bot).await;
    say_at(&bot, "@bob:localhost", "$1", ADD, "2026-11-29T18:00:00Z").await;
    say_at(
        &bot,
        "@alice:localhost",
        "$2",
        "!formation inscrire 1",
        "2026-11-29T18:01:00Z",
    )
    .await;
    let refused = say_at(
        &bot,
        "@alice:localhost",
        "$3",
        "!formation annuler 1",
        "2026-11-29T18:02:00Z",
    )
    .await;
    assert!(
        refused.contains("Seule la personne qui a annoncé la formation n° 1"),
        "{refused}"
    );
    say_at(
        &bot,
        "@bob:localhost",
        "$4",
        "!formation annuler 1",
        "2026-11-29T18:03:00Z",
    )
    .await;
    let told = texts(&bot);
    assert_eq!(told.len(), 1, "{told:?}");
    assert!(told[0].0.contains("est **annulée**"), "{}", told[0].0);
    assert_eq!(told[0].1, vec![UserId::new("@alice:localhost")]);
    let late = say_at(
        &bot,
        "@carla:localhost",
        "$5",
        "!formation inscrire 1",
        "2026-11-29T18:04:00Z",
    )
    .await;
    assert!(late.contains("Cette formation est annulée"), "{late}");
    let list = say_at(
        &bot,
        "@carla:localhost",
        "$6",
        "!formations",
        "2026-11-29T18:05:00Z",
    )
    .await;
    assert!(list.contains("Aucune formation à venir"), "{list}");
    // Nothing is reminded for it.
    bot.service
        .run_due(at("2027-01-13T08:00:00Z"))
        .await
        .expect("due");
    bot.deliver().await;
    assert_eq!(texts(&bot).len(), 1);
}

#[tokio::test]
async fn names_go_after_their_retention_and_a_forgotten_member_stays_counted() {
    let (bot, _dir) = bot().await;
    three_members(&bot).await;
    say_at(
        &bot,
        "@bob:localhost",
        "$1",
        "!formation ajouter Droits sociaux le 10/12/2026",
        "2026-11-29T18:00:00Z",
    )
    .await;
    alice_and_jean_sign_up(&bot).await;
    say_at(
        &bot,
        "@bob:localhost",
        "$4",
        "!formation présents 1 @alice:localhost Jean Dupont",
        "2026-12-10T17:00:00Z",
    )
    .await;

    // Alice's copy of her data names the session; once forgotten, her sign-up names nobody.
    say_at(
        &bot,
        "@alice:localhost",
        "$5",
        "!mes-données",
        "2026-12-10T17:01:00Z",
    )
    .await;
    let copy: String = bot
        .chat
        .sent()
        .into_iter()
        .filter(|sent| sent.room.as_str() == "@alice:localhost")
        .filter_map(|sent| match sent.content {
            Content::File { data, .. } => String::from_utf8(data).ok(),
            _ => None,
        })
        .collect();
    assert!(copy.contains("Droits sociaux"), "{copy}");
    say_at(
        &bot,
        "@alice:localhost",
        "$6",
        "!oublie-moi",
        "2026-12-10T17:02:00Z",
    )
    .await;
    say_at(
        &bot,
        "@alice:localhost",
        "$7",
        "!oublie-moi confirmer",
        "2026-12-10T17:03:00Z",
    )
    .await;
    assert_eq!(
        count(
            &bot,
            "SELECT count(*) FROM trainees WHERE member = '@alice:localhost'"
        )
        .await,
        0
    );
    let summary = say_at(
        &bot,
        "@bob:localhost",
        "$8",
        "!formations bilan 2026",
        "2026-12-10T17:04:00Z",
    )
    .await;
    assert!(
        summary.contains("**Restos du Cœur** : aucune formation organisée, 1 personne formée"),
        "still counted: {summary}"
    );

    // Past the retention (730 days after the session), Jean's name goes too; the summary
    // reads the same.
    bot.service
        .run_due(at("2028-12-08T12:00:00Z"))
        .await
        .expect("due");
    assert_eq!(
        count(&bot, "SELECT count(*) FROM trainees WHERE name IS NOT NULL").await,
        1
    );
    bot.service
        .run_due(at("2028-12-12T12:00:00Z"))
        .await
        .expect("due");
    assert_eq!(
        count(&bot, "SELECT count(*) FROM trainees WHERE name IS NOT NULL").await,
        0
    );
    assert_eq!(count(&bot, "SELECT count(*) FROM trainees").await, 2);
    let later = say_at(
        &bot,
        "@bob:localhost",
        "$9",
        "!formations bilan 2026",
        "2028-12-12T12:01:00Z",
    )
    .await;
    assert!(
        later.contains("**Croix-Rouge** : 1 formation organisée, 1 personne formée"),
        "{later}"
    );
    let shown = say_at(
        &bot,
        "@bob:localhost",
        "$10",
        "!formation 1",
        "2028-12-12T12:02:00Z",
    )
    .await;
    assert!(shown.contains("une personne (anonymisée)"), "{shown}");
    assert!(!shown.contains("Jean"), "{shown}");
}

/// Alice signs herself up for session 1 ($2, 18:01), then Bob signs up the volunteer Jean
/// Dupont by name ($3, 18:02).
async fn alice_and_jean_sign_up(bot: &TestBot) {
    say_at(
        bot,
        "@alice:localhost",
        "$2",
        "!formation inscrire 1",
        "2026-11-29T18:01:00Z",
    )
    .await;
    say_at(
        bot,
        "@bob:localhost",
        "$3",
        "!formation inscrire 1 Jean Dupont",
        "2026-11-29T18:02:00Z",
    )
    .await;
}
