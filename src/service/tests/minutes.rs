//! The minutes' approval by each association, their adoption into a procès-verbal (frozen,
//! fingerprinted, printed) and a moderator's adoption without every association.

use super::*;
use crate::domain::messages::Content;
use crate::domain::minutes::fingerprint;

/// A meeting held on 10 December 2026 at 14 h (Paris) with one item and one decision; the
/// clock is the next day.
async fn held_meeting(bot: &TestBot) {
    seed_associations(
        bot,
        &[
            ("@alice:localhost", "Restos du Cœur"),
            ("@anne:localhost", "Restos du Cœur"),
            ("@bob:localhost", "Croix-Rouge"),
            ("@carla:localhost", "Secours populaire"),
        ],
    )
    .await;
    run_all(
        bot,
        &[(
            "@alice:localhost",
            "$1",
            "!agenda ajouter Budget 2027 : œuvres",
        )],
    )
    .await;
    date_the_next_meeting(bot).await;
    say_at(
        bot,
        "@bob:localhost",
        "$2",
        "!décision On signe la lettre",
        "2026-12-10T15:00:00Z",
    )
    .await;
}

fn pdfs(bot: &TestBot) -> Vec<(String, Vec<u8>)> {
    bot.chat
        .sent()
        .into_iter()
        .filter_map(|sent| match sent.content {
            Content::File { name, mime, data } if mime == "application/pdf" => Some((name, data)),
            _ => None,
        })
        .collect()
}

#[tokio::test]
async fn each_association_approves_until_the_minutes_are_adopted_and_frozen() {
    let (bot, _dir) = bot().await;
    held_meeting(&bot).await;
    say_at(
        &bot,
        "@alice:localhost",
        "$m",
        "!compte-rendu",
        "2026-12-11T08:00:00Z",
    )
    .await;
    let draft = reply_to(&bot, "$m");
    assert!(draft.contains("**Statut : projet.**"), "{draft}");
    assert!(
        draft.contains("Aucune association n'a encore approuvé — en attente : Restos du Cœur, Croix-Rouge, Secours populaire"),
        "{draft}"
    );
    let printed = pdfs(&bot);
    assert_eq!(printed.len(), 1);
    assert_eq!(printed[0].0, "compte-rendu-2026-12-10.pdf");
    assert!(printed[0].1.starts_with(b"%PDF-"));

    say_at(
        &bot,
        "@alice:localhost",
        "$a1",
        "!compte-rendu approuver",
        "2026-12-11T09:00:00Z",
    )
    .await;
    let first = reply_to(&bot, "$a1");
    assert!(first.contains("approuvé pour Restos du Cœur"), "{first}");
    assert!(
        first.contains(
            "Approuvé par : Restos du Cœur (ALICE) — en attente : Croix-Rouge, Secours populaire"
        ),
        "{first}"
    );
    // The latest member's approval counts, one per association.
    say_at(
        &bot,
        "@anne:localhost",
        "$a2",
        "!compte-rendu approuver 10/12",
        "2026-12-11T09:01:00Z",
    )
    .await;
    let second = reply_to(&bot, "$a2");
    assert!(
        second.contains("Restos du Cœur (ANNE) — en attente : Croix-Rouge, Secours populaire"),
        "{second}"
    );
    // Someone of no association cannot approve.
    say_at(
        &bot,
        "@guest:localhost",
        "$a3",
        "!minutes approve",
        "2026-12-11T09:02:00Z",
    )
    .await;
    assert!(
        reply_to(&bot, "$a3").contains("représenter une association"),
        "{}",
        reply_to(&bot, "$a3")
    );
    say_at(
        &bot,
        "@bob:localhost",
        "$a4",
        "!compte-rendu approuver",
        "2026-12-11T09:03:00Z",
    )
    .await;
    assert!(
        !bot.chat
            .sent()
            .iter()
            .any(|sent| sent.markdown.contains("Procès-verbal adopté"))
    );
    say_at(
        &bot,
        "@carla:localhost",
        "$a5",
        "!compte-rendu approuver",
        "2026-12-11T09:04:00Z",
    )
    .await;
    let adopted = bot
        .chat
        .sent()
        .into_iter()
        .find(|sent| sent.markdown.starts_with("**Procès-verbal adopté**"))
        .expect("adopted")
        .markdown;
    let stored = {
        let mut tx = bot.store.begin().await.expect("begin");
        let meeting = tx
            .meeting_between(
                &RoomId::new("!room"),
                at("2026-12-10T00:00:00Z"),
                at("2026-12-11T00:00:00Z"),
                false,
            )
            .await
            .expect("read")
            .expect("meeting");
        tx.adopted_minutes(meeting.id)
            .await
            .expect("read")
            .expect("adopted")
    };
    assert_eq!(stored.fingerprint, fingerprint(&stored.text));
    assert!(adopted.contains(&stored.fingerprint), "{adopted}");
    assert_eq!(stored.approvals.len(), 3);
    assert_eq!(stored.adopted_by, None);
    assert!(stored.missing.is_empty());
    assert!(
        stored
            .text
            .contains("**Procès-verbal adopté le 11/12/2026**"),
        "{}",
        stored.text
    );
    assert!(
        stored.text.contains(
            "Approuvé par : Restos du Cœur (ANNE), Croix-Rouge (BOB), Secours populaire (CARLA)"
        ),
        "{}",
        stored.text
    );
    let printed = pdfs(&bot);
    assert_eq!(printed.len(), 2, "the procès-verbal's PDF");

    // A later amendment is a new version of the decision: the procès-verbal does not move.
    say_at(
        &bot,
        "@bob:localhost",
        "$d",
        "!décision modifier 1 On signe la lettre commune",
        "2026-12-12T09:00:00Z",
    )
    .await;
    say_at(
        &bot,
        "@alice:localhost",
        "$m2",
        "!compte-rendu 10/12",
        "2026-12-12T09:01:00Z",
    )
    .await;
    let again = reply_to(&bot, "$m2");
    assert!(again.starts_with(&stored.text), "{again}");
    assert!(
        again.contains(&format!("Empreinte SHA-256 : `{}`", stored.fingerprint)),
        "{again}"
    );
    assert!(!again.contains("lettre commune"), "{again}");
    // Approving or adopting again says it is done.
    say_at(
        &bot,
        "@carla:localhost",
        "$a6",
        "!compte-rendu approuver 10/12",
        "2026-12-12T09:02:00Z",
    )
    .await;
    assert!(
        reply_to(&bot, "$a6").contains("déjà adopté"),
        "{}",
        reply_to(&bot, "$a6")
    );
}

#[tokio::test]
async fn a_moderator_adopts_without_every_association_and_the_pv_says_who_had_not_approved() {
    let (bot, _dir) = bot().await;
    held_meeting(&bot).await;
    say_at(
        &bot,
        "@alice:localhost",
        "$a1",
        "!minutes approve",
        "2026-12-11T09:00:00Z",
    )
    .await;
    say_at(
        &bot,
        "@bob:localhost",
        "$x",
        "!compte-rendu adopter",
        "2026-12-11T09:01:00Z",
    )
    .await;
    assert!(
        reply_to(&bot, "$x").contains("Seul un modérateur"),
        "{}",
        reply_to(&bot, "$x")
    );
    say_at(
        &bot,
        "@moderator:localhost",
        "$y",
        "!minutes adopt 10/12",
        "2026-12-11T09:02:00Z",
    )
    .await;
    let mut tx = bot.store.begin().await.expect("begin");
    let meeting = tx
        .meeting_between(
            &RoomId::new("!room"),
            at("2026-12-10T00:00:00Z"),
            at("2026-12-11T00:00:00Z"),
            false,
        )
        .await
        .expect("read")
        .expect("meeting");
    let adoption = tx
        .adopted_minutes(meeting.id)
        .await
        .expect("read")
        .expect("adopted");
    assert_eq!(
        adoption.adopted_by,
        Some(UserId::new("@moderator:localhost"))
    );
    assert_eq!(
        adoption.missing,
        vec!["Croix-Rouge".to_owned(), "Secours populaire".to_owned()]
    );
    assert!(
        adoption.text.contains("Adopté par MODERATOR (modérateur)"),
        "{}",
        adoption.text
    );
    assert!(
        adoption
            .text
            .contains("N'avaient pas approuvé : Croix-Rouge, Secours populaire"),
        "{}",
        adoption.text
    );
    assert_eq!(pdfs(&bot).len(), 1);
}

#[tokio::test]
async fn minutes_are_approved_in_english_too() {
    let (bot, _dir) = bot().await;
    held_meeting(&bot).await;
    say_at(
        &bot,
        "@alice:localhost",
        "$l",
        "!langue en",
        "2026-12-11T08:59:00Z",
    )
    .await;
    say_at(
        &bot,
        "@alice:localhost",
        "$a1",
        "!minutes approve",
        "2026-12-11T09:00:00Z",
    )
    .await;
    let reply = reply_to(&bot, "$a1");
    assert!(
        reply.contains("Minutes approved for Restos du Cœur"),
        "{reply}"
    );
    assert!(
        reply.contains("awaited: Croix-Rouge, Secours populaire"),
        "{reply}"
    );
    say_at(
        &bot,
        "@alice:localhost",
        "$m",
        "!minutes",
        "2026-12-11T09:01:00Z",
    )
    .await;
    assert!(reply_to(&bot, "$m").contains("**Status: draft.**"));
    assert_eq!(pdfs(&bot)[0].0, "minutes-2026-12-10.pdf");
}

#[tokio::test]
async fn an_adopted_procès_verbal_is_not_rewritten_when_someone_in_it_is_forgotten() {
    let (bot, _dir) = bot().await;
    held_meeting(&bot).await;
    for (who, event, minute) in [
        ("@alice:localhost", "$a1", "09:00"),
        ("@bob:localhost", "$a2", "09:01"),
        ("@carla:localhost", "$a3", "09:02"),
    ] {
        say_at(
            &bot,
            who,
            event,
            "!compte-rendu approuver 10/12",
            &format!("2026-12-11T{minute}:00Z"),
        )
        .await;
    }
    let shown = |event: &'static str, when: &'static str| {
        let bot = &bot;
        async move {
            say_at(bot, "@alice:localhost", event, "!compte-rendu 10/12", when).await;
            reply_to(bot, event)
        }
    };
    let before = shown("$s1", "2026-12-11T10:00:00Z").await;
    assert!(before.contains("BOB"), "Bob approved it: {before}");
    assert!(
        before.contains("Empreinte SHA-256"),
        "adopted, fingerprinted: {before}"
    );
    say_at(
        &bot,
        "@bob:localhost",
        "$f1",
        "!oublie-moi",
        "2026-12-11T10:01:00Z",
    )
    .await;
    let done = say_at(
        &bot,
        "@bob:localhost",
        "$f2",
        "!oublie-moi confirmer",
        "2026-12-11T10:02:00Z",
    )
    .await;
    assert!(
        done.contains("procès-verbaux adoptés ne sont pas réécrits"),
        "{done}"
    );
    let after = shown("$s2", "2026-12-11T10:03:00Z").await;
    assert_eq!(before, after, "frozen, fingerprint and all");
}

#[tokio::test]
async fn a_guest_association_approves_nothing_and_is_not_awaited() {
    let (bot, _dir) = bot().await;
    held_meeting(&bot).await;
    say_at(
        &bot,
        "@moderator:localhost",
        "$g",
        "!association invitée Secours populaire",
        "2026-12-11T08:59:00Z",
    )
    .await;
    let refused = say_at(
        &bot,
        "@carla:localhost",
        "$c",
        "!compte-rendu approuver 10/12",
        "2026-12-11T09:00:00Z",
    )
    .await;
    assert!(
        refused.contains("Secours populaire est une association invitée"),
        "{refused}"
    );
    say_at(
        &bot,
        "@alice:localhost",
        "$a",
        "!compte-rendu approuver 10/12",
        "2026-12-11T09:01:00Z",
    )
    .await;
    say_at(
        &bot,
        "@bob:localhost",
        "$b",
        "!compte-rendu approuver 10/12",
        "2026-12-11T09:02:00Z",
    )
    .await;
    assert!(
        bot.chat
            .sent()
            .iter()
            .any(|sent| sent.markdown.starts_with("**Procès-verbal adopté**")),
        "adopted by the two member associations"
    );
}
