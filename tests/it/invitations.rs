//! The bot joins the rooms it is invited to by allowed people, and only those.

use matrix_sdk::ruma::events::room::member::MembershipState;

use crate::helpers::{Bot, BotConfig, TestUser, room_with_bot};

#[tokio::test(flavor = "multi_thread")]
async fn an_invitation_from_an_allowed_user_is_accepted_with_a_welcome() {
    let mut alice = TestUser::new("alice", false).await;
    let bot = Bot::start(BotConfig::invited_by(&alice.user_id)).await;
    let room = alice.create_room(false, &[&bot.user_id]).await;

    alice
        .wait_for_membership(&room, &bot.user_id, MembershipState::Join)
        .await;
    let room_id = room.room_id().to_owned();
    let bot_id = bot.user_id.clone();
    let welcome = alice
        .wait_for_message("the welcome", move |m| {
            m.room_id == room_id && m.sender == bot_id
        })
        .await;
    assert!(welcome.is_notice, "{welcome:?}");
    assert!(welcome.body.contains("`!aide`"), "{}", welcome.body);
    assert!(
        welcome
            .html
            .as_deref()
            .is_some_and(|html| html.contains("<code>!aide</code>")),
        "{welcome:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_invitation_from_someone_not_allowed_is_declined() {
    let alice = TestUser::new("alice", false).await;
    let mut mallory = TestUser::new("mallory", false).await;
    let bot = Bot::start(BotConfig::invited_by(&alice.user_id)).await;
    let room = mallory.create_room(false, &[&bot.user_id]).await;

    // Declining an invitation is leaving the room one was invited to.
    mallory
        .wait_for_membership(&room, &bot.user_id, MembershipState::Leave)
        .await;
    let member = room
        .get_member_no_sync(&bot.user_id)
        .await
        .expect("member query");
    assert!(
        member.is_none_or(|member| *member.membership() != MembershipState::Join),
        "the bot must not have joined"
    );
    assert!(bot.logs().contains("invitation declined"), "{}", bot.logs());
}

#[tokio::test(flavor = "multi_thread")]
async fn the_bot_survives_being_kicked_and_comes_back_when_invited_again() {
    let mut alice = TestUser::new("alice", false).await;
    let bot = Bot::start(BotConfig::invited_by(&alice.user_id)).await;
    let room = room_with_bot(&mut alice, &bot, false).await;
    room.kick_user(&bot.user_id, Some("test"))
        .await
        .expect("kick the bot");
    alice
        .wait_for_membership(&room, &bot.user_id, MembershipState::Leave)
        .await;
    alice.invite(&room, &bot.user_id).await;
    alice
        .wait_for_membership(&room, &bot.user_id, MembershipState::Join)
        .await;
    let command = alice.say(&room, "!aide").await;
    alice.reply_to(&command).await;
    let welcomes = alice
        .seen
        .iter()
        .filter(|message| message.sender == bot.user_id && message.body.starts_with("Bonjour"))
        .count();
    assert_eq!(welcomes, 1, "a room is greeted once in its life");
}
