//! Commands in general: answered once, in the room's language; old or ordinary messages left
//! alone; an event that keeps failing is recorded and apologized for; a message that arrives
//! before its key is answered when the key comes.

use super::*;

#[tokio::test]
async fn a_command_seen_twice_is_answered_once() {
    let (bot, _dir) = bot().await;
    let now = at("2026-11-29T18:00:05Z");
    let help = message("$1", "!aide", "2026-11-29T18:00:00Z");
    bot.on_message(&help, now).await;
    bot.on_message(&help, now).await;
    let sent = bot.chat.sent();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].in_reply_to, Some(EventId::new("$1")));
    assert!(sent[0].markdown.contains("!langue"), "{}", sent[0].markdown);
}

#[tokio::test]
async fn the_service_says_what_it_handled_so_the_sync_loop_never_reads_the_grammar() {
    use crate::command::Topic;
    let (bot, _dir) = bot().await;
    let now = at("2026-11-29T18:00:05Z");
    let handled = |body: &'static str, event: &'static str| {
        let service = bot.service.clone();
        async move {
            let message = message(event, body, "2026-11-29T18:00:00Z");
            service
                .handle(&Incoming::Message(message), now)
                .await
                .expect("handled")
        }
    };
    assert_eq!(
        handled("!agenda ajouter Budget", "$1").await,
        Handling::Command(Topic::Agenda)
    );
    // Seen again (a replay after a restart): the same family, answered once.
    assert_eq!(
        handled("!agenda ajouter Budget", "$1").await,
        Handling::Command(Topic::Agenda)
    );
    assert_eq!(
        handled("!rappels", "$2").await,
        Handling::Command(Topic::Remind)
    );
    assert_eq!(
        handled("!agenda effacer 2", "$3").await,
        Handling::NotUnderstood
    );
    assert_eq!(handled("bonjour à tous", "$4").await, Handling::Other);
    bot.deliver().await;
    assert_eq!(bot.chat.notices().len(), 3, "{:#?}", bot.chat.notices());
}

#[tokio::test]
async fn ordinary_chat_gets_no_answer_and_leaves_no_trace() {
    let (bot, _dir) = bot().await;
    let now = at("2026-11-29T18:00:05Z");
    let chat = message("$1", "bonjour à tous", "2026-11-29T18:00:00Z");
    bot.on_message(&chat, now).await;
    assert!(bot.chat.sent().is_empty());
    assert!(!bot.store.was_handled(&chat.event_id).await.expect("query"));
}

#[tokio::test]
async fn a_command_older_than_the_limit_is_not_answered() {
    let (bot, _dir) = bot().await;
    let old = message("$1", "!aide", "2026-11-28T17:59:59Z");
    bot.on_message(&old, at("2026-11-29T18:00:00Z")).await;
    assert!(bot.chat.sent().is_empty());
    let recent = message("$2", "!aide", "2026-11-28T18:00:01Z");
    bot.on_message(&recent, at("2026-11-29T18:00:00Z")).await;
    assert_eq!(bot.chat.sent().len(), 1);
}

#[tokio::test]
async fn a_malformed_command_gets_an_explanation_in_the_room_language() {
    let (bot, _dir) = bot().await;
    let now = at("2026-11-29T18:00:05Z");
    let wrong = message("$1", "!langue klingon", "2026-11-29T18:00:00Z");
    bot.on_message(&wrong, now).await;
    let reply = &bot.chat.sent()[0].markdown;
    assert!(
        reply.contains("klingon") && reply.contains("`!langue en`"),
        "{reply}"
    );
}

#[tokio::test]
async fn the_language_chosen_applies_to_the_next_replies() {
    let (bot, _dir) = bot().await;
    let now = at("2026-11-29T18:00:05Z");
    for (event, body) in [("$1", "!langue en"), ("$2", "!aide"), ("$3", "!langue")] {
        let command = message(event, body, "2026-11-29T18:00:00Z");
        bot.on_message(&command, now).await;
    }
    let sent = bot.chat.sent();
    assert!(
        sent[0].markdown.starts_with("Noted"),
        "{}",
        sent[0].markdown
    );
    assert!(sent[1].markdown.contains("`!help`"), "{}", sent[1].markdown);
    assert!(
        sent[2].markdown.contains("in English"),
        "{}",
        sent[2].markdown
    );
}

#[tokio::test]
async fn a_room_is_welcomed_once_even_if_the_bot_joins_again() {
    let (bot, _dir) = bot().await;
    let now = at("2026-11-29T18:00:05Z");
    let room = RoomId::new("!room");
    bot.service.on_joined(&room, now).await.expect("first join");
    bot.service
        .on_joined(&room, now)
        .await
        .expect("second join");
    bot.deliver().await;
    let sent = bot.chat.sent();
    assert_eq!(sent.len(), 1);
    assert!(sent[0].markdown.contains("!aide"), "{}", sent[0].markdown);
    assert_eq!(sent[0].in_reply_to, None);
}

#[tokio::test]
async fn a_command_that_keeps_failing_gets_an_apology_once_and_is_not_tried_forever() {
    let (bot, _dir) = bot().await;
    crate::storage::tests::break_inserts_into(&bot.store, "agenda_items").await;
    let now = at("2026-11-29T18:00:05Z");
    let add = message("$1", "!agenda ajouter Budget", "2026-11-29T18:00:00Z");
    bot.on_message(&add, now).await;
    bot.on_message(&add, now).await;
    let sent = bot.chat.sent();
    assert_eq!(sent.len(), 1, "{sent:#?}");
    assert!(
        sent[0].markdown.starts_with("Désolé"),
        "{}",
        sent[0].markdown
    );
    assert_eq!(sent[0].in_reply_to, Some(EventId::new("$1")));
    assert!(bot.store.was_handled(&add.event_id).await.expect("query"));
    // Nothing half-written: the agenda is still empty.
    let list = message("$2", "!agenda", "2026-11-29T18:00:01Z");
    bot.on_message(&list, now).await;
    assert!(
        bot.chat.sent()[1].markdown.contains("est vide"),
        "{}",
        bot.chat.sent()[1].markdown
    );
}

fn undecrypted(event: &str, sent_at: &str) -> UndecryptedEvent {
    UndecryptedEvent {
        room: RoomId::new("!room"),
        event_id: EventId::new(event),
        sender: UserId::new("@alice:localhost"),
        session_id: Some("megolm-session".into()),
        answers: None,
        sent_at: at(sent_at),
        raw: "{}".into(),
    }
}

#[tokio::test]
async fn an_unreadable_message_is_explained_once_per_sender_and_key_after_the_delay() {
    let (bot, _dir) = bot().await;
    let kept = at("2026-11-29T18:00:05Z");
    bot.handle(
        Incoming::Undecryptable(undecrypted("$1", "2026-11-29T18:00:00Z")),
        kept,
    )
    .await;
    // The same key again, another key of the same sender, another sender, a poll answer.
    bot.handle(
        Incoming::Undecryptable(undecrypted("$2", "2026-11-29T18:00:01Z")),
        kept,
    )
    .await;
    let mut other_key = undecrypted("$3", "2026-11-29T18:00:02Z");
    other_key.session_id = Some("another-session".into());
    bot.handle(Incoming::Undecryptable(other_key), kept).await;
    let mut bob = undecrypted("$4", "2026-11-29T18:00:03Z");
    bob.sender = UserId::new("@bob:localhost");
    bot.handle(Incoming::Undecryptable(bob), kept).await;
    let mut answer = undecrypted("$5", "2026-11-29T18:00:04Z");
    answer.session_id = Some("answers-session".into());
    answer.answers = Some(EventId::new("$poll"));
    bot.handle(Incoming::Undecryptable(answer), kept).await;

    // Not before the delay.
    let next = bot
        .service
        .run_due(at("2026-11-29T18:00:30Z"))
        .await
        .expect("due");
    assert_eq!(next, Some(at("2026-11-29T18:00:35Z")));
    bot.deliver().await;
    assert!(bot.chat.sent().is_empty());

    for _ in 0..2 {
        bot.service
            .run_due(at("2026-11-29T18:00:35Z"))
            .await
            .expect("due");
    }
    bot.deliver().await;
    let sent = bot.chat.sent();
    let answered: Vec<_> = sent
        .iter()
        .map(|message| message.in_reply_to.clone().expect("a reply"))
        .collect();
    assert_eq!(
        answered,
        vec![EventId::new("$1"), EventId::new("$3"), EventId::new("$4")],
        "{sent:#?}"
    );
    assert!(
        sent[0]
            .markdown
            .contains("pas pu lire votre message chiffré"),
        "{}",
        sent[0].markdown
    );
    assert!(sent[0].markdown.contains("bloqué"), "{}", sent[0].markdown);
    assert_eq!(
        bot.service
            .run_due(at("2026-11-29T18:05:00Z"))
            .await
            .expect("due"),
        None,
        "nothing more to tell"
    );

    // The key of the first session arrives: each of its commands is answered once.
    for (event, body) in [("$1", "!aide"), ("$2", "bonjour")] {
        bot.chat.decryptable.lock().expect("lock").insert(
            EventId::new(event),
            Some(Incoming::Message(message(
                event,
                body,
                "2026-11-29T18:00:00Z",
            ))),
        );
    }
    for _ in 0..2 {
        bot.service
            .retry_undecrypted(None, at("2026-11-29T18:06:00Z"))
            .await
            .expect("retry");
    }
    bot.deliver().await;
    let sent = bot.chat.sent();
    assert_eq!(sent.len(), 4, "{sent:#?}");
    assert!(sent[3].markdown.contains("!agenda"), "{}", sent[3].markdown);
}

#[tokio::test]
async fn an_unreadable_message_in_an_english_room_is_explained_in_english() {
    let (bot, _dir) = bot().await;
    run_all(&bot, &[("@alice:localhost", "$lang", "!language en")]).await;
    bot.handle(
        Incoming::Undecryptable(undecrypted("$1", "2026-11-29T18:00:00Z")),
        at("2026-11-29T18:00:00Z"),
    )
    .await;
    bot.service
        .run_due(at("2026-11-29T18:01:00Z"))
        .await
        .expect("due");
    bot.deliver().await;
    let sent = bot.chat.sent();
    let last = sent.last().expect("a reply");
    assert_eq!(last.in_reply_to, Some(EventId::new("$1")));
    assert!(
        last.markdown
            .contains("could not read your encrypted message"),
        "{}",
        last.markdown
    );
}

#[tokio::test]
async fn a_command_whose_key_arrives_late_is_answered_once_when_it_comes() {
    let (bot, _dir) = bot().await;
    let now = at("2026-11-29T18:00:05Z");
    bot.handle(
        Incoming::Undecryptable(undecrypted("$secret", "2026-11-29T18:00:00Z")),
        now,
    )
    .await;
    // Keys for another session came: still nothing to answer.
    bot.service
        .retry_undecrypted(Some(&RoomId::new("!room")), now)
        .await
        .expect("retry");
    bot.deliver().await;
    assert!(bot.chat.sent().is_empty());

    // Its key arrives twenty minutes later.
    bot.chat.decryptable.lock().expect("lock").insert(
        EventId::new("$secret"),
        Some(Incoming::Message(message(
            "$secret",
            "!aide",
            "2026-11-29T18:00:00Z",
        ))),
    );
    let later = at("2026-11-29T18:20:00Z");
    bot.service
        .retry_undecrypted(Some(&RoomId::new("!room")), later)
        .await
        .expect("retry");
    bot.service
        .retry_undecrypted(None, later)
        .await
        .expect("retry again");
    bot.deliver().await;
    let sent = bot.chat.sent();
    assert_eq!(sent.len(), 1, "{sent:#?}");
    assert_eq!(sent[0].in_reply_to, Some(EventId::new("$secret")));
    assert!(sent[0].markdown.contains("!agenda"), "{}", sent[0].markdown);
    assert!(
        bot.store
            .undecrypted_events(None)
            .await
            .expect("query")
            .is_empty()
    );
}

#[tokio::test]
async fn a_key_that_comes_after_the_age_limit_answers_nothing() {
    let (bot, _dir) = bot().await;
    bot.handle(
        Incoming::Undecryptable(undecrypted("$secret", "2026-11-29T18:00:00Z")),
        at("2026-11-29T18:00:05Z"),
    )
    .await;
    bot.chat.decryptable.lock().expect("lock").insert(
        EventId::new("$secret"),
        Some(Incoming::Message(message(
            "$secret",
            "!aide",
            "2026-11-29T18:00:00Z",
        ))),
    );
    bot.service
        .retry_undecrypted(None, at("2026-11-30T18:00:01Z"))
        .await
        .expect("retry");
    bot.deliver().await;
    assert!(bot.chat.sent().is_empty());
    assert!(
        bot.store
            .undecrypted_events(None)
            .await
            .expect("query")
            .is_empty(),
        "forgotten"
    );
}

#[tokio::test]
async fn the_page_link_stays_until_a_moderator_replaces_it() {
    let (bot, _dir) = bot().await;
    let replies = run_all(
        &bot,
        &[
            ("@alice:localhost", "$1", "!page"),
            ("@bob:localhost", "$2", "!web"),
            ("@bob:localhost", "$3", "!page nouveau-lien"),
            ("@moderator:localhost", "$4", "!page new-link"),
        ],
    )
    .await;
    let link = |reply: &str| -> String {
        reply
            .split_whitespace()
            .find(|word| word.starts_with("https://concertation.example.org/"))
            .map(str::to_owned)
            .unwrap_or_else(|| panic!("no link in {reply}"))
    };
    let first = link(&replies[0]);
    assert_eq!(
        first.len(),
        "https://concertation.example.org/".len() + 64 + 1
    );
    assert!(
        replies[0].contains("webcal://concertation.example.org/"),
        "{}",
        replies[0]
    );
    assert_eq!(link(&replies[1]), first, "the same link for everyone");
    assert!(replies[2].contains("Seul un modérateur"), "{}", replies[2]);
    let second = link(&replies[3]);
    assert_ne!(second, first);
    assert!(
        replies[3].contains("l'ancien ne marche plus"),
        "{}",
        replies[3]
    );
}

#[tokio::test]
async fn a_flood_of_commands_gets_one_slow_down_and_no_answers_until_it_calms() {
    let (bot, _dir) = bot().await;
    let now = at("2026-11-29T18:05:00Z");
    for second in 0..(crate::domain::limits::MAX_COMMANDS + 3) {
        let command = message(
            &format!("${second}"),
            "!langue",
            &format!("2026-11-29T18:00:{second:02}Z"),
        );
        bot.on_message(&command, now).await;
    }
    let sent = bot.chat.notices();
    assert_eq!(
        sent.len(),
        crate::domain::limits::MAX_COMMANDS + 1,
        "{sent:#?}"
    );
    let last = sent.last().expect("slow down");
    assert!(last.markdown.starts_with("Doucement"), "{}", last.markdown);
    // Every command was handled (none is answered after a restart); a minute later, answers.
    assert!(
        bot.store
            .was_handled(&EventId::new("$14"))
            .await
            .expect("query")
    );
    // Counted by when the bot receives them: a minute after the flood was received.
    bot.on_message(
        &message("$later", "!langue", "2026-11-29T18:01:10Z"),
        at("2026-11-29T18:06:10Z"),
    )
    .await;
    assert_eq!(
        bot.chat.notices().len(),
        crate::domain::limits::MAX_COMMANDS + 2
    );
}
