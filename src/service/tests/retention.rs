//! Personal data past its retention is deleted by the clock, once a day, late rather than
//! never: what went out keeps its proof and loses its text, old messages and handled events
//! go, spent reminders go, unreadable messages go after their month — and what is younger
//! stays.

use super::*;
use crate::domain::email::{EmailPerson, NewEmail, Recipient};
use crate::domain::messages::NewMessage;

const ROOM: &str = "!room";

fn days_before(now: DateTime<Utc>, days: i64) -> DateTime<Utc> {
    now - Duration::days(days)
}

/// A message the bot sent `days` ago, and the command it answered, handled then.
async fn message_sent(bot: &TestBot, days: i64, now: DateTime<Utc>) {
    let then = days_before(now, days);
    let room = RoomId::new(ROOM);
    let command = EventId::new(format!("$command-{days}"));
    let mut tx = bot.store.begin().await.expect("begin");
    assert!(tx.claim_event(&command, &room, then).await.expect("claim"));
    let queued = tx
        .queue_message(
            NewMessage::notice(&room, Some(&command), format!("reply of {days} days ago")),
            then,
        )
        .await
        .expect("queue");
    tx.mark_sent(queued.id, &EventId::new(format!("$sent-{days}")), then)
        .await
        .expect("sent");
    tx.commit().await.expect("commit");
}

/// An e-mail to Jean that went out `days` ago.
async fn email_sent(bot: &TestBot, days: i64, now: DateTime<Utc>) {
    let then = days_before(now, days);
    let mut tx = bot.store.begin().await.expect("begin");
    let email = NewEmail {
        to: Recipient::Person(1),
        subject: format!("Réunion ({days} jours)"),
        text: "Bonjour Jean".into(),
        html: "<p>Bonjour Jean</p>".into(),
        attachment: None,
        printable: None,
        unsubscribe_url: Some("https://concertation.example.org/u/token".into()),
        coalesce: None,
        reply_to: None,
    };
    assert!(
        tx.queue_email(&RoomId::new(ROOM), &email, then)
            .await
            .expect("queue")
    );
    tx.commit().await.expect("commit");
    let id: i64 = count(bot, "SELECT max(id) FROM email_outbox").await;
    bot.store.mark_email_sent(id, then).await.expect("sent");
}

#[tokio::test]
async fn the_clock_deletes_what_is_past_its_retention_once_a_day_and_keeps_the_rest() {
    let (bot, _dir) = bot().await;
    let now = at("2027-03-01T10:00:00Z");
    let room = RoomId::new(ROOM);
    let alice = UserId::new("@alice:localhost");

    let mut tx = bot.store.begin().await.expect("begin");
    let jean = EmailPerson {
        id: 0,
        number: 0,
        address: "jean@restos.example".into(),
        association: "Restos du Cœur".into(),
        name: "Jean Ledoux".into(),
        added_by: alice.clone(),
        link: crate::domain::tokens::kept_for_tests("jean"),
        unsubscribe_link: crate::domain::tokens::kept_for_tests("jean-unsubscribe"),
        unsubscribed: false,
    };
    tx.add_email_person(&room, &jean, days_before(now, 200))
        .await
        .expect("Jean");
    // Reminders: one still to ring, one cancelled, one-off sent.
    let later = now + Duration::days(3);
    for text in ["À venir", "Annulé", "Envoyé"] {
        tx.create_reminder(&room, &alice, text, later, None, days_before(now, 5))
            .await
            .expect("reminder");
    }
    let reminders = tx.room_reminders(&room).await.expect("reminders");
    tx.cancel_reminder(reminders[1].id, days_before(now, 4))
        .await
        .expect("cancel");
    tx.advance_reminder(reminders[2].id, None, days_before(now, 3))
        .await
        .expect("finish");
    tx.commit().await.expect("commit");

    message_sent(&bot, 91, now).await;
    message_sent(&bot, 89, now).await;
    email_sent(&bot, 31, now).await;
    email_sent(&bot, 29, now).await;
    for (event, days) in [("$unreadable-old", 31), ("$unreadable-new", 29)] {
        let kept = UndecryptedEvent {
            room: room.clone(),
            event_id: EventId::new(event),
            sender: alice.clone(),
            session_id: Some(format!("session{days}")),
            answers: None,
            sent_at: days_before(now, days),
            raw: "{}".into(),
        };
        bot.store
            .keep_undecrypted(&kept, days_before(now, days))
            .await
            .expect("kept");
        let mut tx = bot.store.begin().await.expect("begin");
        tx.record_unreadable_notice(&kept, days_before(now, days))
            .await
            .expect("notice");
        tx.commit().await.expect("commit");
    }

    bot.service.run_due(now).await.expect("due");

    // Old messages and handled events are gone; younger ones stay.
    let messages = "SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL";
    assert_eq!(count(&bot, messages).await, 1);
    assert_eq!(
        count(
            &bot,
            "SELECT count(*) FROM outbox WHERE body LIKE '%89 days%'"
        )
        .await,
        1
    );
    let handled = "SELECT count(*) FROM handled_events";
    assert_eq!(count(&bot, handled).await, 1);
    assert_eq!(
        count(
            &bot,
            "SELECT count(*) FROM handled_events WHERE event_id = '$command-89'"
        )
        .await,
        1
    );
    // The old e-mail keeps its row and when it went, not what it said.
    assert_eq!(count(&bot, "SELECT count(*) FROM email_outbox").await, 2);
    assert_eq!(
        count(
            &bot,
            "SELECT count(*) FROM email_outbox WHERE subject = '' AND text_body = ''
               AND html_body = '' AND unsubscribe_url IS NULL AND sent_at IS NOT NULL"
        )
        .await,
        1
    );
    assert_eq!(
        count(
            &bot,
            "SELECT count(*) FROM email_outbox WHERE subject LIKE '%29 jours%'
               AND text_body = 'Bonjour Jean'"
        )
        .await,
        1
    );
    // Only the reminder still to ring is kept.
    let mut tx = bot.store.begin().await.expect("begin");
    let left = tx.room_reminders(&room).await.expect("reminders");
    tx.commit().await.expect("commit");
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].text, "À venir");
    assert_eq!(count(&bot, "SELECT count(*) FROM reminders").await, 1);
    // The unreadable message of a month ago and its notice go; the younger stay.
    assert_eq!(
        count(&bot, "SELECT count(*) FROM undecrypted_events").await,
        1
    );
    assert_eq!(
        count(&bot, "SELECT count(*) FROM unreadable_notices").await,
        1
    );

    // Once a day: a second pass the same day deletes nothing, even what has aged since.
    message_sent(&bot, 95, now).await;
    bot.service
        .run_due(now + Duration::hours(23))
        .await
        .expect("due");
    assert_eq!(count(&bot, messages).await, 2);
    // The next day's pass does; the bot down that day, it is done at its return.
    bot.service
        .run_due(now + Duration::days(3))
        .await
        .expect("due");
    assert_eq!(
        count(&bot, messages).await,
        0,
        "89 days and 3 more: past 90"
    );
    assert_eq!(count(&bot, handled).await, 0);
}

#[tokio::test]
async fn the_answers_to_a_date_proposal_go_once_its_meeting_took_place_and_attendance_stays() {
    let (bot, _dir) = bot().await;
    let proposal = super::meetings::proposal_with_associations(&bot).await;
    let vote = reaction("$vote", "@bob:localhost", proposal.as_str(), "1️⃣");
    bot.handle(Incoming::Reaction(vote), at("2026-11-29T18:00:10Z"))
        .await;
    say_at(
        &bot,
        "@alice:localhost",
        "$close",
        "!réunion clore 1",
        "2026-11-29T18:01:00Z",
    )
    .await;
    say_at(
        &bot,
        "@bob:localhost",
        "$coming",
        "!présence oui",
        "2026-11-29T18:02:00Z",
    )
    .await;
    let answers_of = |kind: &'static str| {
        format!(
            "SELECT count(*) FROM answers a JOIN ballots b ON b.id = a.ballot_id
             WHERE b.kind = '{kind}'"
        )
    };
    assert_eq!(count(&bot, &answers_of("dates")).await, 1, "Bob's date");
    assert_eq!(count(&bot, &answers_of("attendance")).await, 1);

    // Before the meeting: its dates' answers stay.
    bot.service
        .run_due(at("2026-12-09T10:00:00Z"))
        .await
        .expect("due");
    assert_eq!(count(&bot, &answers_of("dates")).await, 1);
    // Its day over (10 December), the clock marks it held; the next purge drops who could come
    // when, and keeps who came.
    bot.service
        .run_due(at("2026-12-11T09:00:00Z"))
        .await
        .expect("due");
    assert_eq!(count(&bot, &answers_of("dates")).await, 0);
    assert_eq!(count(&bot, &answers_of("attendance")).await, 1);
    assert_eq!(
        count(
            &bot,
            "SELECT count(*) FROM meetings WHERE status = 'held' AND starts_at IS NOT NULL"
        )
        .await,
        1,
        "the meeting and its date stay"
    );
}

#[tokio::test]
async fn a_polls_answers_lose_their_people_after_their_retention_and_the_tally_stays() {
    let (bot, _dir) = bot().await;
    seed_associations(
        &bot,
        &[
            ("@alice:localhost", "Restos du Cœur"),
            ("@anne:localhost", "Restos du Cœur"),
            ("@bob:localhost", "Croix-Rouge"),
        ],
    )
    .await;
    for (sender, event, body, when) in [
        (
            "@alice:localhost",
            "$p",
            "!sondage Signons-nous ? | Pour | Contre",
            "2026-11-29T18:00:00Z",
        ),
        (
            "@alice:localhost",
            "$v1",
            "!voter 1 Contre",
            "2026-11-29T18:01:00Z",
        ),
        (
            "@alice:localhost",
            "$v2",
            "!voter 1 Pour",
            "2026-11-29T18:02:00Z",
        ),
        (
            "@anne:localhost",
            "$v3",
            "!voter 1 Pour",
            "2026-11-29T18:03:00Z",
        ),
        (
            "@bob:localhost",
            "$v4",
            "!voter 1 Pour",
            "2026-11-29T18:04:00Z",
        ),
        (
            "@carla:localhost",
            "$v5",
            "!voter 1 Contre",
            "2026-11-29T18:05:00Z",
        ),
        (
            "@alice:localhost",
            "$c",
            "!sondage clore 1",
            "2026-11-30T09:00:00Z",
        ),
    ] {
        say_at(&bot, sender, event, body, when).await;
    }
    let results = |event: &'static str, when: &'static str| {
        let bot = &bot;
        async move {
            say_at(bot, "@bob:localhost", event, "!sondage résultats 1", when).await;
            reply_to(bot, event)
        }
    };
    let before = results("$r1", "2026-11-30T10:00:00Z").await;
    assert!(before.contains("Restos du Cœur : Pour"), "{before}");
    assert!(before.contains("**Position commune : Pour.**"), "{before}");
    let named = "SELECT count(*) FROM answers a JOIN ballots b ON b.id = a.ballot_id
                 WHERE b.kind = 'poll' AND substr(a.voter, 1, 1) = '@'";
    assert_eq!(
        count(&bot, named).await,
        5,
        "every answer, Alice's change included"
    );

    // 364 days after the close: kept.
    bot.service
        .run_due(at("2027-11-29T10:00:00Z"))
        .await
        .expect("due");
    assert_eq!(count(&bot, named).await, 5);
    // Past 365 days (the next day's purge): nobody is named any more, one answer per person
    // stays, counted for the association it counted for.
    bot.service
        .run_due(at("2027-12-01T10:00:00Z"))
        .await
        .expect("due");
    assert_eq!(count(&bot, named).await, 0);
    let kept = "SELECT count(*) FROM answers a JOIN ballots b ON b.id = a.ballot_id
                WHERE b.kind = 'poll' AND a.noted_by IS NULL";
    assert_eq!(count(&bot, kept).await, 4, "one counted answer per person");
    let after = results("$r2", "2027-12-01T11:00:00Z").await;
    for name in ["ALICE", "ANNE", "BOB", "CARLA"] {
        assert!(before.contains(name), "{name} in {before}");
        assert!(!after.contains(name), "{name} in {after}");
    }
    assert!(after.contains("Restos du Cœur : Pour"), "{after}");
    assert!(after.contains("Croix-Rouge : Pour"), "{after}");
    assert!(
        after.contains("Pour — 3 réponses : 3 réponses anonymes"),
        "{after}"
    );
    assert!(after.contains("(2 réponses anonymes)"), "{after}");
    assert!(after.contains("**Position commune : Pour.**"), "{after}");
    // The counts per option are the same as before.
    let counts = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|line| line.starts_with("- 1️⃣") || line.starts_with("- 2️⃣"))
            .map(|line| line.split(" :").next().unwrap_or_default().to_owned())
            .collect()
    };
    assert_eq!(counts(&before), counts(&after), "{before}\n---\n{after}");
}

#[tokio::test]
async fn a_forget_me_never_confirmed_is_not_kept_past_its_hour() {
    let (bot, _dir) = bot().await;
    seed_alice_and_bob(&bot).await;
    say_at(
        &bot,
        "@alice:localhost",
        "$f",
        "!oublie-moi",
        "2026-11-29T18:00:00Z",
    )
    .await;
    let waiting = "SELECT count(*) FROM erasure_requests";
    assert_eq!(count(&bot, waiting).await, 1);
    bot.service
        .run_due(at("2026-11-29T18:30:00Z"))
        .await
        .expect("due");
    assert_eq!(count(&bot, waiting).await, 1, "still within its hour");
    bot.service
        .run_due(at("2026-11-30T18:31:00Z"))
        .await
        .expect("due");
    assert_eq!(count(&bot, waiting).await, 0);
}
