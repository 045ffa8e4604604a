//! Working groups: created from the plenary (the sender creates their room, invites the
//! members, the plenary's reply links it), their own record with the plenary's associations,
//! a report of their proposals to the plenary, a proposal adopted there, the end-date question
//! once, closed and extended, an existing room attached once the plenary confirms — and every
//! bad input answered with an example.

use super::*;
use crate::domain::messages::Content;

const CREATE: &str = "!groupe créer Non-recours jusqu'au 30/06/2027 @bob:localhost";

/// `body` from `sender` in `room` at `when`; the replies to it.
async fn say_in(
    bot: &TestBot,
    room: &str,
    sender: &str,
    event: &str,
    body: &str,
    when: &str,
) -> String {
    let message = IncomingMessage {
        room: RoomId::new(room),
        ..at_time(sender, event, body, when)
    };
    bot.on_message(&message, at(when)).await;
    reply_to(bot, event)
}

fn sent_to(bot: &TestBot, room: &str) -> Vec<String> {
    bot.chat
        .sent()
        .into_iter()
        .filter(|sent| sent.room.as_str() == room)
        .map(|sent| sent.markdown)
        .collect()
}

#[tokio::test]
async fn a_group_gets_its_room_reports_to_the_plenary_and_a_proposal_is_adopted() {
    let (bot, _dir) = bot().await;
    seed_alice_and_bob(&bot).await;
    let created = say_at(
        &bot,
        "@alice:localhost",
        "$1",
        CREATE,
        "2026-11-29T18:00:00Z",
    )
    .await;
    assert!(
        created.contains("Groupe de travail « Non-recours » créé (jusqu'au 30 juin 2027)"),
        "{created}"
    );
    assert!(created.contains("ALICE, BOB"), "{created}");
    // The room was created once, with the author and Bob invited; the reply links it.
    let rooms = bot.chat.rooms_created.lock().expect("lock").clone();
    assert_eq!(rooms.len(), 1);
    assert_eq!(rooms[0].1.name, "Non-recours");
    assert_eq!(
        rooms[0].1.invite,
        vec![
            UserId::new("@alice:localhost"),
            UserId::new("@bob:localhost")
        ]
    );
    assert!(created.contains("https://matrix.to/#/!group1"), "{created}");
    let welcome = sent_to(&bot, "!group1");
    assert!(
        welcome[0].contains("Salon du groupe de travail « Non-recours »"),
        "{welcome:?}"
    );

    // Its record is its own, numbered apart, with the plenary's associations.
    say_at(
        &bot,
        "@alice:localhost",
        "$p",
        "!décision La concertation se réunit",
        "2026-11-29T18:01:00Z",
    )
    .await;
    let first = say_in(
        &bot,
        "!group1",
        "@bob:localhost",
        "$g1",
        "!décision Demander une permanence CAF à Melun",
        "2026-11-29T18:02:00Z",
    )
    .await;
    assert!(first.contains("n° 1"), "{first}");
    let detail = say_in(
        &bot,
        "!group1",
        "@bob:localhost",
        "$g1b",
        "!décision 1",
        "2026-11-29T18:02:30Z",
    )
    .await;
    assert!(
        detail.contains("Croix-Rouge"),
        "the plenary's association: {detail}"
    );
    say_in(
        &bot,
        "!group1",
        "@bob:localhost",
        "$g2",
        "!décision Former les bénévoles aux droits CAF",
        "2026-11-29T18:03:00Z",
    )
    .await;
    say_in(
        &bot,
        "!group1",
        "@bob:localhost",
        "$g3",
        "!action Croix-Rouge Écrire à la CAF avant le 15/12",
        "2026-11-29T18:04:00Z",
    )
    .await;
    let item = say_in(
        &bot,
        "!group1",
        "@bob:localhost",
        "$g4",
        "!agenda ajouter Questionnaire",
        "2026-11-29T18:05:00Z",
    )
    .await;
    assert!(item.contains("Questionnaire"), "{item}");

    // The report goes to the plenary.
    let sent = say_in(
        &bot,
        "!group1",
        "@bob:localhost",
        "$g5",
        "!groupe rapport",
        "2026-11-29T18:06:00Z",
    )
    .await;
    assert!(
        sent.contains("Rapport envoyé au salon plénier (2 propositions)"),
        "{sent}"
    );
    let report = sent_to(&bot, "!room")
        .into_iter()
        .find(|text| text.contains("Rapport du groupe"))
        .expect("the report");
    assert!(report.contains("(premier rapport)"), "{report}");
    assert!(
        report.contains("n° 1 — Demander une permanence CAF à Melun"),
        "{report}"
    );
    assert!(report.contains("n° 2 — Former les bénévoles"), "{report}");
    assert!(report.contains("Écrire à la CAF"), "{report}");
    assert!(
        report.contains("`!décision adopte la proposition n° 1 du groupe Non-recours`"),
        "{report}"
    );
    // A second report holds only what came since.
    say_in(
        &bot,
        "!group1",
        "@bob:localhost",
        "$g6",
        "!décision Un questionnaire aux bénéficiaires",
        "2026-11-29T18:07:00Z",
    )
    .await;
    say_in(
        &bot,
        "!group1",
        "@bob:localhost",
        "$g7",
        "!groupe rapport",
        "2026-11-29T18:08:00Z",
    )
    .await;
    let second = sent_to(&bot, "!room")
        .into_iter()
        .rev()
        .find(|text| text.contains("Rapport du groupe"))
        .expect("the second report");
    assert!(second.contains("(depuis le 29 novembre 2026)"), "{second}");
    assert!(second.contains("n° 3 — Un questionnaire"), "{second}");
    assert!(!second.contains("permanence CAF"), "{second}");

    // The plenary adopts proposal 1; twice is refused.
    let adopted = say_at(
        &bot,
        "@alice:localhost",
        "$a1",
        "!décision adopte la proposition n° 1 du groupe non-recours",
        "2026-11-29T18:09:00Z",
    )
    .await;
    assert!(
        adopted.contains("n° 2"),
        "the plenary's own numbering: {adopted}"
    );
    let shown = say_at(
        &bot,
        "@alice:localhost",
        "$a2",
        "!décision 2",
        "2026-11-29T18:10:00Z",
    )
    .await;
    assert!(
        shown.contains("« Demander une permanence CAF à Melun »"),
        "{shown}"
    );
    let again = say_at(
        &bot,
        "@alice:localhost",
        "$a3",
        "!décision adopte la proposition n° 1 du groupe Non-recours",
        "2026-11-29T18:11:00Z",
    )
    .await;
    assert!(again.contains("déjà adoptée"), "{again}");
    let missing = say_at(
        &bot,
        "@alice:localhost",
        "$a4",
        "!décision adopte la proposition n° 9 du groupe Non-recours",
        "2026-11-29T18:12:00Z",
    )
    .await;
    assert!(missing.contains("pas de proposition n° 9"), "{missing}");
    let list = say_at(
        &bot,
        "@alice:localhost",
        "$l",
        "!groupes",
        "2026-11-29T18:13:00Z",
    )
    .await;
    assert!(
        list.contains(
            "**Non-recours** — jusqu'au 30 juin 2027 — dernier rapport le 29 novembre 2026"
        ),
        "{list}"
    );

    // Joining: the bot invites the sender into the group's room.
    say_at(
        &bot,
        "@carla:localhost",
        "$j",
        "!groupe rejoindre Non-recours",
        "2026-11-29T18:14:00Z",
    )
    .await;
    assert!(
        bot.chat
            .sent()
            .iter()
            .any(|sent| sent.room.as_str() == "!group1"
                && sent.content
                    == Content::Invite {
                        user: UserId::new("@carla:localhost")
                    })
    );
}

#[tokio::test]
async fn the_plenary_is_asked_once_at_the_end_date_then_closes_or_extends() {
    let (bot, _dir) = bot().await;
    seed_alice_and_bob(&bot).await;
    say_at(
        &bot,
        "@alice:localhost",
        "$1",
        "!groupe créer Non-recours jusqu'au 15/12/2026",
        "2026-11-29T18:00:00Z",
    )
    .await;
    let questions = |bot: &TestBot| {
        bot.chat
            .sent()
            .into_iter()
            .filter_map(|sent| match sent.content {
                Content::Text { markdown, mentions }
                    if markdown.contains("arrive à sa date de fin") =>
                {
                    Some((markdown, mentions))
                }
                _ => None,
            })
            .collect::<Vec<_>>()
    };
    bot.service
        .run_due(at("2026-12-15T07:59:00Z"))
        .await
        .expect("due");
    bot.deliver().await;
    assert!(questions(&bot).is_empty());
    for when in [
        "2026-12-15T08:00:00Z",
        "2026-12-15T12:00:00Z",
        "2026-12-16T08:00:00Z",
    ] {
        bot.service.run_due(at(when)).await.expect("due");
        bot.deliver().await;
    }
    let asked = questions(&bot);
    assert_eq!(asked.len(), 1, "once: {asked:?}");
    assert_eq!(asked[0].1, vec![UserId::new("@alice:localhost")]);
    assert!(
        asked[0]
            .0
            .contains("`!groupe prolonger Non-recours jusqu'au <date>`"),
        "{}",
        asked[0].0
    );

    let past = say_at(
        &bot,
        "@alice:localhost",
        "$2",
        "!groupe prolonger Non-recours jusqu'au 01/12/2026",
        "2026-12-16T09:00:00Z",
    )
    .await;
    assert!(past.contains("n'est pas une date à venir"), "{past}");
    let extended = say_at(
        &bot,
        "@alice:localhost",
        "$3",
        "!groupe prolonger Non-recours jusqu'au 30/06/2027",
        "2026-12-16T09:01:00Z",
    )
    .await;
    assert!(
        extended.contains("prolongé jusqu'au 30 juin 2027"),
        "{extended}"
    );
    bot.service
        .run_due(at("2027-06-30T08:00:00Z"))
        .await
        .expect("due");
    bot.deliver().await;
    assert_eq!(questions(&bot).len(), 2, "asked again at the new date");

    let closed = say_at(
        &bot,
        "@alice:localhost",
        "$4",
        "!groupe clore Non-recours",
        "2027-06-30T09:00:00Z",
    )
    .await;
    assert!(closed.contains("est clos"), "{closed}");
    assert!(
        sent_to(&bot, "!group1")
            .iter()
            .any(|text| text.contains("je n'y réponds plus"))
    );
    let there = say_in(
        &bot,
        "!group1",
        "@bob:localhost",
        "$5",
        "!agenda",
        "2027-06-30T09:01:00Z",
    )
    .await;
    assert!(there.contains("est clos"), "{there}");
    let again = say_at(
        &bot,
        "@alice:localhost",
        "$6",
        "!groupe rejoindre Non-recours",
        "2027-06-30T09:02:00Z",
    )
    .await;
    assert!(again.contains("est clos"), "{again}");
}

#[tokio::test]
async fn an_existing_room_is_attached_once_a_moderator_of_the_plenary_confirms() {
    let (bot, _dir) = bot().await;
    seed_alice_and_bob(&bot).await;
    let early = say_at(
        &bot,
        "@moderator:localhost",
        "$0",
        "!groupe rattacher Hébergement",
        "2026-11-29T17:59:00Z",
    )
    .await;
    assert!(early.contains("Aucun salon n'a demandé"), "{early}");
    let asked = say_in(
        &bot,
        "!existing",
        "@bob:localhost",
        "$1",
        "!groupe rattacher Hébergement",
        "2026-11-29T18:00:00Z",
    )
    .await;
    assert!(asked.contains("Demande notée"), "{asked}");
    let waiting = say_in(
        &bot,
        "!existing",
        "@bob:localhost",
        "$2",
        "!groupe rapport",
        "2026-11-29T18:01:00Z",
    )
    .await;
    assert!(
        waiting.contains("attend que le salon plénier confirme"),
        "{waiting}"
    );
    let refused = say_at(
        &bot,
        "@alice:localhost",
        "$3",
        "!groupe rattacher Hébergement",
        "2026-11-29T18:02:00Z",
    )
    .await;
    assert!(refused.contains("modérateur"), "{refused}");
    let confirmed = say_at(
        &bot,
        "@moderator:localhost",
        "$4",
        "!groupe rattacher hébergement",
        "2026-11-29T18:03:00Z",
    )
    .await;
    assert!(
        confirmed.contains("c'est maintenant le groupe de travail « Hébergement »"),
        "{confirmed}"
    );
    assert!(
        sent_to(&bot, "!existing")
            .iter()
            .any(|text| text.contains("Le salon plénier a confirmé"))
    );
    assert!(
        bot.chat.rooms_created.lock().expect("lock").is_empty(),
        "no room created"
    );
    say_in(
        &bot,
        "!existing",
        "@bob:localhost",
        "$5",
        "!décision Ouvrir un gymnase",
        "2026-11-29T18:04:00Z",
    )
    .await;
    let sent = say_in(
        &bot,
        "!existing",
        "@bob:localhost",
        "$6",
        "!groupe rapport",
        "2026-11-29T18:05:00Z",
    )
    .await;
    assert!(sent.contains("1 proposition"), "{sent}");
    assert!(
        sent_to(&bot, "!room")
            .iter()
            .any(|text| text.contains("Ouvrir un gymnase"))
    );
}

#[tokio::test]
async fn bad_input_gets_a_clear_answer_with_an_example() {
    let (bot, _dir) = bot().await;
    seed_alice_and_bob(&bot).await;
    say_at(
        &bot,
        "@alice:localhost",
        "$1",
        CREATE,
        "2026-11-29T18:00:00Z",
    )
    .await;
    for (event, body, expected) in [
        (
            "$2",
            "!groupe créer non-recours",
            "déjà un groupe « non-recours »",
        ),
        (
            "$3",
            "!groupe créer Hébergement jusqu'au 01/11/2026",
            "n'est pas une date à venir",
        ),
        ("$4", "!groupe rapport", "se dit dans le salon d'un groupe"),
        (
            "$5",
            "!groupe rejoindre Inconnu",
            "pas de groupe « Inconnu »",
        ),
        (
            "$6",
            "!décision adopte la proposition n° 1 du groupe Inconnu",
            "pas de groupe « Inconnu »",
        ),
        (
            "$7",
            "!groupe prolonger Non-recours",
            "Il manque la nouvelle date",
        ),
        (
            "$8",
            "!groupe créer Groupe @bob",
            "pas un identifiant Matrix complet",
        ),
    ] {
        let reply = say_at(
            &bot,
            "@alice:localhost",
            event,
            body,
            "2026-11-29T18:01:00Z",
        )
        .await;
        assert!(reply.contains(expected), "{body}: {reply}");
        assert!(reply.contains("`!"), "an example: {reply}");
    }
    let inside = say_in(
        &bot,
        "!group1",
        "@bob:localhost",
        "$9",
        "!groupe créer Autre",
        "2026-11-29T18:02:00Z",
    )
    .await;
    assert!(inside.contains("depuis le salon plénier"), "{inside}");
}

#[tokio::test]
async fn english_commands_read_the_same() {
    let (bot, _dir) = bot().await;
    seed_alice_and_bob(&bot).await;
    say_at(
        &bot,
        "@alice:localhost",
        "$l",
        "!language en",
        "2026-11-29T17:59:00Z",
    )
    .await;
    let created = say_at(
        &bot,
        "@alice:localhost",
        "$1",
        "!group create Non-take-up until 30/06/2027",
        "2026-11-29T18:00:00Z",
    )
    .await;
    assert!(
        created.contains("Working group “Non-take-up” created (until 30 June 2027)"),
        "{created}"
    );
    let list = say_at(
        &bot,
        "@alice:localhost",
        "$2",
        "!groups",
        "2026-11-29T18:01:00Z",
    )
    .await;
    assert!(list.contains("no report yet"), "{list}");
}

#[tokio::test]
async fn a_member_cannot_forge_the_link_to_a_groups_room_nor_hold_the_room_with_it() {
    let (bot, _dir) = bot().await;
    seed_alice_and_bob(&bot).await;
    // Before any group: the text goes out as typed, at once.
    let early = say_at(
        &bot,
        "@bob:localhost",
        "$1",
        "!agenda ajouter ⟦group-room:1⟧ et ⟦group-room:7⟧",
        "2026-11-29T17:59:00Z",
    )
    .await;
    assert!(early.contains("group-room:1"), "{early}");
    say_at(
        &bot,
        "@alice:localhost",
        "$2",
        CREATE,
        "2026-11-29T18:00:00Z",
    )
    .await;
    let after = say_at(
        &bot,
        "@bob:localhost",
        "$3",
        "!agenda ajouter ⟦group-room:1⟧",
        "2026-11-29T18:01:00Z",
    )
    .await;
    assert!(after.contains("group-room:1"), "{after}");
    assert!(!after.contains("matrix.to/#/!group1"), "{after}");
    // The room's replies keep flowing.
    let agenda = say_at(
        &bot,
        "@bob:localhost",
        "$4",
        "!agenda",
        "2026-11-29T18:02:00Z",
    )
    .await;
    assert!(agenda.contains("group-room:1"), "{agenda}");
}
