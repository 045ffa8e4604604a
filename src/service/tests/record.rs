//! The record: decisions, their search and history, actions, minutes.

use super::*;
use crate::domain::messages::Content;

#[tokio::test]
async fn decisions_are_numbered_searched_amended_and_revoked_without_losing_a_word() {
    let (bot, _dir) = bot().await;
    seed_alice_and_bob(&bot).await;
    let replies = run_all(
        &bot,
        &[
            (
                "@alice:localhost",
                "$1",
                "!décision Lettre commune au Préfet sur l'aide alimentaire",
            ),
            (
                "@bob:localhost",
                "$2",
                "!decision Le lieu d’accueil ouvre en janvier",
            ),
            ("@alice:localhost", "$3", "!décisions prefet"),
            ("@alice:localhost", "$4", "!décisions lieu d'accueil"),
            ("@alice:localhost", "$5", "!décisions maraude"),
            (
                "@bob:localhost",
                "$6",
                "!décision modifier 1 Lettre au Conseil départemental",
            ),
            (
                "@alice:localhost",
                "$7",
                "!décision modifier 1 Lettre commune au Conseil départemental",
            ),
            ("@alice:localhost", "$8", "!décision annuler 2"),
            (
                "@moderator:localhost",
                "$9",
                "!décision annuler 2 Local pas prêt",
            ),
            ("@alice:localhost", "$10", "!décision 1"),
            ("@alice:localhost", "$11", "!décisions accueil"),
            ("@alice:localhost", "$12", "!décisions"),
        ],
    )
    .await;
    assert!(
        replies[0].starts_with("**Décision n° 1 enregistrée** : Lettre commune au Préfet"),
        "{}",
        replies[0]
    );
    assert!(
        replies[1].contains("Décision n° 2 enregistrée"),
        "{}",
        replies[1]
    );
    assert!(
        replies[2].contains("n° 1 — Lettre commune au Préfet") && !replies[2].contains("n° 2"),
        "{}",
        replies[2]
    );
    assert!(
        replies[3].contains("n° 2 — Le lieu d’accueil"),
        "{}",
        replies[3]
    );
    assert!(
        replies[4].contains("Aucune décision ne contient « maraude »")
            && replies[4].contains("`!décisions préfet`"),
        "{}",
        replies[4]
    );
    assert!(
        replies[5].contains("Seule la personne qui a enregistré la décision n° 1 (ALICE)"),
        "{}",
        replies[5]
    );
    assert!(replies[6].contains("(version 2)"), "{}", replies[6]);
    assert!(
        replies[7].contains("Il manque") || replies[7].contains("Exemple"),
        "a revocation needs its reason: {}",
        replies[7]
    );
    assert!(
        replies[8].contains("Décision n° 2 annulée : Local pas prêt"),
        "{}",
        replies[8]
    );
    let detail = &replies[9];
    assert!(
        detail.contains("Lettre commune au Conseil départemental"),
        "{detail}"
    );
    assert!(
        detail.contains("Enregistrée par ALICE (Restos du Cœur)"),
        "{detail}"
    );
    assert!(detail.contains("v1 (ALICE"), "{detail}");
    assert!(
        detail.contains("Lettre commune au Préfet"),
        "the old text is kept: {detail}"
    );
    assert!(replies[10].contains("**annulée**"), "{}", replies[10]);
    assert!(replies[10].contains("Local pas prêt"), "{}", replies[10]);
    let latest = &replies[11];
    assert!(latest.contains("modifiée (2 versions)"), "{latest}");
    let second = latest.find("n° 2").expect("n° 2");
    let first = latest.find("n° 1").expect("n° 1");
    assert!(second < first, "newest first: {latest}");
}

#[tokio::test]
async fn a_decision_belongs_to_the_meeting_of_its_day() {
    let (bot, _dir) = bot().await;
    let mut tx = bot.store.begin().await.expect("begin");
    let meeting = tx
        .create_unscheduled_meeting(&RoomId::new("!room"), at("2026-11-01T00:00:00Z"))
        .await
        .expect("meeting");
    tx.schedule_meeting(
        meeting.id,
        at("2026-12-10T13:00:00Z"),
        at("2026-11-29T18:00:00Z"),
    )
    .await
    .expect("schedule");
    tx.commit().await.expect("commit");
    let during = at("2026-12-10T15:00:00Z");
    bot.on_message(
        &at_time(
            "@alice:localhost",
            "$1",
            "!décision On signe",
            "2026-12-10T15:00:00Z",
        ),
        during,
    )
    .await;
    let reply = bot.chat.notices().last().expect("reply").markdown.clone();
    assert!(reply.contains("(réunion du 10/12/2026)"), "{reply}");
}

#[tokio::test]
async fn an_action_with_a_due_date_wakes_the_clock_for_its_reminders() {
    let (bot, _dir) = bot().await;
    seed_alice_and_bob(&bot).await;
    bot.clock_woken().await;
    run_all(
        &bot,
        &[("@alice:localhost", "$1", "!action Emmaüs Trier les dons")],
    )
    .await;
    assert!(
        !bot.clock_woken().await,
        "nothing to remind: the clock sleeps on"
    );
    run_all(
        &bot,
        &[(
            "@alice:localhost",
            "$2",
            "!action Croix-Rouge Écrire au maire avant le 15/12",
        )],
    )
    .await;
    assert!(bot.clock_woken().await, "its reminders are the clock's");
}

#[tokio::test]
async fn actions_are_for_a_member_or_an_association_and_late_ones_come_first() {
    let (bot, _dir) = bot().await;
    seed_alice_and_bob(&bot).await;
    let replies = run_all(
        &bot,
        &[
            (
                "@alice:localhost",
                "$1",
                "!action Croix-Rouge Écrire au maire de Chelles avant le 15/12",
            ),
            (
                "@alice:localhost",
                "$2",
                "!action @carla:localhost Réserver la salle avant le 1/12",
            ),
            ("@alice:localhost", "$3", "!action Emmaüs Trier les dons"),
            (
                "@alice:localhost",
                "$4",
                "!action croix rouge Appeler la DDETS",
            ),
            (
                "@alice:localhost",
                "$5",
                "!action Croix-Rouge Appeler avant le 31/02",
            ),
        ],
    )
    .await;
    assert!(
        replies[0]
            .contains("n° 1 — Croix-Rouge : Écrire au maire de Chelles — avant le 15/12/2026"),
        "{}",
        replies[0]
    );
    assert!(
        replies[1].contains("n° 2 — CARLA : Réserver la salle"),
        "{}",
        replies[1]
    );
    assert!(
        replies[2].contains("Je ne sais pas qui est « Emmaüs »")
            && replies[2].contains("Restos du Cœur, Croix-Rouge"),
        "{}",
        replies[2]
    );
    assert!(
        replies[3].contains("n° 3 — Croix-Rouge : Appeler la DDETS"),
        "{}",
        replies[3]
    );
    assert!(
        replies[4].contains("L'échéance « 31/02 »"),
        "{}",
        replies[4]
    );

    // On 5 December action 2 is late; Alice (Restos du Cœur) may not close the Croix-Rouge's
    // action, Bob (Croix-Rouge) may.
    let later = at("2026-12-05T09:00:00Z");
    for (sender, event, body) in [
        ("@alice:localhost", "$6", "!actions"),
        ("@alice:localhost", "$7", "!action fait 1"),
        ("@bob:localhost", "$8", "!action fait 1"),
        ("@bob:localhost", "$9", "!action fait 1"),
        ("@carla:localhost", "$10", "!action done 2"),
        ("@alice:localhost", "$11", "!actions"),
    ] {
        bot.on_message(&at_time(sender, event, body, "2026-12-05T09:00:00Z"), later)
            .await;
    }
    let notices: Vec<String> = bot.chat.notices().into_iter().map(|n| n.markdown).collect();
    let list = &notices[5];
    let late = list.find("n° 2 — CARLA").expect("action 2");
    let first = list.find("n° 1 — Croix-Rouge").expect("action 1");
    assert!(late < first, "late first: {list}");
    assert!(
        list.contains("Réserver la salle — avant le 01/12/2026 — ⚠️ **en retard**"),
        "{list}"
    );
    assert!(notices[6].contains("Seuls Croix-Rouge"), "{}", notices[6]);
    assert!(notices[7].contains("Action n° 1 faite"), "{}", notices[7]);
    assert!(notices[8].contains("déjà faite"), "{}", notices[8]);
    assert!(notices[9].contains("Action n° 2 faite"), "{}", notices[9]);
    let remaining = &notices[10];
    assert!(
        remaining.contains("n° 3") && !remaining.contains("n° 1 —"),
        "{remaining}"
    );
}

#[tokio::test]
async fn the_minutes_gather_the_agenda_polls_decisions_and_actions_of_the_meeting() {
    let (bot, _dir) = bot().await;
    seed_alice_and_bob(&bot).await;
    run_all(
        &bot,
        &[
            ("@alice:localhost", "$1", "!agenda ajouter Budget 2027"),
            ("@alice:localhost", "$2", "!agenda ajouter Locaux"),
            ("@alice:localhost", "$3", "!agenda ajouter Maraudes"),
            ("@alice:localhost", "$4", "!réunion lieu Mairie de Melun"),
        ],
    )
    .await;
    let mut tx = bot.store.begin().await.expect("begin");
    let meeting = tx
        .planned_meetings(&RoomId::new("!room"))
        .await
        .expect("meetings")[0]
        .clone();
    tx.schedule_meeting(
        meeting.id,
        at("2026-12-10T13:00:00Z"),
        at("2026-11-29T18:00:00Z"),
    )
    .await
    .expect("schedule");
    tx.set_meeting_host(meeting.id, "Croix-Rouge")
        .await
        .expect("host");
    tx.commit().await.expect("commit");
    for (second, (sender, event, body)) in [
        (
            "@bob:localhost",
            "$4b",
            "!agenda note 1 Budget validé à l'unanimité",
        ),
        (
            "@alice:localhost",
            "$4c",
            "!agenda note 1 Subvention FEAD à demander",
        ),
        ("@alice:localhost", "$4d", "!agenda note 9 Rien"),
        (
            "@alice:localhost",
            "$4e",
            "!invité ajouter Mme Martin (ADSEA) — jeunes migrants isolés",
        ),
        ("@alice:localhost", "$5", "!agenda traité 1"),
        ("@alice:localhost", "$6", "!agenda retirer 2"),
        ("@alice:localhost", "$7", "!sondage Signons-nous ?"),
        ("@bob:localhost", "$8", "!voter 1 Pour"),
        ("@alice:localhost", "$9", "!voter 1 Pour"),
        ("@alice:localhost", "$10", "!sondage clore 1"),
        ("@alice:localhost", "$11", "!décision On signe la lettre"),
        (
            "@bob:localhost",
            "$12",
            "!action Croix-Rouge Envoyer la lettre avant le 20/12",
        ),
    ]
    .into_iter()
    .enumerate()
    {
        // A second apart, as messages are.
        let when = format!("2026-12-10T15:00:{second:02}Z");
        bot.on_message(&at_time(sender, event, body, &when), at(&when))
            .await;
    }
    bot.service
        .run_due(at("2026-12-11T08:00:00Z"))
        .await
        .expect("carry over");
    let next_day = at("2026-12-11T08:00:00Z");
    bot.on_message(
        &at_time(
            "@alice:localhost",
            "$m",
            "!compte-rendu",
            "2026-12-11T08:00:00Z",
        ),
        next_day,
    )
    .await;
    bot.on_message(
        &at_time(
            "@alice:localhost",
            "$m2",
            "!compte-rendu 3/12",
            "2026-12-11T08:00:01Z",
        ),
        next_day,
    )
    .await;
    let sent = bot.chat.sent();
    let minutes = sent
        .iter()
        .find(|s| s.in_reply_to == Some(EventId::new("$m")))
        .expect("minutes")
        .markdown
        .clone();
    assert!(
        minutes.starts_with("**Compte rendu de la réunion du jeudi 10 décembre 2026 à 14 h**"),
        "{minutes}"
    );
    assert!(minutes.contains("Lieu : Mairie de Melun"), "{minutes}");
    assert!(minutes.contains("Accueil : Croix-Rouge"), "{minutes}");
    assert!(
        minutes.contains("- Intervenants : Mme Martin \\(ADSEA\\) — jeunes migrants isolés\n"),
        "{minutes}"
    );
    assert!(minutes.contains("1. Budget 2027 — traité"), "{minutes}");
    // The notes under their item, in order, with their authors.
    assert!(
        minutes.contains(
            "— traité (ALICE)\n   - Budget validé à l'unanimité (BOB)\n   - Subvention FEAD à demander (ALICE)\n"
        ),
        "{minutes}"
    );
    let noted = sent
        .iter()
        .find(|s| s.in_reply_to == Some(EventId::new("$4b")))
        .expect("noted")
        .markdown
        .clone();
    assert!(
        noted.contains("Note ajoutée au point n° 1 (« Budget 2027 »)"),
        "{noted}"
    );
    let no_such_item = sent
        .iter()
        .find(|s| s.in_reply_to == Some(EventId::new("$4d")))
        .expect("refused")
        .markdown
        .clone();
    assert!(no_such_item.contains('9'), "{no_such_item}");
    assert!(minutes.contains("Locaux — retiré"), "{minutes}");
    assert!(minutes.contains("Maraudes — reporté"), "{minutes}");
    assert!(
        minutes.contains(
            "n° 1 « Signons-nous ? » : Pour 2, Contre 0, Abstention 0. Position commune : Pour."
        ),
        "{minutes}"
    );
    assert!(minutes.contains("n° 1 — On signe la lettre"), "{minutes}");
    assert!(
        minutes.contains("Croix-Rouge : Envoyer la lettre — avant le 20/12/2026"),
        "{minutes}"
    );
    let file = sent
        .iter()
        .find_map(|s| match &s.content {
            Content::File { name, mime, data } if mime == "text/markdown" => Some((
                name.clone(),
                String::from_utf8(data.clone()).expect("utf-8"),
            )),
            _ => None,
        })
        .expect("a Markdown file");
    assert_eq!(file.0, "compte-rendu-2026-12-10.md");
    assert_eq!(file.1, minutes);
    let none = sent
        .iter()
        .find(|s| s.in_reply_to == Some(EventId::new("$m2")))
        .expect("reply")
        .markdown
        .clone();
    assert!(
        none.contains("Il n'y a pas eu de réunion le 03/12/2026"),
        "{none}"
    );
}
