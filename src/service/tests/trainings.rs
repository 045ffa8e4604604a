//! Training sessions: announced with their seats, signed up for by ✅ or by command (for
//! oneself, a member, a volunteer without an account), a waiting list that moves up on a
//! withdrawal and tells who got the seat, the day-before reminder (in the room and by e-mail
//! with the .ics), cancellation, the sign-in sheet, who came and the yearly summary — and
//! every bad input answered with an example.

use super::*;
use crate::domain::messages::Content;

pub(super) const ADD: &str =
    "!formation ajouter Premiers secours le 14/01/2027 9h30 à Melun places 2 — avec la Croix-Rouge";

/// The event id of session n° `number`'s announcement, as sent.
pub(super) async fn announcement(bot: &TestBot, number: usize) -> String {
    let mut tx = bot.store.begin().await.expect("begin");
    let training = tx
        .training(&RoomId::new("!room"), number)
        .await
        .expect("read")
        .expect("a session");
    let ballot = tx
        .ballot(training.ballot.expect("its ballot"))
        .await
        .expect("ballot");
    ballot.event_id.expect("announced").as_str().to_owned()
}

/// The messages that notify (`m.text`), with whom they mention.
pub(super) fn texts(bot: &TestBot) -> Vec<(String, Vec<UserId>)> {
    bot.chat
        .sent()
        .into_iter()
        .filter_map(|sent| match sent.content {
            Content::Text { markdown, mentions } => Some((markdown, mentions)),
            _ => None,
        })
        .collect()
}

pub(super) async fn three_members(bot: &TestBot) {
    seed_associations(
        bot,
        &[
            ("@alice:localhost", "Restos du Cœur"),
            ("@bob:localhost", "Croix-Rouge"),
            ("@carla:localhost", "Secours populaire"),
        ],
    )
    .await;
}

#[tokio::test]
async fn seats_fill_in_order_and_a_withdrawal_moves_the_first_waiting_person_up() {
    let (bot, _dir) = bot().await;
    three_members(&bot).await;
    let added = say_at(&bot, "@bob:localhost", "$1", ADD, "2026-11-29T18:00:00Z").await;
    assert!(
        added.contains("**Formation n° 1 — Premiers secours**"),
        "{added}"
    );
    assert!(added.contains("organisée par Croix-Rouge"), "{added}");
    assert!(added.contains("2 places"), "{added}");
    assert!(added.contains("`!formation inscrire 1`"), "{added}");
    let presented = announcement(&bot, 1).await;
    let under: Vec<String> = bot
        .chat
        .sent()
        .into_iter()
        .filter_map(|sent| match sent.content {
            Content::Reaction { key }
                if sent.in_reply_to.as_ref().map(EventId::as_str) == Some(presented.as_str()) =>
            {
                Some(key)
            }
            _ => None,
        })
        .collect();
    assert_eq!(under, vec!["✅".to_owned()], "the bot puts the ✅ under it");

    // Alice signs up with a ✅ on the announcement.
    bot.handle(
        Incoming::Reaction(IncomingReaction {
            sent_at: at("2026-11-29T18:01:00Z"),
            ..reaction("$r-alice", "@alice:localhost", &presented, "✅")
        }),
        at("2026-11-29T18:01:00Z"),
    )
    .await;
    let answer = reply_to(&bot, &presented);
    assert!(
        answer.contains("inscription à la formation n° 1"),
        "{answer}"
    );
    assert!(answer.contains("Restos du Cœur"), "{answer}");
    assert!(answer.contains("Il reste 1 place"), "{answer}");
    // The same ✅ seen again (a replay) changes nothing and says nothing.
    let before = bot.chat.sent().len();
    bot.handle(
        Incoming::Reaction(reaction("$r-alice", "@alice:localhost", &presented, "✅")),
        at("2026-11-29T18:01:30Z"),
    )
    .await;
    assert_eq!(bot.chat.sent().len(), before);

    let carla = say_at(
        &bot,
        "@carla:localhost",
        "$2",
        "!formation inscrire 1",
        "2026-11-29T18:02:00Z",
    )
    .await;
    assert!(carla.contains("C'était la dernière place"), "{carla}");
    let jean = say_at(
        &bot,
        "@bob:localhost",
        "$3",
        "!formation inscrire 1 Jean Dupont (croix rouge)",
        "2026-11-29T18:03:00Z",
    )
    .await;
    assert!(jean.contains("liste d'attente, en position 1"), "{jean}");
    assert!(
        jean.contains("Jean Dupont (Croix-Rouge)"),
        "the association as the room knows it: {jean}"
    );

    let list = say_at(
        &bot,
        "@alice:localhost",
        "$4",
        "!formations",
        "2026-11-29T18:04:00Z",
    )
    .await;
    assert!(list.contains("complet (2 places), 1 en attente"), "{list}");
    let shown = say_at(
        &bot,
        "@alice:localhost",
        "$5",
        "!formation 1",
        "2026-11-29T18:05:00Z",
    )
    .await;
    assert!(shown.contains("**Restos du Cœur** (1) : ALICE"), "{shown}");
    assert!(shown.contains("**Secours populaire** (1)"), "{shown}");
    assert!(shown.contains("**Liste d'attente**"), "{shown}");
    assert!(shown.contains("1. Jean Dupont (Croix-Rouge)"), "{shown}");

    // Carla withdraws: Jean gets the seat, and Bob, who signed him up, is told (mentioned).
    let withdrawn = say_at(
        &bot,
        "@carla:localhost",
        "$6",
        "!formation désinscrire 1",
        "2026-11-29T18:06:00Z",
    )
    .await;
    assert!(
        withdrawn.contains("n'est plus inscrit·e à la formation n° 1"),
        "{withdrawn}"
    );
    let told = texts(&bot);
    assert_eq!(told.len(), 1, "{told:?}");
    assert!(
        told[0]
            .0
            .contains("une place s'est libérée pour Jean Dupont"),
        "{}",
        told[0].0
    );
    assert_eq!(told[0].1, vec![UserId::new("@bob:localhost")]);
    let list = say_at(
        &bot,
        "@alice:localhost",
        "$7",
        "!formations",
        "2026-11-29T18:07:00Z",
    )
    .await;
    assert!(!list.contains("en attente"), "{list}");

    // Alice deletes her ✅: she is withdrawn, and nobody waits any more.
    bot.handle(
        Incoming::Redaction {
            room: RoomId::new("!room"),
            redacted: EventId::new("$r-alice"),
        },
        at("2026-11-29T18:08:00Z"),
    )
    .await;
    let list = say_at(
        &bot,
        "@alice:localhost",
        "$8",
        "!formations",
        "2026-11-29T18:09:00Z",
    )
    .await;
    assert!(list.contains("1 place restante sur 2"), "{list}");
    assert_eq!(texts(&bot).len(), 1, "nobody waited: nobody told");
}

#[tokio::test]
async fn someone_else_is_withdrawn_only_by_who_signed_them_up_their_association_or_a_moderator() {
    let (bot, _dir) = bot().await;
    three_members(&bot).await;
    say_at(&bot, "@bob:localhost", "$1", ADD, "2026-11-29T18:00:00Z").await;
    say_at(
        &bot,
        "@bob:localhost",
        "$2",
        "!formation inscrire 1 @alice:localhost",
        "2026-11-29T18:01:00Z",
    )
    .await;
    let refused = say_at(
        &bot,
        "@carla:localhost",
        "$3",
        "!formation désinscrire 1 @alice:localhost",
        "2026-11-29T18:02:00Z",
    )
    .await;
    assert!(refused.contains("modérateur"), "{refused}");
    let done = say_at(
        &bot,
        "@bob:localhost",
        "$4",
        "!formation désinscrire 1 @alice:localhost",
        "2026-11-29T18:03:00Z",
    )
    .await;
    assert!(done.contains("n'est plus inscrit·e"), "{done}");
}

#[tokio::test]
async fn the_sign_in_sheet_is_a_pdf_and_who_came_makes_the_yearly_summary() {
    let (bot, _dir) = bot().await;
    three_members(&bot).await;
    say_at(
        &bot,
        "@bob:localhost",
        "$1",
        "!formation ajouter Droits sociaux le 10/12/2026 — la CAF explique",
        "2026-11-29T18:00:00Z",
    )
    .await;
    say_at(
        &bot,
        "@alice:localhost",
        "$2",
        "!formation inscrire 1",
        "2026-11-29T18:01:00Z",
    )
    .await;
    say_at(
        &bot,
        "@carla:localhost",
        "$3",
        "!formation inscrire 1 Marie Curie",
        "2026-11-29T18:02:00Z",
    )
    .await;
    let sheet = say_at(
        &bot,
        "@bob:localhost",
        "$4",
        "!formation émargement 1",
        "2026-11-29T18:03:00Z",
    )
    .await;
    assert!(
        sheet.contains("feuille d'émargement de la formation n° 1"),
        "{sheet}"
    );
    assert!(sheet.contains("(2 personnes)"), "{sheet}");
    let pdf = bot
        .chat
        .sent()
        .into_iter()
        .find_map(|sent| match sent.content {
            Content::File { name, mime, data } if mime == "application/pdf" => Some((name, data)),
            _ => None,
        })
        .expect("the sheet");
    assert_eq!(pdf.0, "emargement-2026-12-10-formation-1.pdf");
    assert!(pdf.1.starts_with(b"%PDF-"));

    let early = say_at(
        &bot,
        "@bob:localhost",
        "$5",
        "!formation présents 1 @alice:localhost",
        "2026-11-29T18:04:00Z",
    )
    .await;
    assert!(early.contains("n'a pas encore eu lieu"), "{early}");
    let came = say_at(
        &bot,
        "@bob:localhost",
        "$6",
        "!formation présents 1 @alice:localhost, marie curie (Secours populaire) Paul Martin (Croix-Rouge)",
        "2026-12-10T17:00:00Z",
    )
    .await;
    assert!(came.contains("3 présents notés"), "{came}");
    assert!(
        came.contains("Pas inscrits mais venus, ajoutés : Paul Martin (Croix-Rouge)"),
        "{came}"
    );
    let summary = say_at(
        &bot,
        "@bob:localhost",
        "$7",
        "!formations bilan 2026",
        "2026-12-10T17:01:00Z",
    )
    .await;
    assert!(
        summary.contains("**Croix-Rouge** : 1 formation organisée, 1 personne formée (1 présence)"),
        "{summary}"
    );
    assert!(
        summary.contains("**Restos du Cœur** : aucune formation organisée, 1 personne formée"),
        "{summary}"
    );
    assert!(
        summary.contains("**Secours populaire** : aucune formation organisée, 1 personne formée"),
        "{summary}"
    );
    let other = say_at(
        &bot,
        "@bob:localhost",
        "$8",
        "!formations bilan 2025",
        "2026-12-10T17:02:00Z",
    )
    .await;
    assert!(other.contains("Aucune formation en 2025"), "{other}");
}

#[tokio::test]
async fn bad_input_gets_a_clear_answer_with_an_example() {
    let (bot, _dir) = bot().await;
    three_members(&bot).await;
    for (body, expected) in [
        (
            "!formation ajouter Premiers secours le 01/11/2026 9h",
            "déjà passée",
        ),
        (
            "!formation ajouter Premiers secours le 14/01 places 0",
            "au moins une place",
        ),
        ("!formation ajouter Premiers secours", "Il manque la date"),
        ("!formation émargement 9", "Il n'y a pas de formation n° 9"),
        ("!formation inscrire 9", "Il n'y a pas de formation n° 9"),
        ("!formations bilan hier", "n'est pas une année"),
    ] {
        let reply = say_at(&bot, "@bob:localhost", body, body, "2026-11-29T18:00:00Z").await;
        assert!(reply.contains(expected), "{body}: {reply}");
        assert!(reply.contains('`'), "an example: {reply}");
    }
    say_at(&bot, "@bob:localhost", "$1", ADD, "2026-11-29T18:00:00Z").await;
    say_at(
        &bot,
        "@alice:localhost",
        "$2",
        "!formation inscrire 1",
        "2026-11-29T18:01:00Z",
    )
    .await;
    for (body, expected) in [
        ("!formation inscrire 1", "déjà inscrit·e"),
        (
            "!formation désinscrire 1 Jean Dupont (Croix-Rouge)",
            "n'est pas inscrit·e",
        ),
        (
            "!formation inscrire 1 Jean Dupont (Amnesty)",
            "Aucune association du salon",
        ),
        (
            "!formation inscrire 1 @dan",
            "pas un identifiant Matrix complet",
        ),
    ] {
        let reply = say_at(&bot, "@alice:localhost", body, body, "2026-11-29T18:02:00Z").await;
        assert!(reply.contains(expected), "{body}: {reply}");
        assert!(reply.contains("`!formation"), "an example: {reply}");
    }
    let nobody = say_at(&bot, "@dan:localhost", "$3", ADD, "2026-11-29T18:03:00Z").await;
    assert!(
        nobody.contains("de quelle association vous êtes"),
        "{nobody}"
    );
}

#[tokio::test]
async fn english_commands_read_the_same() {
    let (bot, _dir) = bot().await;
    three_members(&bot).await;
    say_at(
        &bot,
        "@bob:localhost",
        "$l",
        "!language en",
        "2026-11-29T17:59:00Z",
    )
    .await;
    let added = say_at(
        &bot,
        "@bob:localhost",
        "$1",
        "!training add First aid on 14/01/2027 at the Red Cross seats 1",
        "2026-11-29T18:00:00Z",
    )
    .await;
    assert!(added.contains("**Training no. 1 — First aid**"), "{added}");
    assert!(added.contains("(all day)"), "{added}");
    let signed = say_at(
        &bot,
        "@alice:localhost",
        "$2",
        "!training sign-up 1",
        "2026-11-29T18:01:00Z",
    )
    .await;
    assert!(signed.contains("That was the last seat"), "{signed}");
    let waiting = say_at(
        &bot,
        "@carla:localhost",
        "$3",
        "!training sign-up 1",
        "2026-11-29T18:02:00Z",
    )
    .await;
    assert!(waiting.contains("waiting list, number 1"), "{waiting}");
    let summary = say_at(
        &bot,
        "@carla:localhost",
        "$4",
        "!trainings summary",
        "2026-11-29T18:03:00Z",
    )
    .await;
    assert!(summary.contains("No training session in 2026"), "{summary}");
}
