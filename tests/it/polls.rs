//! Polls in real rooms (plain and encrypted): the bot posts a native poll; members answer in
//! their client, with the stable event type, with a reaction and with `!voter`; they change
//! their minds; a guest answers; the results say where each association stands; closing sends
//! the poll end event. A deadline that passes while the bot is down closes the poll on its
//! return, marked late.

use chrono::{Duration as ChronoDuration, Timelike, Utc};
use matrix_sdk::ruma::OwnedEventId;
use matrix_sdk::ruma::events::room::member::MembershipState;

use crate::helpers::{Bot, BotConfig, PollEvent, SeenPoll, TestUser, room_associations};

/// The bot's configuration for a room where Alice is Restos du Cœur and Bob Croix-Rouge.
fn associations(room: &matrix_sdk::Room, alice: &TestUser, bob: &TestUser) -> String {
    room_associations(
        room,
        &[
            ("Restos du Cœur", &[&alice.user_id]),
            ("Croix-Rouge", &[&bob.user_id]),
        ],
    )
}

fn is_start_from(bot: &Bot) -> impl Fn(&SeenPoll) -> bool + '_ {
    move |poll| poll.sender == bot.user_id && matches!(poll.what, PollEvent::Start { .. })
}

async fn answers_by_every_channel(encrypted: bool) {
    let mut alice = TestUser::new("alice", false).await;
    let bob = TestUser::new("bob", false).await;
    let mut carla = TestUser::new("carla", false).await;
    let mut bot = Bot::register().await;
    let room = alice
        .create_room(encrypted, &[&bot.user_id, &bob.user_id, &carla.user_id])
        .await;
    let bob_room = bob.join(&room).await;
    let carla_room = carla.join(&room).await;
    bot.start_with(BotConfig {
        extra: associations(&room, &alice, &bob),
        ..BotConfig::invited_by(&alice.user_id)
    });
    alice
        .wait_for_membership(&room, &bot.user_id, MembershipState::Join)
        .await;

    alice
        .say(&room, "!sondage Signons-nous la lettre commune au Préfet ?")
        .await;
    let poll = alice
        .wait_for_poll("the bot's poll", is_start_from(&bot))
        .await;
    assert_eq!(poll.was_encrypted, encrypted);
    let PollEvent::Start {
        question,
        answers,
        disclosed,
        max_selections,
        fallback,
    } = &poll.what
    else {
        unreachable!("a poll start");
    };
    assert_eq!(
        question,
        "Sondage n° 1 : Signons-nous la lettre commune au Préfet ?"
    );
    let texts: Vec<&str> = answers.iter().map(|(_, text)| text.as_str()).collect();
    assert_eq!(texts, vec!["Pour", "Contre", "Abstention"]);
    assert!(*disclosed, "results shown while the poll runs");
    assert_eq!(*max_selections, 1);
    let fallback = fallback.as_deref().unwrap_or_default();
    assert!(fallback.contains("« !voter 1 <option> »"), "{fallback}");
    // Plain text, shown as it is by clients without polls: no Markdown marks.
    assert!(fallback.starts_with("Sondage n° 1 de "), "{fallback}");
    assert!(!fallback.contains("**"), "{fallback}");
    let id_of = |text: &str| poll.answer_id(text);
    let poll_id: OwnedEventId = poll.event_id.clone();

    // Bob answers "Contre" in his client, then changes his mind with the stable event type.
    bob.answer_poll(&bob_room, &poll_id, &id_of("Contre")).await;
    bob.answer_poll_stable(&bob_room, &poll_id, &id_of("Pour"))
        .await;
    // Alice answers with a reaction; Carla, a guest, types a command.
    alice.react(&room, &poll_id, "1️⃣").await;
    let vote = carla.say(&carla_room, "!voter 1 Contre").await;
    let recorded = carla.reply_to(&vote).await;
    assert!(
        recorded.body.contains("« Contre » au sondage n° 1"),
        "{}",
        recorded.body
    );

    let ask = alice.say(&room, "!sondage résultats").await;
    let results = alice.reply_to(&ask).await.body;
    assert!(results.contains("1️⃣ Pour — 2 réponses"), "{results}");
    assert!(results.contains("2️⃣ Contre — 1 réponse"), "{results}");
    assert!(results.contains("Restos du Cœur : Pour"), "{results}");
    assert!(results.contains("Croix-Rouge : Pour"), "{results}");
    assert!(results.contains("Invités (non comptés"), "{results}");
    assert!(results.contains("Position commune : Pour."), "{results}");

    let close = alice.say(&room, "!sondage clore").await;
    let summary = alice.reply_to(&close).await.body;
    assert!(summary.contains("Clos le"), "{summary}");
    let end = alice
        .wait_for_poll(
            "the poll's end",
            |seen| matches!(&seen.what, PollEvent::End { poll, .. } if *poll == poll_id),
        )
        .await;
    assert_eq!(end.sender, bot.user_id);
    assert_eq!(end.was_encrypted, encrypted);
    let PollEvent::End { text, .. } = &end.what else {
        unreachable!("a poll end");
    };
    assert!(text.contains("Position commune : Pour."), "{text}");

    // After the end, an answer changes nothing.
    bob.answer_poll(&bob_room, &poll_id, &id_of("Contre")).await;
    let again = alice.say(&room, "!sondage résultats 1").await;
    let after = alice.reply_to(&again).await.body;
    assert!(after.contains("1️⃣ Pour — 2 réponses"), "{after}");
    assert!(after.contains("2️⃣ Contre — 1 réponse"), "{after}");
}

#[tokio::test(flavor = "multi_thread")]
async fn members_answer_a_poll_every_way_in_a_plain_room() {
    answers_by_every_channel(false).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn members_answer_a_poll_every_way_in_an_encrypted_room() {
    answers_by_every_channel(true).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_deadline_passed_while_the_bot_was_down_closes_the_poll_on_its_return_marked_late() {
    let mut alice = TestUser::new("alice", false).await;
    let mut bot = Bot::start(BotConfig::invited_by(&alice.user_id)).await;
    let room = crate::helpers::room_with_bot(&mut alice, &bot, false).await;

    // Deadlines are to the minute: the next minute at least 15 seconds away, Paris time.
    let now = Utc::now();
    let mut deadline = (now + ChronoDuration::seconds(15))
        .with_second(0)
        .and_then(|at| at.with_nanosecond(0))
        .expect("a valid time")
        + ChronoDuration::minutes(1);
    if deadline - now > ChronoDuration::seconds(75) {
        deadline -= ChronoDuration::minutes(1);
    }
    let local = deadline.with_timezone(&chrono_tz::Europe::Paris);
    let command = format!(
        "!sondage jusqu'au {} : Signons-nous ?",
        local.format("%d/%m/%Y %Hh%M")
    );
    alice.say(&room, &command).await;
    let poll = alice
        .wait_for_poll("the bot's poll", is_start_from(&bot))
        .await;
    let PollEvent::Start { answers, .. } = &poll.what else {
        unreachable!("a poll start");
    };
    let answer = answers[0].0.clone();
    alice.answer_poll(&room, &poll.event_id, &answer).await;
    let ask = alice.say(&room, "!sondages").await;
    let listed = alice.reply_to(&ask).await.body;
    assert!(listed.contains("1 réponse"), "{listed}");

    bot.crash().await;
    // The deadline passes while the bot is down: its clock moves past that moment.
    bot.advance_clock(deadline - bot.now() + ChronoDuration::seconds(2));
    bot.restart();

    let poll_id = poll.event_id.clone();
    alice
        .wait_for_poll(
            "the poll's end",
            |seen| matches!(&seen.what, PollEvent::End { poll, .. } if *poll == poll_id),
        )
        .await;
    let bot_id = bot.user_id.clone();
    let summary = alice
        .wait_for_message("the closing summary", move |message| {
            message.sender == bot_id
                && message.in_reply_to.is_none()
                && message.body.contains("Sondage n° 1 — résultats")
        })
        .await;
    assert!(
        summary.body.contains("annoncé en retard"),
        "{}",
        summary.body
    );
    assert!(
        summary.body.contains("1️⃣ Pour — 1 réponse"),
        "{}",
        summary.body
    );
}

/// An encrypted room of Alice (Restos du Cœur) and Bob (`bob_association`) with the bot in
/// it: (Alice, Bob, the bot, Alice's room, Bob's room). The bot's day does not end during a
/// test (its clock is moved back an hour near midnight).
pub(crate) async fn alice_bob_and_the_bot(
    bob_association: &str,
) -> (TestUser, TestUser, Bot, matrix_sdk::Room, matrix_sdk::Room) {
    let mut alice = TestUser::new("alice", false).await;
    let bob = TestUser::new("bob", false).await;
    let mut bot = Bot::register().await;
    crate::record::bot_days_far_from_midnight(&bot, chrono_tz::Europe::Paris).await;
    let room = alice.create_room(true, &[&bot.user_id, &bob.user_id]).await;
    let bob_room = bob.join(&room).await;
    bot.start_with(BotConfig {
        extra: room_associations(
            &room,
            &[
                ("Restos du Cœur", &[&alice.user_id]),
                (bob_association, &[&bob.user_id]),
            ],
        ),
        ..BotConfig::invited_by(&alice.user_id)
    });
    alice
        .wait_for_membership(&room, &bot.user_id, MembershipState::Join)
        .await;
    (alice, bob, bot, room, bob_room)
}

/// #35: the room's rule is changed and shown in the results; a guest association's answer is
/// shown apart and does not block the joint position.
#[tokio::test(flavor = "multi_thread")]
async fn the_rule_is_shown_and_a_guest_associations_answer_counts_apart() {
    let (mut alice, bob, bot, room, bob_room) = alice_bob_and_the_bot("Emmaüs").await;
    // Alice made the room: she is its moderator.
    let guest = crate::helpers::ask(&mut alice, &room, "!association invitée Emmaüs").await;
    assert!(guest.contains("association invitée"), "{guest}");
    let rule = crate::helpers::ask(&mut alice, &room, "!règle consentement").await;
    assert!(rule.contains("**consentement**"), "{rule}");

    alice.say(&room, "!sondage Signons-nous ?").await;
    let poll = alice
        .wait_for_poll("the bot's poll", is_start_from(&bot))
        .await;
    crate::helpers::ask(&mut alice, &room, "!voter 1 Pour").await;
    bob.answer_poll(&bob_room, &poll.event_id, &poll.answer_id("Contre"))
        .await;
    // The bot reads the room in order: Bob's answer comes before the question.
    let results = crate::helpers::ask(&mut alice, &room, "!sondage résultats 1").await;
    assert!(results.contains("Position commune : Pour."), "{results}");
    assert!(results.contains("Règle : consentement"), "{results}");
    assert!(
        results.contains(
            "Associations invitées (non comptées pour la position commune) : Emmaüs — Contre"
        ),
        "{results}"
    );
}

/// #35: a hidden poll is an undisclosed native poll; its results say only who answered until
/// it closes.
#[tokio::test(flavor = "multi_thread")]
async fn a_hidden_poll_says_only_who_answered_until_it_closes() {
    let (mut alice, bob, bot, room, bob_room) = alice_bob_and_the_bot("Croix-Rouge").await;
    alice
        .say(&room, "!sondage caché Signons-nous ? | Pour | Contre")
        .await;
    let poll = alice
        .wait_for_poll("the bot's hidden poll", is_start_from(&bot))
        .await;
    let PollEvent::Start { disclosed, .. } = &poll.what else {
        unreachable!("a poll start");
    };
    assert!(!*disclosed, "org.matrix.msc3381.poll.undisclosed");
    bob.answer_poll(&bob_room, &poll.event_id, &poll.answer_id("Contre"))
        .await;
    let open = crate::helpers::ask(&mut alice, &room, "!sondage résultats 1").await;
    assert!(open.contains("résultats cachés"), "{open}");
    assert!(
        open.contains("Associations qui ont répondu : Croix-Rouge"),
        "{open}"
    );
    assert!(!open.contains("Contre"), "{open}");
    crate::helpers::ask(&mut alice, &room, "!sondage clore 1").await;
    let closed = crate::helpers::ask(&mut alice, &room, "!sondage résultats 1").await;
    assert!(closed.contains("Croix-Rouge : Contre"), "{closed}");
}

/// #35: a consent poll; an objection from Bob's client is asked its reason in the poll's
/// thread, mentioning him; his next message there is noted, and the results give it.
#[tokio::test(flavor = "multi_thread")]
async fn an_objection_in_a_consent_poll_has_its_reason_asked_in_the_thread() {
    use matrix_sdk::ruma::events::relation::Thread;
    use matrix_sdk::ruma::events::room::message::{Relation, RoomMessageEventContent};

    let (mut alice, mut bob, bot, room, bob_room) = alice_bob_and_the_bot("Croix-Rouge").await;
    alice
        .say(&room, "!sondage consentement Nous co-signons la tribune")
        .await;
    let poll = alice
        .wait_for_poll("the bot's consent poll", is_start_from(&bot))
        .await;
    let PollEvent::Start { answers, .. } = &poll.what else {
        unreachable!("a poll start");
    };
    let texts: Vec<&str> = answers.iter().map(|(_, text)| text.as_str()).collect();
    assert_eq!(texts, vec!["D'accord", "Réserve", "Objection"]);
    bob.answer_poll(&bob_room, &poll.event_id, &poll.answer_id("Objection"))
        .await;
    let (bot_id, root, bob_id) = (
        bot.user_id.clone(),
        poll.event_id.clone(),
        bob.user_id.clone(),
    );
    let asked = bob
        .wait_for_message("the reason asked in the thread", move |message| {
            message.sender == bot_id && message.thread_root.as_ref() == Some(&root)
        })
        .await;
    assert!(asked.mentions.contains(&bob_id), "Bob is mentioned");
    assert!(!asked.is_notice, "a text that notifies");
    assert!(
        asked.body.contains("pourquoi « Objection »"),
        "{}",
        asked.body
    );
    let mut content = RoomMessageEventContent::text_plain("nous n'avons pas lu le texte final");
    content.relates_to = Some(Relation::Thread(Thread::plain(
        poll.event_id.clone(),
        asked.event_id.clone(),
    )));
    let reason = bob_room
        .send(content)
        .await
        .expect("send in the thread")
        .response
        .event_id;
    let noted = bob.reply_to(&reason).await;
    assert!(noted.body.contains("Raison notée"), "{}", noted.body);
    let results = crate::helpers::ask(&mut alice, &room, "!sondage résultats 1").await;
    assert!(
        results.contains("Pas adopté : objection de Croix-Rouge"),
        "{results}"
    );
    assert!(
        results.contains("(Objection) : nous n'avons pas lu le texte final"),
        "{results}"
    );
}

/// #35: a mandate withdrawn no longer counts; the Croix-Rouge's mandate for today's meeting
/// counts for its poll and for the approval of its minutes, shows in the attendance, and is
/// void on the poll once Bob answers himself.
#[tokio::test(flavor = "multi_thread")]
async fn a_mandate_is_given_withdrawn_used_in_a_poll_and_the_minutes_and_voided() {
    let (mut alice, mut bob, bot, room, bob_room) = alice_bob_and_the_bot("Croix-Rouge").await;
    // The meeting is today at 23:59.
    let today = bot
        .now()
        .with_timezone(&chrono_tz::Europe::Paris)
        .date_naive();
    let tomorrow = today.succ_opt().expect("a tomorrow");
    let ask = crate::helpers::ask;
    let day = today.format("%d/%m/%Y").to_string();
    let tomorrow = tomorrow.format("%d/%m/%Y");
    ask(
        &mut alice,
        &room,
        &format!("!réunion proposer {day} 23h59 ; {tomorrow} 23h59"),
    )
    .await;
    ask(&mut alice, &room, "!réunion clore 1").await;
    alice
        .say(&room, "!sondage Signons-nous ? | Pour | Contre")
        .await;
    let poll = alice
        .wait_for_poll("the bot's poll", is_start_from(&bot))
        .await;
    ask(&mut alice, &room, "!voter 1 Pour").await;

    // Given for the poll, then withdrawn: it no longer counts.
    let given = ask(
        &mut bob,
        &room,
        "!mandat Croix-Rouge à Restos du Cœur sondage 1",
    )
    .await;
    assert!(given.contains("Mandat enregistré : n° 1"), "{given}");
    let withdrawn = ask(&mut bob, &room, "!mandat retirer 1").await;
    assert!(withdrawn.contains("Mandat n° 1 retiré"), "{withdrawn}");
    let results = ask(&mut alice, &room, "!sondage résultats 1").await;
    assert!(!results.contains("par mandat"), "{results}");
    assert!(
        results.contains("Pas encore de position commune"),
        "{results}"
    );

    // Given for today's meeting: its poll, the attendance.
    let given = ask(
        &mut bob,
        &room,
        &format!("!proxy Croix-Rouge to Restos du Cœur for {day}"),
    )
    .await;
    assert!(given.contains("Mandat enregistré : n° 2"), "{given}");
    let results = ask(&mut alice, &room, "!sondage résultats 1").await;
    assert!(
        results.contains("Croix-Rouge (par mandat, Restos du Cœur) : Pour"),
        "{results}"
    );
    assert!(results.contains("Position commune : Pour."), "{results}");
    let attendance = ask(&mut alice, &room, "!présence").await;
    assert!(
        attendance.contains("Croix-Rouge : représentée par mandat (Restos du Cœur)"),
        "{attendance}"
    );

    // The minutes: Alice's approval counts for both associations.
    let approved = ask(&mut alice, &room, &format!("!compte-rendu approuver {day}")).await;
    assert!(
        approved.contains("Croix-Rouge (par mandat, Restos du Cœur)"),
        "{approved}"
    );
    let bot_id = bot.user_id.clone();
    alice
        .wait_for_message("the procès-verbal adopted", move |message| {
            message.sender == bot_id && message.body.starts_with("**Procès-verbal adopté**")
        })
        .await;
    let minutes = ask(&mut alice, &room, &format!("!compte-rendu {day}")).await;
    assert!(minutes.contains("**Mandats**"), "{minutes}");
    assert!(
        minutes.contains("n° 2 — Croix-Rouge → Restos du Cœur"),
        "{minutes}"
    );

    // Bob answers himself in his client: his answer wins, the mandate is void on the poll.
    bob.answer_poll(&bob_room, &poll.event_id, &poll.answer_id("Contre"))
        .await;
    let results = ask(&mut alice, &room, "!sondage résultats 1").await;
    assert!(
        results.contains("Mandat n° 2 sans effet : Croix-Rouge a répondu elle-même"),
        "{results}"
    );
    assert!(results.contains("Croix-Rouge : Contre"), "{results}");
}
