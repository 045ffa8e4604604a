//! People known by e-mail: a moderator adds them with their association read from the room's
//! own, everyone lists them with masked addresses, a moderator removes them and their address.

use super::*;

#[tokio::test]
async fn a_moderator_adds_lists_and_removes_people_known_by_email_addresses_masked() {
    let (bot, _dir) = bot().await;
    seed_alice_and_bob(&bot).await;
    let replies = run_all(
        &bot,
        &[
            (
                "@moderator:localhost",
                "$a1",
                "!courriel ajouter Jean.Ledoux@restosducoeur.example Restos du Coeur Jean Ledoux",
            ),
            (
                "@moderator:localhost",
                "$a2",
                "!email add marie@croix-rouge.example croix rouge Marie Curie",
            ),
            (
                "@moderator:localhost",
                "$dup",
                "!courriel ajouter jean.ledoux@restosducoeur.example Croix-Rouge Jean",
            ),
            (
                "@moderator:localhost",
                "$unknown",
                "!courriel ajouter x@adsea.example ADSEA Mme Martin",
            ),
            (
                "@alice:localhost",
                "$refused",
                "!courriel ajouter y@restos.example Restos du Cœur Yves",
            ),
            ("@alice:localhost", "$list", "!courriels"),
            ("@alice:localhost", "$refused2", "!courriel retirer 1"),
            ("@moderator:localhost", "$remove", "!email remove 1"),
            ("@moderator:localhost", "$missing", "!courriel retirer 7"),
            ("@bob:localhost", "$after", "!emails"),
        ],
    )
    .await;
    for reply in &replies {
        assert!(
            !reply.contains("jean.ledoux@restosducoeur"),
            "an address whole: {reply}"
        );
        assert!(
            !reply.contains("marie@croix-rouge"),
            "an address whole: {reply}"
        );
    }
    let added = reply_to(&bot, "$a1");
    assert!(
        added.contains("Jean Ledoux (Restos du Cœur)") && added.contains("n° 1"),
        "{added}"
    );
    assert!(added.contains("j…@restosducoeur.example"), "{added}");
    assert!(
        reply_to(&bot, "$a2").contains("Marie Curie (Croix-Rouge)"),
        "{}",
        reply_to(&bot, "$a2")
    );
    let duplicate = reply_to(&bot, "$dup");
    assert!(
        duplicate.contains("déjà dans la liste : n° 1"),
        "{duplicate}"
    );
    let unknown = reply_to(&bot, "$unknown");
    assert!(
        unknown.contains("« ADSEA Mme Martin »") && unknown.contains("Restos du Cœur, Croix-Rouge"),
        "{unknown}"
    );
    assert!(
        unknown.contains("`!courriel ajouter"),
        "an example: {unknown}"
    );
    for refused in ["$refused", "$refused2"] {
        let text = reply_to(&bot, refused);
        assert!(text.contains("modérateur"), "{text}");
    }
    let list = reply_to(&bot, "$list");
    assert!(
        list.contains("n° 1 — Jean Ledoux (Restos du Cœur) : j…@restosducoeur.example"),
        "{list}"
    );
    assert!(
        list.contains("n° 2 — Marie Curie (Croix-Rouge) : m…@croix-rouge.example"),
        "{list}"
    );
    assert!(!list.contains("Yves"), "a refused add adds nobody: {list}");
    assert!(
        reply_to(&bot, "$remove").contains("son adresse est effacée"),
        "{}",
        reply_to(&bot, "$remove")
    );
    let missing = reply_to(&bot, "$missing");
    assert!(
        missing.contains("pas de n° 7") && missing.contains("1 personne"),
        "{missing}"
    );
    let after = reply_to(&bot, "$after");
    assert!(
        !after.contains("Jean Ledoux") && after.contains("Marie Curie"),
        "{after}"
    );

    // Deleted from the database, not only hidden.
    let mut tx = bot.store.begin().await.expect("begin");
    let people = tx
        .email_people(&RoomId::new("!room"))
        .await
        .expect("people");
    assert_eq!(
        people
            .iter()
            .map(|p| p.address.as_str())
            .collect::<Vec<_>>(),
        vec!["marie@croix-rouge.example"]
    );
}

#[tokio::test]
async fn an_association_without_a_name_after_it_is_told_as_a_missing_name() {
    let (bot, _dir) = bot().await;
    seed_alice_and_bob(&bot).await;
    run_all(
        &bot,
        &[(
            "@moderator:localhost",
            "$noname",
            "!courriel ajouter jean@restos.example restos du coeur",
        )],
    )
    .await;
    let reply = reply_to(&bot, "$noname");
    assert!(
        reply.contains("Il manque le nom de la personne après « Restos du Cœur »"),
        "{reply}"
    );
    assert!(
        reply.contains("`!courriel ajouter jean.ledoux@exemple.fr Restos du Cœur Jean Ledoux`"),
        "an example: {reply}"
    );
}

#[tokio::test]
async fn a_room_without_associations_is_told_how_to_give_it_some_in_english_too() {
    let (bot, _dir) = bot().await;
    let replies = run_all(
        &bot,
        &[
            ("@moderator:localhost", "$lang", "!language en"),
            (
                "@moderator:localhost",
                "$add",
                "!email add jean@restos.example Restos du Cœur Jean",
            ),
            (
                "@moderator:localhost",
                "$bad",
                "!email add jean Restos du Cœur Jean",
            ),
            ("@moderator:localhost", "$list", "!emails"),
        ],
    )
    .await;
    assert_eq!(replies.len(), 4);
    let add = reply_to(&bot, "$add");
    assert!(
        add.contains("knows no association yet") && add.contains("!association set"),
        "{add}"
    );
    let bad = reply_to(&bot, "$bad");
    assert!(bad.contains("\"jean\" is not an e-mail address"), "{bad}");
    assert!(reply_to(&bot, "$list").contains("Nobody follows this room by e-mail"));
}
