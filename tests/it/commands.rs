//! Commands answered in the room: help in the room's language, as a reply, in plain and
//! encrypted rooms; malformed commands explained.

use crate::helpers::{Bot, BotConfig, TestUser, room_with_bot};

#[tokio::test(flavor = "multi_thread")]
async fn help_is_answered_in_french_as_a_reply_then_in_english_once_chosen() {
    let mut alice = TestUser::new("alice", false).await;
    let bot = Bot::start(BotConfig::invited_by(&alice.user_id)).await;
    let room = room_with_bot(&mut alice, &bot, false).await;

    let help = alice.say(&room, "!aide").await;
    let reply = alice.reply_to(&help).await;
    assert_eq!(reply.sender, bot.user_id);
    assert!(reply.is_notice, "a bot answers with m.notice: {reply:?}");
    assert!(
        reply.body.contains("Ce que je sais faire"),
        "{}",
        reply.body
    );
    assert!(reply.body.contains("`!langue`"), "{}", reply.body);
    let html = reply.html.expect("an HTML body");
    assert!(html.contains("<code>!langue</code>"), "{html}");

    let switch = alice.say(&room, "!langue en").await;
    let reply = alice.reply_to(&switch).await;
    assert!(reply.body.contains("in English"), "{}", reply.body);

    let help = alice.say(&room, "!help language").await;
    let reply = alice.reply_to(&help).await;
    assert!(reply.body.contains("Example:"), "{}", reply.body);
    assert!(reply.body.contains("!language fr"), "{}", reply.body);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_configured_language_is_the_default_of_new_rooms() {
    let mut alice = TestUser::new("alice", false).await;
    let bot = Bot::start(BotConfig {
        language: "en",
        ..BotConfig::invited_by(&alice.user_id)
    })
    .await;
    let room = room_with_bot(&mut alice, &bot, false).await;
    let help = alice.say(&room, "!aide").await;
    let reply = alice.reply_to(&help).await;
    assert!(reply.body.contains("What I can do"), "{}", reply.body);
}

#[tokio::test(flavor = "multi_thread")]
async fn help_works_in_an_encrypted_room() {
    let mut alice = TestUser::new("alice", false).await;
    let bot = Bot::start(BotConfig::invited_by(&alice.user_id)).await;
    let room = room_with_bot(&mut alice, &bot, true).await;
    assert!(
        room.latest_encryption_state()
            .await
            .expect("encryption state")
            .is_encrypted()
    );

    let help = alice.say(&room, "!aide").await;
    let reply = alice.reply_to(&help).await;
    assert!(
        reply.was_encrypted,
        "the reply must be encrypted: {reply:?}"
    );
    assert!(
        reply.body.contains("Ce que je sais faire"),
        "{}",
        reply.body
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn malformed_commands_get_a_helpful_answer() {
    let mut alice = TestUser::new("alice", false).await;
    let bot = Bot::start(BotConfig::invited_by(&alice.user_id)).await;
    let room = room_with_bot(&mut alice, &bot, false).await;

    let typo = alice.say(&room, "!aied").await;
    let reply = alice.reply_to(&typo).await;
    assert!(reply.body.contains("`!aied`"), "{}", reply.body);
    assert!(
        reply.body.contains("vouliez-vous dire `!aide`"),
        "{}",
        reply.body
    );

    let wrong_language = alice.say(&room, "!langue klingon").await;
    let reply = alice.reply_to(&wrong_language).await;
    assert!(reply.body.contains("klingon"), "{}", reply.body);
    assert!(
        reply.body.contains("Exemple : `!langue en`"),
        "{}",
        reply.body
    );

    let chat = alice.say(&room, "Bonjour à tous, on se voit jeudi !").await;
    let after = alice.say(&room, "!langue").await;
    alice.reply_to(&after).await;
    assert_eq!(alice.replies_seen(&chat), 0, "ordinary chat gets no answer");
}

/// A message that begins with the bot's name and `:` or `,` (as Element writes a mention), a
/// pill that mentions it, or `@localpart` is read as a command without the `!`; nothing else
/// without `!` is.
#[tokio::test(flavor = "multi_thread")]
async fn the_bot_addressed_by_name_or_by_a_pill_answers_and_nothing_else_is_a_command() {
    use matrix_sdk::ruma::events::Mentions;
    use matrix_sdk::ruma::events::room::message::RoomMessageEventContent;

    let mut alice = TestUser::new("alice", false).await;
    let bot = Bot::start(BotConfig::invited_by(&alice.user_id)).await;
    let room = room_with_bot(&mut alice, &bot, true).await;
    // Synapse gives a new account its localpart as display name.
    let name = bot.user_id.localpart().to_owned();

    let by_name = alice.say(&room, &format!("{name} : aide")).await;
    let reply = alice.reply_to(&by_name).await;
    assert!(
        reply.body.contains("Ce que je sais faire"),
        "{}",
        reply.body
    );

    let plain = format!("{name}: agenda ajouter Budget FEAD");
    let html = format!(
        "<a href=\"https://matrix.to/#/{}\">{name}</a>: agenda ajouter Budget FEAD",
        bot.user_id
    );
    let content = RoomMessageEventContent::text_html(plain, html)
        .add_mentions(Mentions::with_user_ids([bot.user_id.clone()]));
    let pill = room
        .send(content)
        .await
        .expect("send the mention")
        .response
        .event_id;
    let reply = alice.reply_to(&pill).await;
    assert!(reply.body.contains("Budget FEAD"), "{}", reply.body);

    let at_name = alice.say(&room, &format!("@{name} help")).await;
    let reply = alice.reply_to(&at_name).await;
    assert!(
        reply.body.contains("Ce que je sais faire"),
        "{}",
        reply.body
    );

    // A mention that is not addressed, then a command: only the command is answered.
    let chat = alice.say(&room, &format!("{name} est là ?")).await;
    let later = alice.say(&room, "!agenda").await;
    let reply = alice.reply_to(&later).await;
    assert!(reply.body.contains("Budget FEAD"), "{}", reply.body);
    assert!(
        !alice
            .seen
            .iter()
            .any(|message| message.in_reply_to.as_ref() == Some(&chat)),
        "\"{name} est là ?\" was answered"
    );
}

/// A command sent in a thread is answered in that thread (the root, and the command as a
/// genuine reply); what the bot posts by itself, a reminder, stays in the main timeline.
#[tokio::test(flavor = "multi_thread")]
async fn a_command_in_a_thread_is_answered_there_and_a_reminder_in_the_main_timeline() {
    use matrix_sdk::ruma::events::relation::Thread;
    use matrix_sdk::ruma::events::room::message::{Relation, RoomMessageEventContent};

    let mut alice = TestUser::new("alice", false).await;
    let bot = Bot::start(BotConfig::invited_by(&alice.user_id)).await;
    let room = room_with_bot(&mut alice, &bot, true).await;
    let root = alice
        .say(&room, "Préparation de la réunion de décembre")
        .await;
    let in_thread = |body: &str| {
        let mut content = RoomMessageEventContent::text_plain(body);
        content.relates_to = Some(Relation::Thread(Thread::plain(root.clone(), root.clone())));
        content
    };
    let command = room
        .send(in_thread("!agenda ajouter Budget FEAD"))
        .await
        .expect("send in the thread")
        .response
        .event_id;
    let reply = alice.reply_to(&command).await;
    assert_eq!(
        reply.thread_root.as_ref(),
        Some(&root),
        "answered in the thread"
    );
    assert!(reply.body.contains("Budget FEAD"), "{}", reply.body);
    // The command edited: the answer to the edit goes to the same thread.
    alice
        .edit(&room, &command, "!agenda ajouter Budget FEAD 2027")
        .await;
    let bot_id = bot.user_id.clone();
    let edited = alice
        .wait_for_message("the answer to the edit", move |message| {
            message.sender == bot_id && message.body.contains("modifié")
        })
        .await;
    assert!(edited.body.contains("Budget FEAD 2027"), "{}", edited.body);
    assert_eq!(edited.thread_root.as_ref(), Some(&root), "{}", edited.body);

    let ask = room
        .send(in_thread("!rappel dans 3 secondes Envoyer l'ordre du jour"))
        .await
        .expect("send in the thread")
        .response
        .event_id;
    let confirmation = alice.reply_to(&ask).await;
    assert_eq!(confirmation.thread_root.as_ref(), Some(&root));
    let bot_id = bot.user_id.clone();
    let reminder = alice
        .wait_for_message("the reminder", move |message| {
            message.sender == bot_id && message.body.starts_with("⏰")
        })
        .await;
    assert_eq!(
        reminder.thread_root, None,
        "a reminder stays in the main timeline"
    );
}
