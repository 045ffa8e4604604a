//! E-mail cannot be turned into a spam cannon, against the real SMTP server: a meeting's
//! changes made close together go out as one update (the latest version, while the room's
//! `.ics` SEQUENCE grows with each); past the daily limit of one address, e-mails wait (never
//! lost) and the room is told why, once.

use crate::email::{Mail, mailing_room_with, read};
use crate::helpers::ask;
use crate::smtp::SmtpServer;

/// The SEQUENCE of an `.ics`.
fn sequence(ics: &str) -> u32 {
    ics.lines()
        .find_map(|line| line.strip_prefix("SEQUENCE:"))
        .and_then(|number| number.trim().parse().ok())
        .expect("a SEQUENCE")
}

/// Adds someone known by e-mail (`who`: address, association, name), proposes two dates and
/// closes the proposal: returns the two e-mails they got (the proposal, the invitation).
async fn invited(
    smtp: &SmtpServer,
    alice: &mut crate::helpers::TestUser,
    room: &matrix_sdk::Room,
    who: &str,
) -> Vec<Vec<u8>> {
    ask(alice, room, &format!("!courriel ajouter {who}")).await;
    ask(
        alice,
        room,
        "!réunion proposer 10/12/2027 14h ; 17/12/2027 14h",
    )
    .await;
    ask(alice, room, "!réunion clore 1").await;
    smtp.wait_for(2, "the proposal and the invitation").await
}

#[tokio::test(flavor = "multi_thread")]
async fn changes_made_close_together_go_out_as_one_update_the_latest() {
    let smtp = SmtpServer::start().await;
    let email = smtp.config_with("update_delay_s = 3\n");
    let (mut alice, bot, room) =
        mailing_room_with(email, String::new(), false, "Restos du Cœur").await;
    // The proposal, then the invitation at once (its first version).
    let received = invited(
        &smtp,
        &mut alice,
        &room,
        "jean.ledoux@restos.example Restos du Cœur Jean Ledoux",
    )
    .await;
    let invitation = read(&received[1]);
    let first = sequence(&invitation.ics);

    // Three changes within the delay: one update, the last place, the last SEQUENCE.
    ask(&mut alice, &room, "!réunion lieu Mairie de Melun").await;
    ask(&mut alice, &room, "!réunion lieu Salle paroissiale").await;
    ask(
        &mut alice,
        &room,
        "!réunion lieu Maison des associations, Melun",
    )
    .await;
    let received = smtp.wait_for(3, "the one update").await;
    let update: Mail = read(&received[2]);
    assert!(
        update
            .text
            .contains("Lieu : Maison des associations, Melun"),
        "{}",
        update.text
    );
    assert_eq!(sequence(&update.ics), first + 3, "the latest version");
    // The cancellation comes after it: nothing else went in between.
    ask(&mut alice, &room, "!réunion annuler").await;
    let received = smtp.wait_for(4, "the cancellation").await;
    let cancellation = read(&received[3]);
    assert!(
        cancellation.subject.starts_with("Annulée : "),
        "{}",
        cancellation.subject
    );
    assert_eq!(sequence(&cancellation.ics), first + 4);
    assert_eq!(smtp.received().len(), 4, "one update for three changes");
    assert!(bot.logs().contains("e-mail sent"));
}

#[tokio::test(flavor = "multi_thread")]
async fn past_the_daily_limit_of_an_address_emails_wait_and_the_room_is_told_once() {
    let smtp = SmtpServer::start().await;
    let email = smtp.config_with("update_delay_s = 0\nmax_per_recipient_per_day = 2\n");
    let (mut alice, bot, room) =
        mailing_room_with(email, String::new(), false, "Croix-Rouge").await;
    invited(
        &smtp,
        &mut alice,
        &room,
        "marie@croix-rouge.example Croix-Rouge Marie",
    )
    .await;
    // A third e-mail to Marie today: held back, and the room told why.
    ask(&mut alice, &room, "!réunion lieu Mairie de Melun").await;
    let bot_id = bot.user_id.clone();
    let told = alice
        .wait_for_message("the notice of e-mails held back", move |m| {
            m.sender == bot_id && m.body.contains("📮")
        })
        .await;
    assert!(told.body.contains("2 courriels par jour"), "{}", told.body);
    // Told once, however many wait: a fourth is held too, without a second notice.
    ask(&mut alice, &room, "!réunion lieu Salle paroissiale").await;
    let after = ask(&mut alice, &room, "!aide").await;
    assert!(after.contains("!agenda"), "{after}");
    assert_eq!(smtp.received().len(), 2, "nothing past the limit went");
    assert_eq!(
        alice
            .seen
            .iter()
            .filter(|message| message.body.contains("📮"))
            .count(),
        1
    );
    let kept = bot
        .export(&["people", "--room", room.room_id().as_str()])
        .await;
    assert!(
        kept.lines()
            .nth(1)
            .is_some_and(|line| line.ends_with(",2,1")),
        "two sent, one waiting: {kept}"
    );
}
