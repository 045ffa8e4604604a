//! The sender: in order, retried with its own back-off, posted once even when a send is
//! repeated after a crash.

use super::*;
use crate::domain::messages::Retry;

fn clock_at(text: &str) -> Arc<FixedClock> {
    Arc::new(FixedClock(Mutex::new(at(text))))
}

#[tokio::test]
async fn a_failed_send_is_retried_after_its_delay_and_delivered_once() {
    let clock = clock_at("2026-11-29T18:00:05Z");
    let (bot, _dir) = bot_with_clock(clock.clone()).await;
    *bot.chat.failures_left.lock().expect("lock") = 1;
    let now = at("2026-11-29T18:00:05Z");
    bot.on_message(&message("$1", "!aide", "2026-11-29T18:00:00Z"), now)
        .await;
    assert!(bot.chat.sent().is_empty());
    let pending = bot.store.pending_messages().await.expect("pending");
    assert_eq!(pending[0].attempts, 1);
    let retry_at = pending[0].next_attempt_at.expect("a retry time");
    assert_eq!(retry_at, now + Duration::seconds(1));

    // Too early: not tried again, and the sender says when to come back.
    assert_eq!(bot.sender.send_due().await.expect("send"), Some(retry_at));
    assert!(bot.chat.sent().is_empty());

    *clock.0.lock().expect("lock") = retry_at;
    assert_eq!(bot.sender.send_due().await.expect("send"), None);
    bot.deliver().await;
    assert_eq!(bot.chat.sent().len(), 1);
    assert!(
        bot.store
            .pending_messages()
            .await
            .expect("pending")
            .is_empty()
    );
}

#[tokio::test]
async fn a_room_waiting_for_a_retry_keeps_its_order_while_other_rooms_go_on() {
    let (bot, _dir) = bot().await;
    let now = at("2026-11-29T18:00:05Z");
    *bot.chat.failures_left.lock().expect("lock") = 1;
    bot.on_message(&message("$1", "!aide", "2026-11-29T18:00:00Z"), now)
        .await;
    bot.on_message(&message("$2", "!langue", "2026-11-29T18:00:01Z"), now)
        .await;
    let elsewhere = IncomingMessage {
        room: RoomId::new("!other"),
        ..message("$3", "!langue", "2026-11-29T18:00:02Z")
    };
    bot.on_message(&elsewhere, now).await;
    let sent = bot.chat.sent();
    assert_eq!(sent.len(), 1, "only the other room's reply: {sent:#?}");
    assert_eq!(sent[0].in_reply_to, Some(EventId::new("$3")));
}

#[tokio::test]
async fn a_send_repeated_after_a_crash_is_posted_once() {
    let (bot, _dir) = bot().await;
    let now = at("2026-11-29T18:00:05Z");
    bot.service
        .handle(
            &Incoming::Message(message("$1", "!aide", "2026-11-29T18:00:00Z")),
            now,
        )
        .await
        .expect("handled");
    // The send reached the homeserver, then the bot died before marking it sent.
    let pending = bot.store.pending_messages().await.expect("pending");
    bot.chat.send(&pending[0]).await.expect("sent");
    // After the restart, the sender finds it pending and sends it again, same transaction id.
    let restarted = Sender::new(bot.service.clone(), Arc::new(FixedClock(Mutex::new(now))));
    restarted.send_due().await.expect("send");
    assert_eq!(bot.chat.sent().len(), 1);
    assert!(
        bot.store
            .pending_messages()
            .await
            .expect("pending")
            .is_empty()
    );
}

#[tokio::test]
async fn a_message_that_can_never_be_sent_leaves_the_queue() {
    let (bot, _dir) = bot().await;
    let now = at("2026-11-29T18:00:05Z");
    bot.service
        .handle(
            &Incoming::Message(message("$1", "!aide", "2026-11-29T18:00:00Z")),
            now,
        )
        .await
        .expect("handled");
    let pending = bot.store.pending_messages().await.expect("pending");
    bot.store
        .record_failed_send(pending[0].id, "M_FORBIDDEN", Retry::Never, now)
        .await
        .expect("record");
    bot.deliver().await;
    assert!(bot.chat.sent().is_empty());
    assert!(
        bot.store
            .pending_messages()
            .await
            .expect("pending")
            .is_empty()
    );
}

#[tokio::test]
async fn a_queued_reply_wakes_the_sender_and_a_new_date_wakes_the_clock() {
    let (bot, _dir) = bot().await;
    let now = at("2026-11-29T18:00:05Z");
    bot.service
        .handle(
            &Incoming::Message(message("$1", "!aide", "2026-11-29T18:00:00Z")),
            now,
        )
        .await
        .expect("handled");
    // The permit left by the service lets this complete at once.
    bot.wakeups.outbox.notified().await;

    let proposal = super::meetings::proposal_with_associations(&bot).await;
    bot.handle(
        Incoming::Reaction(reaction("$a", "@alice:localhost", proposal.as_str(), "1️⃣")),
        now,
    )
    .await;
    bot.on_message(&from("@alice:localhost", "$c", "!réunion clore 1"), now)
        .await;
    bot.wakeups.clock.notified().await;
}

#[tokio::test]
async fn a_sent_letter_wakes_the_clock_for_its_follow_up() {
    let (bot, _dir) = bot().await;
    super::advocacy::approved_letter(&bot).await;
    let at_time = "2026-11-29T18:03:00Z";
    say_at(
        &bot,
        "@bob:localhost",
        "$w1",
        "!plaidoyer approuver 1",
        at_time,
    )
    .await;
    bot.clock_woken().await;
    let sending = say_at(
        &bot,
        "@bob:localhost",
        "$w2",
        "!plaidoyer envoyer 1",
        at_time,
    )
    .await;
    assert!(sending.contains("part vers"), "{sending}");
    assert!(bot.clock_woken().await);
}

#[tokio::test]
async fn the_number_reactions_of_a_proposal_that_was_given_up_are_given_up_too() {
    let (bot, _dir) = bot().await;
    let now = at("2026-11-29T18:00:05Z");
    let proposed = message(
        "$1",
        "!réunion proposer 10/12 14h ; 17/12 14h",
        "2026-11-29T18:00:00Z",
    );
    bot.handle_unsent(Incoming::Message(proposed), now).await;
    // Queued with the proposal, in its transaction: the proposal, then one reaction per date
    // and 🤷.
    let pending = bot.store.pending_messages().await.expect("pending");
    let kinds: Vec<bool> = pending
        .iter()
        .map(|message| matches!(message.content, Content::Reaction { .. }))
        .collect();
    assert_eq!(kinds, vec![false, true, true, true], "{pending:#?}");
    assert!(
        pending[1..]
            .iter()
            .all(|reaction| reaction.in_reply_to.is_none())
    );
    bot.store
        .record_failed_send(pending[0].id, "M_FORBIDDEN", Retry::Never, now)
        .await
        .expect("record");
    bot.deliver().await;
    // No reaction is sent without the message it belongs under, and none stays queued.
    assert!(bot.chat.sent().is_empty(), "{:#?}", bot.chat.sent());
    assert!(
        bot.store
            .pending_messages()
            .await
            .expect("pending")
            .is_empty()
    );
}

#[tokio::test]
async fn a_command_in_a_thread_is_answered_in_it_and_the_bot_s_own_posts_are_not() {
    let (bot, _dir) = bot().await;
    let threaded = IncomingMessage {
        thread: Some(EventId::new("$root")),
        ..message(
            "$1",
            "!rappel dans 1 minute Appeler la mairie",
            "2026-11-29T18:00:00Z",
        )
    };
    bot.on_message(&threaded, at("2026-11-29T18:00:05Z")).await;
    let sent = bot.chat.sent();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].in_reply_to, Some(EventId::new("$1")));
    assert_eq!(sent[0].thread, Some(EventId::new("$root")));
    // The reminder itself is the bot's own post: in the main timeline.
    bot.service
        .run_due(at("2026-11-29T18:02:00Z"))
        .await
        .expect("due");
    bot.deliver().await;
    let sent = bot.chat.sent();
    assert_eq!(sent.len(), 2, "{sent:?}");
    assert_eq!(sent[1].thread, None);
    assert!(sent[1].markdown.starts_with("⏰"), "{}", sent[1].markdown);
}

#[tokio::test]
async fn an_edited_command_is_answered_in_the_thread_its_command_was() {
    let (bot, _dir) = bot().await;
    let threaded = IncomingMessage {
        thread: Some(EventId::new("$root")),
        ..message("$1", "!agenda ajouter Budget", "2026-11-29T18:00:00Z")
    };
    bot.on_message(&threaded, at("2026-11-29T18:00:05Z")).await;
    bot.handle(
        Incoming::Edit(IncomingEdit {
            room: RoomId::new("!room"),
            event_id: EventId::new("$2"),
            original: EventId::new("$1"),
            sender: UserId::new("@alice:localhost"),
            new_body: "!agenda ajouter Budget 2027".into(),
        }),
        at("2026-11-29T18:00:10Z"),
    )
    .await;
    let sent = bot.chat.sent();
    assert_eq!(sent.len(), 2, "{sent:?}");
    assert!(
        sent[1].markdown.contains("Budget 2027"),
        "{}",
        sent[1].markdown
    );
    assert_eq!(sent[1].thread, Some(EventId::new("$root")));
}
