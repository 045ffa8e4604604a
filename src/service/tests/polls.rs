//! Polls: the native poll, the three ways to answer, results by association, closing by hand
//! or at the deadline.

use super::*;
use crate::domain::messages::Content;

/// Alice (Restos du Cœur), Anne (Restos du Cœur), Bob (Croix-Rouge) and Carla (Secours
/// Catholique) in the room; others are guests.
async fn room_with_associations(bot: &TestBot) {
    seed_associations(
        bot,
        &[
            ("@alice:localhost", "Restos du Cœur"),
            ("@anne:localhost", "Restos du Cœur"),
            ("@bob:localhost", "Croix-Rouge"),
            ("@carla:localhost", "Secours Catholique"),
        ],
    )
    .await;
}

/// The poll events sent so far: (question, options, fallback).
fn polls_sent(bot: &TestBot) -> Vec<(String, Vec<String>, String)> {
    bot.chat
        .sent()
        .into_iter()
        .filter_map(|sent| match sent.content {
            Content::Poll {
                question,
                options,
                fallback,
                ..
            } => Some((question, options, fallback)),
            _ => None,
        })
        .collect()
}

fn response(event: &str, sender: &str, poll: &EventId, answer: &str, when: &str) -> Incoming {
    Incoming::PollResponse(IncomingPollResponse {
        room: RoomId::new("!room"),
        event_id: EventId::new(event),
        sender: UserId::new(sender),
        poll: poll.clone(),
        answers: vec![answer.to_owned()],
        sent_at: at(when),
    })
}

fn said(sender: &str, event: &str, body: &str, when: &str) -> IncomingMessage {
    IncomingMessage {
        sender: UserId::new(sender),
        ..message(event, body, when)
    }
}

#[tokio::test]
async fn a_poll_is_posted_as_a_native_poll_with_a_text_for_other_clients() {
    let (bot, _dir) = bot().await;
    bot.on_message(
        &from(
            "@alice:localhost",
            "$p",
            "!sondage Signons-nous la lettre au Préfet ?",
        ),
        at("2026-11-29T18:00:05Z"),
    )
    .await;
    let polls = polls_sent(&bot);
    assert_eq!(polls.len(), 1);
    let (question, options, fallback) = &polls[0];
    assert_eq!(
        question,
        "Sondage n° 1 : Signons-nous la lettre au Préfet ?"
    );
    assert_eq!(options, &vec!["Pour", "Contre", "Abstention"]);
    assert!(
        fallback.contains("1️⃣ Pour\n2️⃣ Contre\n3️⃣ Abstention"),
        "{fallback}"
    );
    assert!(fallback.contains("« !voter 1 <option> »"), "{fallback}");
    // Plain text: clients without polls show it as it is, so no Markdown marks.
    assert!(
        fallback.starts_with("Sondage n° 1 de ALICE : Signons-nous"),
        "{fallback}"
    );
    assert!(
        !fallback.contains('*') && !fallback.contains('`') && !fallback.contains('\\'),
        "{fallback}"
    );
    // The bot adds no reactions of its own under a poll.
    assert_eq!(bot.chat.sent().len(), 1);

    bot.on_message(
        &from(
            "@alice:localhost",
            "$q",
            "!poll until 12/12 6pm: Which day? | Saturday | Sunday",
        ),
        at("2026-11-29T18:00:05Z"),
    )
    .await;
    let polls = polls_sent(&bot);
    let (question, options, fallback) = &polls[1];
    assert_eq!(question, "Sondage n° 2 : Which day?");
    assert_eq!(options, &vec!["Saturday", "Sunday"]);
    assert!(
        fallback.contains("Réponses jusqu'au samedi 12 décembre 2026 à 18 h."),
        "{fallback}"
    );
}

#[tokio::test]
async fn a_past_deadline_is_refused_with_an_example_and_no_poll_is_made() {
    let (bot, _dir) = bot().await;
    let replies = run_all(
        &bot,
        &[(
            "@alice:localhost",
            "$p",
            "!sondage jusqu'au 1/11/2026 18h : Question ?",
        )],
    )
    .await;
    assert!(
        replies[0].contains("L'échéance « 1/11/2026 18h » est déjà passée"),
        "{}",
        replies[0]
    );
    assert!(
        replies[0].contains("`!sondage jusqu'au 12/12 18h :"),
        "{}",
        replies[0]
    );
    assert!(polls_sent(&bot).is_empty());
}

#[tokio::test]
async fn every_way_of_answering_counts_once_per_person_and_the_latest_wins() {
    let (bot, _dir) = bot().await;
    room_with_associations(&bot).await;
    bot.on_message(
        &said(
            "@alice:localhost",
            "$p",
            "!sondage Signons-nous ?",
            "2026-11-29T18:00:00Z",
        ),
        at("2026-11-29T18:00:05Z"),
    )
    .await;
    let poll = EventId::new("$reply1");
    let now = at("2026-11-29T18:30:00Z");
    // Alice answers "Contre" in her app, then changes her mind with a reaction "Pour".
    bot.handle(
        response(
            "$r1",
            "@alice:localhost",
            &poll,
            "2",
            "2026-11-29T18:01:00Z",
        ),
        now,
    )
    .await;
    let mut late_reaction = reaction("$r2", "@alice:localhost", poll.as_str(), "1️⃣");
    late_reaction.sent_at = at("2026-11-29T18:02:00Z");
    bot.handle(Incoming::Reaction(late_reaction), now).await;
    // Anne answers with the stable event type; Bob types a command; a guest answers too.
    bot.handle(
        response("$r3", "@anne:localhost", &poll, "1", "2026-11-29T18:03:00Z"),
        now,
    )
    .await;
    bot.on_message(
        &said(
            "@bob:localhost",
            "$v",
            "!voter 1 pour",
            "2026-11-29T18:04:00Z",
        ),
        now,
    )
    .await;
    bot.handle(
        response(
            "$r4",
            "@prefet:localhost",
            &poll,
            "2",
            "2026-11-29T18:05:00Z",
        ),
        now,
    )
    .await;
    bot.on_message(
        &said(
            "@carla:localhost",
            "$res",
            "!sondage résultats",
            "2026-11-29T18:06:00Z",
        ),
        now,
    )
    .await;
    let notices = bot.chat.notices();
    let recorded = &notices[notices.len() - 2].markdown;
    assert!(
        recorded.contains("BOB répond « Pour » au sondage n° 1"),
        "{recorded}"
    );
    let results = &notices[notices.len() - 1].markdown;
    assert!(
        results.contains("1️⃣ Pour — 3 réponses : ALICE, ANNE, BOB"),
        "{results}"
    );
    assert!(
        results.contains("2️⃣ Contre — 1 réponse : PREFET"),
        "{results}"
    );
    assert!(
        results.contains("3️⃣ Abstention — aucune réponse"),
        "{results}"
    );
    assert!(
        results.contains("Restos du Cœur : Pour (ALICE, ANNE)"),
        "{results}"
    );
    assert!(
        results.contains("Secours Catholique : pas encore de réponse"),
        "{results}"
    );
    assert!(
        results.contains("Invités (non comptés pour les associations) : PREFET : Contre"),
        "{results}"
    );
    assert!(
        results.contains("**Pas encore de position commune.** Sans réponse : Secours Catholique."),
        "{results}"
    );
}

#[tokio::test]
async fn a_split_association_is_named_with_who_chose_what() {
    let (bot, _dir) = bot().await;
    room_with_associations(&bot).await;
    bot.on_message(
        &said(
            "@alice:localhost",
            "$p",
            "!sondage Signons-nous ?",
            "2026-11-29T18:00:00Z",
        ),
        at("2026-11-29T18:00:05Z"),
    )
    .await;
    let poll = EventId::new("$reply1");
    let now = at("2026-11-29T18:30:00Z");
    for (event, who, answer) in [
        ("$1", "@alice:localhost", "1"),
        ("$2", "@anne:localhost", "2"),
        ("$3", "@bob:localhost", "1"),
        ("$4", "@carla:localhost", "1"),
    ] {
        bot.handle(
            response(event, who, &poll, answer, "2026-11-29T18:01:00Z"),
            now,
        )
        .await;
    }
    bot.on_message(
        &said(
            "@carla:localhost",
            "$res",
            "!poll results 1",
            "2026-11-29T18:06:00Z",
        ),
        now,
    )
    .await;
    let results = bot.chat.notices().last().expect("results").markdown.clone();
    assert!(
        results.contains("Restos du Cœur : partagée — ALICE : Pour, ANNE : Contre"),
        "{results}"
    );
    assert!(results.contains("Partagées : Restos du Cœur."), "{results}");

    // Anne comes round: every association answered and agrees.
    bot.on_message(
        &said(
            "@anne:localhost",
            "$v",
            "!voter Pour",
            "2026-11-29T18:07:00Z",
        ),
        now,
    )
    .await;
    bot.on_message(
        &said(
            "@carla:localhost",
            "$res2",
            "!sondage résultats 1",
            "2026-11-29T18:08:00Z",
        ),
        now,
    )
    .await;
    let results = bot.chat.notices().last().expect("results").markdown.clone();
    assert!(
        results.contains("**Position commune : Pour.**"),
        "{results}"
    );
}

#[tokio::test]
async fn closing_sends_the_poll_end_and_the_summary_and_later_answers_change_nothing() {
    let (bot, _dir) = bot().await;
    room_with_associations(&bot).await;
    bot.on_message(
        &said(
            "@alice:localhost",
            "$p",
            "!sondage Signons-nous ?",
            "2026-11-29T18:00:00Z",
        ),
        at("2026-11-29T18:00:05Z"),
    )
    .await;
    let poll = EventId::new("$reply1");
    let now = at("2026-11-29T18:30:00Z");
    bot.handle(
        response("$1", "@bob:localhost", &poll, "1", "2026-11-29T17:55:00Z"),
        now,
    )
    .await;
    let replies = run_all(
        &bot,
        &[
            ("@bob:localhost", "$c0", "!sondage clore"),
            ("@alice:localhost", "$c1", "!sondage clore 1 enregistrer"),
        ],
    )
    .await;
    assert!(
        replies
            .iter()
            .any(|reply| reply.contains("Seule la personne qui a lancé le sondage n° 1 (ALICE)")),
        "{replies:#?}"
    );
    let summary = replies.last().expect("summary");
    assert!(summary.contains("Clos le"), "{summary}");
    assert!(summary.contains("1️⃣ Pour — 1 réponse : BOB"), "{summary}");
    assert!(
        summary
            .contains("**Décision n° 1 enregistrée** : Pas de position commune — Signons-nous ?"),
        "{summary}"
    );
    let end = bot
        .chat
        .sent()
        .into_iter()
        .find(|sent| matches!(sent.content, Content::PollEnd { .. }))
        .expect("a poll end");
    assert_eq!(
        end.in_reply_to,
        Some(poll.clone()),
        "the end refers to the poll"
    );

    // After the closing: a response and a `!voter` change nothing.
    bot.handle(
        response("$2", "@carla:localhost", &poll, "1", "2026-11-29T18:40:00Z"),
        now,
    )
    .await;
    let later = run_all(
        &bot,
        &[
            ("@carla:localhost", "$v", "!voter 1 Pour"),
            ("@carla:localhost", "$r", "!sondage résultats 1"),
        ],
    )
    .await;
    let refused = &later[later.len() - 2];
    assert!(refused.contains("Le sondage n° 1 est clos"), "{refused}");
    let results = later.last().expect("results");
    assert!(results.contains("1️⃣ Pour — 1 réponse : BOB"), "{results}");
}

#[tokio::test]
async fn a_poll_closes_itself_at_its_deadline_once_late_if_the_bot_was_down() {
    let (bot, _dir) = bot().await;
    room_with_associations(&bot).await;
    bot.on_message(
        &said(
            "@alice:localhost",
            "$p",
            "!sondage jusqu'au 30/11 18h : Signons-nous ?",
            "2026-11-29T18:00:00Z",
        ),
        at("2026-11-29T18:00:05Z"),
    )
    .await;
    let poll = EventId::new("$reply1");
    let deadline = at("2026-11-30T17:00:00Z");
    bot.handle(
        response("$1", "@bob:localhost", &poll, "1", "2026-11-30T16:59:00Z"),
        deadline,
    )
    .await;
    // Given after the deadline, before the clock got to it: not counted.
    bot.handle(
        response("$2", "@carla:localhost", &poll, "1", "2026-11-30T17:00:01Z"),
        deadline,
    )
    .await;
    assert_eq!(
        bot.service
            .run_due(at("2026-11-30T16:00:00Z"))
            .await
            .expect("due"),
        Some(deadline)
    );
    // The bot was down at the deadline; it is back the next morning.
    let back = at("2026-12-01T08:00:00Z");
    assert_eq!(bot.service.run_due(back).await.expect("due"), None);
    assert_eq!(bot.service.run_due(back).await.expect("due"), None);
    bot.deliver().await;
    let ends: Vec<Sent> = bot
        .chat
        .sent()
        .into_iter()
        .filter(|sent| matches!(sent.content, Content::PollEnd { .. }))
        .collect();
    assert_eq!(ends.len(), 1, "closed once");
    let summary = bot.chat.notices().last().expect("summary").markdown.clone();
    assert!(summary.contains("annoncé en retard"), "{summary}");
    assert!(
        summary.contains("lundi 30 novembre 2026 à 18 h"),
        "{summary}"
    );
    assert!(summary.contains("1️⃣ Pour — 1 réponse : BOB"), "{summary}");
}

#[tokio::test]
async fn open_polls_are_listed_with_their_numbers() {
    let (bot, _dir) = bot().await;
    let replies = run_all(
        &bot,
        &[
            ("@alice:localhost", "$l0", "!sondages"),
            ("@alice:localhost", "$p1", "!sondage Première ?"),
            ("@alice:localhost", "$p2", "!poll until 12/12 6pm: Second?"),
            ("@alice:localhost", "$c", "!sondage clore 1"),
            ("@alice:localhost", "$l", "!polls"),
        ],
    )
    .await;
    assert!(
        replies[0].contains("Aucun sondage ouvert"),
        "{}",
        replies[0]
    );
    let list = replies.last().expect("list");
    assert!(!list.contains("Première"), "{list}");
    assert!(
        list.contains("n° 2 : Second? — aucune réponse — jusqu'au samedi 12 décembre 2026 à 18 h"),
        "{list}"
    );
}

#[tokio::test]
async fn a_vote_for_an_option_the_poll_does_not_have_lists_its_options() {
    let (bot, _dir) = bot().await;
    let replies = run_all(
        &bot,
        &[
            (
                "@alice:localhost",
                "$p",
                "!sondage Quel jour ? | samedi | dimanche",
            ),
            ("@bob:localhost", "$v", "!voter 1 lundi"),
            ("@bob:localhost", "$w", "!voter 7 samedi"),
        ],
    )
    .await;
    assert!(
        replies[0].contains("n'a pas d'option « lundi ». Options : 1 samedi, 2 dimanche"),
        "{}",
        replies[0]
    );
    assert!(replies[1].contains("pas de sondage n° 7"), "{}", replies[1]);
}

#[tokio::test]
async fn poll_answers_given_while_the_bot_was_away_are_reconciled() {
    let (bot, _dir) = bot().await;
    bot.on_message(
        &from("@alice:localhost", "$p", "!sondage Signons-nous ?"),
        at("2026-11-29T18:00:05Z"),
    )
    .await;
    let poll = EventId::new("$reply1");
    let Incoming::PollResponse(missed) =
        response("$r", "@bob:localhost", &poll, "2", "2026-11-29T17:59:00Z")
    else {
        unreachable!("a poll response");
    };
    bot.chat
        .server_relations
        .lock()
        .expect("lock")
        .poll_responses = vec![missed];
    bot.service
        .reconcile_ballots(at("2026-11-29T18:01:00Z"))
        .await
        .expect("reconcile");
    let replies = run_all(&bot, &[("@alice:localhost", "$r2", "!sondage résultats")]).await;
    let results = replies.last().expect("results");
    assert!(results.contains("2️⃣ Contre — 1 réponse : BOB"), "{results}");
}
