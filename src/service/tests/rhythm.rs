//! The meeting rhythm: set and shown, and the clock proposing four dates once, late rather
//! than never, never on a public holiday; the group may close the proposal as any other.

use super::*;
use crate::domain::messages::Content;

/// A meeting held on Thursday 10 December 2026 at 14 h (Paris).
async fn held_meeting(bot: &TestBot) {
    seed_alice_and_bob(bot).await;
    let mut tx = bot.store.begin().await.expect("begin");
    let meeting = tx
        .create_unscheduled_meeting(&RoomId::new("!room"), at("2026-11-29T18:00:00Z"))
        .await
        .expect("meeting");
    tx.schedule_meeting(
        meeting.id,
        at("2026-12-10T13:00:00Z"),
        at("2026-11-29T18:00:00Z"),
    )
    .await
    .expect("schedule");
    tx.commit().await.expect("commit");
}

fn rhythm_texts(bot: &TestBot) -> Vec<(String, Vec<UserId>)> {
    bot.chat
        .sent()
        .into_iter()
        .filter_map(|sent| match sent.content {
            Content::Text { markdown, mentions } if markdown.contains("Rythme trimestriel") => {
                Some((markdown, mentions))
            }
            _ => None,
        })
        .collect()
}

#[tokio::test]
async fn the_rhythm_proposes_four_dates_once_three_weeks_before_the_next_meeting_is_due() {
    let (bot, _dir) = bot().await;
    held_meeting(&bot).await;
    let set = say_at(
        &bot,
        "@alice:localhost",
        "$r",
        "!réunion rythme trimestriel",
        "2026-12-11T09:00:00Z",
    )
    .await;
    assert!(set.contains("Rythme des réunions : trimestriel."), "{set}");
    assert!(
        set.contains("attendue vers le 10/03/2027 : je proposerai quatre dates le 17/02/2027"),
        "{set}"
    );
    let shown = say_at(
        &bot,
        "@bob:localhost",
        "$s",
        "!réunion",
        "2026-12-11T09:01:00Z",
    )
    .await;
    assert!(shown.contains("Rythme : trimestriel."), "{shown}");

    // Not yet: the clock is told when.
    let next = bot
        .service
        .run_due(at("2027-02-16T12:00:00Z"))
        .await
        .expect("due");
    assert!(rhythm_texts(&bot).is_empty());
    assert!(
        next.is_some_and(|next| next <= at("2027-02-17T13:00:00Z")),
        "{next:?}"
    );
    // The bot was down on the 17th: it proposes when it is back, once.
    bot.service
        .run_due(at("2027-02-19T08:00:00Z"))
        .await
        .expect("due");
    bot.deliver().await;
    bot.service
        .run_due(at("2027-02-19T08:05:00Z"))
        .await
        .expect("due");
    bot.deliver().await;
    let texts = rhythm_texts(&bot);
    assert_eq!(texts.len(), 1, "{texts:?}");
    let (text, mentions) = &texts[0];
    assert!(
        mentions.contains(&UserId::new("@alice:localhost"))
            && mentions.contains(&UserId::new("@bob:localhost")),
        "{mentions:?}"
    );
    assert!(
        text.contains("https://matrix.to/#/@alice:localhost"),
        "{text}"
    );
    for date in [
        "jeudi 4 mars 2027 à 14 h",
        "jeudi 11 mars 2027 à 14 h",
        "jeudi 18 mars 2027 à 14 h",
        "jeudi 25 mars 2027 à 14 h",
    ] {
        assert!(text.contains(date), "{date} in {text}");
    }
    assert!(!text.contains("férié"), "{text}");
    let reactions = bot
        .chat
        .sent()
        .into_iter()
        .filter(|sent| matches!(sent.content, Content::Reaction { .. }))
        .count();
    assert_eq!(reactions, 5, "four numbers and 🤷");
    let proposal_sent = bot
        .store
        .pending_messages()
        .await
        .expect("outbox")
        .is_empty();
    assert!(proposal_sent);

    // The group's own proposal: any member may set the date.
    let closed = say_at(
        &bot,
        "@bob:localhost",
        "$c",
        "!réunion clore 2",
        "2027-02-19T09:00:00Z",
    )
    .await;
    assert!(closed.contains("Réunion fixée"), "{closed}");
    // Dated now: nothing more to propose.
    bot.service
        .run_due(at("2027-02-20T08:00:00Z"))
        .await
        .expect("due");
    assert_eq!(rhythm_texts(&bot).len(), 1);
}

#[tokio::test]
async fn no_rhythm_proposal_while_dates_are_being_voted_and_none_after_it_is_turned_off() {
    let (bot, _dir) = bot().await;
    held_meeting(&bot).await;
    say_at(
        &bot,
        "@alice:localhost",
        "$r",
        "!meeting rhythm monthly",
        "2026-12-11T09:00:00Z",
    )
    .await;
    say_at(
        &bot,
        "@alice:localhost",
        "$p",
        "!réunion proposer 12/01/2027 14h ; 14/01/2027 14h",
        "2026-12-11T09:01:00Z",
    )
    .await;
    bot.service
        .run_due(at("2026-12-21T13:00:00Z"))
        .await
        .expect("due");
    assert!(
        bot.chat
            .sent()
            .iter()
            .all(|sent| !sent.markdown.contains("Rythme mensuel"))
    );
    say_at(
        &bot,
        "@alice:localhost",
        "$x",
        "!réunion annuler proposition",
        "2026-12-21T14:00:00Z",
    )
    .await;
    let off = say_at(
        &bot,
        "@alice:localhost",
        "$o",
        "!réunion rythme aucun",
        "2026-12-21T14:01:00Z",
    )
    .await;
    assert!(off.contains("Plus de rythme"), "{off}");
    let next = bot
        .service
        .run_due(at("2026-12-22T13:00:00Z"))
        .await
        .expect("due");
    assert!(
        bot.chat
            .sent()
            .iter()
            .all(|sent| !sent.markdown.contains("Rythme mensuel"))
    );
    let _ = next;
    let unknown = say_at(
        &bot,
        "@alice:localhost",
        "$u",
        "!réunion rythme hebdo",
        "2026-12-22T14:00:00Z",
    )
    .await;
    assert!(
        unknown.contains("`!réunion rythme trimestriel`"),
        "{unknown}"
    );
}
