//! #37: working groups in a real homeserver. The bot creates the group's encrypted room and
//! the members' clients, invited, join it; an agenda item and a decision there (with the
//! plenary's associations); the report posted in the plenary; a proposal adopted there; the
//! end-date question asked once with the bot's clock driven; an existing room attached once a
//! moderator of the plenary confirms.

use std::time::Duration;

use matrix_sdk::ruma::OwnedRoomId;

use crate::helpers::{ask, eventually};
use crate::polls::alice_bob_and_the_bot;

#[tokio::test(flavor = "multi_thread")]
async fn a_group_gets_its_encrypted_room_reports_and_is_asked_about_its_end_once() {
    let paris = chrono_tz::Europe::Paris;
    let (mut alice, mut bob, bot, room, _bob_room) = alice_bob_and_the_bot("Croix-Rouge").await;
    let bot_id = bot.user_id.clone();
    let day = bot.now().with_timezone(&paris).date_naive() + chrono::Days::new(2);
    let created = ask(
        &mut alice,
        &room,
        &format!(
            "!groupe créer Non-recours jusqu'au {} {}",
            day.format("%d/%m/%Y"),
            bob.user_id
        ),
    )
    .await;
    assert!(
        created.contains("Groupe de travail « Non-recours » créé"),
        "{created}"
    );
    // The reply links the room the bot created.
    let group_id: OwnedRoomId = created
        .split("https://matrix.to/#/")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|id| OwnedRoomId::try_from(id).ok())
        .unwrap_or_else(|| panic!("a link to the group's room in {created}"));

    // Bob, invited, joins it: it is encrypted.
    let client = bob.client.clone();
    let group_room = eventually(
        "Bob joins the group's room",
        Duration::from_secs(30),
        || {
            let client = client.clone();
            let group_id = group_id.clone();
            async move {
                client
                    .join_room_by_id(&group_id)
                    .await
                    .map_err(|error| error.to_string())
            }
        },
    )
    .await;
    assert!(
        group_room
            .latest_encryption_state()
            .await
            .expect("encryption state")
            .is_encrypted(),
        "the group's room is encrypted"
    );
    assert_eq!(
        group_room.name().as_deref(),
        Some("Non-recours"),
        "named after the group"
    );

    // Its own record, with the plenary's associations.
    let command = bob
        .say(
            &group_room,
            "!agenda ajouter Questionnaire aux bénéficiaires",
        )
        .await;
    let item = bob.reply_to(&command).await;
    assert!(item.was_encrypted, "answered encrypted");
    assert!(item.body.contains("Questionnaire"), "{}", item.body);
    let decided = ask(
        &mut bob,
        &group_room,
        "!décision Demander une permanence CAF à Melun",
    )
    .await;
    assert!(decided.contains("Décision n° 1"), "{decided}");
    let detail = ask(&mut bob, &group_room, "!décision 1").await;
    assert!(detail.contains("Croix-Rouge"), "{detail}");

    // The report in the plenary; a proposal adopted there.
    let sent = ask(&mut bob, &group_room, "!groupe rapport").await;
    assert!(sent.contains("1 proposition"), "{sent}");
    let report = alice
        .wait_for_message("the group's report", {
            let bot_id = bot_id.clone();
            move |message| message.sender == bot_id && message.body.contains("Rapport du groupe")
        })
        .await;
    assert!(
        report.body.contains("Demander une permanence CAF à Melun"),
        "{}",
        report.body
    );
    let adopted = ask(
        &mut alice,
        &room,
        "!décision adopte la proposition n° 1 du groupe Non-recours",
    )
    .await;
    assert!(
        adopted.contains("Décision n° 1"),
        "the plenary's own: {adopted}"
    );
    let shown = ask(&mut alice, &room, "!décision 1").await;
    assert!(
        shown.contains("Demander une permanence CAF à Melun"),
        "{shown}"
    );

    // On its end date, on the bot's clock, the plenary is asked once.
    let nine = chrono::NaiveTime::from_hms_opt(9, 1, 0).expect("a time");
    let end = chrono::TimeZone::from_local_datetime(&paris, &day.and_time(nine))
        .earliest()
        .expect("a Paris time")
        .with_timezone(&chrono::Utc);
    let ahead = end - bot.now();
    bot.advance_clock(ahead);
    let question = alice
        .wait_for_message("the end-date question", {
            let bot_id = bot_id.clone();
            move |message| {
                message.sender == bot_id && message.body.contains("arrive à sa date de fin")
            }
        })
        .await;
    assert!(!question.is_notice, "it notifies");
    assert_eq!(question.mentions, vec![alice.user_id.clone()]);
    bot.advance_clock(chrono::Duration::hours(2));
    // Back to the present: a command is answered, and by then a second question would have come.
    bot.advance_clock(-(ahead + chrono::Duration::hours(2)));
    let list = ask(&mut alice, &room, "!groupes").await;
    assert!(list.contains("**Non-recours**"), "{list}");
    let asked = alice
        .seen
        .iter()
        .filter(|message| message.body.contains("arrive à sa date de fin"))
        .count();
    assert_eq!(asked, 1);
    let closed = ask(&mut alice, &room, "!groupe clore Non-recours").await;
    assert!(closed.contains("est clos"), "{closed}");
    let there = ask(&mut bob, &group_room, "!agenda").await;
    assert!(there.contains("est clos"), "{there}");
}

#[tokio::test(flavor = "multi_thread")]
async fn an_existing_room_is_attached_once_a_moderator_of_the_plenary_confirms() {
    let (mut alice, _bob, bot, room, _bob_room) = alice_bob_and_the_bot("Croix-Rouge").await;
    // An existing room, the bot invited into it.
    let existing = alice.create_room(true, &[&bot.user_id]).await;
    alice
        .wait_for_membership(
            &existing,
            &bot.user_id,
            matrix_sdk::ruma::events::room::member::MembershipState::Join,
        )
        .await;
    let asked = ask(&mut alice, &existing, "!groupe rattacher Hébergement").await;
    assert!(asked.contains("Demande notée"), "{asked}");
    let waiting = ask(&mut alice, &existing, "!agenda").await;
    assert!(
        waiting.contains("attend que le salon plénier confirme"),
        "{waiting}"
    );
    // Alice made the plenary: she is its moderator.
    let confirmed = ask(&mut alice, &room, "!groupe rattacher Hébergement").await;
    assert!(
        confirmed.contains("c'est maintenant le groupe de travail « Hébergement »"),
        "{confirmed}"
    );
    let bot_id = bot.user_id.clone();
    let existing_id = existing.room_id().to_owned();
    alice
        .wait_for_message("the confirmation in the attached room", move |message| {
            message.sender == bot_id
                && message.room_id == existing_id
                && message.body.contains("Le salon plénier a confirmé")
        })
        .await;
    let decided = ask(&mut alice, &existing, "!décision Ouvrir un gymnase l'hiver").await;
    assert!(decided.contains("Décision n° 1"), "{decided}");
    let sent = ask(&mut alice, &existing, "!groupe rapport").await;
    assert!(sent.contains("1 proposition"), "{sent}");
    let list = ask(&mut alice, &room, "!groupes").await;
    assert!(list.contains("**Hébergement**"), "{list}");
}

/// #37: when the plenary room is in a Matrix space the bot may change, the group's room is
/// added to it (`m.space.child` in the space, `m.space.parent` in the room).
#[tokio::test(flavor = "multi_thread")]
async fn the_groups_room_joins_the_plenarys_space_when_the_bot_may() {
    use matrix_sdk::ruma::api::client::room::create_room::v3::{
        CreationContent, Request as CreateRoom,
    };
    use matrix_sdk::ruma::events::room::member::MembershipState;
    use matrix_sdk::ruma::events::space::child::SpaceChildEventContent;
    use matrix_sdk::ruma::events::space::parent::SpaceParentEventContent;
    use matrix_sdk::ruma::room::RoomType;
    use matrix_sdk::ruma::serde::Raw;

    let (mut alice, _bob, bot, room, _bob_room) = alice_bob_and_the_bot("Croix-Rouge").await;
    // A space of the group's rooms, where the bot may add children.
    let mut request = CreateRoom::new();
    let mut creation = CreationContent::new();
    creation.room_type = Some(RoomType::Space);
    request.creation_content = Some(Raw::new(&creation).expect("creation content"));
    request.name = Some("Concertation 77".into());
    request.invite = vec![bot.user_id.clone()];
    // (Its creator's power is the room version's to give: only the bot's is set.)
    let powers = serde_json::json!({ "users": { bot.user_id.as_str(): 100 } });
    request.power_level_content_override = Some(Raw::from_json(
        serde_json::value::to_raw_value(&powers).expect("power levels"),
    ));
    let space = alice.client.create_room(request).await.expect("the space");
    alice
        .wait_for_membership(&space, &bot.user_id, MembershipState::Join)
        .await;
    let server = alice.user_id.server_name().to_owned();
    space
        .send_state_event_for_key(
            room.room_id(),
            SpaceChildEventContent::new(vec![server.clone()]),
        )
        .await
        .expect("the plenary in the space");
    room.send_state_event_for_key(
        space.room_id(),
        SpaceParentEventContent::new(vec![server.clone()]),
    )
    .await
    .expect("the plenary names its space");

    let created = ask(&mut alice, &room, "!groupe créer Hébergement d'urgence").await;
    let group_id: OwnedRoomId = created
        .split("https://matrix.to/#/")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|id| OwnedRoomId::try_from(id).ok())
        .unwrap_or_else(|| panic!("a link to the group's room in {created}"));
    let space_id = space.room_id().to_owned();
    let client = alice.client.clone();
    eventually(
        "the group's room in the space",
        Duration::from_secs(30),
        || {
            let client = client.clone();
            let space_id = space_id.clone();
            let group_id = group_id.clone();
            async move {
                let space = client
                    .get_room(&space_id)
                    .ok_or_else(|| "no space".to_owned())?;
                space
                    .get_state_event_static_for_key::<SpaceChildEventContent, _>(&group_id)
                    .await
                    .map_err(|error| error.to_string())?
                    .map(|_| ())
                    .ok_or_else(|| "no m.space.child yet".to_owned())
            }
        },
    )
    .await;
}
