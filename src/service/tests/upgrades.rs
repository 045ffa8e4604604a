//! The group's room replaced by a new version of itself: the record follows, once; open
//! ballots close in the old room with a note; the old room points to the new one.

use super::*;
use crate::domain::messages::Content;

const OLD: &str = "!room";
const NEW: &str = "!new:localhost";

fn in_new_room(sender: &str, event: &str, body: &str, when: &str) -> IncomingMessage {
    IncomingMessage {
        room: RoomId::new(NEW),
        ..at_time(sender, event, body, when)
    }
}

/// A room with a record: associations, an agenda item, a decision, an action, a reminder, an
/// open poll, an open date proposal with one answer, a page link.
async fn room_with_a_record(bot: &TestBot) -> String {
    seed_alice_and_bob(bot).await;
    let when = "2026-11-29T18:00:00Z";
    for (event, body) in [
        ("$a", "!agenda ajouter Budget FEAD"),
        ("$d", "!décision La concertation signe la lettre au Préfet"),
        ("$t", "!action Croix-Rouge Écrire au maire avant le 15/12"),
        ("$r", "!rappel le 20/12 9h Envoyer l'ordre du jour"),
        ("$p", "!sondage Tribune commune ? | Oui | Non"),
        ("$m", "!réunion proposer 10/12 14h ; 17/12 14h"),
    ] {
        say_at(bot, "@alice:localhost", event, body, when).await;
    }
    let page = say_at(bot, "@alice:localhost", "$page", "!page", when).await;
    let proposal = bot
        .chat
        .sent()
        .into_iter()
        .position(|sent| sent.in_reply_to == Some(EventId::new("$m")))
        .expect("the proposal was sent");
    // The sender names sent messages $reply<n>, counting from 1.
    let proposal = EventId::new(format!("$reply{}", proposal + 1));
    bot.handle(
        Incoming::Reaction(IncomingReaction {
            target: proposal,
            ..reaction("$vote", "@bob:localhost", "", "1️⃣")
        }),
        at(when),
    )
    .await;
    page
}

#[tokio::test]
async fn the_record_follows_the_room_once_and_the_old_room_is_told_where_it_went() {
    let (bot, _dir) = bot().await;
    let page = room_with_a_record(&bot).await;
    let before = bot.chat.sent().len();
    let (old, new) = (RoomId::new(OLD), RoomId::new(NEW));
    let now = at("2026-11-29T18:10:00Z");
    bot.service
        .on_joined_replacement(&old, &new, now)
        .await
        .expect("moved");
    bot.service
        .on_joined_replacement(&old, &new, now)
        .await
        .expect("a second time changes nothing");
    bot.deliver().await;
    let sent = bot.chat.sent()[before..].to_vec();

    // In the old room: the note, the poll's end and its results.
    let in_old: Vec<&Sent> = sent.iter().filter(|sent| sent.room == old).collect();
    let note = &in_old[0].markdown;
    assert!(
        note.contains(
            "remplacé par [le nouveau salon](https://matrix.to/#/!new:localhost?via=localhost)"
        ),
        "{note}"
    );
    assert!(
        note.contains("la proposition de dates (une personne avait répondu)"),
        "{note}"
    );
    assert!(
        note.contains("le sondage n° 1 « Tribune commune ? »"),
        "{note}"
    );
    assert!(
        in_old
            .iter()
            .any(|sent| matches!(sent.content, Content::PollEnd { .. })),
        "{in_old:#?}"
    );
    assert_eq!(in_old.len(), 3, "{in_old:#?}");

    // In the new room: one announcement, with what followed.
    let in_new: Vec<&Sent> = sent.iter().filter(|sent| sent.room == new).collect();
    assert_eq!(in_new.len(), 1, "{in_new:#?}");
    let announcement = &in_new[0].markdown;
    for expected in [
        "remplace [l'ancien salon](https://matrix.to/#/!room)",
        "2 associations",
        "un point à l'ordre du jour",
        "une décision",
        "une action en cours",
        "un rappel",
    ] {
        assert!(
            announcement.contains(expected),
            "{expected}: {announcement}"
        );
    }

    // The record answers in the new room; the proposal is gone, the poll closed.
    let when = "2026-11-29T18:11:00Z";
    let agenda = say_at_new(&bot, "$1", "!agenda", when).await;
    assert!(agenda.contains("Budget FEAD"), "{agenda}");
    let decisions = say_at_new(&bot, "$2", "!décisions", when).await;
    assert!(decisions.contains("lettre au Préfet"), "{decisions}");
    let actions = say_at_new(&bot, "$3", "!actions", when).await;
    assert!(actions.contains("Écrire au maire"), "{actions}");
    let reminders = say_at_new(&bot, "$4", "!rappels", when).await;
    assert!(reminders.contains("Envoyer l'ordre du jour"), "{reminders}");
    let associations = say_at_new(&bot, "$5", "!associations", when).await;
    assert!(associations.contains("Croix-Rouge"), "{associations}");
    let votes = say_at_new(&bot, "$6", "!réunion votes", when).await;
    assert!(
        !votes.contains("17"),
        "no proposal is open any more: {votes}"
    );
    let polls = say_at_new(&bot, "$7", "!sondage résultats 1", when).await;
    assert!(polls.contains("Tribune commune"), "{polls}");
    // The same link, now for the new room.
    let link = say_at_new(&bot, "$8", "!page", when).await;
    let token = |text: &str| {
        text.split("https://concertation.example.org/")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .map(str::to_owned)
    };
    assert_eq!(token(&link), token(&page), "{link}\n{page}");
    assert!(token(&link).is_some(), "{link}");
    let token = token(&link).expect("a link");
    let opened = bot
        .store
        .room_of_page_token(&crate::domain::tokens::TokenHash::of(&token))
        .await
        .expect("lookup");
    assert_eq!(opened, Some(new));

    // A command still sent in the old room points to the new one.
    let old_agenda = say_at(&bot, "@bob:localhost", "$9", "!agenda", when).await;
    assert!(
        old_agenda.contains("le groupe continue dans [le nouveau salon]"),
        "{old_agenda}"
    );
    assert!(!old_agenda.contains("Budget FEAD"), "{old_agenda}");
}

#[tokio::test]
async fn a_replacement_that_has_a_record_of_its_own_is_not_merged_into() {
    let (bot, _dir) = bot().await;
    room_with_a_record(&bot).await;
    say_at_new(
        &bot,
        "$own",
        "!agenda ajouter Point du nouveau salon",
        "2026-11-29T18:05:00Z",
    )
    .await;
    let (old, new) = (RoomId::new(OLD), RoomId::new(NEW));
    bot.service
        .on_joined_replacement(&old, &new, at("2026-11-29T18:10:00Z"))
        .await
        .expect("handled");
    bot.deliver().await;
    let when = "2026-11-29T18:11:00Z";
    let agenda = say_at_new(&bot, "$1", "!agenda", when).await;
    assert!(agenda.contains("Point du nouveau salon"), "{agenda}");
    assert!(!agenda.contains("Budget FEAD"), "{agenda}");
    let old_agenda = say_at(&bot, "@bob:localhost", "$2", "!agenda", when).await;
    assert!(old_agenda.contains("Budget FEAD"), "{old_agenda}");
}

#[tokio::test]
async fn every_table_with_a_room_is_either_moved_or_kept_with_the_room_it_happened_in() {
    let (bot, _dir) = bot().await;
    let tables = bot.store.tables_with_room_column().await.expect("schema");
    // What the bot read and sent stays with the room it happened in.
    let kept = [
        "handled_events",
        "outbox",
        "room_positions",
        "undecrypted_events",
        "unreadable_notices",
        "room_upgrades",
        "event_attempts",
        "due_set_aside",
        "email_hold_notices",
    ];
    let moved = crate::storage::moved_tables();
    for table in &tables {
        assert!(
            kept.contains(&table.as_str()) || moved.contains(&table.as_str()) || table == "rooms",
            "a new table with a room column, {table}: move it with the record, or keep it"
        );
    }
}

async fn say_at_new(bot: &TestBot, event: &str, body: &str, when: &str) -> String {
    bot.on_message(
        &in_new_room("@alice:localhost", event, body, when),
        at(when),
    )
    .await;
    reply_to(bot, event)
}

#[tokio::test]
async fn when_the_old_room_is_closed_to_the_bot_the_new_room_hears_what_was_closed() {
    let (bot, _dir) = bot().await;
    room_with_a_record(&bot).await;
    let before = bot.chat.sent().len();
    let (old, new) = (RoomId::new(OLD), RoomId::new(NEW));
    // The homeserver raised the old room's sending level: the bot's is too low now.
    bot.chat.read_only.lock().expect("lock").push(old.clone());
    bot.service
        .on_joined_replacement(&old, &new, at("2026-11-29T18:10:00Z"))
        .await
        .expect("moved");
    bot.deliver().await;
    let sent = bot.chat.sent()[before..].to_vec();
    assert!(sent.iter().all(|sent| sent.room == new), "{sent:#?}");
    let announcement = &sent[0].markdown;
    assert!(announcement.contains("Ce salon remplace"), "{announcement}");
    assert!(
        announcement.contains("Les votes encore ouverts dans l'ancien salon sont clos"),
        "{announcement}"
    );
    assert!(
        announcement.contains("le sondage n° 1 « Tribune commune ? »"),
        "{announcement}"
    );
    assert!(
        sent[1].markdown.contains("Sondage n° 1 — résultats"),
        "{sent:#?}"
    );
    assert_eq!(sent.len(), 2, "{sent:#?}");

    // A command still sent there (by a moderator) cannot be answered there: none is posted.
    let when = "2026-11-29T18:11:00Z";
    let reply = say_at(&bot, "@moderator:localhost", "$old", "!agenda", when).await;
    assert_eq!(reply, "");
    assert_eq!(bot.chat.sent().len(), before + 2);
}
