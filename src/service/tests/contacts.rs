//! The address book: contacts added, searched accent-blind, shown whole, changed or removed by
//! their association (or a moderator), confirmed, flagged "to check" after a year and listed
//! in the week-ahead meeting reminder — and every bad input answered with an example.

use super::*;

const DURAND: &str = "!contact ajouter CAF 77 — Mme Durand, référente partenaires, 01 60 00 00 00, m.durand@caf77.example — situations d'urgence RSA";

#[tokio::test]
async fn contacts_are_added_searched_accent_blind_and_shown_whole() {
    let (bot, _dir) = bot().await;
    seed_alice_and_bob(&bot).await;
    let added = say_at(
        &bot,
        "@alice:localhost",
        "$1",
        DURAND,
        "2026-11-29T18:00:00Z",
    )
    .await;
    assert!(added.contains("Contact n° 1 ajouté"), "{added}");
    assert!(
        added.contains("m…@caf77.example"),
        "masked in the room: {added}"
    );
    assert!(!added.contains("m.durand@"), "{added}");
    say_at(
        &bot,
        "@bob:localhost",
        "$2",
        "!contact add Préfecture de Seine-et-Marne — M. Étienne, chef de cabinet, +33 1 64 71 77 77",
        "2026-11-29T18:01:00Z",
    )
    .await;
    let found = say_at(
        &bot,
        "@bob:localhost",
        "$3",
        "!contacts prefecture",
        "2026-11-29T18:02:00Z",
    )
    .await;
    assert!(
        found.contains("**Préfecture de Seine-et-Marne**"),
        "{found}"
    );
    assert!(!found.contains("CAF 77"), "{found}");
    let all = say_at(
        &bot,
        "@bob:localhost",
        "$4",
        "!contacts",
        "2026-11-29T18:03:00Z",
    )
    .await;
    assert!(all.contains("2 contacts"), "{all}");
    assert!(
        all.find("CAF 77") < all.find("Préfecture"),
        "by organisation: {all}"
    );
    let none = say_at(
        &bot,
        "@bob:localhost",
        "$5",
        "!contacts cpam",
        "2026-11-29T18:04:00Z",
    )
    .await;
    assert!(
        none.contains("Aucun contact ne correspond à « cpam »"),
        "{none}"
    );
    assert!(none.contains("`!contacts prefecture`"), "{none}");
    let whole = say_at(
        &bot,
        "@bob:localhost",
        "$6",
        "!contact 1",
        "2026-11-29T18:05:00Z",
    )
    .await;
    assert!(
        whole.contains("m.durand@caf77.example"),
        "whole in !contact <n>: {whole}"
    );
    assert!(whole.contains("situations d'urgence RSA"), "{whole}");
    assert!(whole.contains("ALICE (Restos du Cœur)"), "{whole}");
    assert!(!whole.contains("à vérifier"), "{whole}");
}

#[tokio::test]
async fn only_the_adding_association_or_a_moderator_changes_or_removes_a_contact() {
    let (bot, _dir) = bot().await;
    seed_alice_and_bob(&bot).await;
    say_at(
        &bot,
        "@alice:localhost",
        "$1",
        DURAND,
        "2026-11-29T18:00:00Z",
    )
    .await;
    let refused = say_at(
        &bot,
        "@bob:localhost",
        "$2",
        "!contact retirer 1",
        "2026-11-29T18:01:00Z",
    )
    .await;
    assert!(
        refused.contains("Seul un membre de l'association"),
        "{refused}"
    );
    assert!(refused.contains("Restos du Cœur"), "{refused}");
    let changed = say_at(
        &bot,
        "@alice:localhost",
        "$3",
        "!contact modifier 1 CAF 77 — Mme Durand, référente partenaires, 01 60 00 00 01",
        "2026-11-29T18:02:00Z",
    )
    .await;
    assert!(changed.contains("Contact n° 1 modifié"), "{changed}");
    assert!(changed.contains("01 60 00 00 01"), "{changed}");
    let removed = say_at(
        &bot,
        "@moderator:localhost",
        "$4",
        "!contact retirer 1",
        "2026-11-29T18:03:00Z",
    )
    .await;
    assert!(removed.contains("Contact n° 1 retiré"), "{removed}");
    let gone = say_at(
        &bot,
        "@alice:localhost",
        "$5",
        "!contact 1",
        "2026-11-29T18:04:00Z",
    )
    .await;
    assert!(gone.contains("Il n'y a pas de contact n° 1"), "{gone}");
    // A removed contact's number is not given again.
    let next = say_at(
        &bot,
        "@alice:localhost",
        "$6",
        DURAND,
        "2026-11-29T18:05:00Z",
    )
    .await;
    assert!(next.contains("Contact n° 2 ajouté"), "{next}");
}

#[tokio::test]
async fn bad_contacts_are_answered_with_an_example() {
    let (bot, _dir) = bot().await;
    seed_alice_and_bob(&bot).await;
    for (index, (body, expected)) in [
        (
            "!contact ajouter — Mme Durand, référente",
            "Il manque l'organisme",
        ),
        ("!contact ajouter CAF 77", "Il manque le nom"),
        ("!contact ajouter CAF 77 — Mme Durand", "Il manque le rôle"),
        (
            "!contact ajouter CAF 77 — Mme Durand, référente, 01 60",
            "« 01 60 » n'est pas un numéro de téléphone",
        ),
        (
            "!contact ajouter CAF 77 — Mme Durand, référente, durand@caf",
            "« durand@caf » n'est pas une adresse",
        ),
        ("!contact ajouter", "!contact ajouter CAF 77"),
        ("!contact retirer 9", "Il n'y a pas de contact n° 9"),
    ]
    .into_iter()
    .enumerate()
    {
        let reply = say_at(
            &bot,
            "@alice:localhost",
            &format!("$b{index}"),
            body,
            "2026-11-29T18:00:00Z",
        )
        .await;
        assert!(reply.contains(expected), "{body}: {reply}");
        assert!(reply.contains("Exemple"), "{body}: {reply}");
    }
}

#[tokio::test]
async fn a_contact_not_confirmed_for_a_year_is_to_check_until_confirmed() {
    let (bot, _dir) = bot().await;
    seed_alice_and_bob(&bot).await;
    say_at(
        &bot,
        "@alice:localhost",
        "$1",
        DURAND,
        "2025-11-20T18:00:00Z",
    )
    .await;
    let listed = say_at(
        &bot,
        "@bob:localhost",
        "$2",
        "!contacts",
        "2026-11-29T18:00:00Z",
    )
    .await;
    assert!(listed.contains("⚠ à vérifier"), "{listed}");
    let whole = say_at(
        &bot,
        "@bob:localhost",
        "$3",
        "!contact 1",
        "2026-11-29T18:01:00Z",
    )
    .await;
    assert!(whole.contains("`!contact confirmer 1`"), "{whole}");
    let confirmed = say_at(
        &bot,
        "@bob:localhost",
        "$4",
        "!contact confirmer 1",
        "2026-11-29T18:02:00Z",
    )
    .await;
    assert!(confirmed.contains("Contact n° 1 confirmé"), "{confirmed}");
    let listed = say_at(
        &bot,
        "@bob:localhost",
        "$5",
        "!contacts",
        "2026-11-29T18:03:00Z",
    )
    .await;
    assert!(!listed.contains("à vérifier"), "{listed}");
}

/// The week-ahead meeting reminder lists the contacts to check; the day before does not.
#[tokio::test]
async fn the_week_ahead_reminder_lists_the_contacts_to_check() {
    let (bot, _dir) = bot().await;
    seed_alice_and_bob(&bot).await;
    say_at(
        &bot,
        "@alice:localhost",
        "$old",
        DURAND,
        "2025-11-20T18:00:00Z",
    )
    .await;
    say_at(
        &bot,
        "@bob:localhost",
        "$new",
        "!contact ajouter CPAM 77 — M. Petit, conseiller, 01 60 00 00 02",
        "2026-11-29T17:00:00Z",
    )
    .await;
    run_all(
        &bot,
        &[
            (
                "@alice:localhost",
                "$p",
                "!réunion proposer 10/12 14h ; 17/12 14h",
            ),
            ("@alice:localhost", "$c", "!réunion clore 1"),
        ],
    )
    .await;
    for now in ["2026-12-03T13:00:10Z", "2026-12-09T13:00:10Z"] {
        bot.service.run_due(at(now)).await.expect("due work");
        bot.deliver().await;
    }
    let texts: Vec<String> = bot
        .chat
        .sent()
        .into_iter()
        .filter_map(|sent| match sent.content {
            crate::domain::messages::Content::Text { markdown, .. } => Some(markdown),
            _ => None,
        })
        .collect();
    assert_eq!(texts.len(), 2, "{texts:#?}");
    assert!(
        texts[0].contains("**Contacts à vérifier** (1)"),
        "{}",
        texts[0]
    );
    assert!(
        texts[0].contains("n° 1 — CAF 77 — Mme Durand"),
        "{}",
        texts[0]
    );
    assert!(!texts[0].contains("CPAM"), "{}", texts[0]);
    assert!(!texts[1].contains("Contacts à vérifier"), "{}", texts[1]);
}
