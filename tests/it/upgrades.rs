//! The group's room upgraded (a new room version, as Element's "upgrade room" does it through
//! the client API): the bot follows into the replacement, even when only invited members may
//! join it and the invitation comes from a member who could not have invited it elsewhere;
//! the record answers there, the page's old link shows it, and the open poll of the old room
//! (closed by the homeserver to members without power) is closed, its results in the new room.

use matrix_sdk::ruma::RoomVersionId;
use matrix_sdk::ruma::api::client::room::upgrade_room;

use crate::helpers::{Bot, BotConfig, TestUser, ask, free_port, wait_for_welcome};

#[tokio::test(flavor = "multi_thread")]
async fn the_record_follows_an_upgraded_room_and_the_old_link_shows_it() {
    let mut bob = TestUser::new("bob", false).await;
    let alice = TestUser::new("alice", false).await;
    let mut bot = Bot::register().await;
    let port = free_port();
    // Only Bob may invite the bot: Alice's invitation counts only into the replacement.
    bot.start_with(BotConfig {
        extra: format!(
            "\n[web]\nlisten = \"127.0.0.1:{port}\"\npublic_url = \"http://127.0.0.1:{port}\"\n"
        ),
        ..BotConfig::invited_by(&bob.user_id)
    });
    let old = bob
        .create_room(false, &[&bot.user_id, &alice.user_id])
        .await;
    wait_for_welcome(&mut bob, &bot, &old).await;
    alice.join(&old).await;

    ask(&mut bob, &old, "!agenda ajouter Budget FEAD").await;
    ask(
        &mut bob,
        &old,
        "!décision La concertation signe la tribune commune",
    )
    .await;
    let set = format!("!association set {} Croix-Rouge", bob.user_id);
    ask(&mut bob, &old, &set).await;
    bob.say(&old, "!sondage Tribune commune ? | Oui | Non")
        .await;
    let page = ask(&mut bob, &old, "!page").await;
    let page = page
        .split_whitespace()
        .find(|word| word.starts_with("http://") && word.ends_with('/'))
        .unwrap_or_else(|| panic!("no link in {page}"))
        .to_owned();

    // The upgrade, as Element asks for it; the replacement is invite-only, as the old room was.
    let request = upgrade_room::v3::Request::new(old.room_id().to_owned(), RoomVersionId::V12);
    let new_id = bob
        .client
        .send(request)
        .await
        .expect("room upgraded")
        .replacement_room;
    let new = bob
        .client
        .join_room_by_id(&new_id)
        .await
        .expect("in the new room");
    // Element's dialog invites the old room's members; Alice then invites the bot.
    bob.invite(&new, &alice.user_id).await;
    let alice_new = alice.join(&new).await;
    alice.invite(&alice_new, &bot.user_id).await;

    let bot_id = bot.user_id.clone();
    let in_new = new_id.clone();
    let announcement = bob
        .wait_for_message("the announcement in the new room", move |message| {
            message.room_id == in_new && message.sender == bot_id
        })
        .await;
    assert!(
        announcement.body.contains("Ce salon remplace"),
        "{}",
        announcement.body
    );
    assert!(
        announcement.body.contains("une décision"),
        "{}",
        announcement.body
    );
    // The homeserver closed the old room to members without power, the bot among them: the
    // announcement says which votes were closed, and the poll's results follow it here.
    assert!(
        announcement
            .body
            .contains("le sondage n° 1 « Tribune commune ? »"),
        "{}",
        announcement.body
    );
    let bot_id = bot.user_id.clone();
    let in_new = new_id.clone();
    bob.wait_for_message("the poll's results in the new room", move |message| {
        message.room_id == in_new
            && message.sender == bot_id
            && message.body.contains("Sondage n° 1 — résultats")
    })
    .await;
    // The record answers in the new room.
    let decisions = ask(&mut bob, &new, "!décisions").await;
    assert!(decisions.contains("tribune commune"), "{decisions}");
    let agenda = ask(&mut bob, &new, "!agenda").await;
    assert!(agenda.contains("Budget FEAD"), "{agenda}");
    let associations = ask(&mut bob, &new, "!associations").await;
    assert!(associations.contains("Croix-Rouge"), "{associations}");
    // The old link shows the new room's record, and it grows there.
    ask(
        &mut bob,
        &new,
        "!décision Rencontre avec la DDETS en janvier",
    )
    .await;
    let http = reqwest::Client::new();
    let decisions = http
        .get(format!("{page}decisions"))
        .send()
        .await
        .expect("decisions page")
        .text()
        .await
        .expect("body");
    assert!(decisions.contains("tribune commune"), "{decisions}");
    assert!(decisions.contains("Rencontre avec la DDETS"), "{decisions}");

    // Said once: a restart does not announce again.
    assert!(bot.stop().await, "the bot stops cleanly");
    bot.restart();
    let check = ask(&mut bob, &new, "!agenda").await;
    assert!(check.contains("Budget FEAD"), "{check}");
    let announcements = bob
        .seen
        .iter()
        .filter(|message| message.room_id == new_id && message.body.contains("Ce salon remplace"))
        .count();
    assert_eq!(announcements, 1);
    // Following the tombstone into an invite-only room before the invitation is no error.
    let errors: Vec<String> = bot
        .logs()
        .lines()
        .filter(|line| line.contains(" ERROR "))
        .map(str::to_owned)
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}
