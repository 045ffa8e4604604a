//! Joint advocacy letters: opened (from a title or a poll's joint position), written and
//! addressed in versions, approved by each member association — a change withdrawing the
//! approvals — then frozen with their fingerprint and printed; and every bad input answered.

use super::*;
use crate::domain::messages::Content;

fn pdfs(bot: &TestBot) -> Vec<(String, Vec<u8>)> {
    bot.chat
        .sent()
        .into_iter()
        .filter_map(|sent| match sent.content {
            Content::File { name, mime, data } if mime == "application/pdf" => Some((name, data)),
            _ => None,
        })
        .collect()
}

const RECIPIENTS: &str = "!plaidoyer destinataires 1 Cabinet du Préfet cabinet@prefet77.example ; Conseil départemental presidence@departement77.example";

#[tokio::test]
async fn a_letter_is_written_approved_by_each_association_frozen_and_printed() {
    let (bot, _dir) = bot().await;
    seed_alice_and_bob(&bot).await;
    let opened = say_at(
        &bot,
        "@alice:localhost",
        "$1",
        "!plaidoyer nouveau Lettre au Préfet sur les gymnases",
        "2026-11-29T18:00:00Z",
    )
    .await;
    assert!(opened.contains("Lettre n° 1 ouverte"), "{opened}");
    let early = say_at(
        &bot,
        "@alice:localhost",
        "$2",
        "!plaidoyer approuver 1",
        "2026-11-29T18:01:00Z",
    )
    .await;
    assert!(early.contains("n'a pas encore de texte"), "{early}");
    assert!(early.contains("Exemple"), "{early}");
    say_at(
        &bot,
        "@alice:localhost",
        "$3",
        "!plaidoyer texte 1 Monsieur le Préfet,\n\nLes gymnases ne sont pas des lieux d'accueil.",
        "2026-11-29T18:02:00Z",
    )
    .await;
    let no_recipients = say_at(
        &bot,
        "@alice:localhost",
        "$4",
        "!plaidoyer approuver 1",
        "2026-11-29T18:03:00Z",
    )
    .await;
    assert!(
        no_recipients.contains("pas encore de destinataires"),
        "{no_recipients}"
    );
    let bad = say_at(
        &bot,
        "@alice:localhost",
        "$5",
        "!plaidoyer destinataires 1 Cabinet du Préfet cabinet@prefet",
        "2026-11-29T18:04:00Z",
    )
    .await;
    assert!(
        bad.contains("« cabinet@prefet » n'est pas une adresse"),
        "{bad}"
    );
    let set = say_at(
        &bot,
        "@alice:localhost",
        "$6",
        RECIPIENTS,
        "2026-11-29T18:05:00Z",
    )
    .await;
    assert!(set.contains("c…@prefet77.example"), "masked: {set}");
    assert!(set.contains("version 2"), "{set}");

    // Alice approves version 2; Bob changes the text: her approval is withdrawn.
    let approved = say_at(
        &bot,
        "@alice:localhost",
        "$7",
        "!plaidoyer approuver 1",
        "2026-11-29T18:06:00Z",
    )
    .await;
    assert!(
        approved.contains("Restos du Cœur approuve la lettre n° 1 (version 2)"),
        "{approved}"
    );
    assert!(approved.contains("en attente : Croix-Rouge"), "{approved}");
    let changed = say_at(&bot, "@bob:localhost", "$8", "!plaidoyer texte 1 Monsieur le Préfet,\n\nLes gymnases ne sont pas des lieux d'accueil dignes.", "2026-11-29T18:07:00Z").await;
    assert!(
        changed.contains("les approbations de la version précédente sont retirées"),
        "{changed}"
    );
    let stale = say_at(
        &bot,
        "@bob:localhost",
        "$9",
        "!plaidoyer approuver 1 version 2",
        "2026-11-29T18:08:00Z",
    )
    .await;
    assert!(stale.contains("elle en est à la version 3"), "{stale}");
    let shown = say_at(
        &bot,
        "@bob:localhost",
        "$10",
        "!plaidoyer 1",
        "2026-11-29T18:09:00Z",
    )
    .await;
    assert!(shown.contains("Approuvée par : aucune"), "{shown}");
    assert!(
        shown.contains("> Les gymnases ne sont pas des lieux d'accueil dignes."),
        "{shown}"
    );

    say_at(
        &bot,
        "@bob:localhost",
        "$11",
        "!plaidoyer approuver 1 version 3",
        "2026-11-29T18:10:00Z",
    )
    .await;
    say_at(
        &bot,
        "@alice:localhost",
        "$12",
        "!plaidoyer approuver 1",
        "2026-11-29T18:11:00Z",
    )
    .await;
    bot.deliver().await;
    let notices: Vec<String> = bot
        .chat
        .sent()
        .into_iter()
        .filter(|sent| sent.in_reply_to.is_none())
        .map(|sent| sent.markdown)
        .collect();
    let frozen = notices
        .iter()
        .find(|text| text.contains("**Lettre n° 1 approuvée par les deux associations**"))
        .unwrap_or_else(|| panic!("{notices:#?}"));
    assert!(frozen.contains("empreinte SHA-256"), "{frozen}");
    let printed = pdfs(&bot);
    assert_eq!(printed.len(), 1);
    assert_eq!(printed[0].0, "lettre-1.pdf");
    assert!(printed[0].1.starts_with(b"%PDF-"));
    let listed = say_at(
        &bot,
        "@bob:localhost",
        "$13",
        "!plaidoyers",
        "2026-11-29T18:12:00Z",
    )
    .await;
    assert!(
        listed.contains("n° 1 — Lettre au Préfet sur les gymnases — approuvée"),
        "{listed}"
    );
    let again = say_at(
        &bot,
        "@bob:localhost",
        "$14",
        "!plaidoyer approuver 1",
        "2026-11-29T18:13:00Z",
    )
    .await;
    assert!(again.contains("déjà approuvée"), "{again}");
    // The signed text names every association, frozen with its fingerprint.
    let mut tx = bot.store.begin().await.expect("begin");
    let letter = tx
        .letter(&RoomId::new("!room"), 1)
        .await
        .expect("letter")
        .expect("letter 1");
    let signed = letter.frozen.expect("frozen");
    assert_eq!(signed.version, 3);
    assert!(
        signed.text.contains("- Restos du Cœur\n- Croix-Rouge"),
        "{}",
        signed.text
    );
    assert!(
        signed.text.starts_with("Melun, le 29 novembre 2026"),
        "{}",
        signed.text
    );
    assert_eq!(
        signed.fingerprint,
        crate::domain::minutes::fingerprint(&signed.text)
    );
}

#[tokio::test]
async fn a_letter_starts_from_a_poll_with_a_joint_position_only() {
    let (bot, _dir) = bot().await;
    seed_alice_and_bob(&bot).await;
    for (sender, event, body) in [
        (
            "@alice:localhost",
            "$p",
            "!sondage Écrivons-nous au Préfet ? | Oui | Non",
        ),
        ("@alice:localhost", "$v1", "!voter 1 Oui"),
    ] {
        say_at(&bot, sender, event, body, "2026-11-29T18:00:00Z").await;
    }
    let without = say_at(
        &bot,
        "@alice:localhost",
        "$l1",
        "!plaidoyer nouveau depuis sondage 1",
        "2026-11-29T18:01:00Z",
    )
    .await;
    assert!(without.contains("n'a pas de position commune"), "{without}");
    let unknown = say_at(
        &bot,
        "@alice:localhost",
        "$l2",
        "!plaidoyer nouveau depuis sondage 9",
        "2026-11-29T18:02:00Z",
    )
    .await;
    assert!(
        unknown.contains("Il n'y a pas de sondage n° 9"),
        "{unknown}"
    );
    say_at(
        &bot,
        "@bob:localhost",
        "$v2",
        "!voter 1 Oui",
        "2026-11-29T18:03:00Z",
    )
    .await;
    let opened = say_at(
        &bot,
        "@alice:localhost",
        "$l3",
        "!advocacy new from poll 1",
        "2026-11-29T18:04:00Z",
    )
    .await;
    assert!(opened.contains("depuis le sondage n° 1"), "{opened}");
    let shown = say_at(
        &bot,
        "@alice:localhost",
        "$s",
        "!plaidoyer 1",
        "2026-11-29T18:05:00Z",
    )
    .await;
    assert!(shown.contains("Issue du sondage n° 1"), "{shown}");
    assert!(
        shown.contains("> Position commune des associations : Oui."),
        "{shown}"
    );
}

/// Approves letter 1 (addressed to two recipients) by both associations.
pub(super) async fn approved_letter(bot: &TestBot) {
    seed_alice_and_bob(bot).await;
    for (sender, event, body) in [
        (
            "@alice:localhost",
            "$s1",
            "!plaidoyer nouveau Lettre au Préfet",
        ),
        (
            "@alice:localhost",
            "$s2",
            "!plaidoyer texte 1 Monsieur le Préfet,\n\nNous vous écrivons.",
        ),
        ("@alice:localhost", "$s3", RECIPIENTS),
        ("@alice:localhost", "$s4", "!plaidoyer approuver 1"),
    ] {
        say_at(bot, sender, event, body, "2026-11-29T18:00:00Z").await;
    }
}

#[tokio::test]
async fn a_letter_goes_once_to_each_recipient_is_recorded_answered_and_followed_up() {
    let (bot, _dir) = bot().await;
    approved_letter(&bot).await;
    let early = say_at(
        &bot,
        "@bob:localhost",
        "$e1",
        "!plaidoyer envoyer 1",
        "2026-11-29T18:01:00Z",
    )
    .await;
    assert!(
        early.contains("n'est pas encore approuvée par toutes les associations"),
        "{early}"
    );
    assert!(early.contains("en attente : Croix-Rouge"), "{early}");
    let answer_early = say_at(
        &bot,
        "@bob:localhost",
        "$e2",
        "!plaidoyer réponse 1 Reçu.",
        "2026-11-29T18:02:00Z",
    )
    .await;
    assert!(
        answer_early.contains("pas encore envoyée"),
        "{answer_early}"
    );
    say_at(
        &bot,
        "@bob:localhost",
        "$e3",
        "!plaidoyer approuver 1",
        "2026-11-29T18:03:00Z",
    )
    .await;
    let sending = say_at(
        &bot,
        "@bob:localhost",
        "$e4",
        "!plaidoyer envoyer 1",
        "2026-11-29T18:04:00Z",
    )
    .await;
    assert!(
        sending.contains("part vers ses 2 destinataires"),
        "{sending}"
    );
    let again = say_at(
        &bot,
        "@alice:localhost",
        "$e5",
        "!plaidoyer envoyer 1",
        "2026-11-29T18:05:00Z",
    )
    .await;
    assert!(
        again.contains("déjà partie (le dimanche 29 novembre 2026 à 19 h 04)"),
        "{again}"
    );
    // One e-mail per recipient, the PDF to print, answers to the group's contact.
    let pending = bot.store.pending_emails().await.expect("pending");
    assert_eq!(pending.len(), 2, "{pending:#?}");
    let addresses: Vec<&str> = pending
        .iter()
        .map(|(email, _)| email.to_address.as_str())
        .collect();
    assert_eq!(
        addresses,
        vec![
            "cabinet@prefet77.example",
            "presidence@departement77.example"
        ]
    );
    assert!(pending.iter().all(|(email, _)| {
        email.printable.is_some()
            && email.reply_to.as_deref() == Some("concertation77@exemple.org")
            && email.subject == "Lettre au Préfet"
            && email
                .text
                .contains("Signé par : Restos du Cœur, Croix-Rouge.")
    }));
    // The register has it.
    let record = say_at(
        &bot,
        "@alice:localhost",
        "$r",
        "!décision 1",
        "2026-11-29T18:06:00Z",
    )
    .await;
    assert!(record.contains("« Lettre au Préfet » \\(lettre n° 1\\) envoyée le 29/11/2026 à Cabinet du Préfet, Conseil départemental"), "{record}");
    // Told once both went out.
    for (email, _) in &pending {
        bot.store
            .mark_email_sent(email.id, at("2026-11-29T18:07:00Z"))
            .await
            .expect("sent");
    }
    for now in ["2026-11-29T18:08:00Z", "2026-11-29T18:09:00Z"] {
        bot.service.run_due(at(now)).await.expect("due work");
    }
    bot.deliver().await;
    let told: Vec<String> = bot
        .chat
        .sent()
        .into_iter()
        .map(|sent| sent.markdown)
        .filter(|text| text.contains("est partie"))
        .collect();
    assert_eq!(told.len(), 1, "{told:#?}");
    assert!(
        told[0].contains("2 courriels (Cabinet du Préfet, Conseil départemental)"),
        "{}",
        told[0]
    );
    // No answer after 30 days: one reminder, mentioning Bob who sent it.
    bot.service
        .run_due(at("2026-12-29T18:03:00Z"))
        .await
        .expect("due work");
    bot.service
        .run_due(at("2026-12-29T18:05:00Z"))
        .await
        .expect("due work");
    bot.service
        .run_due(at("2026-12-30T18:05:00Z"))
        .await
        .expect("due work");
    bot.deliver().await;
    let reminders: Vec<(String, Vec<UserId>)> = bot
        .chat
        .sent()
        .into_iter()
        .filter_map(|sent| match sent.content {
            Content::Text { markdown, mentions } if markdown.contains("Pas de réponse") => {
                Some((markdown, mentions))
            }
            _ => None,
        })
        .collect();
    assert_eq!(reminders.len(), 1, "{reminders:#?}");
    assert_eq!(reminders[0].1, vec![UserId::new("@bob:localhost")]);
    assert!(
        reminders[0]
            .0
            .contains("`!plaidoyer nouveau Relance : Lettre au Préfet`"),
        "{}",
        reminders[0].0
    );
    let listed = say_at(
        &bot,
        "@alice:localhost",
        "$l1",
        "!plaidoyers",
        "2026-12-30T18:06:00Z",
    )
    .await;
    assert!(listed.contains("sans réponse"), "{listed}");
    let noted = say_at(
        &bot,
        "@alice:localhost",
        "$a",
        "!plaidoyer réponse 1 Le cabinet nous reçoit le 12 janvier.",
        "2026-12-30T18:07:00Z",
    )
    .await;
    assert!(
        noted.contains("Réponse n° 1 à la lettre n° 1 notée"),
        "{noted}"
    );
    let listed = say_at(
        &bot,
        "@alice:localhost",
        "$l2",
        "!plaidoyers",
        "2026-12-30T18:08:00Z",
    )
    .await;
    assert!(listed.contains("réponse reçue"), "{listed}");
    let shown = say_at(
        &bot,
        "@alice:localhost",
        "$l3",
        "!plaidoyer 1",
        "2026-12-30T18:09:00Z",
    )
    .await;
    assert!(
        shown.contains("Le cabinet nous reçoit le 12 janvier."),
        "{shown}"
    );
    // The minutes of the next meeting list the letters sent since the one before.
    let mut tx = bot.store.begin().await.expect("begin");
    let meeting = tx
        .create_unscheduled_meeting(&RoomId::new("!room"), at("2026-11-29T18:00:00Z"))
        .await
        .expect("meeting");
    tx.schedule_meeting(
        meeting.id,
        at("2027-01-07T13:00:00Z"),
        at("2026-11-29T18:00:00Z"),
    )
    .await
    .expect("dated");
    tx.commit().await.expect("commit");
    let minutes = say_at(
        &bot,
        "@alice:localhost",
        "$m",
        "!compte-rendu 07/01/2027",
        "2027-01-08T10:00:00Z",
    )
    .await;
    assert!(minutes.contains("**Lettres envoyées**"), "{minutes}");
    assert!(
        minutes.contains("n° 1 « Lettre au Préfet », envoyée le 29/11/2026 à Cabinet du Préfet, Conseil départemental — réponse reçue"),
        "{minutes}"
    );
}

/// A letter's text sent as a Markdown file, and an answer that came as a file: the command
/// replies to the file.
#[tokio::test]
async fn a_text_or_an_answer_may_come_as_a_file_the_command_replies_to() {
    use crate::domain::messages::ReceivedFile;
    let (bot, _dir) = bot().await;
    seed_alice_and_bob(&bot).await;
    say_at(
        &bot,
        "@alice:localhost",
        "$1",
        "!plaidoyer nouveau Lettre au Préfet",
        "2026-11-29T18:00:00Z",
    )
    .await;
    let files = [
        (
            "$md",
            "lettre.md",
            "text/markdown",
            "Monsieur le Préfet,\n\nLes gymnases ne conviennent pas."
                .as_bytes()
                .to_vec(),
        ),
        (
            "$pdf",
            "lettre.pdf",
            "application/pdf",
            b"%PDF-1.7".to_vec(),
        ),
        (
            "$scan",
            "reponse-prefet.pdf",
            "application/pdf",
            b"%PDF-1.7 scan".to_vec(),
        ),
    ];
    for (event, name, mime, data) in files {
        bot.chat.files.lock().expect("lock").insert(
            EventId::new(event),
            ReceivedFile {
                name: name.into(),
                mime: mime.into(),
                data,
            },
        );
    }
    let replying = |event: &str, body: &str, to: &str, when: &str| IncomingMessage {
        in_reply_to: Some(EventId::new(to)),
        ..at_time("@alice:localhost", event, body, when)
    };
    let missing = say_at(
        &bot,
        "@alice:localhost",
        "$2",
        "!plaidoyer texte 1",
        "2026-11-29T18:01:00Z",
    )
    .await;
    assert!(
        missing.contains("Il manque le texte de la lettre n° 1"),
        "{missing}"
    );
    bot.on_message(
        &replying("$3", "!plaidoyer texte 1", "$pdf", "2026-11-29T18:02:00Z"),
        at("2026-11-29T18:02:00Z"),
    )
    .await;
    assert!(
        reply_to(&bot, "$3").contains("Je ne peux pas lire « lettre.pdf »"),
        "{}",
        reply_to(&bot, "$3")
    );
    bot.on_message(
        &replying("$4", "!plaidoyer texte 1", "$md", "2026-11-29T18:03:00Z"),
        at("2026-11-29T18:03:00Z"),
    )
    .await;
    assert!(
        reply_to(&bot, "$4").contains("Texte de la lettre n° 1 enregistré"),
        "{}",
        reply_to(&bot, "$4")
    );
    let shown = say_at(
        &bot,
        "@alice:localhost",
        "$5",
        "!plaidoyer 1",
        "2026-11-29T18:04:00Z",
    )
    .await;
    assert!(
        shown.contains("> Les gymnases ne conviennent pas."),
        "{shown}"
    );
    // The letter goes, then its answer comes as a scan.
    for (event, body) in [("$6", RECIPIENTS), ("$7", "!plaidoyer approuver 1")] {
        say_at(
            &bot,
            "@alice:localhost",
            event,
            body,
            "2026-11-29T18:05:00Z",
        )
        .await;
    }
    say_at(
        &bot,
        "@bob:localhost",
        "$8",
        "!plaidoyer approuver 1",
        "2026-11-29T18:06:00Z",
    )
    .await;
    say_at(
        &bot,
        "@bob:localhost",
        "$9",
        "!plaidoyer envoyer 1",
        "2026-11-29T18:07:00Z",
    )
    .await;
    let no_answer = say_at(
        &bot,
        "@alice:localhost",
        "$10",
        "!plaidoyer réponse 1",
        "2026-11-29T18:08:00Z",
    )
    .await;
    assert!(no_answer.contains("Il manque la réponse"), "{no_answer}");
    bot.on_message(
        &replying(
            "$11",
            "!plaidoyer réponse 1",
            "$scan",
            "2026-11-29T18:09:00Z",
        ),
        at("2026-11-29T18:09:00Z"),
    )
    .await;
    assert!(
        reply_to(&bot, "$11").contains("Réponse n° 1"),
        "{}",
        reply_to(&bot, "$11")
    );
    let shown = say_at(
        &bot,
        "@alice:localhost",
        "$12",
        "!plaidoyer 1",
        "2026-11-29T18:10:00Z",
    )
    .await;
    assert!(
        shown.contains("Fichier joint : reponse-prefet.pdf"),
        "{shown}"
    );
    let mut tx = bot.store.begin().await.expect("begin");
    let kept = tx
        .count_for_tests(
            "SELECT count(*) FROM letter_answers
             WHERE file_name = 'reponse-prefet.pdf' AND file_data = CAST('%PDF-1.7 scan' AS BLOB)",
        )
        .await;
    assert_eq!(kept, 1, "the file is kept with the answer");
}
