//! Meetings in a real encrypted room: two members of two associations vote on dates with
//! reactions, one withdraws a vote, one votes while the bot is down, and closing the proposal
//! schedules the meeting with an .ics invitation that calendar programs can read.

use icalendar::{Calendar, CalendarDateTime, Component, DatePerhapsTime};
use matrix_sdk::ruma::events::room::member::MembershipState;

use crate::helpers::{Bot, BotConfig, TestUser, room_associations};

#[tokio::test(flavor = "multi_thread")]
async fn members_vote_with_reactions_and_closing_schedules_the_meeting() {
    let mut alice = TestUser::new("alice", false).await;
    let bob = TestUser::new("bob", false).await;
    let mut bot = Bot::register().await;
    let room = alice.create_room(true, &[&bot.user_id, &bob.user_id]).await;
    let bob_room = bob.join(&room).await;
    // The associations come from the configuration, for this room.
    let rooms = room_associations(
        &room,
        &[
            ("Croix-Rouge", &[&bob.user_id]),
            ("Restos du Cœur", &[&alice.user_id]),
        ],
    );
    bot.start_with(BotConfig {
        extra: rooms,
        ..BotConfig::invited_by(&alice.user_id)
    });
    alice
        .wait_for_membership(&room, &bot.user_id, MembershipState::Join)
        .await;

    let propose = alice
        .say(
            &room,
            "!réunion proposer 10/12/2027 14h ; vendredi 17/12/2027 14h",
        )
        .await;
    let proposal = alice.reply_to(&propose).await;
    assert!(
        proposal
            .body
            .contains("1️⃣ vendredi 10 décembre 2027 à 14 h"),
        "{}",
        proposal.body
    );
    assert!(
        proposal
            .body
            .contains("2️⃣ vendredi 17 décembre 2027 à 14 h"),
        "{}",
        proposal.body
    );
    // The bot puts the voting reactions under its proposal itself, "if need be" included.
    for key in ["1️⃣", "2️⃣", "🤷"] {
        let (bot_id, target) = (bot.user_id.clone(), proposal.event_id.clone());
        alice
            .wait_for_reaction(&format!("the bot's {key}"), move |r| {
                r.sender == bot_id && r.target == target && r.key == key
            })
            .await;
    }

    alice.react(&room, &proposal.event_id, "1️⃣").await;
    alice.react(&room, &proposal.event_id, "2️⃣").await;
    let bob_first = bob.react(&bob_room, &proposal.event_id, "1️⃣").await;
    bob.react(&bob_room, &proposal.event_id, "👍").await;
    bob.redact(&bob_room, &bob_first).await;
    bob.react(&bob_room, &proposal.event_id, "2️⃣").await;

    let votes = alice.say(&room, "!réunion votes").await;
    let tally = alice.reply_to(&votes).await.body;
    let second = tally.find("2️⃣ vendredi 17").expect("option 2 listed");
    let first = tally.find("1️⃣ vendredi 10").expect("option 1 listed");
    assert!(
        second < first,
        "both associations can come on the 17th: {tally}"
    );
    assert!(
        tally.contains("Toutes les associations sont représentées : 2️⃣."),
        "{tally}"
    );
    assert!(
        tally.contains("Manque : Croix-Rouge"),
        "Bob withdrew his vote for the 10th: {tally}"
    );

    // Bob votes for the 10th again while the bot is down: it counts when the bot is back.
    assert!(bot.stop().await);
    bob.react(&bob_room, &proposal.event_id, "1️⃣").await;
    bot.restart();
    let votes = alice.say(&room, "!réunion votes").await;
    let tally = alice.reply_to(&votes).await.body;
    assert!(
        tally.contains("Toutes les associations sont représentées : 1️⃣, 2️⃣."),
        "{tally}"
    );

    // A tie: the bot asks which date; then the 17th is chosen.
    let close = alice.say(&room, "!réunion clore").await;
    let tie = alice.reply_to(&close).await.body;
    assert!(
        tie.contains("égalité") && tie.contains("`!réunion clore 1`"),
        "{tie}"
    );
    let close = alice.say(&room, "!réunion clore 2").await;
    let scheduled = alice.reply_to(&close).await.body;
    assert!(
        scheduled.contains("Réunion fixée : vendredi 17 décembre 2027 à 14 h."),
        "{scheduled}"
    );
    // Croix-Rouge is first in the host order and nobody hosted yet.
    assert!(scheduled.contains("Accueil : Croix-Rouge"), "{scheduled}");

    let bot_id = bot.user_id.clone();
    let invitation = alice
        .wait_for_message("the .ics invitation", move |m| {
            m.sender == bot_id && m.file.is_some()
        })
        .await;
    let file = invitation.file.expect("a file");
    assert_eq!(file.filename(), "reunion-concertation.ics");
    assert!(
        invitation.was_encrypted,
        "the invitation is encrypted like the room"
    );
    let ics = String::from_utf8(alice.download(&file).await).expect("UTF-8 calendar");
    let calendar: Calendar = ics.parse().expect("a valid iCalendar file");
    let event = calendar.components[0].as_event().expect("an event");
    let expected = chrono::DateTime::parse_from_rfc3339("2027-12-17T13:00:00Z")
        .expect("valid date")
        .with_timezone(&chrono::Utc);
    assert_eq!(
        event.get_start(),
        Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(expected)))
    );
    assert_eq!(event.get_summary(), Some("Réunion de concertation"));

    // The next meeting is now that one.
    let show = bob.say(&bob_room, "!réunion").await;
    let overview = alice.reply_to(&show).await.body;
    assert!(
        overview.contains("Prochaine réunion : vendredi 17 décembre 2027 à 14 h"),
        "{overview}"
    );
    assert!(overview.contains("Accueil : Croix-Rouge"), "{overview}");
}

#[tokio::test(flavor = "multi_thread")]
async fn attendance_is_taken_by_reaction_even_while_the_bot_is_down_and_by_command() {
    let mut alice = TestUser::new("alice", false).await;
    let bob = TestUser::new("bob", false).await;
    let mut bot = Bot::register().await;
    let room = alice.create_room(true, &[&bot.user_id, &bob.user_id]).await;
    let bob_room = bob.join(&room).await;
    bot.start_with(BotConfig {
        extra: room_associations(
            &room,
            &[
                ("Croix-Rouge", &[&bob.user_id]),
                ("Restos du Cœur", &[&alice.user_id]),
            ],
        ),
        ..BotConfig::invited_by(&alice.user_id)
    });
    alice
        .wait_for_membership(&room, &bot.user_id, MembershipState::Join)
        .await;
    let propose = alice
        .say(&room, "!réunion proposer 10/12/2027 14h ; 17/12/2027 14h")
        .await;
    alice.reply_to(&propose).await;
    let close = alice.say(&room, "!réunion clore 1").await;
    let announcement = alice.reply_to(&close).await;
    assert!(
        announcement.body.contains("✅ (je viens) ou ❌"),
        "{}",
        announcement.body
    );
    for key in ["✅", "❌"] {
        let (bot_id, target) = (bot.user_id.clone(), announcement.event_id.clone());
        alice
            .wait_for_reaction(&format!("the bot's {key}"), move |r| {
                r.sender == bot_id && r.target == target && r.key == key
            })
            .await;
    }
    bob.react(&bob_room, &announcement.event_id, "❌").await;

    // Alice answers while the bot is down: it counts when the bot is back.
    assert!(bot.stop().await);
    alice.react(&room, &announcement.event_id, "✅").await;
    bot.restart();
    let list = alice.say(&room, "!présence").await;
    let listing = alice.reply_to(&list).await.body;
    assert!(listing.contains("Restos du Cœur : 1/1"), "{listing}");
    assert!(
        listing.contains("Croix-Rouge : 0/1 — non représentée ; excusé·e(s) :"),
        "{listing}"
    );

    // The secretary of the day notes Bob after all.
    let noted = alice
        .say(&room, &format!("!présence oui {}", bob.user_id))
        .await;
    let reply = alice.reply_to(&noted).await.body;
    assert!(reply.contains("C'est noté pour la réunion du"), "{reply}");
    let list = alice.say(&room, "!attendance").await;
    let listing = alice.reply_to(&list).await.body;
    assert!(listing.contains("Croix-Rouge : 1/1"), "{listing}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_guest_shows_in_the_meeting_with_a_masked_address() {
    let mut alice = TestUser::new("alice", false).await;
    let bot = Bot::start(BotConfig::invited_by(&alice.user_id)).await;
    let room = crate::helpers::room_with_bot(&mut alice, &bot, true).await;
    let add = alice
        .say(
            &room,
            "!invité ajouter Mme Martin (ADSEA) martin@adsea77.example — jeunes migrants isolés",
        )
        .await;
    let added = alice.reply_to(&add).await.body;
    assert!(added.contains("Invité n° 1"), "{added}");
    assert!(added.contains("m…@adsea77.example"), "{added}");
    assert!(!added.contains("martin@adsea77.example"), "{added}");
    let show = alice.say(&room, "!réunion").await;
    // As the member's client shows it (the HTML part).
    let overview = alice.reply_to(&show).await.html.unwrap_or_default();
    assert!(
        overview.contains("Intervenants : Mme Martin (ADSEA) — jeunes migrants isolés"),
        "{overview}"
    );
    let list = alice.say(&room, "!guests").await;
    let listed = alice.reply_to(&list).await.html.unwrap_or_default();
    assert!(
        listed
            .contains("<li>Mme Martin (ADSEA) — jeunes migrants isolés (m…@adsea77.example)</li>"),
        "{listed}"
    );
}

/// The rhythm in a real room: a meeting held forty days ago (written into the bot's own
/// database before it starts), a monthly rhythm set, so its dates are overdue: the clock
/// proposes four dates once as a text that mentions the members, not again after a restart,
/// and a member who is neither its proposer nor a moderator sets the date.
#[tokio::test(flavor = "multi_thread")]
async fn the_rhythm_proposes_the_dates_once_as_a_text_that_mentions_the_members() {
    use chrono::{Duration as ChronoDuration, TimeZone, Utc};

    let mut alice = TestUser::new("alice", false).await;
    let mut bob = TestUser::new("bob", false).await;
    let mut bot = Bot::register().await;
    let room = alice.create_room(true, &[&bot.user_id, &bob.user_id]).await;
    let bob_room = bob.join(&room).await;
    let rooms = room_associations(
        &room,
        &[
            ("Croix-Rouge", &[&bob.user_id]),
            ("Restos du Cœur", &[&alice.user_id]),
        ],
    );
    // The last meeting: forty days ago at 14 h, Paris time.
    let paris = chrono_tz::Europe::Paris;
    let day = (Utc::now() - ChronoDuration::days(40))
        .with_timezone(&paris)
        .date_naive();
    let held = paris
        .from_local_datetime(&day.and_hms_opt(14, 0, 0).expect("14 h"))
        .earliest()
        .expect("a moment")
        .with_timezone(&Utc);
    std::fs::create_dir_all(bot.data_dir()).expect("data dir");
    {
        let store =
            concerto::storage::Store::open(&bot.data_dir().join(concerto::storage::DATABASE_FILE))
                .await
                .expect("the bot's database");
        let room_id = concerto::domain::RoomId::new(room.room_id().as_str());
        let mut tx = store.begin().await.expect("begin");
        let meeting = tx
            .create_unscheduled_meeting(&room_id, held)
            .await
            .expect("meeting");
        tx.schedule_meeting(meeting.id, held, held)
            .await
            .expect("dated");
        tx.commit().await.expect("commit");
    }
    bot.start_with(BotConfig {
        extra: rooms,
        ..BotConfig::invited_by(&alice.user_id)
    });
    alice
        .wait_for_membership(&room, &bot.user_id, MembershipState::Join)
        .await;

    let command = alice.say(&room, "!réunion rythme mensuel").await;
    let set = alice.reply_to(&command).await;
    assert!(
        set.body.contains("Rythme des réunions : mensuel."),
        "{}",
        set.body
    );
    assert!(set.body.contains("tout de suite"), "{}", set.body);
    let bot_id = bot.user_id.clone();
    let proposal = alice
        .wait_for_message("the rhythm's proposal", move |message| {
            message.sender == bot_id && message.body.contains("Rythme mensuel")
        })
        .await;
    assert!(!proposal.is_notice, "it rings: m.text");
    assert!(
        proposal.mentions.contains(&alice.user_id) && proposal.mentions.contains(&bob.user_id),
        "{:?}",
        proposal.mentions
    );
    for key in ["1️⃣", "2️⃣", "3️⃣", "4️⃣"] {
        assert!(proposal.body.contains(key), "{key}: {}", proposal.body);
    }
    assert!(!proposal.body.contains("5️⃣"), "{}", proposal.body);
    assert!(!proposal.body.contains("férié"), "{}", proposal.body);
    assert!(proposal.body.contains("à 14 h"), "{}", proposal.body);

    // Once, even across a restart.
    bot.stop().await;
    bot.restart();
    let command = alice.say(&room, "!réunion").await;
    let shown = alice.reply_to(&command).await;
    assert!(shown.body.contains("Rythme : mensuel."), "{}", shown.body);
    let proposals = alice
        .seen
        .iter()
        .filter(|message| message.body.contains("Rythme mensuel"))
        .count();
    assert_eq!(proposals, 1);

    // The group's own proposal: Bob, neither its proposer nor a moderator, sets the date.
    let command = bob.say(&bob_room, "!réunion clore 1").await;
    let closed = bob.reply_to(&command).await;
    assert!(closed.body.contains("Réunion fixée"), "{}", closed.body);
}

/// #35: "if need be" by reaction. Bob's 🤷 then 1️⃣ makes the 10th a date the Croix-Rouge
/// comes to only if need be: still the best, said apart; his 2️⃣ then ranks the 17th first,
/// where every association comes without reservation.
#[tokio::test(flavor = "multi_thread")]
async fn if_need_be_by_reaction_changes_the_ranking() {
    let (mut alice, mut bob, _bot, room, bob_room) =
        crate::polls::alice_bob_and_the_bot("Croix-Rouge").await;
    let propose = alice
        .say(&room, "!réunion proposer 10/12/2027 14h ; 17/12/2027 14h")
        .await;
    let proposal = alice.reply_to(&propose).await.event_id;
    alice.react(&room, &proposal, "1️⃣").await;
    alice.react(&room, &proposal, "2️⃣").await;
    bob.react(&bob_room, &proposal, "🤷").await;
    // A round trip through the bot: the 🤷 is counted before the number that follows it.
    crate::helpers::ask(&mut bob, &bob_room, "!réunion votes").await;
    bob.react(&bob_room, &proposal, "1️⃣").await;
    let votes = crate::helpers::ask(&mut alice, &room, "!réunion votes").await;
    let best = votes.split("\n- ").nth(1).unwrap_or_default();
    assert!(best.contains("10 décembre 2027"), "{votes}");
    assert!(best.contains("(si nécessaire : Croix-Rouge)"), "{votes}");
    assert!(best.contains("Si nécessaire seulement"), "{votes}");
    bob.react(&bob_room, &proposal, "2️⃣").await;
    let votes = crate::helpers::ask(&mut alice, &room, "!réunion votes").await;
    let best = votes.split("\n- ").nth(1).unwrap_or_default();
    assert!(best.contains("17 décembre 2027"), "{votes}");
    assert!(!best.contains("si nécessaire"), "{votes}");
}
