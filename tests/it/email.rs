//! E-mail to those outside Matrix, against a real SMTP server (aiosmtpd on 127.0.0.1): a
//! person known by e-mail receives the meeting's invitation when its date is set — a MIME
//! message with a plain-text and an HTML part and the `.ics` (METHOD:REQUEST, the room's UID
//! and SEQUENCE) — then its updates and its cancellation; so does a guest of that meeting who
//! gave an address. Addresses stay out of the room and the logs; a hostile name is escaped in
//! the HTML. The provider down and the bot killed: the e-mail arrives once.

use icalendar::{Calendar, Component};
use mail_parser::{MessageParser, MimeHeaders};

use matrix_sdk::Room;

use crate::helpers::{Bot, BotConfig, TestUser, ask, room_with_bot};
use crate::smtp::SmtpServer;

/// What a test reads of a received e-mail.
pub(crate) struct Mail {
    pub(crate) from: String,
    pub(crate) to: String,
    pub(crate) subject: String,
    pub(crate) message_id: String,
    pub(crate) text: String,
    pub(crate) html: String,
    pub(crate) calendar_type: String,
    pub(crate) ics: String,
}

pub(crate) fn read(raw: &[u8]) -> Mail {
    let message = MessageParser::default().parse(raw).expect("a MIME message");
    let address = |list: Option<&mail_parser::Address<'_>>| {
        list.and_then(|list| list.first())
            .and_then(|addr| addr.address())
            .unwrap_or_default()
            .to_owned()
    };
    let attachment = message.attachments().next();
    let content_type = attachment.and_then(|attachment| attachment.content_type());
    Mail {
        from: address(message.from()),
        to: address(message.to()),
        subject: message.subject().unwrap_or_default().to_owned(),
        message_id: message.message_id().unwrap_or_default().to_owned(),
        text: message.body_text(0).unwrap_or_default().into_owned(),
        html: message.body_html(0).unwrap_or_default().into_owned(),
        calendar_type: content_type
            .map(|content_type| {
                format!(
                    "{}/{}; method={}",
                    content_type.ctype(),
                    content_type.subtype().unwrap_or_default(),
                    content_type.attribute("method").unwrap_or_default()
                )
            })
            .unwrap_or_default(),
        ics: attachment
            .map(|attachment| String::from_utf8_lossy(attachment.contents()).into_owned())
            .unwrap_or_default(),
    }
}

/// Alice's room (encrypted or not) with a bot that sends e-mail through `smtp` (`extra`: more
/// of its configuration), Alice representing `association` there.
pub(crate) async fn mailing_room(
    smtp: &SmtpServer,
    extra: String,
    encrypted: bool,
    association: &str,
) -> (TestUser, Bot, Room) {
    mailing_room_with(smtp.config(), extra, encrypted, association).await
}

/// [`mailing_room`] with its own `[email]` section (`email`).
pub(crate) async fn mailing_room_with(
    email: String,
    extra: String,
    encrypted: bool,
    association: &str,
) -> (TestUser, Bot, Room) {
    let mut alice = TestUser::new("alice", false).await;
    let bot = Bot::start(BotConfig {
        extra: format!("{email}\n{extra}"),
        ..BotConfig::invited_by(&alice.user_id)
    })
    .await;
    let room = room_with_bot(&mut alice, &bot, encrypted).await;
    let alice_id = alice.user_id.to_string();
    ask(
        &mut alice,
        &room,
        &format!("!association set {alice_id} {association}"),
    )
    .await;
    (alice, bot, room)
}

/// The one-click link of a raw e-mail's `List-Unsubscribe` header.
fn unsubscribe_header(raw: &[u8]) -> String {
    String::from_utf8_lossy(raw)
        .lines()
        .find_map(|line| line.strip_prefix("List-Unsubscribe: <"))
        .and_then(|rest| rest.strip_suffix('>'))
        .expect("a List-Unsubscribe header")
        .to_owned()
}

/// The METHOD, UID and SEQUENCE of an `.ics`.
fn version(ics: &str) -> (String, String, u32) {
    let calendar: Calendar = ics.parse().expect("a valid iCalendar file");
    let method = calendar
        .property_value("METHOD")
        .unwrap_or_default()
        .to_owned();
    let event = calendar
        .components
        .iter()
        .find_map(|component| component.as_event())
        .expect("an event");
    (
        method,
        event.get_uid().unwrap_or_default().to_owned(),
        event.get_sequence().unwrap_or_default(),
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn a_person_known_by_email_receives_the_invitation_its_update_and_its_cancellation() {
    let smtp = SmtpServer::start().await;
    let (mut alice, bot, room) = mailing_room(&smtp, String::new(), true, "Restos du Cœur").await;
    let added = ask(
        &mut alice,
        &room,
        "!courriel ajouter jean.ledoux@restos.example Restos du Coeur Jean Ledoux",
    )
    .await;
    assert!(added.contains("Jean Ledoux (Restos du Cœur)"), "{added}");
    assert!(!added.contains("jean.ledoux@restos.example"), "{added}");
    ask(
        &mut alice,
        &room,
        "!courriel ajouter eve@restos.example Restos du Cœur <script>alert(1)</script>",
    )
    .await;
    ask(&mut alice, &room, "!agenda ajouter Budget 2027 & épiceries").await;
    ask(
        &mut alice,
        &room,
        "!réunion proposer 10/12/2027 14h ; 17/12/2027 14h",
    )
    .await;
    let close = alice.say(&room, "!réunion clore 1").await;
    alice.reply_to(&close).await;
    let bot_id = bot.user_id.clone();
    let invitation = alice
        .wait_for_message("the room's .ics", move |m| {
            m.sender == bot_id && m.file.is_some()
        })
        .await;
    let room_ics = String::from_utf8(
        alice
            .download(invitation.file.as_ref().expect("a file"))
            .await,
    )
    .expect("UTF-8");
    let (_, room_uid, room_sequence) = version(&room_ics);

    // One e-mail per person, each with the room's version of the invitation (after the
    // proposal's two).
    let received = smtp.wait_for(4, "the two invitations").await;
    let mails: Vec<Mail> = received[2..].iter().map(|raw| read(raw)).collect();
    let jean = mails
        .iter()
        .find(|mail| mail.to == "jean.ledoux@restos.example")
        .expect("Jean's invitation");
    assert_eq!(jean.from, "concertation@concerto.example");
    assert!(
        jean.subject.starts_with("Réunion de concertation : "),
        "{}",
        jean.subject
    );
    assert!(
        jean.subject.contains("10 décembre 2027"),
        "{}",
        jean.subject
    );
    assert!(
        jean.message_id.ends_with("@concerto.example"),
        "{}",
        jean.message_id
    );
    assert!(
        jean.text.starts_with("Bonjour Jean Ledoux,"),
        "{}",
        jean.text
    );
    assert!(
        jean.text.contains("1. Budget 2027 & épiceries"),
        "{}",
        jean.text
    );
    assert!(jean.html.contains("lang=\"fr\""), "{}", jean.html);
    // The privacy footer: who processes (the room's association, none being configured),
    // how long the text is kept, and that no contact was given.
    for expected in [
        "Vos données sont traitées par Restos du Cœur",
        "gardé 30 jours",
        "Aucun contact n'a été indiqué",
    ] {
        assert!(jean.text.contains(expected), "{expected} in {}", jean.text);
        assert!(
            jean.html
                .contains(expected.split(' ').next_back().unwrap_or_default())
        );
    }
    assert!(
        jean.html.contains("Budget 2027 &amp; épiceries"),
        "{}",
        jean.html
    );
    assert_eq!(jean.calendar_type, "text/calendar; method=REQUEST");
    assert_eq!(
        version(&jean.ics),
        ("REQUEST".to_owned(), room_uid.clone(), room_sequence)
    );
    let eve = mails
        .iter()
        .find(|mail| mail.to == "eve@restos.example")
        .expect("Eve's invitation");
    assert!(
        eve.html.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
            && !eve.html.contains("<script>"),
        "a hostile name is escaped: {}",
        eve.html
    );
    assert_ne!(jean.message_id, eve.message_id);

    // A guest with an address gets the meeting's invitation too (its current version).
    ask(&mut alice, &room, "!courriel retirer 2").await;
    ask(
        &mut alice,
        &room,
        "!invité ajouter Mme Martin (ADSEA) martin@adsea77.example — jeunes migrants isolés",
    )
    .await;
    let received = smtp.wait_for(6, "the invitation with its guest").await;
    let to_guest = received[4..]
        .iter()
        .map(|raw| read(raw))
        .find(|mail| mail.to == "martin@adsea77.example")
        .expect("the guest's invitation");
    assert!(
        to_guest.text.starts_with("Bonjour Mme Martin (ADSEA),"),
        "{}",
        to_guest.text
    );
    assert_eq!(version(&to_guest.ics).2, room_sequence + 1);

    // An update: the same event, the next SEQUENCE, to Jean and the guest (Eve was removed).
    ask(&mut alice, &room, "!réunion lieu Salle paroissiale, Melun").await;
    let received = smtp.wait_for(8, "the updated invitations").await;
    let updates: Vec<Mail> = received[6..].iter().map(|raw| read(raw)).collect();
    let mut recipients: Vec<&str> = updates.iter().map(|mail| mail.to.as_str()).collect();
    recipients.sort_unstable();
    assert_eq!(
        recipients,
        ["jean.ledoux@restos.example", "martin@adsea77.example"]
    );
    for update in &updates {
        assert!(
            update.text.contains("Lieu : Salle paroissiale, Melun"),
            "{}",
            update.text
        );
        let (method, uid, sequence) = version(&update.ics);
        assert_eq!(
            (method.as_str(), uid.as_str()),
            ("REQUEST", room_uid.as_str())
        );
        assert_eq!(sequence, room_sequence + 2);
    }

    // The cancellation.
    ask(&mut alice, &room, "!réunion annuler").await;
    let received = smtp.wait_for(10, "the cancellations").await;
    for raw in &received[8..] {
        let cancel = read(raw);
        assert!(
            cancel.subject.starts_with("Annulée : "),
            "{}",
            cancel.subject
        );
        assert_eq!(cancel.calendar_type, "text/calendar; method=CANCEL");
        let (method, uid, sequence) = version(&cancel.ics);
        assert_eq!(
            (method.as_str(), uid.as_str()),
            ("CANCEL", room_uid.as_str())
        );
        assert_eq!(sequence, room_sequence + 3);
    }
    assert_eq!(smtp.received().len(), 10, "each e-mail once");

    // What is kept about whom: Jean, not Eve (removed with her address), nor the guest of
    // the cancelled meeting once its cancellation went out (the sender deletes that address
    // after the pass that sent it: asked again until it is gone).
    let kept = crate::helpers::eventually(
        "the cancelled meeting's guest forgotten",
        crate::helpers::PATIENCE,
        || async {
            let kept = bot
                .export(&["people", "--room", room.room_id().as_str()])
                .await;
            if !kept.contains("martin@") && bot.logs().matches("e-mail sent").count() >= 10 {
                Ok(kept)
            } else {
                Err(kept)
            }
        },
    )
    .await;
    let lines: Vec<&str> = kept.lines().collect();
    assert_eq!(lines.len(), 2, "{kept}");
    assert!(
        lines[1].starts_with("email,1,Jean Ledoux,Restos du Cœur,jean.ledoux@restos.example,"),
        "{kept}"
    );
    assert!(
        lines[1].ends_with(",5,0"),
        "five sent (the proposal, four versions of the invitation), none waiting: {kept}"
    );
    assert!(!kept.contains("eve@"), "{kept}");

    let logs = bot.logs();
    assert!(logs.contains("e-mail sent"), "{logs}");
    assert!(
        !logs.contains("jean.ledoux@"),
        "an address in the logs: {logs}"
    );
    assert!(!logs.contains("eve@"), "an address in the logs: {logs}");
    assert!(!logs.contains("martin@"), "an address in the logs: {logs}");
}

#[tokio::test(flavor = "multi_thread")]
async fn an_email_queued_while_the_provider_is_down_arrives_once_even_across_a_crash() {
    let mut smtp = SmtpServer::start().await;
    let (mut alice, mut bot, room) = mailing_room(&smtp, String::new(), false, "Croix-Rouge").await;
    ask(
        &mut alice,
        &room,
        "!email add marie@croix-rouge.example Croix-Rouge Marie",
    )
    .await;
    ask(
        &mut alice,
        &room,
        "!réunion proposer 10/12/2027 14h ; 17/12/2027 14h",
    )
    .await;
    smtp.wait_for(1, "the proposal").await;

    // The provider is down: the room's answer does not wait for it.
    smtp.stop().await;
    let asked = std::time::Instant::now();
    let scheduled = ask(&mut alice, &room, "!réunion clore 1").await;
    assert!(scheduled.contains("Réunion fixée"), "{scheduled}");
    assert!(
        asked.elapsed() < std::time::Duration::from_secs(10),
        "the reply waited for SMTP: {:?}",
        asked.elapsed()
    );
    assert_eq!(smtp.received().len(), 1);

    // The bot crashes with the e-mail queued and never accepted; the provider comes back.
    bot.crash().await;
    smtp.resume().await;
    bot.restart();
    let received = smtp.wait_for(2, "the invitation, after the outage").await;
    let first = read(&received[1]);
    assert_eq!(first.to, "marie@croix-rouge.example");
    assert_eq!(first.calendar_type, "text/calendar; method=REQUEST");

    // A later e-mail shows the first went once.
    ask(&mut alice, &room, "!réunion hôte Croix-Rouge").await;
    let received = smtp.wait_for(3, "the update").await;
    assert_eq!(received.len(), 3, "the invitation once, then its update");
    let update = read(&received[2]);
    assert_ne!(update.message_id, first.message_id);
    assert!(
        update.text.contains("Accueil : Croix-Rouge"),
        "{}",
        update.text
    );
    let logs = bot.logs();
    assert!(logs.contains("e-mail not sent; will retry"), "{logs}");
    assert!(!logs.contains("marie@"), "an address in the logs: {logs}");
}

#[tokio::test(flavor = "multi_thread")]
async fn one_click_unsubscribe_stops_the_emails_and_tells_the_room_once() {
    let smtp = SmtpServer::start().await;
    let port = crate::helpers::free_port();
    let (mut alice, bot, room) = mailing_room(
        &smtp,
        format!("[web]\nlisten = \"127.0.0.1:{port}\"\npublic_url = \"http://127.0.0.1:{port}\"\n"),
        false,
        "Restos du Cœur",
    )
    .await;
    for add in [
        "!courriel ajouter jean@restos.example Restos du Cœur Jean Ledoux",
        "!courriel ajouter marie@restos.example Restos du Cœur Marie",
    ] {
        ask(&mut alice, &room, add).await;
    }
    ask(
        &mut alice,
        &room,
        "!réunion proposer 10/12/2027 14h ; 17/12/2027 14h",
    )
    .await;
    ask(&mut alice, &room, "!réunion clore 1").await;
    let received = smtp.wait_for(4, "the proposals and the invitations").await;
    let raw = received
        .iter()
        .find(|raw| read(raw).to == "jean@restos.example")
        .expect("Jean's invitation");
    let headers = String::from_utf8_lossy(raw);
    let link = unsubscribe_header(raw);
    assert!(
        link.starts_with(&format!("http://127.0.0.1:{port}/u/")),
        "{link}"
    );
    assert!(
        headers.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"),
        "{headers}"
    );
    let jean = read(raw);
    assert!(
        jean.text.contains(&link),
        "the link in the text: {}",
        jean.text
    );
    let token = link.rsplit('/').next().unwrap_or_default();
    assert!(token.len() >= 32, "128 bits at least: {token}");
    let marie_link = received
        .iter()
        .map(|raw| String::from_utf8_lossy(raw).into_owned())
        .find(|text| text.contains("marie@restos.example"))
        .expect("Marie's invitation");
    assert!(!marie_link.contains(&link), "one link per person");

    let http = reqwest::Client::new();
    // Following the link changes nothing (a mail scanner may): it asks.
    let page = http.get(&link).send().await.expect("GET");
    assert_eq!(page.status(), 200);
    let page = page.text().await.expect("page");
    assert!(
        page.contains("<form method=\"post\"") && page.contains("Me désinscrire"),
        "{page}"
    );
    assert!(page.contains("lang=\"fr\""), "{page}");
    // Accessible like the group's page (axe-core in the real browser, reflow, focus).
    crate::web::assert_accessible(&[&link]);
    // A wrong token opens nothing.
    let wrong = http
        .post(format!(
            "http://127.0.0.1:{port}/u/{}",
            "0".repeat(token.len())
        ))
        .send()
        .await
        .expect("POST");
    assert_eq!(wrong.status(), 404);

    // The mail client's one-click POST, twice.
    for _ in 0..2 {
        let done = http
            .post(&link)
            .header("content-type", "application/x-www-form-urlencoded")
            .body("List-Unsubscribe=One-Click")
            .send()
            .await
            .expect("POST");
        assert_eq!(done.status(), 200, "{}", bot.logs());
        let done = done.text().await.expect("page");
        assert!(done.contains("Jean Ledoux ne recevra plus"), "{done}");
    }
    let bot_id = bot.user_id.clone();
    let told = alice
        .wait_for_message("the room told", move |m| {
            m.sender == bot_id && m.body.contains("s'est désinscrit")
        })
        .await;
    assert!(
        told.body.contains("Jean Ledoux (Restos du Cœur)"),
        "{}",
        told.body
    );
    assert!(!told.body.contains("jean@"), "{}", told.body);
    let list = ask(&mut alice, &room, "!courriels").await;
    // Unsubscribed, the address is erased at once: nothing of it to show, even masked.
    assert!(
        list.contains("Jean Ledoux (Restos du Cœur) : adresse effacée — désinscrit(e)"),
        "{list}"
    );
    assert!(!list.contains("j…@restos.example"), "{list}");
    assert!(
        !list.contains("Marie (Restos du Cœur) : m…@restos.example —"),
        "{list}"
    );

    // The update goes to Marie only.
    ask(&mut alice, &room, "!réunion lieu Salle paroissiale, Melun").await;
    let received = smtp.wait_for(5, "Marie's update").await;
    assert_eq!(read(&received[4]).to, "marie@restos.example");
    assert_eq!(smtp.received().len(), 5, "nothing more to Jean");
    let told_count = alice
        .seen
        .iter()
        .filter(|m| m.body.contains("s'est désinscrit"))
        .count();
    assert_eq!(told_count, 1, "the room is told once");
    assert!(
        !bot.logs().contains(token),
        "the token never reaches the logs"
    );

    // A guest's e-mails carry their own link: after it, their address is gone.
    ask(
        &mut alice,
        &room,
        "!invité ajouter Mme Martin (ADSEA) martin@adsea77.example",
    )
    .await;
    let received = smtp.wait_for(7, "the guest's invitation").await;
    let guest_raw = received[5..]
        .iter()
        .find(|raw| read(raw).to == "martin@adsea77.example")
        .expect("the guest's invitation");
    let guest_link = unsubscribe_header(guest_raw);
    assert_ne!(guest_link, link);
    assert!(read(guest_raw).text.contains(&guest_link));
    let done = http
        .post(&guest_link)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .expect("POST");
    assert_eq!(done.status(), 200, "{}", bot.logs());
    let bot_id = bot.user_id.clone();
    alice
        .wait_for_message("the room told of the guest", move |m| {
            m.sender == bot_id
                && m.body.starts_with("L'invité(e) Mme Martin")
                && m.body.contains("s'est désinscrit")
        })
        .await;
    ask(&mut alice, &room, "!réunion lieu Mairie de Melun").await;
    let received = smtp.wait_for(8, "Marie's last update").await;
    assert_eq!(read(&received[7]).to, "marie@restos.example");
    assert_eq!(smtp.received().len(), 8, "nothing more to the guest");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_meeting_reminder_goes_by_email_too_once() {
    use chrono::{Duration, Timelike, Utc};
    let smtp = SmtpServer::start().await;
    let (mut alice, bot, room) =
        mailing_room(&smtp, String::new(), false, "Secours populaire").await;
    ask(
        &mut alice,
        &room,
        "!courriel ajouter ali@secourspop.example Secours populaire Ali",
    )
    .await;
    // A meeting two whole minutes away at least, reminded one minute before.
    ask(&mut alice, &room, "!rappels réunion 1min").await;
    let at = (Utc::now() + Duration::seconds(60))
        .with_second(0)
        .and_then(|at| at.with_nanosecond(0))
        .expect("a time")
        + Duration::minutes(1);
    let typed = at
        .with_timezone(&chrono_tz::Europe::Paris)
        .format("%d/%m/%Y %Hh%M")
        .to_string();
    ask(
        &mut alice,
        &room,
        &format!("!réunion proposer {typed} ; 17/12/2027 14h"),
    )
    .await;
    ask(&mut alice, &room, "!réunion clore 1").await;
    smtp.wait_for(2, "the proposal and the invitation").await;

    let bot_id = bot.user_id.clone();
    alice
        .wait_for_message_within(
            std::time::Duration::from_secs(150),
            "the room's reminder",
            move |m| m.sender == bot_id && !m.is_notice && m.body.contains("Réunion dans"),
        )
        .await;
    let received = smtp.wait_for(3, "the reminder by e-mail").await;
    let reminder = MessageParser::default()
        .parse(&received[2])
        .expect("a MIME message");
    let subject = reminder.subject().unwrap_or_default().to_owned();
    assert!(
        subject.starts_with("Rappel : réunion de concertation"),
        "{subject}"
    );
    let text = reminder.body_text(0).unwrap_or_default().into_owned();
    assert!(text.starts_with("Bonjour Ali,"), "{text}");
    assert_eq!(reminder.attachments().count(), 0, "no .ics with a reminder");
    // Once: the clock passes again before the meeting.
    ask(&mut alice, &room, "!réunion").await;
    assert_eq!(smtp.received().len(), 3, "{:?}", bot.logs());
}
