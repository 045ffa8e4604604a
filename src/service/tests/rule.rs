//! The room's rule for a joint position: shown to anyone, set by a moderator, and applied to
//! every poll's results (consent counts silence once a poll with a deadline has closed;
//! majority needs n associations).

use super::*;

async fn four_associations(bot: &TestBot) {
    seed_associations(
        bot,
        &[
            ("@alice:localhost", "Restos du Cœur"),
            ("@bob:localhost", "Croix-Rouge"),
            ("@carla:localhost", "Secours Catholique"),
            ("@dina:localhost", "Secours populaire"),
        ],
    )
    .await;
}

#[tokio::test]
async fn the_rule_is_shown_set_by_a_moderator_and_checked() {
    let (bot, _dir) = bot().await;
    four_associations(&bot).await;
    let shown = say_at(
        &bot,
        "@alice:localhost",
        "$1",
        "!règle",
        "2026-11-29T18:00:00Z",
    )
    .await;
    assert!(shown.contains("**unanimité**"), "{shown}");
    let refused = say_at(
        &bot,
        "@alice:localhost",
        "$2",
        "!règle consentement",
        "2026-11-29T18:00:10Z",
    )
    .await;
    assert!(refused.contains("Seul un modérateur"), "{refused}");
    let too_high = say_at(
        &bot,
        "@moderator:localhost",
        "$3",
        "!règle majorité 7",
        "2026-11-29T18:00:20Z",
    )
    .await;
    assert!(too_high.contains("ce salon en compte 4"), "{too_high}");
    assert!(too_high.contains("`!règle majorité 4`"), "{too_high}");
    let set = say_at(
        &bot,
        "@moderator:localhost",
        "$4",
        "!rule majority 3",
        "2026-11-29T18:00:30Z",
    )
    .await;
    assert!(set.contains("**majorité de 3 associations**"), "{set}");
    let shown = say_at(
        &bot,
        "@bob:localhost",
        "$5",
        "!rule",
        "2026-11-29T18:00:40Z",
    )
    .await;
    assert!(shown.contains("**majorité de 3 associations**"), "{shown}");
}

#[tokio::test]
async fn majority_and_consent_decide_where_unanimity_would_not() {
    let (bot, _dir) = bot().await;
    four_associations(&bot).await;
    for (sender, event, body, when) in [
        (
            "@alice:localhost",
            "$p",
            "!sondage jusqu'au 30/11 18h : Signons-nous ? | Pour | Contre",
            "2026-11-29T18:00:00Z",
        ),
        (
            "@alice:localhost",
            "$v1",
            "!voter 1 Pour",
            "2026-11-29T18:01:00Z",
        ),
        (
            "@bob:localhost",
            "$v2",
            "!voter 1 Pour",
            "2026-11-29T18:02:00Z",
        ),
        (
            "@carla:localhost",
            "$v3",
            "!voter 1 Pour",
            "2026-11-29T18:03:00Z",
        ),
    ] {
        say_at(&bot, sender, event, body, when).await;
    }
    let results = |event: &'static str, when: &'static str| {
        let bot = &bot;
        async move { say_at(bot, "@bob:localhost", event, "!sondage résultats 1", when).await }
    };
    let unanimity = results("$r1", "2026-11-29T18:04:00Z").await;
    assert!(
        unanimity.contains("Pas encore de position commune"),
        "{unanimity}"
    );
    assert!(unanimity.contains("Règle : unanimité"), "{unanimity}");

    say_at(
        &bot,
        "@moderator:localhost",
        "$m",
        "!règle majorité 3",
        "2026-11-29T18:05:00Z",
    )
    .await;
    let majority = results("$r2", "2026-11-29T18:06:00Z").await;
    assert!(
        majority.contains("**Position commune : Pour.**"),
        "{majority}"
    );
    assert!(
        majority.contains("Règle : majorité de 3 associations"),
        "{majority}"
    );

    // Consent: the silent association is awaited while the poll is open…
    say_at(
        &bot,
        "@moderator:localhost",
        "$c",
        "!règle consentement",
        "2026-11-29T18:07:00Z",
    )
    .await;
    let open = results("$r3", "2026-11-29T18:08:00Z").await;
    assert!(open.contains("Pas encore de position commune"), "{open}");
    // …and does not object once the deadline closed the poll; the results say so.
    bot.service
        .run_due(at("2026-11-30T17:00:01Z"))
        .await
        .expect("due");
    let closed = results("$r4", "2026-11-30T18:00:00Z").await;
    assert!(closed.contains("**Position commune : Pour.**"), "{closed}");
    assert!(
        closed.contains("comptées comme ne s'opposant pas : Secours populaire"),
        "{closed}"
    );
    assert!(closed.contains("Règle : consentement"), "{closed}");
}

#[tokio::test]
async fn a_guest_association_speaks_apart_and_never_weighs() {
    let (bot, _dir) = bot().await;
    seed_associations(
        &bot,
        &[
            ("@alice:localhost", "Restos du Cœur"),
            ("@bob:localhost", "Croix-Rouge"),
            ("@emma:localhost", "Emmaüs"),
        ],
    )
    .await;
    let refused = say_at(
        &bot,
        "@alice:localhost",
        "$g0",
        "!association invitée Emmaüs",
        "2026-11-29T17:59:00Z",
    )
    .await;
    assert!(refused.contains("Seul un modérateur"), "{refused}");
    let unknown = say_at(
        &bot,
        "@moderator:localhost",
        "$g1",
        "!association invitée Secours",
        "2026-11-29T17:59:10Z",
    )
    .await;
    assert!(
        unknown.contains("Je ne connais pas l'association « Secours »"),
        "{unknown}"
    );
    let set = say_at(
        &bot,
        "@moderator:localhost",
        "$g2",
        "!association guest emmaus",
        "2026-11-29T17:59:20Z",
    )
    .await;
    assert!(
        set.contains("Emmaüs est maintenant une **association invitée**"),
        "{set}"
    );
    let list = say_at(
        &bot,
        "@bob:localhost",
        "$g3",
        "!associations",
        "2026-11-29T17:59:30Z",
    )
    .await;
    assert!(list.contains("Emmaüs (association invitée"), "{list}");
    assert!(!list.contains("Croix-Rouge (association invitée"), "{list}");

    for (sender, event, body, when) in [
        (
            "@alice:localhost",
            "$p",
            "!sondage Signons-nous ? | Pour | Contre",
            "2026-11-29T18:00:00Z",
        ),
        (
            "@alice:localhost",
            "$v1",
            "!voter 1 Pour",
            "2026-11-29T18:01:00Z",
        ),
        (
            "@bob:localhost",
            "$v2",
            "!voter 1 Pour",
            "2026-11-29T18:02:00Z",
        ),
        (
            "@emma:localhost",
            "$v3",
            "!voter 1 Contre",
            "2026-11-29T18:03:00Z",
        ),
    ] {
        say_at(&bot, sender, event, body, when).await;
    }
    let results = say_at(
        &bot,
        "@bob:localhost",
        "$r",
        "!sondage résultats 1",
        "2026-11-29T18:04:00Z",
    )
    .await;
    assert!(
        results.contains("**Position commune : Pour.**"),
        "{results}"
    );
    assert!(
        results.contains(
            "Associations invitées (non comptées pour la position commune) : Emmaüs — Contre"
        ),
        "{results}"
    );
    assert!(
        !results.contains("- Emmaüs :"),
        "not among the members: {results}"
    );

    // Back to a member: its answer counts again, and blocks unanimity.
    say_at(
        &bot,
        "@moderator:localhost",
        "$g4",
        "!association membre Emmaüs",
        "2026-11-29T18:05:00Z",
    )
    .await;
    let again = say_at(
        &bot,
        "@bob:localhost",
        "$r2",
        "!sondage résultats 1",
        "2026-11-29T18:06:00Z",
    )
    .await;
    assert!(again.contains("Pas encore de position commune"), "{again}");
}

#[tokio::test]
async fn a_hidden_polls_results_say_only_who_answered_until_it_closes() {
    let (bot, _dir) = bot().await;
    four_associations(&bot).await;
    say_at(
        &bot,
        "@alice:localhost",
        "$p",
        "!sondage caché Signons-nous ? | Pour | Contre",
        "2026-11-29T18:00:00Z",
    )
    .await;
    let hidden = bot
        .chat
        .sent()
        .into_iter()
        .any(|sent| matches!(sent.content, Content::Poll { hidden: true, .. }));
    assert!(hidden, "an undisclosed native poll");
    say_at(
        &bot,
        "@alice:localhost",
        "$v1",
        "!voter 1 Pour",
        "2026-11-29T18:01:00Z",
    )
    .await;
    say_at(
        &bot,
        "@bob:localhost",
        "$v2",
        "!voter 1 Contre",
        "2026-11-29T18:02:00Z",
    )
    .await;
    let open = say_at(
        &bot,
        "@carla:localhost",
        "$r1",
        "!sondage résultats 1",
        "2026-11-29T18:03:00Z",
    )
    .await;
    assert!(
        open.contains("résultats cachés jusqu'à la clôture"),
        "{open}"
    );
    assert!(
        open.contains("Associations qui ont répondu : Restos du Cœur, Croix-Rouge"),
        "{open}"
    );
    assert!(
        open.contains("En attente : Secours Catholique, Secours populaire"),
        "{open}"
    );
    assert!(!open.contains("Pour") && !open.contains("Contre"), "{open}");
    say_at(
        &bot,
        "@alice:localhost",
        "$c",
        "!sondage clore 1",
        "2026-11-29T18:04:00Z",
    )
    .await;
    let closed = say_at(
        &bot,
        "@carla:localhost",
        "$r2",
        "!sondage résultats 1",
        "2026-11-29T18:05:00Z",
    )
    .await;
    assert!(closed.contains("1️⃣ Pour — 1 réponse"), "{closed}");
    assert!(closed.contains("Croix-Rouge : Contre"), "{closed}");
}

#[tokio::test]
async fn a_consent_poll_is_adopted_unless_an_association_objects_with_its_reasons() {
    let (bot, _dir) = bot().await;
    four_associations(&bot).await;
    say_at(
        &bot,
        "@alice:localhost",
        "$p",
        "!sondage consentement Nous co-signons la tribune",
        "2026-11-29T18:00:00Z",
    )
    .await;
    let options = bot
        .chat
        .sent()
        .into_iter()
        .find_map(|sent| match sent.content {
            Content::Poll { options, .. } => Some(options),
            _ => None,
        });
    assert_eq!(
        options,
        Some(vec![
            "D'accord".to_owned(),
            "Réserve".to_owned(),
            "Objection".to_owned()
        ])
    );
    say_at(
        &bot,
        "@alice:localhost",
        "$v1",
        "!voter 1 d'accord",
        "2026-11-29T18:01:00Z",
    )
    .await;
    let concern = say_at(
        &bot,
        "@bob:localhost",
        "$v2",
        "!voter 1 réserve le coût de l'impression",
        "2026-11-29T18:02:00Z",
    )
    .await;
    assert!(concern.contains("Raison notée"), "{concern}");
    say_at(
        &bot,
        "@carla:localhost",
        "$v3",
        "!voter 1 D'accord",
        "2026-11-29T18:03:00Z",
    )
    .await;
    say_at(
        &bot,
        "@dina:localhost",
        "$v4",
        "!voter 1 d'accord",
        "2026-11-29T18:04:00Z",
    )
    .await;
    let adopted = say_at(
        &bot,
        "@bob:localhost",
        "$r1",
        "!sondage résultats 1",
        "2026-11-29T18:05:00Z",
    )
    .await;
    assert!(
        adopted.contains("**Position commune : D'accord.**"),
        "a concern never blocks: {adopted}"
    );
    assert!(
        adopted.contains("BOB (Réserve) : le coût de l'impression"),
        "{adopted}"
    );

    // An objection without its reason: asked for; then given in one go; it blocks.
    let asked = say_at(
        &bot,
        "@dina:localhost",
        "$v5",
        "!voter 1 objection",
        "2026-11-29T18:06:00Z",
    )
    .await;
    assert!(asked.contains("Pourquoi « Objection » ?"), "{asked}");
    assert!(asked.contains("`!voter 1 objection <raison>`"), "{asked}");
    let long = format!("!voter 1 objection {}", "x".repeat(501));
    let refused = say_at(
        &bot,
        "@dina:localhost",
        "$v6",
        &long,
        "2026-11-29T18:07:00Z",
    )
    .await;
    assert!(refused.contains("500 caractères au plus"), "{refused}");
    say_at(
        &bot,
        "@dina:localhost",
        "$v7",
        "!voter 1 objection la date est trop proche",
        "2026-11-29T18:08:00Z",
    )
    .await;
    let blocked = say_at(
        &bot,
        "@bob:localhost",
        "$r2",
        "!sondage résultats 1",
        "2026-11-29T18:09:00Z",
    )
    .await;
    assert!(
        blocked.contains("**Pas adopté : objection de Secours populaire.**"),
        "{blocked}"
    );
    assert!(
        blocked.contains("@dina:localhost (Objection) : la date est trop proche"),
        "{blocked}"
    );

    // Closed and recorded: the record keeps the reasons.
    say_at(
        &bot,
        "@alice:localhost",
        "$c",
        "!sondage clore 1 enregistrer",
        "2026-11-29T18:10:00Z",
    )
    .await;
    let decision = say_at(
        &bot,
        "@bob:localhost",
        "$d",
        "!décision 1",
        "2026-11-29T18:11:00Z",
    )
    .await;
    assert!(decision.contains("Pas de position commune"), "{decision}");
    assert!(
        decision.contains("Objection : la date est trop proche"),
        "{decision}"
    );
    assert!(decision.contains("règle : unanimité"), "{decision}");
}

#[tokio::test]
async fn an_objection_from_the_client_is_asked_its_reason_in_the_thread() {
    let (bot, _dir) = bot().await;
    four_associations(&bot).await;
    say_at(
        &bot,
        "@alice:localhost",
        "$p",
        "!sondage consentement Nous co-signons la tribune",
        "2026-11-29T18:00:00Z",
    )
    .await;
    let poll = EventId::new("$reply1");
    bot.handle(
        Incoming::PollResponse(IncomingPollResponse {
            room: RoomId::new("!room"),
            event_id: EventId::new("$answer"),
            sender: UserId::new("@bob:localhost"),
            poll: poll.clone(),
            answers: vec!["3".into()],
            sent_at: at("2026-11-29T18:01:00Z"),
        }),
        at("2026-11-29T18:01:00Z"),
    )
    .await;
    let asked = bot
        .chat
        .sent()
        .into_iter()
        .find(|sent| sent.thread.as_ref() == Some(&poll));
    let asked = asked.expect("asked in the thread");
    assert!(
        matches!(asked.content, Content::Text { ref mentions, .. } if mentions == &vec![UserId::new("@bob:localhost")])
    );
    assert!(
        asked.markdown.contains("pourquoi « Objection »"),
        "{}",
        asked.markdown
    );
    // His next message in the thread is the reason; another's is not.
    for (sender, event, body) in [
        ("@carla:localhost", "$chat", "je suis d'accord avec Bob"),
        (
            "@bob:localhost",
            "$why",
            "nous n'avons pas lu le texte final",
        ),
    ] {
        let message = IncomingMessage {
            thread: Some(poll.clone()),
            ..at_time(sender, event, body, "2026-11-29T18:02:00Z")
        };
        bot.on_message(&message, at("2026-11-29T18:02:00Z")).await;
    }
    assert!(reply_to(&bot, "$chat").is_empty());
    assert!(reply_to(&bot, "$why").contains("Raison notée"));
    let results = say_at(
        &bot,
        "@alice:localhost",
        "$r",
        "!sondage résultats 1",
        "2026-11-29T18:03:00Z",
    )
    .await;
    assert!(
        results.contains("BOB (Objection) : nous n'avons pas lu le texte final"),
        "{results}"
    );
}
