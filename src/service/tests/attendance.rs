//! Who comes: ✅ / ❌ under the announcement, `!présence` for oneself or for others, the
//! listing per association.

use super::meetings::proposal_with_associations;
use super::*;

/// Dates the meeting (option 1) and returns its announcement's event id.
async fn dated_meeting(bot: &TestBot) -> EventId {
    proposal_with_associations(bot).await;
    run_all(bot, &[("@alice:localhost", "$c", "!réunion clore 1")]).await;
    let sent = bot.chat.sent();
    let index = sent
        .iter()
        .position(|message| message.markdown.contains("Réunion fixée"))
        .expect("the announcement");
    assert!(
        sent[index].markdown.contains("✅ (je viens) ou ❌"),
        "{}",
        sent[index].markdown
    );
    EventId::new(format!("$reply{}", index + 1))
}

#[tokio::test]
async fn the_announcement_takes_attendance_by_reaction_and_by_command() {
    let (bot, _dir) = bot().await;
    let announcement = dated_meeting(&bot).await;
    // The bot puts ✅ and ❌ under it.
    let keys: Vec<String> = bot
        .chat
        .sent()
        .iter()
        .filter(|message| message.in_reply_to.as_ref() == Some(&announcement))
        .filter_map(|message| match &message.content {
            Content::Reaction { key } => Some(key.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(keys, vec!["✅".to_owned(), "❌".to_owned()]);

    // Bob's ❌ comes before the commands below (all sent at 18:00).
    let mut excused = reaction("$b1", "@bob:localhost", announcement.as_str(), "❌");
    excused.sent_at = at("2026-11-29T17:59:00Z");
    bot.handle(Incoming::Reaction(excused), at("2026-11-29T17:59:01Z"))
        .await;
    let replies = run_all(
        &bot,
        &[
            ("@alice:localhost", "$a1", "!présence oui"),
            ("@alice:localhost", "$l1", "!présence"),
        ],
    )
    .await;
    let n = replies.len();
    assert!(
        replies[n - 2].contains("C'est noté : vous venez à la réunion du jeudi 10 décembre 2026"),
        "{}",
        replies[n - 2]
    );
    let listing = &replies[n - 1];
    assert!(
        listing.contains("Restos du Cœur : 1/1 — ALICE"),
        "{listing}"
    );
    assert!(
        listing.contains("Croix-Rouge : 0/1 — non représentée ; excusé·e(s) : BOB"),
        "{listing}"
    );

    // The secretary of the day notes Bob after all: the latest answer counts.
    let replies = run_all(
        &bot,
        &[
            ("@alice:localhost", "$a2", "!présence oui @bob:localhost"),
            ("@alice:localhost", "$l2", "!attendance"),
            ("@alice:localhost", "$a3", "!attendance yes Zorro"),
            ("@alice:localhost", "$a4", "!présence peut-être"),
        ],
    )
    .await;
    let n = replies.len();
    assert!(
        replies[n - 4]
            .contains("C'est noté pour la réunion du jeudi 10 décembre 2026 à 14 h : BOB vient."),
        "{}",
        replies[n - 4]
    );
    assert!(
        replies[n - 3].contains("Croix-Rouge : 1/1 — BOB"),
        "{}",
        replies[n - 3]
    );
    assert!(
        replies[n - 2].contains("Je ne trouve pas dans ce salon : « Zorro »"),
        "{}",
        replies[n - 2]
    );
    assert!(
        replies[n - 1].contains("!présence oui"),
        "the form's example: {}",
        replies[n - 1]
    );
}

#[tokio::test]
async fn without_a_dated_meeting_attendance_says_when_it_can_be_noted() {
    let (bot, _dir) = bot().await;
    let replies = run_all(
        &bot,
        &[
            ("@alice:localhost", "$1", "!présence oui"),
            ("@alice:localhost", "$2", "!attendance"),
        ],
    )
    .await;
    for reply in &replies {
        assert!(reply.contains("Aucune réunion n'est fixée"), "{reply}");
    }
}

#[tokio::test]
async fn the_minutes_say_who_came_who_was_excused_and_who_was_not_represented() {
    let (bot, _dir) = bot().await;
    let announcement = dated_meeting(&bot).await;
    let mut excused = reaction("$b1", "@bob:localhost", announcement.as_str(), "❌");
    excused.sent_at = at("2026-11-29T17:59:00Z");
    bot.handle(Incoming::Reaction(excused), at("2026-11-29T17:59:01Z"))
        .await;
    run_all(&bot, &[("@alice:localhost", "$a1", "!présence oui")]).await;
    let mut tx = bot.store.begin().await.expect("tx");
    let meeting = tx
        .planned_meetings(&RoomId::new("!room"))
        .await
        .expect("meetings")
        .into_iter()
        .find(|meeting| meeting.starts_at.is_some())
        .expect("dated");
    let gathered = gather_minutes(
        &mut tx,
        &RoomId::new("!room"),
        meeting,
        chrono_tz::Europe::Paris,
    )
    .await
    .expect("minutes");
    drop(tx);
    let texts = Texts::new().expect("texts");
    let names: HashMap<UserId, String> = [
        (UserId::new("@alice:localhost"), "Alice".to_owned()),
        (UserId::new("@bob:localhost"), "Bob".to_owned()),
    ]
    .into_iter()
    .collect();
    let minutes = replies::minutes(
        &replies::Wording::new(&texts, Language::Fr, chrono_tz::Europe::Paris),
        &gathered,
        &names,
        chrono::NaiveDate::from_ymd_opt(2026, 12, 11).expect("day"),
    );
    assert!(
        minutes.contains("- Présents : Restos du Cœur (Alice)\n"),
        "{minutes}"
    );
    assert!(
        minutes.contains("- Excusés : Croix-Rouge (Bob)\n"),
        "{minutes}"
    );
    assert!(
        minutes.contains("- Associations non représentées : Croix-Rouge\n"),
        "{minutes}"
    );
}
