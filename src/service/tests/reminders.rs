//! Reminders: asked for, recurring, cancelled; meeting reminders; poll nudges; action
//! reminders — each once, late rather than never, as texts that mention people.

use super::*;
use crate::domain::messages::Content;

/// The texts (reminders) sent so far, with their mentions.
fn texts_sent(bot: &TestBot) -> Vec<(String, Vec<UserId>)> {
    bot.chat
        .sent()
        .into_iter()
        .filter_map(|sent| match sent.content {
            Content::Text { markdown, mentions } => Some((markdown, mentions)),
            _ => None,
        })
        .collect()
}

async fn due(bot: &TestBot, now: &str) -> Option<DateTime<Utc>> {
    let next = bot.service.run_due(at(now)).await.expect("due work");
    bot.deliver().await;
    next
}

#[tokio::test]
async fn a_reminder_repeats_its_time_in_words_and_comes_once_with_a_mention() {
    let (bot, _dir) = bot().await;
    let replies = run_all(
        &bot,
        &[(
            "@alice:localhost",
            "$r",
            "!rappel dans 2 heures Appeler la mairie",
        )],
    )
    .await;
    assert!(
        replies[0]
            .contains("le dimanche 29 novembre 2026 à 21 h : « Appeler la mairie » (rappel n° 1)"),
        "{}",
        replies[0]
    );
    assert_eq!(
        due(&bot, "2026-11-29T19:59:00Z").await,
        Some(at("2026-11-29T20:00:00Z"))
    );
    assert!(texts_sent(&bot).is_empty());
    due(&bot, "2026-11-29T20:00:10Z").await;
    due(&bot, "2026-11-29T20:00:20Z").await;
    let sent = texts_sent(&bot);
    assert_eq!(sent.len(), 1, "once: {sent:#?}");
    assert_eq!(
        sent[0].0,
        "⏰ Rappel pour [ALICE](https://matrix.to/#/@alice:localhost) : Appeler la mairie"
    );
    assert_eq!(sent[0].1, vec![UserId::new("@alice:localhost")]);
}

#[tokio::test]
async fn a_reminder_due_while_the_bot_was_down_comes_once_marked_late() {
    let (bot, _dir) = bot().await;
    run_all(
        &bot,
        &[("@alice:localhost", "$r", "!rappel dans 2 heures Appeler")],
    )
    .await;
    due(&bot, "2026-11-30T08:00:00Z").await;
    due(&bot, "2026-11-30T08:00:01Z").await;
    let sent = texts_sent(&bot);
    assert_eq!(sent.len(), 1);
    assert!(
        sent[0]
            .0
            .contains("(prévu le dimanche 29 novembre 2026 à 21 h, envoyé en retard)"),
        "{}",
        sent[0].0
    );
}

#[tokio::test]
async fn a_weekly_reminder_comes_back_each_week_at_the_same_local_time() {
    let (bot, _dir) = bot().await;
    let replies = run_all(
        &bot,
        &[(
            "@alice:localhost",
            "$r",
            "!rappel chaque lundi 9h Envoyer l'ordre du jour",
        )],
    )
    .await;
    assert!(
        replies[0]
            .contains("chaque lundi à 9 h, la prochaine fois le lundi 30 novembre 2026 à 9 h"),
        "{}",
        replies[0]
    );
    due(&bot, "2026-11-30T08:00:05Z").await;
    assert_eq!(
        due(&bot, "2026-11-30T08:00:30Z").await,
        Some(at("2026-12-07T08:00:00Z"))
    );
    due(&bot, "2026-12-07T08:00:05Z").await;
    assert_eq!(texts_sent(&bot).len(), 2);
    let listed = run_all(&bot, &[("@alice:localhost", "$l", "!rappels")]).await;
    let list = listed.last().expect("list");
    assert!(
        list.contains("n° 1 — chaque lundi à 9 h (lundi 14 décembre 2026 à 9 h)"),
        "{list}"
    );
    assert!(
        list.contains("Rappels de réunion : 7 jours, 1 jour, 2 heures avant"),
        "{list}"
    );
}

#[tokio::test]
async fn wrong_times_get_an_answer_with_an_example_and_cancelling_is_for_the_author() {
    let (bot, _dir) = bot().await;
    let replies = run_all(
        &bot,
        &[
            ("@alice:localhost", "$1", "!rappel 31/11 9h Réunion"),
            ("@alice:localhost", "$2", "!rappel un jour peut-être"),
            ("@alice:localhost", "$3", "!rappel dans 3 ans Bilan"),
            ("@alice:localhost", "$4", "!rappel demain 9h"),
            ("@alice:localhost", "$5", "!rappel demain 9h Appeler"),
            ("@bob:localhost", "$6", "!rappels annuler 1"),
            ("@alice:localhost", "$7", "!rappels annuler 1"),
            ("@alice:localhost", "$8", "!rappels"),
        ],
    )
    .await;
    assert!(
        replies[0].contains("n'existe pas dans le calendrier"),
        "{}",
        replies[0]
    );
    assert!(
        replies[1].contains("Je ne sais pas quand"),
        "{}",
        replies[1]
    );
    assert!(replies[2].contains("plus de deux ans"), "{}", replies[2]);
    assert!(replies[3].contains("Il manque le texte"), "{}", replies[3]);
    for reply in &replies[..4] {
        assert!(
            reply.contains("`!rappel demain 9h Envoyer l'ordre du jour`"),
            "{reply}"
        );
    }
    assert!(
        replies[5].contains("Seule la personne qui a demandé le rappel n° 1 (ALICE)"),
        "{}",
        replies[5]
    );
    assert!(replies[6].contains("Rappel n° 1 annulé"), "{}", replies[6]);
    assert!(
        replies[7].contains("Aucun rappel à venir"),
        "{}",
        replies[7]
    );
    due(&bot, "2026-12-01T08:00:00Z").await;
    assert!(
        texts_sent(&bot).is_empty(),
        "a cancelled reminder never comes"
    );
}

#[tokio::test]
async fn meeting_reminders_come_at_their_offsets_and_never_for_a_cancelled_meeting() {
    let (bot, _dir) = bot().await;
    seed_alice_and_bob(&bot).await;
    run_all(
        &bot,
        &[
            (
                "@alice:localhost",
                "$p",
                "!réunion proposer 10/12 14h ; 17/12 14h",
            ),
            ("@alice:localhost", "$c", "!réunion clore 1"),
            (
                "@alice:localhost",
                "$u",
                "!agenda urgent Fermeture du local",
            ),
            ("@alice:localhost", "$a", "!agenda ajouter Budget"),
        ],
    )
    .await;
    // A week before: the agenda, and a call for items.
    assert_eq!(
        due(&bot, "2026-12-03T12:59:00Z").await,
        Some(at("2026-12-03T13:00:00Z"))
    );
    due(&bot, "2026-12-03T13:00:10Z").await;
    // The day before: the agenda, urgent items first.
    due(&bot, "2026-12-09T13:00:10Z").await;
    let sent = texts_sent(&bot);
    assert_eq!(sent.len(), 2, "{sent:#?}");
    assert!(
        sent[0].0.starts_with(
            "📅 **Réunion dans 7 jours** : la réunion du jeudi 10 décembre 2026 à 14 h."
        ),
        "{}",
        sent[0].0
    );
    assert!(
        sent[0].0.contains("`!agenda ajouter <texte>`"),
        "{}",
        sent[0].0
    );
    assert!(
        sent[1].0.starts_with("📅 **Réunion dans 1 jour**"),
        "{}",
        sent[1].0
    );
    let urgent = sent[1].0.find("Fermeture").expect("urgent item");
    let budget = sent[1].0.find("Budget").expect("item");
    assert!(urgent < budget, "{}", sent[1].0);
    // Cancelled: the 2-hour reminder never comes.
    run_all(&bot, &[("@alice:localhost", "$x", "!réunion annuler")]).await;
    due(&bot, "2026-12-10T11:00:10Z").await;
    assert_eq!(texts_sent(&bot).len(), 2);
}

#[tokio::test]
async fn a_meeting_set_for_tomorrow_gets_no_week_reminder_and_a_late_bot_sends_only_the_latest() {
    let (bot, _dir) = bot().await;
    seed_alice_and_bob(&bot).await;
    run_all(
        &bot,
        &[
            (
                "@alice:localhost",
                "$p",
                "!réunion proposer 30/11 20h ; 1/12 20h",
            ),
            ("@alice:localhost", "$c", "!réunion clore 1"),
        ],
    )
    .await;
    // The bot was down all day: at 18:30 the 1-day and the 2-hour reminders are both overdue.
    due(&bot, "2026-11-30T17:30:00Z").await;
    due(&bot, "2026-11-30T17:31:00Z").await;
    let sent = texts_sent(&bot);
    assert_eq!(sent.len(), 1, "{sent:#?}");
    assert!(
        sent[0].0.starts_with("📅 **Réunion dans 2 heures**"),
        "{}",
        sent[0].0
    );
    assert!(sent[0].0.contains("envoyé en retard"), "{}", sent[0].0);
}

#[tokio::test]
async fn a_poll_nudge_names_exactly_the_associations_that_have_not_answered_once() {
    let (bot, _dir) = bot().await;
    seed_alice_and_bob(&bot).await;
    run_all(
        &bot,
        &[
            (
                "@alice:localhost",
                "$p",
                "!sondage jusqu'au 5/12 18h : Signons-nous ?",
            ),
            ("@alice:localhost", "$v", "!voter 1 Pour"),
        ],
    )
    .await;
    // Deadline 5/12 17:00 UTC: the nudge is a day before.
    assert_eq!(
        due(&bot, "2026-12-01T00:00:00Z").await,
        Some(at("2026-12-04T17:00:00Z"))
    );
    due(&bot, "2026-12-04T17:00:05Z").await;
    // Later passes of the clock neither send the nudge again nor build it again.
    let names_asked = bot
        .chat
        .names_asked
        .load(std::sync::atomic::Ordering::Relaxed);
    due(&bot, "2026-12-04T18:00:00Z").await;
    assert_eq!(
        bot.chat
            .names_asked
            .load(std::sync::atomic::Ordering::Relaxed),
        names_asked
    );
    let sent = texts_sent(&bot);
    assert_eq!(sent.len(), 1, "{sent:#?}");
    assert!(
        sent[0].0.contains(
            "Pas encore de réponse : Croix-Rouge : [BOB](https://matrix.to/#/@bob:localhost)."
        ),
        "{}",
        sent[0].0
    );
    assert!(!sent[0].0.contains("Restos"), "{}", sent[0].0);
    assert_eq!(sent[0].1, vec![UserId::new("@bob:localhost")]);
}

#[tokio::test]
async fn an_action_is_reminded_two_days_before_and_on_the_day_to_its_owners() {
    let (bot, _dir) = bot().await;
    seed_alice_and_bob(&bot).await;
    run_all(
        &bot,
        &[(
            "@alice:localhost",
            "$a",
            "!action Croix-Rouge Écrire au maire avant le 15/12",
        )],
    )
    .await;
    due(&bot, "2026-12-13T08:00:05Z").await;
    due(&bot, "2026-12-15T08:00:05Z").await;
    due(&bot, "2026-12-15T09:00:05Z").await;
    let sent = texts_sent(&bot);
    assert_eq!(sent.len(), 2, "{sent:#?}");
    assert!(
        sent[0].0.contains("Action n° 1 pour Croix-Rouge ([BOB](https://matrix.to/#/@bob:localhost)) : Écrire au maire — à faire avant le 15/12/2026"),
        "{}",
        sent[0].0
    );
    assert!(
        sent[1].0.contains("c'est pour aujourd'hui"),
        "{}",
        sent[1].0
    );
    assert_eq!(sent[1].1, vec![UserId::new("@bob:localhost")]);
    // Done: no more reminders of it.
    run_all(&bot, &[("@bob:localhost", "$d", "!action fait 1")]).await;
    assert_eq!(due(&bot, "2026-12-20T08:00:00Z").await, None);
}

#[tokio::test]
async fn a_reminder_for_yesterday_or_a_past_date_is_told_it_is_past_with_an_example() {
    let (bot, _dir) = bot().await;
    let replies = run_all(
        &bot,
        &[
            (
                "@alice:localhost",
                "$1",
                "!rappel hier 9h Envoyer la lettre",
            ),
            (
                "@alice:localhost",
                "$2",
                "!remind yesterday 9am Send the letter",
            ),
            ("@alice:localhost", "$3", "!rappel 1/11/2026 9h Bilan"),
        ],
    )
    .await;
    for reply in &replies {
        assert!(reply.contains("Ce moment est déjà passé."), "{reply}");
        assert!(
            reply.contains("Exemple : `!rappel demain 9h"),
            "an example: {reply}"
        );
        assert!(!reply.contains("Je ne sais pas quand"), "{reply}");
    }
    assert_eq!(replies.len(), 3);
}

#[tokio::test]
async fn the_day_before_reminder_lists_who_comes_and_calls_an_association_nobody_represents() {
    let (bot, _dir) = bot().await;
    seed_alice_and_bob(&bot).await;
    run_all(
        &bot,
        &[
            (
                "@alice:localhost",
                "$p",
                "!réunion proposer 10/12 14h ; 17/12 14h",
            ),
            ("@alice:localhost", "$c", "!réunion clore 1"),
            ("@alice:localhost", "$y", "!présence oui"),
        ],
    )
    .await;
    due(&bot, "2026-12-03T13:00:10Z").await;
    due(&bot, "2026-12-09T13:00:10Z").await;
    let sent = texts_sent(&bot);
    let (week, week_mentions) = &sent[0];
    assert!(!week.contains("**Présence**"), "not a week ahead: {week}");
    assert!(week_mentions.is_empty());
    let (day_before, mentions) = &sent[1];
    assert!(day_before.contains("**Présence** :"), "{day_before}");
    assert!(
        day_before.contains("Restos du Cœur : 1/1 — ALICE"),
        "{day_before}"
    );
    assert!(
        day_before.contains(
            "Croix-Rouge n'est pas encore représentée : [BOB](https://matrix.to/#/@bob:localhost)"
        ),
        "{day_before}"
    );
    assert!(
        mentions.contains(&UserId::new("@bob:localhost")),
        "{mentions:?}"
    );
    assert!(
        !mentions.contains(&UserId::new("@alice:localhost")),
        "{mentions:?}"
    );
}
