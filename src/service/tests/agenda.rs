//! The agenda commands and edits.

use super::*;

#[tokio::test]
async fn items_are_added_numbered_and_listed_urgent_first_with_their_author() {
    let (bot, _dir) = bot().await;
    let replies = run_all(
        &bot,
        &[
            ("@alice:localhost", "$1", "!agenda ajouter Budget 2027"),
            ("@bob:localhost", "$2", "!odj urgent Fermeture du local"),
            ("@alice:localhost", "$3", "!agenda"),
        ],
    )
    .await;
    assert!(
        replies[0].starts_with("Point n° 1 ajouté"),
        "{}",
        replies[0]
    );
    assert!(
        replies[0].contains("date pas encore fixée"),
        "{}",
        replies[0]
    );
    assert!(
        replies[1].starts_with("Point urgent n° 1"),
        "{}",
        replies[1]
    );
    let list = &replies[2];
    let urgent = list.find("Fermeture").expect("urgent item listed");
    let budget = list.find("Budget").expect("item listed");
    assert!(urgent < budget, "{list}");
    assert!(
        list.contains("1. **urgent** — Fermeture du local — ajouté par BOB"),
        "{list}"
    );
    assert!(list.contains("2. Budget 2027 — ajouté par ALICE"), "{list}");
}

#[tokio::test]
async fn the_list_names_the_author_association_when_known() {
    let (bot, _dir) = bot().await;
    let mut tx = bot.store.begin().await.expect("begin");
    tx.set_association(
        &RoomId::new("!room"),
        &UserId::new("@bob:localhost"),
        Some("Croix-Rouge"),
    )
    .await
    .expect("set");
    tx.commit().await.expect("commit");
    let replies = run_all(
        &bot,
        &[
            ("@bob:localhost", "$1", "!agenda add Maraudes d'hiver"),
            (
                "@guest:localhost",
                "$2",
                "!agenda add Présentation de l'épicerie",
            ),
            ("@bob:localhost", "$3", "!agenda"),
        ],
    )
    .await;
    let list = &replies[2];
    assert!(
        list.contains("Maraudes d'hiver — ajouté par BOB (Croix-Rouge)"),
        "{list}"
    );
    assert!(list.contains("épicerie — ajouté par GUEST\n"), "{list}");
}

#[tokio::test]
async fn only_the_author_or_a_moderator_may_remove_an_item() {
    let (bot, _dir) = bot().await;
    let replies = run_all(
        &bot,
        &[
            ("@alice:localhost", "$1", "!agenda add Budget"),
            ("@alice:localhost", "$2", "!agenda add Locaux"),
            ("@bob:localhost", "$3", "!agenda retirer 1"),
            ("@moderator:localhost", "$4", "!agenda retirer 1"),
            ("@alice:localhost", "$5", "!agenda remove 1"),
            ("@alice:localhost", "$6", "!agenda"),
        ],
    )
    .await;
    assert!(
        replies[2].contains("Seule la personne qui a ajouté ce point (ALICE)"),
        "{}",
        replies[2]
    );
    assert!(
        replies[3].contains("retiré") && replies[3].contains("Budget"),
        "{}",
        replies[3]
    );
    assert!(
        replies[4].contains("retiré") && replies[4].contains("Locaux"),
        "{}",
        replies[4]
    );
    assert!(replies[5].contains("est vide"), "{}", replies[5]);
}

#[tokio::test]
async fn done_and_move_work_on_the_numbers_of_the_list() {
    let (bot, _dir) = bot().await;
    let replies = run_all(
        &bot,
        &[
            ("@alice:localhost", "$1", "!agenda add Un"),
            ("@alice:localhost", "$2", "!agenda add Deux"),
            ("@alice:localhost", "$3", "!agenda add Trois"),
            ("@bob:localhost", "$4", "!agenda traité 2"),
            ("@bob:localhost", "$5", "!agenda traité 2"),
            ("@bob:localhost", "$6", "!agenda déplacer 3 1"),
            ("@bob:localhost", "$7", "!agenda"),
        ],
    )
    .await;
    assert!(
        replies[3].contains("traité") && replies[3].contains("Deux"),
        "{}",
        replies[3]
    );
    assert!(replies[4].contains("déjà"), "{}", replies[4]);
    assert!(
        replies[5].contains("« Trois » est maintenant le n° 1"),
        "{}",
        replies[5]
    );
    let list = &replies[6];
    assert!(list.contains("1. Trois"), "{list}");
    assert!(list.contains("2. Un"), "{list}");
    assert!(
        list.contains("3. Deux — ajouté par ALICE, ✅ traité"),
        "{list}"
    );
}

#[tokio::test]
async fn impossible_numbers_and_positions_are_explained_and_change_nothing() {
    let (bot, _dir) = bot().await;
    let replies = run_all(
        &bot,
        &[
            ("@alice:localhost", "$1", "!agenda retirer 1"),
            ("@alice:localhost", "$2", "!agenda urgent Local"),
            ("@alice:localhost", "$3", "!agenda add Budget"),
            ("@alice:localhost", "$4", "!agenda traité 7"),
            ("@alice:localhost", "$5", "!agenda déplacer 2 1"),
            ("@alice:localhost", "$6", "!agenda"),
        ],
    )
    .await;
    assert!(
        replies[0].contains("l'ordre du jour est vide"),
        "{}",
        replies[0]
    );
    assert!(
        replies[3].contains("pas de point n° 7") && replies[3].contains("en compte 2"),
        "{}",
        replies[3]
    );
    assert!(
        replies[4].contains("entre les positions 2 et 2"),
        "{}",
        replies[4]
    );
    assert!(
        replies[5].contains("1. **urgent** — Local"),
        "{}",
        replies[5]
    );
    assert!(replies[5].contains("2. Budget"), "{}", replies[5]);
}

#[tokio::test]
async fn editing_an_add_message_updates_the_item_and_never_adds_one() {
    let (bot, _dir) = bot().await;
    let now = at("2026-11-29T18:00:05Z");
    let add = message("$1", "!agenda ajouter Budjet", "2026-11-29T18:00:00Z");
    bot.on_message(&add, now).await;
    let edit = |event: &str, sender: &str, body: &str| IncomingEdit {
        room: RoomId::new("!room"),
        event_id: EventId::new(event),
        original: EventId::new("$1"),
        sender: UserId::new(sender),
        new_body: body.into(),
    };
    bot.handle(
        Incoming::Edit(edit(
            "$e1",
            "@alice:localhost",
            "!agenda ajouter Budget 2027",
        )),
        now,
    )
    .await;
    bot.handle(
        Incoming::Edit(edit(
            "$e1",
            "@alice:localhost",
            "!agenda ajouter Budget 2027",
        )),
        now,
    )
    .await;
    bot.handle(
        Incoming::Edit(edit("$e2", "@mallory:localhost", "!agenda ajouter Piraté")),
        now,
    )
    .await;
    bot.handle(
        Incoming::Edit(edit("$e3", "@alice:localhost", "!agenda ajouter   ")),
        now,
    )
    .await;
    bot.on_message(&message("$2", "!agenda", "2026-11-29T18:00:01Z"), now)
        .await;
    let sent = bot.chat.sent();
    assert_eq!(sent.len(), 4, "{sent:#?}");
    assert!(
        sent[1]
            .markdown
            .contains("Point n° 1 modifié : « Budget 2027 »"),
        "{}",
        sent[1].markdown
    );
    assert_eq!(sent[1].in_reply_to, Some(EventId::new("$1")));
    assert!(
        sent[2].markdown.contains("Il manque le texte du point"),
        "{}",
        sent[2].markdown
    );
    let list = &sent[3].markdown;
    assert!(list.contains("1. Budget 2027"), "{list}");
    assert!(!list.contains("2."), "{list}");
}
