//! Mandates: given for the next meeting or a poll, counted as the giving association's answer,
//! voided by its own answer, withdrawn, used to approve the minutes — and every bad input
//! answered with an example.

use super::*;

/// Four member associations, one guest association (Emmaüs), and a meeting on 10 December
/// 2026 at 14 h (Paris).
async fn room_with_a_meeting(bot: &TestBot) {
    seed_associations(
        bot,
        &[
            ("@alice:localhost", "Restos du Cœur"),
            ("@bob:localhost", "Croix-Rouge"),
            ("@carla:localhost", "Secours Catholique"),
            ("@dina:localhost", "Secours populaire"),
            ("@eve:localhost", "Emmaüs"),
        ],
    )
    .await;
    say_at(
        bot,
        "@moderator:localhost",
        "$guest",
        "!association invitée Emmaüs",
        "2026-11-29T17:30:00Z",
    )
    .await;
    run_all(
        bot,
        &[("@alice:localhost", "$1", "!agenda ajouter Budget 2027")],
    )
    .await;
    date_the_next_meeting(bot).await;
}

#[tokio::test]
async fn bad_mandates_are_refused_with_an_example() {
    let (bot, _dir) = bot().await;
    room_with_a_meeting(&bot).await;
    let cases = [
        (
            "@bob:localhost",
            "!mandat Croix-Rouge à Croix-Rouge",
            "pas à Croix-Rouge elle-même",
        ),
        (
            "@bob:localhost",
            "!mandat Croix-Rouge à @bob:localhost",
            "pas à Croix-Rouge elle-même",
        ),
        (
            "@bob:localhost",
            "!mandat Croix-Rouge à Emmaüs",
            "Emmaüs est une association invitée : elle ne peut pas recevoir",
        ),
        (
            "@eve:localhost",
            "!mandat Emmaüs à Croix-Rouge",
            "Emmaüs est une association invitée : elle ne donne pas",
        ),
        (
            "@bob:localhost",
            "!mandat Croix-Rouge à Inconnue",
            "Je ne connais pas l'association « Inconnue »",
        ),
        (
            "@bob:localhost",
            "!mandat Croix-Rouge à Restos du Cœur sondage 9",
            "Il n'y a pas de sondage n° 9",
        ),
        (
            "@bob:localhost",
            "!mandat Croix-Rouge à Restos du Cœur pour le 11/12",
            "Aucune réunion n'est prévue le",
        ),
        (
            "@bob:localhost",
            "!mandat Croix-Rouge",
            "!mandat Croix-Rouge à Secours populaire pour le 12/03",
        ),
        (
            "@alice:localhost",
            "!mandat Croix-Rouge à Secours populaire",
            "Seul un membre de Croix-Rouge ou un modérateur",
        ),
    ];
    for (index, (sender, body, expected)) in cases.into_iter().enumerate() {
        let event = format!("$bad{index}");
        let reply = say_at(&bot, sender, &event, body, "2026-11-30T10:00:00Z").await;
        assert!(reply.contains(expected), "{body}: {reply}");
    }
    // The cap: the Restos already hold one.
    let given = say_at(
        &bot,
        "@bob:localhost",
        "$ok",
        "!mandat Croix-Rouge à Restos du Cœur",
        "2026-11-30T10:01:00Z",
    )
    .await;
    assert!(
        given.contains(
            "Mandat enregistré : n° 1 — Croix-Rouge → Restos du Cœur, pour la réunion du 10/12/2026"
        ),
        "{given}"
    );
    let full = say_at(
        &bot,
        "@dina:localhost",
        "$full",
        "!mandat Secours populaire à Restos du Cœur",
        "2026-11-30T10:02:00Z",
    )
    .await;
    assert!(full.contains("porte déjà un mandat (le maximum)"), "{full}");
    assert!(full.contains("Exemple :"), "{full}");
    let twice = say_at(
        &bot,
        "@bob:localhost",
        "$twice",
        "!mandat Croix-Rouge à Secours populaire",
        "2026-11-30T10:03:00Z",
    )
    .await;
    assert!(twice.contains("a déjà donné le mandat n° 1"), "{twice}");
    // After the meeting, its mandate is for a past meeting.
    let past = say_at(
        &bot,
        "@dina:localhost",
        "$past",
        "!mandat Secours populaire à Croix-Rouge pour le 10/12/2026",
        "2026-12-11T10:00:00Z",
    )
    .await;
    assert!(past.contains("est passée"), "{past}");
}

#[tokio::test]
async fn a_mandate_counts_for_a_poll_until_the_giver_answers_itself() {
    let (bot, _dir) = bot().await;
    room_with_a_meeting(&bot).await;
    for (sender, event, body, when) in [
        (
            "@alice:localhost",
            "$p",
            "!sondage Signons-nous ? | Pour | Contre",
            "2026-11-30T10:00:00Z",
        ),
        (
            "@moderator:localhost",
            "$m",
            "!mandat Croix-Rouge à @carla:localhost sondage 1",
            "2026-11-30T10:01:00Z",
        ),
        (
            "@alice:localhost",
            "$v1",
            "!voter 1 Pour",
            "2026-11-30T10:02:00Z",
        ),
        (
            "@carla:localhost",
            "$v2",
            "!voter 1 Pour",
            "2026-11-30T10:03:00Z",
        ),
        (
            "@dina:localhost",
            "$v3",
            "!voter 1 Pour",
            "2026-11-30T10:04:00Z",
        ),
        (
            "@eve:localhost",
            "$v4",
            "!voter 1 Contre",
            "2026-11-30T10:05:00Z",
        ),
    ] {
        say_at(&bot, sender, event, body, when).await;
    }
    let noted = reply_to(&bot, "$m");
    assert!(noted.contains("noté par"), "a moderator notes it: {noted}");
    let results = say_at(
        &bot,
        "@bob:localhost",
        "$r1",
        "!sondage résultats 1",
        "2026-11-30T10:06:00Z",
    )
    .await;
    assert!(
        results.contains("Croix-Rouge (par mandat, CARLA) : Pour"),
        "{results}"
    );
    assert!(results.contains("Position commune"), "{results}");
    assert!(results.contains("Emmaüs — Contre"), "{results}");
    // Bob answers himself: his answer wins, the mandate is void.
    say_at(
        &bot,
        "@bob:localhost",
        "$v5",
        "!voter 1 Contre",
        "2026-11-30T10:07:00Z",
    )
    .await;
    let results = say_at(
        &bot,
        "@bob:localhost",
        "$r2",
        "!sondage résultats 1",
        "2026-11-30T10:08:00Z",
    )
    .await;
    assert!(!results.contains("par mandat"), "{results}");
    assert!(
        results.contains("Mandat n° 1 sans effet : Croix-Rouge a répondu elle-même"),
        "{results}"
    );
    assert!(
        results.contains("Pas encore de position commune"),
        "{results}"
    );
}

#[tokio::test]
async fn a_meeting_mandate_represents_approves_and_can_be_withdrawn() {
    let (bot, _dir) = bot().await;
    room_with_a_meeting(&bot).await;
    let given = say_at(
        &bot,
        "@bob:localhost",
        "$m",
        "!proxy Croix-Rouge to Restos du Cœur for 10/12",
        "2026-11-30T10:00:00Z",
    )
    .await;
    assert!(given.contains("Mandat enregistré : n° 1"), "{given}");
    let listed = say_at(
        &bot,
        "@carla:localhost",
        "$l",
        "!mandats",
        "2026-11-30T10:01:00Z",
    )
    .await;
    assert!(
        listed.contains(
            "n° 1 — Croix-Rouge → Restos du Cœur, pour la réunion du 10/12/2026 (donné par BOB)"
        ),
        "{listed}"
    );
    // Withdrawn by someone else than the association: refused; by Bob: done, then given again.
    let refused = say_at(
        &bot,
        "@dina:localhost",
        "$w0",
        "!mandat retirer 1",
        "2026-11-30T10:02:00Z",
    )
    .await;
    assert!(
        refused.contains("Seul un membre de Croix-Rouge"),
        "{refused}"
    );
    let withdrawn = say_at(
        &bot,
        "@bob:localhost",
        "$w1",
        "!mandat retirer 1",
        "2026-11-30T10:03:00Z",
    )
    .await;
    assert!(withdrawn.contains("Mandat n° 1 retiré"), "{withdrawn}");
    let again = say_at(
        &bot,
        "@bob:localhost",
        "$w2",
        "!mandat retirer 1",
        "2026-11-30T10:04:00Z",
    )
    .await;
    assert!(
        again.contains("Il n'y a pas de mandat en cours n° 1"),
        "{again}"
    );
    let empty = say_at(
        &bot,
        "@carla:localhost",
        "$l2",
        "!mandats",
        "2026-11-30T10:05:00Z",
    )
    .await;
    assert!(empty.contains("Aucun mandat en cours"), "{empty}");
    say_at(
        &bot,
        "@bob:localhost",
        "$m2",
        "!mandat Croix-Rouge à Restos du Cœur",
        "2026-11-30T10:06:00Z",
    )
    .await;

    // The minutes: the Restos' approval counts for the Croix-Rouge.
    for (sender, event) in [("@carla:localhost", "$a1"), ("@dina:localhost", "$a2")] {
        say_at(
            &bot,
            sender,
            event,
            "!compte-rendu approuver",
            "2026-12-11T08:00:00Z",
        )
        .await;
    }
    let draft = say_at(
        &bot,
        "@carla:localhost",
        "$cr",
        "!compte-rendu",
        "2026-12-11T08:01:00Z",
    )
    .await;
    assert!(draft.contains("**Mandats**"), "{draft}");
    assert!(
        draft.contains("n° 2 — Croix-Rouge → Restos du Cœur"),
        "{draft}"
    );
    assert!(
        !draft.contains("n° 1 — Croix-Rouge"),
        "the withdrawn one is not listed: {draft}"
    );
    say_at(
        &bot,
        "@alice:localhost",
        "$a3",
        "!compte-rendu approuver",
        "2026-12-11T08:02:00Z",
    )
    .await;
    let adopted: Vec<String> = bot
        .chat
        .sent()
        .into_iter()
        .filter_map(|sent| match sent.content {
            crate::domain::messages::Content::Notice { markdown }
            | crate::domain::messages::Content::Text { markdown, .. } => Some(markdown),
            _ => None,
        })
        .collect();
    assert!(
        adopted
            .iter()
            .any(|text| text.contains("Croix-Rouge (par mandat, Restos du Cœur) (ALICE)")),
        "{adopted:#?}"
    );
    // After adoption the mandate can no longer be withdrawn.
    let closed = say_at(
        &bot,
        "@bob:localhost",
        "$w3",
        "!mandat retirer 2",
        "2026-12-11T08:03:00Z",
    )
    .await;
    assert!(closed.contains("ne peut plus être retiré"), "{closed}");
}

#[tokio::test]
async fn the_record_of_a_poll_says_which_association_answered_by_mandate() {
    let (bot, _dir) = bot().await;
    room_with_a_meeting(&bot).await;
    for (sender, event, body, when) in [
        (
            "@alice:localhost",
            "$p",
            "!sondage Signons-nous ? | Pour | Contre",
            "2026-11-30T10:00:00Z",
        ),
        (
            "@bob:localhost",
            "$m",
            "!mandat Croix-Rouge à Restos du Cœur sondage 1",
            "2026-11-30T10:01:00Z",
        ),
        (
            "@alice:localhost",
            "$v1",
            "!voter 1 Pour",
            "2026-11-30T10:02:00Z",
        ),
        (
            "@carla:localhost",
            "$v2",
            "!voter 1 Pour",
            "2026-11-30T10:03:00Z",
        ),
        (
            "@dina:localhost",
            "$v3",
            "!voter 1 Pour",
            "2026-11-30T10:04:00Z",
        ),
        (
            "@alice:localhost",
            "$c",
            "!sondage clore 1 enregistrer",
            "2026-11-30T10:05:00Z",
        ),
    ] {
        say_at(&bot, sender, event, body, when).await;
    }
    let record = say_at(
        &bot,
        "@bob:localhost",
        "$d",
        "!décision 1",
        "2026-11-30T10:06:00Z",
    )
    .await;
    assert!(record.contains("Par mandat : Croix-Rouge."), "{record}");
    assert!(record.contains("unanimité"), "{record}");
    let closed = say_at(
        &bot,
        "@dina:localhost",
        "$late",
        "!mandat Secours populaire à Croix-Rouge sondage 1",
        "2026-11-30T10:07:00Z",
    )
    .await;
    assert!(closed.contains("Le sondage n° 1 est clos"), "{closed}");
    let withdraw = say_at(
        &bot,
        "@bob:localhost",
        "$w",
        "!mandat retirer 1",
        "2026-11-30T10:08:00Z",
    )
    .await;
    assert!(withdraw.contains("ne peut plus être retiré"), "{withdraw}");
    // Bob's copy of his data names the mandate he gave.
    let mut tx = bot.store.begin().await.expect("begin");
    let data = tx
        .data_about(&UserId::new("@bob:localhost"))
        .await
        .expect("data");
    assert_eq!(data.mandates.len(), 1, "{data:?}");
    assert_eq!(data.mandates[0].text, "Croix-Rouge → Restos du Cœur");
}
