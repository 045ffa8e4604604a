//! #36: a joint advocacy letter in a real encrypted room: opened from a poll's joint position,
//! addressed, approved, changed by a Markdown file the command replies to (the approval
//! withdrawn), approved by both associations, then
//! frozen and posted as a PDF that reads back with every association as a signatory and the
//! fingerprint at its foot.

use matrix_sdk::ruma::events::relation::Reply;
use matrix_sdk::ruma::events::room::message::{Relation, RoomMessageEventContent};

use crate::helpers::ask;
use crate::polls::alice_bob_and_the_bot;

#[tokio::test(flavor = "multi_thread")]
async fn a_letter_from_a_poll_is_approved_by_each_association_and_its_pdf_reads_back() {
    let (mut alice, mut bob, bot, room, bob_room) = alice_bob_and_the_bot("Croix-Rouge").await;
    alice
        .say(
            &room,
            "!sondage Écrivons-nous au Préfet sur les gymnases ? | Oui | Non",
        )
        .await;
    ask(&mut alice, &room, "!voter 1 Oui").await;
    ask(&mut bob, &bob_room, "!voter 1 Oui").await;
    let opened = ask(&mut alice, &room, "!plaidoyer nouveau depuis sondage 1").await;
    assert!(
        opened.contains("Lettre n° 1 ouverte depuis le sondage n° 1"),
        "{opened}"
    );
    ask(
        &mut alice,
        &room,
        "!plaidoyer destinataires 1 Cabinet du Préfet cabinet@prefet77.example",
    )
    .await;
    let approved = ask(&mut alice, &room, "!plaidoyer approuver 1").await;
    assert!(approved.contains("en attente : Croix-Rouge"), "{approved}");
    // Bob sends the text as a Markdown file, and replies to it with the command.
    let file = bob_room
        .send_attachment(
            "lettre.md",
            &"text/markdown".parse::<mime::Mime>().expect("a MIME type"),
            "Monsieur le Préfet,\n\nLes gymnases ne sont pas des lieux d'accueil.\n"
                .as_bytes()
                .to_vec(),
            matrix_sdk::attachment::AttachmentConfig::new(),
        )
        .await
        .expect("the file sent")
        .event_id;
    let mut command = RoomMessageEventContent::text_plain("!plaidoyer texte 1");
    command.relates_to = Some(Relation::Reply(Reply::with_event_id(file)));
    let sent = bob_room
        .send(command)
        .await
        .expect("the command sent")
        .response
        .event_id;
    let changed = bob.reply_to(&sent).await.body;
    assert!(
        changed.contains("Texte de la lettre n° 1 enregistré"),
        "{changed}"
    );
    assert!(
        changed.contains("approbations de la version précédente sont retirées"),
        "{changed}"
    );
    ask(&mut bob, &bob_room, "!plaidoyer approuver 1").await;
    alice.say(&room, "!plaidoyer approuver 1").await;
    let bot_id = bot.user_id.clone();
    let frozen = alice
        .wait_for_message("the letter approved", {
            let bot_id = bot_id.clone();
            move |message| {
                message.sender == bot_id
                    && message
                        .body
                        .starts_with("**Lettre n° 1 approuvée par les deux associations**")
            }
        })
        .await;
    let fingerprint = frozen
        .body
        .split('`')
        .nth(1)
        .expect("the fingerprint between backquotes")
        .to_owned();
    assert_eq!(fingerprint.len(), 64, "{}", frozen.body);
    let pdf = alice
        .wait_for_message("the letter's PDF", move |message| {
            message.sender == bot_id && message.file.is_some()
        })
        .await;
    let downloaded = alice.download(pdf.file.as_ref().expect("a file")).await;
    assert!(downloaded.starts_with(b"%PDF-"));
    // pdftotext may write the apostrophe as a typographic one: compare without it.
    let text = crate::record::pdf_text(&downloaded).replace(['\'', '’'], "");
    for expected in [
        "Écrivons-nous au Préfet sur les gymnases ?",
        "Cabinet du Préfet",
        "Les gymnases ne sont pas des lieux daccueil.",
        "Signataires",
        "Restos du Cœur",
        "Croix-Rouge",
        fingerprint.as_str(),
    ] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
}

/// #36: an approved letter sent while the mail provider is down and the bot is killed goes
/// once to each recipient when both are back, the signed PDF attached and `Reply-To` the
/// group's contact; the room is told it went out; the register has it; with no answer the
/// room is reminded once, mentioning who sent it; an answer is then recorded.
#[tokio::test(flavor = "multi_thread")]
async fn an_approved_letter_goes_once_across_a_crash_and_is_followed_up() {
    use crate::email::{mailing_room, read};
    use crate::smtp::SmtpServer;
    use mail_parser::{MessageParser, MimeHeaders};

    let mut smtp = SmtpServer::start().await;
    let port = crate::helpers::free_port();
    let (mut alice, mut bot, room) = mailing_room(
        &smtp,
        format!(
            "[advocacy]\nfollow_up_days = 1\nreply_to = \"concertation77@exemple.org\"\n\
             [web]\nlisten = \"127.0.0.1:{port}\"\npublic_url = \"http://127.0.0.1:{port}\"\n"
        ),
        true,
        "Croix-Rouge",
    )
    .await;
    ask(
        &mut alice,
        &room,
        "!plaidoyer nouveau Lettre au Préfet sur les gymnases",
    )
    .await;
    ask(
        &mut alice,
        &room,
        "!plaidoyer texte 1 Monsieur le Préfet,\n\nLes gymnases ne sont pas des lieux d'accueil.",
    )
    .await;
    ask(
        &mut alice,
        &room,
        "!plaidoyer destinataires 1 Cabinet du Préfet cabinet@prefet77.example ; Conseil départemental presidence@departement77.example",
    )
    .await;
    let approved = ask(&mut alice, &room, "!plaidoyer approuver 1").await;
    assert!(approved.contains("Croix-Rouge approuve"), "{approved}");

    // The provider is down when the letter is sent, and the bot is killed.
    smtp.stop().await;
    let sending = ask(&mut alice, &room, "!plaidoyer envoyer 1").await;
    assert!(
        sending.contains("part vers ses 2 destinataires"),
        "{sending}"
    );
    bot.crash().await;
    smtp.resume().await;
    bot.restart();
    let received = smtp.wait_for(2, "the letter, to both recipients").await;
    let mut to: Vec<String> = received.iter().map(|raw| read(raw).to).collect();
    to.sort();
    assert_eq!(
        to,
        vec![
            "cabinet@prefet77.example",
            "presidence@departement77.example"
        ]
    );
    for raw in &received {
        let message = MessageParser::default().parse(raw).expect("MIME");
        let reply_to = message
            .reply_to()
            .and_then(|list| list.first())
            .and_then(|address| address.address())
            .unwrap_or_default()
            .to_owned();
        assert_eq!(reply_to, "concertation77@exemple.org");
        assert_eq!(message.subject(), Some("Lettre au Préfet sur les gymnases"));
        let pdf = message.attachments().next().expect("the signed PDF");
        assert_eq!(
            pdf.content_type()
                .map(|t| (t.ctype().to_owned(), t.subtype().map(str::to_owned))),
            Some(("application".to_owned(), Some("pdf".to_owned())))
        );
        let text = crate::record::pdf_text(pdf.contents());
        assert!(text.contains("Croix-Rouge"), "{text}");
    }
    let bot_id = bot.user_id.clone();
    let gone = alice
        .wait_for_message("the letter went out", {
            let bot_id = bot_id.clone();
            move |message| message.sender == bot_id && message.body.contains("est partie")
        })
        .await;
    assert!(gone.body.contains("2 courriels"), "{}", gone.body);
    let record = ask(&mut alice, &room, "!décisions").await;
    assert!(record.contains("envoyée le"), "{record}");
    let again = ask(&mut alice, &room, "!plaidoyer envoyer 1").await;
    assert!(again.contains("déjà partie"), "{again}");
    assert_eq!(smtp.received().len(), 2, "once each");

    // The group's page lists it with its PDF; the export has it.
    let page = crate::web::link_in(&ask(&mut alice, &room, "!page").await);
    let letters = crate::web::rendered_dom(&format!("{page}lettres"));
    assert!(
        letters.contains("Lettre au Préfet sur les gymnases"),
        "{letters}"
    );
    assert!(letters.contains("envoyée"), "{letters}");
    let pdf = reqwest::get(format!("{page}lettres/1.pdf"))
        .await
        .expect("the letter's PDF")
        .bytes()
        .await
        .expect("its bytes");
    assert!(pdf.starts_with(b"%PDF-"));
    crate::web::assert_accessible(&[&format!("{page}lettres")]);
    let csv = bot
        .export(&["letters", "--room", room.room_id().as_str()])
        .await;
    assert!(csv.starts_with("numéro,titre,statut,"), "{csv}");
    assert!(
        csv.contains("Cabinet du Préfet <cabinet@prefet77.example> ; Conseil départemental <presidence@departement77.example>"),
        "{csv}"
    );

    // A day and more without an answer: the room is reminded, Alice mentioned.
    bot.advance_clock(chrono::Duration::hours(25));
    let alice_id = alice.user_id.clone();
    let reminded = alice
        .wait_for_message("the follow-up", move |message| {
            message.sender == bot_id && message.body.contains("Pas de réponse à la lettre n° 1")
        })
        .await;
    assert!(!reminded.is_notice, "a reminder that notifies");
    assert!(
        reminded.mentions.contains(&alice_id),
        "{:?}",
        reminded.mentions
    );
    assert_eq!(smtp.received().len(), 2, "still once each");
    // Back to the present (a command a day old would not be answered), an answer comes.
    bot.advance_clock(-chrono::Duration::hours(25));
    let noted = ask(
        &mut alice,
        &room,
        "!plaidoyer réponse 1 Le cabinet du Préfet nous reçoit le 12 janvier.",
    )
    .await;
    assert!(
        noted.contains("Réponse n° 1 à la lettre n° 1 notée"),
        "{noted}"
    );
    let listed = ask(&mut alice, &room, "!plaidoyers").await;
    assert!(listed.contains("réponse reçue"), "{listed}");
}
