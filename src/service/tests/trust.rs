//! No message can stop the bot: the inputs that once crashed it are answered; a panic inside a
//! handling, a due item or a send is caught at its boundary, set aside once and answered, and
//! the bot goes on; an event whose handling a crash cut short twice is set aside.

use super::*;

const CRASH: &str = "@crash:localhost";

fn inject_panic(bot: &TestBot) {
    *bot.chat.panics_on_name_of.lock().expect("lock") = Some(UserId::new(CRASH));
}

async fn failures(bot: &TestBot) -> u64 {
    bot.store
        .save_run_start(at("2026-11-29T17:00:00Z"))
        .await
        .expect("run start");
    let set_aside = bot
        .store
        .set_aside_since_start()
        .await
        .expect("count")
        .expect("a run");
    set_aside.events + set_aside.due_items
}

#[tokio::test]
async fn the_three_messages_that_stopped_the_bot_are_answered_once_each() {
    let (bot, _dir) = bot().await;
    seed_alice_and_bob(&bot).await;
    let replies = run_all(
        &bot,
        &[
            (
                "@alice:localhost",
                "$far",
                "!rappel dans 1000000 ans Vérifier les statuts",
            ),
            ("@alice:localhost", "$guest", "!invité ajouter İ pour le éé"),
            (
                "@alice:localhost",
                "$action",
                "!action @bruno:localhost İ avant le éé",
            ),
        ],
    )
    .await;
    assert_eq!(replies.len(), 3, "{replies:#?}");
    for event in ["$far", "$guest", "$action"] {
        assert_eq!(
            bot.chat
                .sent()
                .iter()
                .filter(|sent| sent.in_reply_to == Some(EventId::new(event)))
                .count(),
            1,
            "{event}: {replies:#?}"
        );
    }
    assert!(replies[0].contains("deux ans"), "{}", replies[0]);
    assert!(
        !replies
            .iter()
            .any(|reply| reply.contains("l'erreur est notée"))
    );
    assert_eq!(failures(&bot).await, 0);
}

#[tokio::test]
async fn a_panic_inside_a_command_is_answered_once_set_aside_and_the_bot_goes_on() {
    let (bot, _dir) = bot().await;
    seed_alice_and_bob(&bot).await;
    inject_panic(&bot);
    let now = at("2026-11-29T18:00:05Z");
    // Proposing dates shows the proposer's name: asking it panics.
    let command = from(CRASH, "$boom", "!réunion proposer 10/12 14h ; 17/12 14h");
    bot.on_message(&command, now).await;
    let apology = reply_to(&bot, "$boom");
    assert!(
        apology.starts_with("Je n'ai pas pu traiter ce message ; l'erreur est notée"),
        "{apology}"
    );
    // Nothing of the command was recorded.
    let listed = run_all(&bot, &[("@alice:localhost", "$votes", "!réunion votes")]).await;
    assert!(!listed.concat().contains("17"), "{listed:#?}");
    // Replayed (a batch read again after a restart): not handled again, not answered again.
    bot.on_message(&command, now).await;
    assert_eq!(
        bot.chat
            .sent()
            .iter()
            .filter(|sent| sent.in_reply_to == Some(EventId::new("$boom")))
            .count(),
        1
    );
    assert_eq!(failures(&bot).await, 1);
    // The next command is answered as usual.
    let after = run_all(&bot, &[("@alice:localhost", "$next", "!langue")]).await;
    assert!(
        after.last().expect("reply").contains("français"),
        "{after:#?}"
    );
}

#[tokio::test]
async fn a_message_whose_handling_a_crash_cut_short_is_tried_once_more_then_set_aside() {
    let (bot, _dir) = bot().await;
    let now = at("2026-11-29T18:00:05Z");
    let room = RoomId::new("!room");
    // Cut short once (the process killed inside it): the next start handles it.
    let once = from("@alice:localhost", "$once", "!langue en");
    bot.store
        .note_attempt(&once.event_id, &room, now)
        .await
        .expect("attempt");
    bot.on_message(&once, now).await;
    assert!(
        reply_to(&bot, "$once").contains("English"),
        "{}",
        reply_to(&bot, "$once")
    );
    // Cut short twice: set aside with one reply, and nothing done.
    let twice = from("@alice:localhost", "$twice", "!langue fr");
    for _ in 0..2 {
        bot.store
            .note_attempt(&twice.event_id, &room, now)
            .await
            .expect("attempt");
    }
    bot.on_message(&twice, now).await;
    let reply = reply_to(&bot, "$twice");
    assert!(
        reply.starts_with("I could not handle this message"),
        "{reply}"
    );
    assert_eq!(failures(&bot).await, 1);
    // A finished batch leaves no attempt behind: the next handling starts from one.
    bot.store
        .save_sync_position("batch", &[], now)
        .await
        .expect("saved");
    assert_eq!(
        bot.store
            .note_attempt(&twice.event_id, &room, now)
            .await
            .expect("attempt"),
        1
    );
}

#[tokio::test]
async fn a_reminder_whose_message_panics_is_set_aside_and_the_clock_goes_on() {
    let (bot, _dir) = bot().await;
    run_all(
        &bot,
        &[
            (CRASH, "$r1", "!rappel dans 1 heure Appeler la CAF"),
            (
                "@alice:localhost",
                "$r2",
                "!rappel dans 1 heure Appeler la CPAM",
            ),
        ],
    )
    .await;
    inject_panic(&bot);
    let before = bot.chat.sent().len();
    let next = bot
        .service
        .run_due(at("2026-11-29T19:01:00Z"))
        .await
        .expect("the clock goes on");
    bot.deliver().await;
    let sent: Vec<String> = bot.chat.sent()[before..]
        .iter()
        .map(|sent| sent.markdown.clone())
        .collect();
    assert_eq!(sent.len(), 1, "{sent:#?}");
    assert!(sent[0].contains("CPAM"), "{sent:#?}");
    assert_eq!(next, None);
    // Never tried again, even once the fault is gone.
    *bot.chat.panics_on_name_of.lock().expect("lock") = None;
    bot.service
        .run_due(at("2026-11-29T19:02:00Z"))
        .await
        .expect("the clock goes on");
    bot.deliver().await;
    assert_eq!(bot.chat.sent().len(), before + 1);
    assert_eq!(failures(&bot).await, 1);
}

#[tokio::test]
async fn a_panic_while_sending_gives_that_message_up_and_the_next_goes() {
    let (bot, _dir) = bot().await;
    let now = at("2026-11-29T18:00:05Z");
    for (event, body) in [("$a", "!aide"), ("$b", "!langue")] {
        bot.service
            .handle(
                &Incoming::Message(from("@alice:localhost", event, body)),
                now,
            )
            .await
            .expect("handled");
    }
    // The first reply's send panics: it is given up, the second goes.
    bot.chat
        .next_send_panics
        .store(true, std::sync::atomic::Ordering::Relaxed);
    bot.sender.send_due().await.expect("the sender goes on");
    let sent = bot.chat.sent();
    assert_eq!(sent.len(), 1, "{sent:#?}");
    assert_eq!(sent[0].in_reply_to, Some(EventId::new("$b")));
    // Not sent again.
    bot.sender.send_due().await.expect("the sender goes on");
    assert_eq!(bot.chat.sent().len(), 1);
}

#[tokio::test]
async fn control_characters_never_reach_the_record_nor_the_calendar() {
    let (bot, _dir) = bot().await;
    super::meetings::proposal_with_associations(&bot).await;
    let replies = run_all(
        &bot,
        &[
            ("@alice:localhost", "$c", "!réunion clore 1"),
            (
                "@alice:localhost",
                "$l",
                "!réunion lieu Salle\r\nX-INJECT:1\u{202E}\u{7}\u{1b}[31m des fêtes",
            ),
            (
                "@alice:localhost",
                "$a",
                "!agenda ajouter Budget\u{0}\u{202E}\u{2066} 2027\u{85}",
            ),
            ("@alice:localhost", "$list", "!agenda"),
        ],
    )
    .await;
    let listing = reply_to(&bot, "$list");
    assert!(listing.contains("Budget 2027"), "{listing}");
    let files: Vec<String> = bot
        .chat
        .sent()
        .into_iter()
        .filter_map(|sent| match sent.content {
            Content::File { data, .. } => Some(String::from_utf8(data).expect("text")),
            _ => None,
        })
        .collect();
    let ics = files.last().expect("an updated invitation");
    assert!(ics.contains("Salle"), "{ics}");
    assert!(
        !ics.lines().any(|line| line.starts_with("X-INJECT")),
        "{ics}"
    );
    for text in replies.iter().chain(files.iter()) {
        assert!(
            !text
                .chars()
                .any(|c| (c.is_control() && c != '\n' && c != '\r') || c == '\u{202E}'),
            "{text:?}"
        );
    }
}

/// A cap's limit, the words its refusal names it by, and the command that adds one more.
type Case = (usize, &'static str, fn(usize) -> String);

/// Sends `count` commands made by `body`, four seconds apart (under the flood limit), from a
/// moderator; returns the reply to the last.
async fn fill(
    bot: &TestBot,
    kind: &str,
    range: std::ops::Range<usize>,
    body: impl Fn(usize) -> String,
) -> String {
    let mut last = String::new();
    for n in range {
        // One command every four seconds, on from the last one sent (by any fill).
        let when = {
            let mut clock = bot.fill_clock.lock().expect("lock");
            *clock += Duration::seconds(4);
            *clock
        };
        let event = format!("${kind}{n}");
        let message = IncomingMessage {
            sent_at: when,
            ..from("@moderator:localhost", &event, &body(n))
        };
        bot.on_message(&message, when).await;
        last = reply_to(bot, &event);
    }
    last
}

#[tokio::test]
async fn each_room_cap_is_named_in_its_reply_and_adds_nothing() {
    let (bot, _dir) = bot().await;
    seed_alice_and_bob(&bot).await;
    let cases: [Case; 5] = [
        (30, "30 invités", |n| format!("!invité ajouter Invité {n}")),
        (200, "200 points", |n| format!("!agenda ajouter Point {n}")),
        (100, "100 rappels", |n| {
            format!("!rappel dans {} heures Rappel {n}", n + 1)
        }),
        (300, "300 actions", |n| {
            format!("!action Croix-Rouge Action {n}")
        }),
        (200, "200 personnes", |n| {
            format!("!courriel ajouter p{n}@restos.example Restos du Cœur Personne {n}")
        }),
    ];
    for (limit, named, body) in cases {
        let last_allowed = fill(&bot, named, 0..limit, body).await;
        assert!(!last_allowed.contains("le plus"), "{last_allowed}");
        let refused = fill(&bot, named, limit..limit + 1, body).await;
        assert!(refused.contains(named), "{refused}");
        assert!(refused.contains("le plus"), "{refused}");
    }
    // What was refused is nowhere: the lists end at their limits.
    for (list, last_kept, refused) in [
        ("!invités", "Invité 29", "Invité 30"),
        ("!agenda", "Point 199", "Point 200"),
        ("!actions", "Action 299", "Action 300"),
    ] {
        let listing = fill(&bot, list, 0..1, |_| list.to_owned()).await;
        assert!(listing.contains(last_kept), "{listing}");
        assert!(!listing.contains(refused), "{listing}");
    }
}

#[tokio::test]
async fn adding_a_guests_address_says_plainly_that_it_will_be_emailed() {
    let (bot, _dir) = bot().await;
    super::meetings::proposal_with_associations(&bot).await;
    let replies = run_all(
        &bot,
        &[
            ("@alice:localhost", "$c", "!réunion clore 1"),
            (
                "@bob:localhost",
                "$g",
                "!invité ajouter Mme Martin martin@adsea77.example",
            ),
            ("@bob:localhost", "$n", "!invité ajouter M. Durand"),
        ],
    )
    .await;
    let with_address = reply_to(&bot, "$g");
    assert!(
        with_address.contains("Un courriel partira à cette adresse"),
        "{with_address}"
    );
    assert!(
        with_address.contains("ce n'est pas pour moi"),
        "{with_address}"
    );
    let without = reply_to(&bot, "$n");
    assert!(!without.contains("courriel"), "{without}");
    assert!(!replies.is_empty());
}
