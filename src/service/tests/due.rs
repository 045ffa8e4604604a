//! What the clock does when it is due: carrying agendas over, once, late rather than never.

use super::*;

#[tokio::test]
async fn untreated_items_of_a_past_meeting_are_carried_over_in_order() {
    let (bot, _dir) = bot().await;
    let room = RoomId::new("!room");
    let added = at("2026-11-29T18:00:00Z");
    for (event, body) in [
        ("$1", "!agenda add Un"),
        ("$2", "!agenda add Deux"),
        ("$3", "!agenda add Trois"),
    ] {
        bot.on_message(&message(event, body, "2026-11-29T18:00:00Z"), added)
            .await;
    }
    // The meeting gets a date, then item 2 is treated.
    let mut tx = bot.store.begin().await.expect("begin");
    let meeting = tx.planned_meetings(&room).await.expect("meetings")[0].clone();
    tx.schedule_meeting(
        meeting.id,
        at("2026-12-10T13:00:00Z"),
        at("2026-11-29T18:00:00Z"),
    )
    .await
    .expect("schedule");
    tx.commit().await.expect("commit");
    bot.on_message(
        &message("$4", "!agenda traité 2", "2026-12-10T15:00:00Z"),
        at("2026-12-10T15:00:00Z"),
    )
    .await;

    // Before midnight, nothing is due yet; the clock is told when it will be.
    let day_end = at("2026-12-10T23:00:00Z");
    let before = at("2026-12-10T22:59:59Z");
    assert_eq!(
        bot.service.run_due(before).await.expect("due"),
        Some(day_end)
    );
    // The bot was down at midnight: it carries over when it is back, once.
    let after = at("2026-12-11T09:00:00Z");
    assert_eq!(bot.service.run_due(after).await.expect("due"), None);
    assert_eq!(bot.service.run_due(after).await.expect("due"), None);
    bot.on_message(&message("$5", "!agenda", "2026-12-11T09:00:00Z"), after)
        .await;
    bot.on_message(&message("$6", "!agenda", "2026-12-11T09:00:01Z"), after)
        .await;
    let sent = bot.chat.sent();
    let during = &sent[3].markdown;
    assert!(
        during.contains("Point n° 2 marqué comme traité"),
        "{during}"
    );
    let list = &sent[4].markdown;
    assert!(
        list.contains("prochaine réunion (date pas encore fixée)"),
        "{list}"
    );
    assert!(
        list.contains("1. Un — ajouté par ALICE, reporté du 10/12/2026"),
        "{list}"
    );
    assert!(
        list.contains("2. Trois — ajouté par ALICE, reporté du 10/12/2026"),
        "{list}"
    );
    assert!(!list.contains("Deux"), "{list}");
    assert_eq!(&sent[5].markdown, list, "carrying over happens once");
}

/// Three items on the agenda of a meeting on 10 December 2026 at 14:00 (Paris).
async fn meeting_with_three_items(bot: &TestBot) {
    let added = at("2026-11-29T18:00:00Z");
    for (event, body) in [
        ("$1", "!agenda add Un"),
        ("$2", "!agenda add Deux"),
        ("$3", "!agenda add Trois"),
    ] {
        bot.on_message(&message(event, body, "2026-11-29T18:00:00Z"), added)
            .await;
    }
    date_the_next_meeting(bot).await;
}

#[tokio::test]
async fn a_command_sent_before_midnight_acts_on_the_list_its_author_saw() {
    let (bot, _dir) = bot().await;
    meeting_with_three_items(&bot).await;
    // Item 1 is treated during the meeting, so the list reads 1 Un ✅, 2 Deux, 3 Trois.
    bot.on_message(
        &message("$4", "!agenda traité 1", "2026-12-10T15:00:00Z"),
        at("2026-12-10T15:00:00Z"),
    )
    .await;
    // At 23:50 someone marks item 3 as treated; the bot handles it only after midnight, once
    // the clock has carried Deux and Trois over (where they are numbers 1 and 2).
    bot.service
        .run_due(at("2026-12-10T23:00:00Z"))
        .await
        .expect("carried over");
    let late = at("2026-12-11T00:05:00Z");
    bot.on_message(
        &message("$5", "!agenda traité 3", "2026-12-10T22:50:00Z"),
        late,
    )
    .await;
    bot.on_message(&message("$6", "!agenda", "2026-12-11T00:05:00Z"), late)
        .await;
    let notices = bot.chat.notices();
    let done = &notices[notices.len() - 2].markdown;
    assert!(
        done.contains("Trois"),
        "item 3 as its author saw it: {done}"
    );
    let list = &notices[notices.len() - 1].markdown;
    assert!(
        list.contains("1. Deux — ajouté par ALICE, reporté du 10/12/2026\n"),
        "{list}"
    );
    assert!(
        list.contains("2. Trois — ajouté par ALICE, reporté du 10/12/2026, ✅ traité"),
        "{list}"
    );
}
