//! A person's data: `!mes-données` sends a member everything the bot keeps about them, to
//! them alone; `!oublie-moi` (then `confirmer`) erases what is theirs and not the record's,
//! and the closed tallies and adopted minutes stay as they were.

use super::*;
use crate::domain::messages::direct_to;

/// The files the bot sent to `person` alone, by name.
fn files_to(bot: &TestBot, person: &str) -> Vec<(String, Vec<u8>)> {
    bot.chat
        .sent()
        .into_iter()
        .filter(|sent| sent.room == direct_to(&UserId::new(person)))
        .filter_map(|sent| match sent.content {
            Content::File { name, data, .. } => Some((name, data)),
            _ => None,
        })
        .collect()
}

/// A room where Alice (Restos du Cœur) and Bob (Croix-Rouge) worked: an item, a decision, an
/// action for Alice, a reminder, a closed poll both answered, an open one Alice answered.
async fn a_room_alice_worked_in(bot: &TestBot) {
    seed_alice_and_bob(bot).await;
    for (sender, event, body, when) in [
        (
            "@alice:localhost",
            "$a",
            "!agenda ajouter Budget FEAD",
            "2026-11-29T18:00:00Z",
        ),
        (
            "@alice:localhost",
            "$d",
            "!décision Lettre commune au Préfet",
            "2026-11-29T18:01:00Z",
        ),
        (
            "@bob:localhost",
            "$x",
            "!action @alice:localhost Écrire au maire",
            "2026-11-29T18:02:00Z",
        ),
        (
            "@alice:localhost",
            "$r",
            "!rappel demain 9h Envoyer l'ordre du jour",
            "2026-11-29T18:03:00Z",
        ),
        (
            "@alice:localhost",
            "$p1",
            "!sondage Signons-nous ? | Pour | Contre",
            "2026-11-29T18:04:00Z",
        ),
        (
            "@alice:localhost",
            "$v1",
            "!voter 1 Pour",
            "2026-11-29T18:05:00Z",
        ),
        (
            "@bob:localhost",
            "$v2",
            "!voter 1 Pour",
            "2026-11-29T18:06:00Z",
        ),
        (
            "@alice:localhost",
            "$c1",
            "!sondage clore 1",
            "2026-11-29T18:07:00Z",
        ),
        (
            "@bob:localhost",
            "$p2",
            "!sondage Une fête ? | Oui | Non",
            "2026-11-29T18:08:00Z",
        ),
        (
            "@alice:localhost",
            "$v3",
            "!voter 2 Non",
            "2026-11-29T18:09:00Z",
        ),
    ] {
        say_at(bot, sender, event, body, when).await;
    }
}

#[tokio::test]
async fn my_data_goes_to_the_member_alone_as_markdown_and_json() {
    let (bot, _dir) = bot().await;
    a_room_alice_worked_in(&bot).await;
    let said = say_at(
        &bot,
        "@alice:localhost",
        "$m",
        "!mes-données",
        "2026-11-29T18:10:00Z",
    )
    .await;
    assert!(said.contains("salon privé et chiffré"), "{said}");
    let files = files_to(&bot, "@alice:localhost");
    assert_eq!(files.len(), 2, "{files:?}");
    let markdown = String::from_utf8(files[0].1.clone()).expect("UTF-8");
    assert!(files[0].0.ends_with(".md"), "{}", files[0].0);
    for expected in [
        "@alice:localhost",
        "Concertation 77",
        "Restos du Cœur",
        "Budget FEAD",
        "Lettre commune au Préfet",
        "Écrire au maire",
        "Envoyer l'ordre du jour",
        "« Signons-nous ? » : Pour",
        "« Une fête ? » : Non",
    ] {
        assert!(markdown.contains(expected), "{expected} in {markdown}");
    }
    assert!(
        !markdown.contains("@bob:localhost"),
        "only Alice's: {markdown}"
    );
    let json: serde_json::Value = serde_json::from_slice(&files[1].1).expect("the JSON reads back");
    assert_eq!(json["person"], "@alice:localhost");
    assert_eq!(json["associations"][0]["association"], "Restos du Cœur");
    assert_eq!(json["answers"].as_array().map(Vec::len), Some(2));
    assert_eq!(json["reminders"][0]["text"], "Envoyer l'ordre du jour");

    // Someone the bot knows nothing about gets the empty copy.
    say_at(
        &bot,
        "@zoe:localhost",
        "$z",
        "!my-data",
        "2026-11-29T18:11:00Z",
    )
    .await;
    let zoe = files_to(&bot, "@zoe:localhost");
    let nothing = String::from_utf8(zoe[0].1.clone()).expect("UTF-8");
    assert!(
        nothing.contains("Concerto ne garde rien sur vous"),
        "{nothing}"
    );
}

#[tokio::test]
async fn the_outbox_keeps_whose_copy_it_is_and_the_sender_writes_it_out() {
    let (bot, _dir) = bot().await;
    a_room_alice_worked_in(&bot).await;
    let now = at("2026-11-29T18:10:00Z");
    // Handled, not sent yet: what waits in the outbox names Alice, and holds none of her data.
    let asked = at_time(
        "@alice:localhost",
        "$m",
        "!mes-données",
        "2026-11-29T18:10:00Z",
    );
    bot.handle_unsent(Incoming::Message(asked), now).await;
    let pending = bot.store.pending_messages().await.expect("pending");
    let copies: Vec<_> = pending
        .iter()
        .filter_map(|message| match &message.content {
            Content::Copy(copy) => Some(copy.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(copies.len(), 3, "{pending:#?}");
    assert!(copies.iter().all(|copy| copy.person == "@alice:localhost"));
    assert!(
        !format!("{pending:?}").contains("Budget FEAD"),
        "{pending:#?}"
    );
    // Written out as it goes: the word, then both files, with what Alice wrote.
    bot.deliver().await;
    let files = files_to(&bot, "@alice:localhost");
    assert_eq!(files.len(), 2, "{files:?}");
    assert!(String::from_utf8_lossy(&files[0].1).contains("Budget FEAD"));
    assert!(
        bot.store
            .pending_messages()
            .await
            .expect("pending")
            .is_empty()
    );
}

#[tokio::test]
async fn forget_me_asks_then_erases_what_is_theirs_and_keeps_the_tallies() {
    let (bot, _dir) = bot().await;
    a_room_alice_worked_in(&bot).await;
    let results = |event: &'static str, when: &'static str| {
        let bot = &bot;
        async move { say_at(bot, "@bob:localhost", event, "!sondage résultats 1", when).await }
    };
    let before = results("$res1", "2026-11-29T18:12:00Z").await;
    assert!(before.contains("**Position commune : Pour.**"), "{before}");

    // Nothing waits yet; a stranger has nothing to erase.
    let early = say_at(
        &bot,
        "@alice:localhost",
        "$f0",
        "!oublie-moi confirmer",
        "2026-11-29T18:13:00Z",
    )
    .await;
    assert!(
        early.contains("Aucune demande d'effacement n'attend"),
        "{early}"
    );
    let stranger = say_at(
        &bot,
        "@zoe:localhost",
        "$f1",
        "!forget-me",
        "2026-11-29T18:13:30Z",
    )
    .await;
    assert!(stranger.contains("il n'y a rien à effacer"), "{stranger}");

    let asked = say_at(
        &bot,
        "@alice:localhost",
        "$f2",
        "!oublie-moi",
        "2026-11-29T18:14:00Z",
    )
    .await;
    for expected in [
        "vos réponses (2)",
        "vos rappels (1)",
        "Restos du Cœur",
        "`!oublie-moi confirmer`",
        "procès-verbal adopté n'est pas réécrit",
    ] {
        assert!(asked.contains(expected), "{expected} in {asked}");
    }
    // Past the hour, the request has lapsed.
    let late = say_at(
        &bot,
        "@alice:localhost",
        "$f3",
        "!oublie-moi confirmer",
        "2026-11-29T19:15:00Z",
    )
    .await;
    assert!(late.contains("Aucune demande"), "{late}");
    say_at(
        &bot,
        "@alice:localhost",
        "$f4",
        "!oublie-moi",
        "2026-11-29T19:16:00Z",
    )
    .await;
    let done = say_at(
        &bot,
        "@alice:localhost",
        "$f5",
        "!oublie-moi confirmer",
        "2026-11-29T19:17:00Z",
    )
    .await;
    assert!(done.starts_with("C'est fait"), "{done}");

    // What is left about Alice: nothing.
    let mut tx = bot.store.begin().await.expect("begin");
    let left = tx
        .data_about(&UserId::new("@alice:localhost"))
        .await
        .expect("read");
    tx.commit().await.expect("commit");
    assert!(left.is_empty(), "{left:?}");

    // The closed poll reads the same (her answer counted, naming nobody); the open one lost it.
    let after = results("$res2", "2026-11-29T19:18:00Z").await;
    assert!(after.contains("**Position commune : Pour.**"), "{after}");
    assert!(
        after.contains("Restos du Cœur : Pour (une réponse anonyme)"),
        "{after}"
    );
    let open = say_at(
        &bot,
        "@bob:localhost",
        "$res3",
        "!sondage résultats 2",
        "2026-11-29T19:19:00Z",
    )
    .await;
    assert!(open.contains("Non — aucune réponse"), "{open}");
    // The record names her association instead of her.
    let decision = say_at(
        &bot,
        "@bob:localhost",
        "$dec",
        "!décision 1",
        "2026-11-29T19:20:00Z",
    )
    .await;
    assert!(decision.contains("Lettre commune au Préfet"), "{decision}");
    assert!(
        decision.contains("un membre (Restos du Cœur)"),
        "{decision}"
    );
    let actions = say_at(
        &bot,
        "@bob:localhost",
        "$act",
        "!actions",
        "2026-11-29T19:21:00Z",
    )
    .await;
    assert!(
        actions.contains("un membre \\(Restos du Cœur\\) : Écrire au maire"),
        "{actions}"
    );
    assert!(!actions.contains("alice"), "{actions}");
}

#[tokio::test]
async fn a_reason_given_is_in_the_copy_and_names_nobody_once_its_author_is_forgotten() {
    let (bot, _dir) = bot().await;
    seed_alice_and_bob(&bot).await;
    for (sender, event, body, when) in [
        (
            "@alice:localhost",
            "$p",
            "!sondage consentement Nous co-signons la tribune",
            "2026-11-29T18:00:00Z",
        ),
        (
            "@bob:localhost",
            "$v",
            "!voter 1 objection le texte n'est pas fini",
            "2026-11-29T18:01:00Z",
        ),
        (
            "@alice:localhost",
            "$c",
            "!sondage clore 1",
            "2026-11-29T18:02:00Z",
        ),
        (
            "@bob:localhost",
            "$m",
            "!mes-données",
            "2026-11-29T18:03:00Z",
        ),
    ] {
        say_at(&bot, sender, event, body, when).await;
    }
    let copy = files_to(&bot, "@bob:localhost");
    let markdown = String::from_utf8(copy[0].1.clone()).expect("UTF-8");
    assert!(
        markdown.contains("Objection — le texte n'est pas fini"),
        "{markdown}"
    );
    let json: serde_json::Value = serde_json::from_slice(&copy[1].1).expect("JSON");
    assert_eq!(json["answers"][0]["reason"], "le texte n'est pas fini");

    say_at(
        &bot,
        "@bob:localhost",
        "$f1",
        "!oublie-moi",
        "2026-11-29T18:04:00Z",
    )
    .await;
    say_at(
        &bot,
        "@bob:localhost",
        "$f2",
        "!oublie-moi confirmer",
        "2026-11-29T18:05:00Z",
    )
    .await;
    let mut tx = bot.store.begin().await.expect("begin");
    let named = tx
        .count_for_tests("SELECT count(*) FROM answer_reasons WHERE voter = '@bob:localhost'")
        .await;
    tx.commit().await.expect("commit");
    assert_eq!(named, 0, "no reason names him");
    let results = say_at(
        &bot,
        "@alice:localhost",
        "$r",
        "!sondage résultats 1",
        "2026-11-29T18:06:00Z",
    )
    .await;
    assert!(
        results.contains("une réponse anonyme (Objection) : le texte n'est pas fini"),
        "the reason stays with the record: {results}"
    );
    assert!(
        results.contains("Pas adopté : objection de Croix-Rouge"),
        "{results}"
    );
}
