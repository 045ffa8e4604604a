//! Personal data (#34): what the bot tells a member about their data, in the room, and the
//! register entry a secretary files (RGPD art. 30), read back from the real binary beside the
//! running bot: every section present, every figure the configuration's.

use matrix_sdk::Room;
use matrix_sdk::ruma::{OwnedEventId, OwnedUserId, UserId};

use crate::email::mailing_room;
use crate::helpers::{Bot, BotConfig, PATIENCE, TestUser, ask, eventually, room_with_bot};
use crate::record::pdf_text;
use crate::smtp::SmtpServer;

#[tokio::test(flavor = "multi_thread")]
async fn the_notice_and_the_register_entry_say_the_configuration_in_force() {
    let smtp = SmtpServer::start().await;
    let (mut alice, bot, room) = mailing_room(
        &smtp,
        "[retention]\nsent_email_days = 12\nsent_messages_days = 45\n\
         [privacy]\ncontact = \"dpo@concertation.example\"\n"
            .into(),
        true,
        "Secours populaire",
    )
    .await;

    // In the room: the room's association as controller (none configured), the settings.
    let notice = ask(&mut alice, &room, "!confidentialité").await;
    for expected in [
        "Secours populaire",
        "12 jours",
        "45 jours",
        "dpo@concertation.example",
        "À qui vous adresser",
    ] {
        assert!(notice.contains(expected), "{expected} in {notice}");
    }

    // The register entry, as Markdown: every section, the figures of the configuration.
    let entry = bot.export(&["registre"]).await;
    let sections: Vec<&str> = entry
        .lines()
        .filter_map(|line| line.strip_prefix("## "))
        .collect();
    assert_eq!(
        sections,
        [
            "Finalité et base légale",
            "Responsables conjoints du traitement (art. 26)",
            "Personnes concernées",
            "Catégories de données",
            "Destinataires",
            "Transferts hors de l'Union européenne",
            "Durées de conservation",
            "Mesures de sécurité",
        ],
        "{entry}"
    );
    for expected in [
        "Secours populaire",
        "dpo@concertation.example",
        "12 jours après l'envoi",
        "45 jours",
        "Le fournisseur de courriel \\(SMTP\\) : 127.0.0.1",
        "127.0.0.1 : aucun",
        "Les personnes qui suivent le groupe par courriel",
    ] {
        assert!(entry.contains(expected), "{expected} in {entry}");
    }
    // No key in [backup]: said, not hidden.
    assert!(entry.contains("aucune clé n'est configurée"), "{entry}");

    // In English, and as a PDF that reads back.
    let english = bot.export(&["register", "--language", "en"]).await;
    assert!(english.contains("## Retention periods"), "{english}");
    assert!(english.contains("12 days after sending"), "{english}");
    let output = bot.cli(&["export", "registre", "--pdf"]).await;
    assert!(output.status.success(), "{output:?}");
    assert!(output.stdout.starts_with(b"%PDF"), "a PDF");
    let text = pdf_text(&output.stdout);
    assert!(
        text.contains("Registre des activités de traitement"),
        "{text}"
    );
    assert!(text.contains("Mesures de sécurité"), "{text}");
}

/// The direct room the bot opened with `user`, joined (the invitation awaited).
async fn join_the_direct_room(user: &TestUser, bot: &OwnedUserId) -> Room {
    let invited = eventually(
        "the bot's invitation to a direct room",
        PATIENCE,
        || async {
            for room in user.client.invited_rooms() {
                let inviter = room.invite_details().await.ok().and_then(|d| d.inviter);
                if inviter.is_some_and(|member| member.user_id() == bot.as_ref() as &UserId) {
                    return Ok(room);
                }
            }
            Err("no invitation yet".to_owned())
        },
    )
    .await;
    assert!(invited.is_direct().await.unwrap_or(false), "marked direct");
    user.join(&invited).await
}

/// A file the bot sent `user` in `room` whose name ends with `suffix`, other than those in
/// `seen`: its event and its text.
async fn file_in(
    user: &mut TestUser,
    room: &Room,
    bot: &OwnedUserId,
    suffix: &str,
    seen: &[OwnedEventId],
) -> (OwnedEventId, String) {
    let (room_id, bot, wanted) = (room.room_id().to_owned(), bot.clone(), suffix.to_owned());
    let seen = seen.to_vec();
    let received = user
        .wait_for_message(&format!("the {suffix} copy"), move |message| {
            message.room_id == room_id
                && message.sender == bot
                && message.file.is_some()
                && message.body.ends_with(&wanted)
                && !seen.contains(&message.event_id)
        })
        .await;
    assert!(received.was_encrypted, "the copy travels encrypted");
    let data = user.download(received.file.as_ref().expect("a file")).await;
    (received.event_id, String::from_utf8(data).expect("UTF-8"))
}

#[tokio::test(flavor = "multi_thread")]
async fn my_data_reaches_the_member_alone_encrypted_and_forget_me_leaves_only_the_record() {
    let mut alice = TestUser::new("alice", false).await;
    let bot = Bot::start(BotConfig::invited_by(&alice.user_id)).await;
    let room = room_with_bot(&mut alice, &bot, true).await;
    let alice_id = alice.user_id.to_string();
    for command in [
        format!("!association set {alice_id} Secours populaire"),
        "!agenda ajouter Budget FEAD 2027".to_owned(),
        "!décision Lettre commune au Préfet".to_owned(),
        format!("!action {alice_id} Appeler la CAF"),
        "!rappel demain 9h Envoyer l'ordre du jour".to_owned(),
    ] {
        ask(&mut alice, &room, &command).await;
    }
    // The poll is the bot's poll event, not a reply.
    alice
        .say(&room, "!sondage Signons-nous ? | Pour | Contre")
        .await;
    let bot_id = bot.user_id.clone();
    alice
        .wait_for_poll("the bot's poll", move |poll| poll.sender == bot_id)
        .await;
    ask(&mut alice, &room, "!voter 1 Pour").await;
    ask(&mut alice, &room, "!sondage clore 1").await;
    let before = ask(&mut alice, &room, "!sondage résultats 1").await;
    assert!(before.contains("Position commune : Pour"), "{before}");

    let sent = ask(&mut alice, &room, "!mes-données").await;
    assert!(sent.contains("salon privé et chiffré"), "{sent}");
    let direct = join_the_direct_room(&alice, &bot.user_id).await;
    assert!(
        direct
            .latest_encryption_state()
            .await
            .expect("state")
            .is_encrypted()
    );
    let (markdown_event, markdown) = file_in(&mut alice, &direct, &bot.user_id, ".md", &[]).await;
    for expected in [
        alice_id.as_str(),
        "Secours populaire",
        "Budget FEAD 2027",
        "Lettre commune au Préfet",
        "Appeler la CAF",
        "Envoyer l'ordre du jour",
        "« Signons-nous ? » : Pour",
    ] {
        assert!(markdown.contains(expected), "{expected} in {markdown}");
    }
    let (json_event, json) = file_in(&mut alice, &direct, &bot.user_id, ".json", &[]).await;
    let json: serde_json::Value = serde_json::from_str(&json).expect("the JSON reads back");
    assert_eq!(json["associations"][0]["association"], "Secours populaire");
    assert_eq!(json["answers"][0]["about"]["kind"], "poll");

    let asked = ask(&mut alice, &room, "!oublie-moi").await;
    assert!(asked.contains("`!oublie-moi confirmer`"), "{asked}");
    let done = ask(&mut alice, &room, "!oublie-moi confirmer").await;
    assert!(done.starts_with("C'est fait"), "{done}");
    // The tally is unchanged, naming nobody.
    let after = ask(&mut alice, &room, "!sondage résultats 1").await;
    assert!(after.contains("Position commune : Pour"), "{after}");
    assert!(after.contains("une réponse anonyme"), "{after}");

    // Asked again: the same direct room, and nothing left but what the record keeps.
    ask(&mut alice, &room, "!mes-données").await;
    let (_, again) = file_in(
        &mut alice,
        &direct,
        &bot.user_id,
        ".md",
        &[markdown_event, json_event],
    )
    .await;
    assert!(again.contains("Concerto ne garde rien sur vous"), "{again}");
    let decision = ask(&mut alice, &room, "!décision 1").await;
    assert!(decision.contains("un membre"), "{decision}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_person_known_by_email_sees_and_erases_their_data_from_their_page() {
    use crate::links::{get, mails_to, personal_link, post, web_section};
    let smtp = SmtpServer::start().await;
    let (web, base) = web_section();
    let (mut alice, bot, room) = mailing_room(&smtp, web, false, "Restos du Cœur").await;
    ask(
        &mut alice,
        &room,
        "!courriel ajouter jean@restos.example Restos du Cœur Jean Ledoux",
    )
    .await;
    ask(
        &mut alice,
        &room,
        "!réunion proposer 10/12/2027 14h ; 17/12/2027 14h",
    )
    .await;
    smtp.wait_for(1, "the proposal").await;
    let proposal = mails_to(&smtp, "jean@restos.example", "Dates proposées")
        .pop()
        .expect("Jean's proposal");
    let link = personal_link(&proposal.text, &base);
    let (_, page) = get(&link).await;
    assert!(page.contains("Voir ou effacer mes données"), "{page}");

    // His copy: readable, as JSON, and the same from the command line.
    let (status, copy) = get(&format!("{link}/donnees")).await;
    assert_eq!(status, 200, "{copy}");
    for expected in [
        "Jean Ledoux (Restos du Cœur), jean@restos.example",
        "Dates proposées",
    ] {
        assert!(copy.contains(expected), "{expected} in {copy}");
    }
    crate::web::assert_accessible(&[&format!("{link}/donnees")]);
    let (_, json) = get(&format!("{link}/donnees.json")).await;
    let json: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(json["known_by_email"][0]["number"], 1);
    let exported = bot.export(&["person", "jean@restos.example"]).await;
    assert!(exported.contains("Jean Ledoux"), "{exported}");
    let unknown = bot
        .cli(&["export", "person", "nobody@nowhere.example"])
        .await;
    assert!(!unknown.status.success(), "an unknown person is an error");
    assert!(
        String::from_utf8_lossy(&unknown.stderr).contains("nobody known as"),
        "{unknown:?}"
    );

    // Erasure: the box must be ticked; then he is gone, and the room is told.
    let (status, _) = post(&format!("{link}/oublier"), String::new()).await;
    assert_eq!(status, 400);
    let (status, done) = post(&format!("{link}/oublier"), "confirmer=oui".into()).await;
    assert_eq!(status, 200, "{done}");
    assert!(done.contains("vos données sont effacées"), "{done}");
    let bot_id = bot.user_id.clone();
    let told = alice
        .wait_for_message("the room told of the erasure", move |message| {
            message.sender == bot_id && message.body.contains("a demandé l'effacement")
        })
        .await;
    assert!(told.body.contains("Jean Ledoux"), "{}", told.body);
    let list = ask(&mut alice, &room, "!courriels").await;
    assert!(list.starts_with("Personne ne suit ce salon"), "{list}");
    let (status, _) = get(&link).await;
    assert_eq!(status, 404, "his link opens nothing any more");
    let gone = bot.cli(&["export", "person", "jean@restos.example"]).await;
    assert!(!gone.status.success(), "nothing is kept about him");
    let forget_nobody = bot.cli(&["forget", "@nobody:localhost"]).await;
    assert!(!forget_nobody.status.success(), "{forget_nobody:?}");
}
