//! #36: a joint advocacy letter in a real encrypted room: opened from a poll's joint position,
//! addressed, approved, changed (the approval withdrawn), approved by both associations, then
//! frozen and posted as a PDF that reads back with every association as a signatory and the
//! fingerprint at its foot.

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
    let changed = ask(
        &mut bob,
        &bob_room,
        "!plaidoyer texte 1 Monsieur le Préfet,\n\nLes gymnases ne sont pas des lieux d'accueil.",
    )
    .await;
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
