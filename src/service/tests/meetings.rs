//! Date proposals, closing, cancelling, hosts and associations.

use super::*;

/// Alice (Restos du Cœur) proposes two dates; returns the proposal's event id.
pub(super) async fn proposal_with_associations(bot: &TestBot) -> EventId {
    let room = RoomId::new("!room");
    let mut tx = bot.store.begin().await.expect("begin");
    let order = vec!["Restos du Cœur".to_owned(), "Croix-Rouge".to_owned()];
    let members = vec![
        (UserId::new("@alice:localhost"), "Restos du Cœur".to_owned()),
        (UserId::new("@bob:localhost"), "Croix-Rouge".to_owned()),
    ];
    tx.seed_room(&room, &order, &members, at("2026-11-29T18:00:00Z"))
        .await
        .expect("seed");
    tx.commit().await.expect("commit");
    run_all(
        bot,
        &[(
            "@alice:localhost",
            "$p",
            "!réunion proposer 10/12 14h ; jeudi 17/12 14h",
        )],
    )
    .await;
    // The recorder names sent events $reply<n>: the proposal is the first.
    EventId::new("$reply1")
}

#[tokio::test]
async fn a_proposal_lists_its_dates_and_the_bot_adds_one_reaction_per_date_and_the_shrug() {
    let (bot, _dir) = bot().await;
    let proposal = proposal_with_associations(&bot).await;
    let sent = bot.chat.sent();
    assert!(
        sent[0].markdown.contains("Proposition de dates"),
        "{}",
        sent[0].markdown
    );
    assert!(
        sent[0]
            .markdown
            .contains("1️⃣ jeudi 10 décembre 2026 à 14 h"),
        "{}",
        sent[0].markdown
    );
    assert!(
        sent[0]
            .markdown
            .contains("2️⃣ jeudi 17 décembre 2026 à 14 h"),
        "{}",
        sent[0].markdown
    );
    let reactions: Vec<(Content, Option<EventId>)> = sent[1..]
        .iter()
        .map(|s| (s.content.clone(), s.in_reply_to.clone()))
        .collect();
    assert_eq!(
        reactions,
        vec![
            (
                Content::Reaction {
                    key: "1️⃣".into()
                },
                Some(proposal.clone())
            ),
            (
                Content::Reaction {
                    key: "2️⃣".into()
                },
                Some(proposal.clone())
            ),
            (Content::Reaction { key: "🤷".into() }, Some(proposal)),
        ]
    );
}

#[tokio::test]
async fn a_wrong_date_is_named_with_an_example_and_nothing_is_proposed() {
    let (bot, _dir) = bot().await;
    let replies = run_all(
        &bot,
        &[
            (
                "@alice:localhost",
                "$1",
                "!réunion proposer 10/12 14h ; mardi 17/12 14h",
            ),
            (
                "@alice:localhost",
                "$2",
                "!réunion proposer 10/12 14h ; 10/12/2026 14:00",
            ),
            ("@alice:localhost", "$3", "!réunion votes"),
        ],
    )
    .await;
    assert!(
        replies[0].contains("La date n° 2 (« mardi 17/12 14h ») tombe un jeudi, pas un mardi."),
        "{}",
        replies[0]
    );
    assert!(replies[0].contains("`10/12 14h`"), "{}", replies[0]);
    assert!(
        replies[1].contains("n° 1 et n° 2 sont la même"),
        "{}",
        replies[1]
    );
    assert!(replies[2].contains("Aucune proposition"), "{}", replies[2]);
}

#[tokio::test]
async fn closing_schedules_the_meeting_with_the_next_host_and_an_invitation() {
    let (bot, _dir) = bot().await;
    let proposal = proposal_with_associations(&bot).await;
    let now = at("2026-11-29T18:10:00Z");
    bot.handle(
        Incoming::Reaction(reaction("$a1", "@alice:localhost", proposal.as_str(), "1️⃣")),
        now,
    )
    .await;
    let replies = run_all(
        &bot,
        &[
            ("@alice:localhost", "$i", "!agenda ajouter Budget 2027"),
            ("@bob:localhost", "$c0", "!réunion clore"),
            ("@alice:localhost", "$c1", "!réunion clore"),
            ("@alice:localhost", "$m", "!réunion"),
        ],
    )
    .await;
    let notices: Vec<&String> = replies.iter().collect();
    let refusal = notices
        .iter()
        .find(|r| r.contains("Seule la personne"))
        .expect("refusal");
    assert!(refusal.contains("(ALICE)"), "{refusal}");
    let scheduled = notices
        .iter()
        .find(|r| r.contains("Réunion fixée"))
        .expect("announcement");
    assert!(
        scheduled.contains("jeudi 10 décembre 2026 à 14 h"),
        "{scheduled}"
    );
    assert!(
        scheduled.contains("Accueil : Restos du Cœur"),
        "{scheduled}"
    );
    let overview = notices.last().expect("overview");
    assert!(
        overview.contains("Prochaine réunion : jeudi 10 décembre 2026"),
        "{overview}"
    );
    assert!(overview.contains("Ordre du jour : 1 point ("), "{overview}");

    let file = bot
        .chat
        .sent()
        .into_iter()
        .find_map(|s| match s.content {
            Content::File { name, mime, data } => {
                Some((name, mime, String::from_utf8(data).expect("text")))
            }
            _ => None,
        })
        .expect("an invitation file");
    assert_eq!(file.1, "text/calendar");
    assert!(file.2.contains("DTSTART:20261210T130000Z"), "{}", file.2);
    assert!(file.2.contains("Budget 2027"), "{}", file.2);

    // The place comes later: the invitation is sent again, with it.
    run_all(
        &bot,
        &[(
            "@bob:localhost",
            "$l",
            "!réunion lieu Salle des fêtes, Melun",
        )],
    )
    .await;
    let sent = bot.chat.sent();
    let files: Vec<String> = sent
        .iter()
        .filter_map(|s| match &s.content {
            Content::File { data, .. } => Some(String::from_utf8_lossy(data).into_owned()),
            _ => None,
        })
        .collect();
    assert_eq!(files.len(), 2, "a first invitation, then an updated one");
    assert!(
        files[1].contains("LOCATION:Salle des fêtes\\, Melun"),
        "{}",
        files[1]
    );
    let uid = |ics: &str| {
        ics.lines()
            .find(|l| l.starts_with("UID:"))
            .map(str::to_owned)
    };
    assert_eq!(uid(&files[0]), uid(&files[1]), "the same event, updated");
    let confirmation = &bot.chat.notices().last().expect("reply").markdown.clone();
    assert!(
        confirmation.contains("Salle des fêtes, Melun") && confirmation.contains("mise à jour"),
        "{confirmation}"
    );

    // Votes after closing change nothing, and the next proposal may start.
    bot.handle(
        Incoming::Reaction(reaction("$late", "@bob:localhost", proposal.as_str(), "2️⃣")),
        now,
    )
    .await;
    let mut tx = bot.store.begin().await.expect("begin");
    assert!(
        tx.open_proposal(&RoomId::new("!room"))
            .await
            .expect("query")
            .is_none()
    );
}

#[tokio::test]
async fn a_tie_is_listed_and_the_host_rotates_from_the_last_meeting() {
    let (bot, _dir) = bot().await;
    let proposal = proposal_with_associations(&bot).await;
    let now = at("2026-11-29T18:10:00Z");
    for vote in [
        reaction("$a1", "@alice:localhost", proposal.as_str(), "1️⃣"),
        reaction("$b2", "@bob:localhost", proposal.as_str(), "2️⃣"),
    ] {
        bot.handle(Incoming::Reaction(vote.clone()), now).await;
    }
    let replies = run_all(
        &bot,
        &[
            ("@alice:localhost", "$c1", "!réunion clore"),
            ("@alice:localhost", "$c2", "!réunion clore 2"),
            ("@alice:localhost", "$x", "!réunion annuler"),
            (
                "@alice:localhost",
                "$p2",
                "!réunion proposer 7/1/2027 14h ; 14/1/2027 14h",
            ),
            ("@alice:localhost", "$c3", "!réunion clore 1"),
        ],
    )
    .await;
    let tie = replies
        .iter()
        .find(|r| r.contains("égalité"))
        .expect("a tie");
    assert!(
        tie.contains("1️⃣ jeudi 10 décembre") && tie.contains("2️⃣ jeudi 17 décembre"),
        "{tie}"
    );
    let announcements: Vec<&String> = replies
        .iter()
        .filter(|r| r.contains("Réunion fixée"))
        .collect();
    assert!(
        announcements[0].contains("Accueil : Restos du Cœur"),
        "{}",
        announcements[0]
    );
    let cancelled = replies
        .iter()
        .find(|r| r.contains("annulée"))
        .expect("cancellation");
    assert!(cancelled.contains("jeudi 17 décembre 2026"), "{cancelled}");
    // The cancelled meeting does not count: Restos du Cœur hosts again.
    assert!(
        announcements[1].contains("jeudi 7 janvier 2027"),
        "{}",
        announcements[1]
    );
    assert!(
        announcements[1].contains("Accueil : Restos du Cœur"),
        "{}",
        announcements[1]
    );
}

#[tokio::test]
async fn only_moderators_map_members_to_associations() {
    let (bot, _dir) = bot().await;
    let replies = run_all(
        &bot,
        &[
            (
                "@bob:localhost",
                "$1",
                "!association set @bob:localhost Croix-Rouge",
            ),
            (
                "@moderator:localhost",
                "$2",
                "!association set @bob:localhost Croix-Rouge",
            ),
            (
                "@moderator:localhost",
                "$3",
                "!association set @carla:localhost croix rouge",
            ),
            (
                "@moderator:localhost",
                "$4",
                "!réunion hôte ordre Croix-Rouge, Secours populaire",
            ),
            ("@alice:localhost", "$5", "!associations"),
            ("@alice:localhost", "$6", "!réunion hôte Emmaüs"),
        ],
    )
    .await;
    assert!(replies[0].contains("Seul un modérateur"), "{}", replies[0]);
    assert!(
        replies[1].contains("BOB représente Croix-Rouge"),
        "{}",
        replies[1]
    );
    assert!(
        replies[2].contains("CARLA représente Croix-Rouge"),
        "{}",
        replies[2]
    );
    let list = &replies[4];
    assert!(list.contains("Croix-Rouge : BOB, CARLA"), "{list}");
    assert!(
        list.contains("Secours populaire : personne pour l'instant"),
        "{list}"
    );
    assert!(
        list.contains("Invités (sans association) : ALICE, ANNE, GUEST, MODERATOR, PREFET"),
        "{list}"
    );
    assert!(
        replies[5].contains("Je ne connais pas l'association « Emmaüs »"),
        "{}",
        replies[5]
    );
}

#[tokio::test]
async fn a_date_gone_by_since_it_was_proposed_cannot_be_chosen() {
    let (bot, _dir) = bot().await;
    proposal_with_associations(&bot).await;
    // 17 December: option 1 (10 December) is past, option 2 not yet.
    let later = at("2026-12-17T08:00:00Z");
    let close = |event: &str, body: &str| IncomingMessage {
        sender: UserId::new("@alice:localhost"),
        ..message(event, body, "2026-12-17T08:00:00Z")
    };
    bot.on_message(&close("$c1", "!réunion clore 1"), later)
        .await;
    bot.on_message(&close("$c2", "!réunion clore 2"), later)
        .await;
    let notices = bot.chat.notices();
    let refused = &notices[notices.len() - 2].markdown;
    assert!(
        refused.contains("La date 1 (jeudi 10 décembre 2026 à 14 h) est déjà passée"),
        "{refused}"
    );
    let scheduled = &notices[notices.len() - 1].markdown;
    assert!(
        scheduled.contains("Réunion fixée : jeudi 17 décembre 2026 à 14 h"),
        "{scheduled}"
    );
}

#[tokio::test]
async fn ten_dates_are_numbered_up_to_the_ten_keycap() {
    let (bot, _dir) = bot().await;
    let dates: Vec<String> = (1..=10).map(|day| format!("{day}/2/2027 14h")).collect();
    let replies = run_all(
        &bot,
        &[(
            "@alice:localhost",
            "$p",
            &format!("!réunion proposer {}", dates.join(" ; ")),
        )],
    )
    .await;
    assert!(
        replies[0].contains("🔟 mercredi 10 février 2027 à 14 h"),
        "{}",
        replies[0]
    );
    assert!(!replies[0].contains("10️⃣"), "{}", replies[0]);
    let keys: Vec<String> = bot
        .chat
        .sent()
        .into_iter()
        .filter_map(|sent| match sent.content {
            Content::Reaction { key } => Some(key),
            _ => None,
        })
        .collect();
    assert_eq!(keys.len(), 11, "ten numbers and 🤷");
    assert_eq!(keys.get(9).map(String::as_str), Some("🔟"));
    assert_eq!(keys.last().map(String::as_str), Some("🤷"));
}

#[tokio::test]
async fn a_date_on_a_public_holiday_is_accepted_and_marked() {
    let (bot, _dir) = bot().await;
    let replies = run_all(
        &bot,
        &[(
            "@alice:localhost",
            "$1",
            "!réunion proposer 25/12 14h ; 26/12 14h ; 14/05/2027 10h",
        )],
    )
    .await;
    let proposal = &replies[0];
    assert!(
        proposal.contains("vendredi 25 décembre 2026 à 14 h — ⚠ férié"),
        "{proposal}"
    );
    assert!(
        !proposal.contains("26 décembre 2026 à 14 h —"),
        "{proposal}"
    );
    assert_eq!(proposal.matches("férié").count(), 1, "{proposal}");
}

/// "If need be": Bob's 🤷 then 1️⃣ makes the 10th a date the Croix-Rouge makes only if need
/// be; his firm 2️⃣ ranks the 17th first; `!réunion dispo` says the same by command; the
/// votes show "si nécessaire" apart; the announcement names who comes only if need be; once
/// the proposal is closed, "si nécessaire" is answered with an example.
#[tokio::test]
async fn if_need_be_ranks_after_firm_availability_and_is_said_apart() {
    let (bot, _dir) = bot().await;
    let proposal = proposal_with_associations(&bot).await;
    let now = at("2026-11-29T18:00:05Z");
    for (event, sender, key) in [
        ("$a1", "@alice:localhost", "1️⃣"),
        ("$a2", "@alice:localhost", "2️⃣"),
        ("$b1", "@bob:localhost", "🤷"),
        ("$b2", "@bob:localhost", "1️⃣"),
    ] {
        bot.handle(
            Incoming::Reaction(reaction(event, sender, proposal.as_str(), key)),
            now,
        )
        .await;
    }
    let votes = say_at(
        &bot,
        "@alice:localhost",
        "$v1",
        "!réunion votes",
        "2026-11-29T18:01:00Z",
    )
    .await;
    let best = votes.split("\n- ").nth(1).unwrap_or_default();
    assert!(best.contains("10 décembre"), "{votes}");
    assert!(best.contains("(si nécessaire : Croix-Rouge)"), "{votes}");
    assert!(best.contains("Si nécessaire seulement : BOB"), "{votes}");

    // Bob can make the 17th without reservation: it ranks first now.
    let noted = say_at(
        &bot,
        "@bob:localhost",
        "$d1",
        "!réunion dispo 2",
        "2026-11-29T18:02:00Z",
    )
    .await;
    assert!(
        noted.contains("vous pouvez venir le jeudi 17 décembre 2026"),
        "{noted}"
    );
    let votes = say_at(
        &bot,
        "@alice:localhost",
        "$v2",
        "!réunion votes",
        "2026-11-29T18:03:00Z",
    )
    .await;
    let best = votes.split("\n- ").nth(1).unwrap_or_default();
    assert!(best.contains("17 décembre"), "{votes}");
    assert!(!best.contains("si nécessaire"), "{votes}");

    // Withdrawn (the command deleted), then said "if need be": the 10th and the 17th tie (the
    // Croix-Rouge only if need be on both); Alice chooses the 10th.
    bot.handle(
        Incoming::Redaction {
            room: RoomId::new("!room"),
            redacted: EventId::new("$d1"),
        },
        now,
    )
    .await;
    let maybe = say_at(
        &bot,
        "@bob:localhost",
        "$d2",
        "!réunion dispo 2 peut-être",
        "2026-11-29T18:04:00Z",
    )
    .await;
    assert!(maybe.contains("**si nécessaire** seulement"), "{maybe}");
    let too_far = say_at(
        &bot,
        "@bob:localhost",
        "$d3",
        "!réunion dispo 7 peut-être",
        "2026-11-29T18:04:30Z",
    )
    .await;
    assert!(too_far.contains("Il n'y a pas de date n° 7"), "{too_far}");
    let closed = say_at(
        &bot,
        "@alice:localhost",
        "$c",
        "!réunion clore 1",
        "2026-11-29T18:05:00Z",
    )
    .await;
    assert!(
        closed.contains("**Réunion fixée : jeudi 10 décembre 2026 à 14 h.**"),
        "{closed}"
    );
    assert!(
        closed.contains("Si nécessaire seulement : Croix-Rouge"),
        "{closed}"
    );
    let late = say_at(
        &bot,
        "@bob:localhost",
        "$d4",
        "!réunion dispo 1 peut-être",
        "2026-11-29T18:06:00Z",
    )
    .await;
    assert!(
        late.contains("« Si nécessaire » se dit sur une proposition de dates ouverte"),
        "{late}"
    );
    assert!(late.contains("`!réunion dispo 2 peut-être`"), "{late}");
    // Bob's copy of his data says which date he can make only if need be.
    let mut tx = bot.store.begin().await.expect("begin");
    let data = tx
        .data_about(&UserId::new("@bob:localhost"))
        .await
        .expect("data");
    assert!(
        data.answers.iter().any(|answer| answer.about
            == crate::domain::subject::About::Dates {
                option: Some(2),
                if_need_be: true
            }),
        "{data:?}"
    );
}
