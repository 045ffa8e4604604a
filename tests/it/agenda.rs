//! The agenda in a real room: two members add, edit, list and remove items.

use crate::helpers::{Bot, BotConfig, TestUser, wait_for_welcome};

#[tokio::test(flavor = "multi_thread")]
async fn members_add_edit_list_and_remove_agenda_items() {
    let mut alice = TestUser::new("alice", false).await;
    let bob = TestUser::new("bob", false).await;
    let bot = Bot::start(BotConfig::invited_by(&alice.user_id)).await;
    // Alice creates the room, so she is its moderator; Bob is an ordinary member.
    let room = alice.create_room(true, &[&bot.user_id, &bob.user_id]).await;
    let bob_room = bob.join(&room).await;
    wait_for_welcome(&mut alice, &bot, &room).await;

    let budget = alice.say(&room, "!agenda ajouter Budget 2027").await;
    let reply = alice.reply_to(&budget).await;
    assert!(
        reply.body.starts_with("Point n° 1 ajouté"),
        "{}",
        reply.body
    );

    let urgent = bob.say(&bob_room, "!odj urgent Fermeture du local").await;
    let reply = alice.reply_to(&urgent).await;
    assert!(
        reply.body.starts_with("Point urgent n° 1"),
        "{}",
        reply.body
    );

    // Alice corrects her message: the item follows, and no second item appears.
    let edit = alice
        .edit(
            &room,
            &budget,
            "!agenda ajouter Budget 2027 des épiceries solidaires",
        )
        .await;
    let reply = alice
        .wait_for_message("the edit's confirmation", |m| m.body.contains("modifié"))
        .await;
    assert_eq!(
        reply.in_reply_to.as_ref(),
        Some(&budget),
        "answers the edited command"
    );
    assert!(
        reply
            .body
            .contains("Point n° 2 modifié : « Budget 2027 des épiceries solidaires »"),
        "{}",
        reply.body
    );
    assert_eq!(alice.replies_seen(&edit), 0);

    // Bob may not remove Alice's item; Alice, a moderator, may remove Bob's.
    let refused = bob.say(&bob_room, "!agenda retirer 2").await;
    let reply = alice.reply_to(&refused).await;
    assert!(
        reply
            .body
            .contains("Seule la personne qui a ajouté ce point"),
        "{}",
        reply.body
    );
    let removed = alice.say(&room, "!agenda retirer 1").await;
    let reply = alice.reply_to(&removed).await;
    assert!(
        reply.body.contains("retiré") && reply.body.contains("Fermeture"),
        "{}",
        reply.body
    );

    let list = bob.say(&bob_room, "!agenda").await;
    let reply = alice.reply_to(&list).await;
    assert!(
        reply.body.contains("Ordre du jour de la prochaine réunion"),
        "{}",
        reply.body
    );
    assert!(
        reply
            .body
            .contains("1. Budget 2027 des épiceries solidaires — ajouté par alice"),
        "{}",
        reply.body
    );
    assert!(!reply.body.contains("Fermeture"), "{}", reply.body);
    assert!(!reply.body.contains("2."), "one item only: {}", reply.body);
    let html = reply.html.expect("an HTML list");
    assert!(html.contains("<ol>"), "{html}");

    let empty = alice.say(&room, "!agenda ajouter").await;
    let reply = alice.reply_to(&empty).await;
    assert!(
        reply.body.contains("Il manque le texte du point"),
        "{}",
        reply.body
    );
    assert!(
        reply.body.contains("`!agenda ajouter Budget 2027"),
        "{}",
        reply.body
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_item_carries_its_authors_name_of_the_moment() {
    let mut alice = TestUser::new("alice", false).await;
    let bot = Bot::start(BotConfig::invited_by(&alice.user_id)).await;
    let room = crate::helpers::room_with_bot(&mut alice, &bot, false).await;
    alice.set_display_name(&room, "Alice Martin").await;
    let first = alice.say(&room, "!agenda ajouter Budget").await;
    alice.reply_to(&first).await;
    // The bot knows her name now; she changes it, and the next item has the new one.
    alice.set_display_name(&room, "Alice Durand").await;
    let second = alice.say(&room, "!agenda ajouter Local").await;
    alice.reply_to(&second).await;
    let list = alice.say(&room, "!agenda").await;
    let list = alice.reply_to(&list).await.body;
    let line_of = |text: &str| {
        list.lines()
            .find(|line| line.contains(text))
            .unwrap_or_else(|| panic!("no {text} in {list}"))
            .to_owned()
    };
    assert!(line_of("Budget").contains("Alice Martin"), "{list}");
    assert!(line_of("Local").contains("Alice Durand"), "{list}");
}

#[tokio::test(flavor = "multi_thread")]
async fn notes_on_an_item_show_under_it_with_their_authors() {
    let mut alice = TestUser::new("alice", false).await;
    let bot = Bot::start(BotConfig::invited_by(&alice.user_id)).await;
    let room = alice.create_room(true, &[&bot.user_id]).await;
    wait_for_welcome(&mut alice, &bot, &room).await;
    let added = alice.say(&room, "!agenda ajouter Budget 2027").await;
    alice.reply_to(&added).await;
    for note in [
        "!agenda note 1 Accord pour écrire au Préfet",
        "!agenda note 1 Marie rédige avant le 15",
    ] {
        let noted = alice.say(&room, note).await;
        let reply = alice.reply_to(&noted).await.body;
        assert!(reply.contains("Note ajoutée au point n° 1"), "{reply}");
    }
    let list = alice.say(&room, "!agenda").await;
    let agenda = alice.reply_to(&list).await.body;
    let item = agenda.find("Budget 2027").expect("the item");
    let first = agenda
        .find("Accord pour écrire au Préfet")
        .expect("the first note");
    let second = agenda
        .find("Marie rédige avant le 15")
        .expect("the second note");
    assert!(item < first && first < second, "{agenda}");
    let wrong = alice.say(&room, "!agenda note 7 Rien").await;
    let reply = alice.reply_to(&wrong).await.body;
    assert!(reply.contains('7'), "{reply}");
}
