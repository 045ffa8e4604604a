//! The personal link of someone known by e-mail, end to end: the date proposal and the poll
//! arrive by e-mail (aiosmtpd on 127.0.0.1) with the link; headless Chromium answers the dates
//! through the page's form, without JavaScript; the answers show in `!réunion votes` and
//! `!sondage résultats`; a POST with the wrong form token, after the close, or with a revoked
//! link is refused; the poll's result and the adopted procès-verbal (its PDF read back with
//! pdftotext) arrive by e-mail too; a hostile name is escaped on the page.

use mail_parser::{MessageParser, MimeHeaders};

use crate::email::{mailing_room, read};
use crate::helpers::ask;
use crate::smtp::SmtpServer;

/// The web server's section, on a free port: (its configuration, its address).
pub(crate) fn web_section() -> (String, String) {
    let port = crate::helpers::free_port();
    let base = format!("http://127.0.0.1:{port}");
    (
        format!("[web]\nlisten = \"127.0.0.1:{port}\"\npublic_url = \"{base}\"\n"),
        base,
    )
}

/// The e-mails received so far to `to` whose subject begins with `subject`.
pub(crate) fn mails_to(smtp: &SmtpServer, to: &str, subject: &str) -> Vec<crate::email::Mail> {
    smtp.received()
        .iter()
        .map(|raw| read(raw))
        .filter(|mail| mail.to == to && mail.subject.starts_with(subject))
        .collect()
}

/// The personal link in an e-mail's text.
pub(crate) fn personal_link(text: &str, base: &str) -> String {
    text.lines()
        .find(|line| line.starts_with(&format!("{base}/r/")))
        .expect("a personal link in the e-mail")
        .trim()
        .to_owned()
}

/// The form token in a personal page (the hidden field every form carries).
fn form_token(page: &str) -> String {
    page.split("name=\"form\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a form token in the page")
        .to_owned()
}

/// The ballot a page's form answers, the `index`-th form of the page.
fn ballot_of_form(page: &str, index: usize) -> String {
    page.split("name=\"ballot\" value=\"")
        .nth(index + 1)
        .and_then(|rest| rest.split('"').next())
        .expect("a ballot in the page")
        .to_owned()
}

pub(crate) async fn post(link: &str, form: String) -> (u16, String) {
    // The answer is taken with a 303 back to the page: seen as it is, not followed.
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("an HTTP client");
    let response = client
        .post(link)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form)
        .send()
        .await
        .expect("POST");
    let status = response.status().as_u16();
    (status, response.text().await.unwrap_or_default())
}

pub(crate) async fn get(link: &str) -> (u16, String) {
    let response = reqwest::get(link).await.expect("GET");
    let status = response.status().as_u16();
    (status, response.text().await.unwrap_or_default())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_person_answers_the_dates_in_chromium_and_a_poll_from_their_personal_link() {
    let smtp = SmtpServer::start().await;
    let (web, base) = web_section();
    let (mut alice, bot, room) = mailing_room(&smtp, web, false, "Restos du Cœur").await;
    for add in [
        "!courriel ajouter jean@restos.example Restos du Cœur Jean Ledoux",
        "!courriel ajouter eve@restos.example Restos du Cœur <script>alert(1)</script>",
    ] {
        ask(&mut alice, &room, add).await;
    }
    ask(
        &mut alice,
        &room,
        "!réunion proposer 10/12/2027 14h ; 17/12/2027 14h",
    )
    .await;
    smtp.wait_for(2, "the proposal to both").await;
    let proposal = mails_to(&smtp, "jean@restos.example", "Dates proposées")
        .pop()
        .expect("Jean's proposal");
    assert!(
        proposal.text.contains("10 décembre 2027") && proposal.text.contains("17 décembre 2027"),
        "{}",
        proposal.text
    );
    let link = personal_link(&proposal.text, &base);
    assert!(proposal.html.contains(&link), "{}", proposal.html);
    let token = link.rsplit('/').next().unwrap_or_default().to_owned();
    assert!(token.len() >= 32, "128 bits at least: {token}");

    // Chromium, JavaScript off, ticks the 17th and sends the form.
    let answered = std::process::Command::new("node")
        .arg("tests/a11y/answer.mjs")
        .arg(&link)
        .arg("17 décembre")
        .output()
        .expect("node (scripts/test installs tests/a11y with npm ci)");
    let shown = String::from_utf8_lossy(&answered.stdout);
    assert!(
        answered.status.success(),
        "{shown}{}",
        String::from_utf8_lossy(&answered.stderr)
    );
    assert!(
        shown.contains("Votre réponse est enregistrée"),
        "{shown} {}",
        bot.logs()
    );
    assert!(
        shown.contains("\"ticked\":[\"vendredi 17 décembre 2027 à 14 h\"]"),
        "{shown}"
    );
    let votes = ask(&mut alice, &room, "!réunion votes").await;
    let best = votes.split("\n- ").nth(1).unwrap_or_default();
    assert!(
        best.contains("17 décembre")
            && best.contains("Jean Ledoux")
            && best.contains("par courriel"),
        "{votes}"
    );

    // The page's third choice: the 10th, only if need be.
    let answered = std::process::Command::new("node")
        .arg("tests/a11y/answer.mjs")
        .arg(&link)
        .arg("17 décembre")
        .arg("?10 décembre")
        .output()
        .expect("node");
    let shown = String::from_utf8_lossy(&answered.stdout);
    assert!(
        shown.contains("\"maybe\":[\"vendredi 10 décembre 2027 à 14 h\"]"),
        "{shown}{}",
        String::from_utf8_lossy(&answered.stderr)
    );
    let votes = ask(&mut alice, &room, "!réunion votes").await;
    let tenth = votes
        .split("\n- ")
        .find(|line| line.contains("10 décembre"))
        .unwrap_or_default();
    assert!(
        tenth.contains("Si nécessaire seulement : Jean Ledoux"),
        "{votes}"
    );

    // The page passes the same accessibility check as the group's.
    crate::web::assert_accessible(&[&link]);

    // A forged form (no token, or another's) is refused and changes nothing.
    let (_, page) = get(&link).await;
    assert!(page.contains("lang=\"fr\""), "{page}");
    let form = form_token(&page);
    let dates = ballot_of_form(&page, 0);
    for forged in [
        format!("ballot={dates}&option=1"),
        format!("ballot={dates}&form={}&option=1", "0".repeat(form.len())),
    ] {
        let (status, text) = post(&link, forged).await;
        assert_eq!(status, 403, "{text}");
        assert!(text.contains("plus valable"), "{text}");
    }
    let (status, _) = post(
        &format!("{base}/r/{}", "0".repeat(token.len())),
        format!("ballot={dates}&form={form}&option=1"),
    )
    .await;
    assert_eq!(status, 404, "a token of nobody");

    // A poll: its e-mail, one choice by the page's form, shown in the results.
    // (The poll itself is the bot's answer, in no reply.)
    alice
        .say(&room, "!sondage Signons-nous la lettre ? | oui | non")
        .await;
    smtp.wait_for(4, "the poll to both").await;
    let poll = mails_to(&smtp, "jean@restos.example", "Sondage n° 1")
        .pop()
        .expect("Jean's poll");
    assert_eq!(personal_link(&poll.text, &base), link, "the same link");
    let (_, page) = get(&link).await;
    let poll_ballot = ballot_of_form(&page, 1);
    let (status, text) = post(&link, format!("ballot={poll_ballot}&form={form}")).await;
    assert_eq!(status, 400, "no choice: {text}");
    let (status, _) = post(&link, format!("ballot={poll_ballot}&form={form}&option=2")).await;
    assert_eq!(status, 303);
    let results = ask(&mut alice, &room, "!sondage résultats").await;
    assert!(
        results.contains("Jean Ledoux") && results.contains("par courriel"),
        "{results}"
    );

    // Closed: refused with a clear page; the result goes out by e-mail.
    ask(&mut alice, &room, "!sondage clore 1").await;
    let (status, text) = post(&link, format!("ballot={poll_ballot}&form={form}&option=1")).await;
    assert_eq!(status, 409, "{text}");
    assert!(text.contains("Ce vote est clos"), "{text}");
    smtp.wait_for(6, "the poll's result to both").await;
    let result = mails_to(&smtp, "jean@restos.example", "Résultat du sondage n° 1")
        .pop()
        .expect("Jean's result");
    assert!(result.text.contains("non : 1 voix"), "{}", result.text);

    // A hostile name is escaped on the page.
    let eve = mails_to(&smtp, "eve@restos.example", "Dates proposées")
        .pop()
        .expect("Eve's proposal");
    let (_, eve_page) = get(&personal_link(&eve.text, &base)).await;
    assert!(
        eve_page.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
            && !eve_page.contains("<script>"),
        "{eve_page}"
    );

    // Removed: the link opens nothing any more.
    ask(&mut alice, &room, "!courriel retirer 1").await;
    assert_eq!(get(&link).await.0, 404);
    let (status, _) = post(&link, format!("ballot={dates}&form={form}&option=1")).await;
    assert_eq!(status, 404);
    assert!(
        !bot.logs().contains(&token),
        "the token never reaches the logs"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_adopted_procès_verbal_reaches_the_people_known_by_email_as_a_pdf() {
    let paris = chrono_tz::Europe::Paris;
    let smtp = SmtpServer::start().await;
    let (mut alice, bot, room) =
        mailing_room(&smtp, String::new(), false, "Secours populaire").await;
    let (today, tomorrow) = crate::record::bot_days_far_from_midnight(&bot, paris).await;
    let day = today.format("%d/%m/%Y").to_string();
    let tomorrow = tomorrow.format("%d/%m/%Y");
    ask(
        &mut alice,
        &room,
        "!courriel ajouter ali@secourspop.example Secours populaire Ali",
    )
    .await;
    ask(
        &mut alice,
        &room,
        &format!("!réunion proposer {day} 23h59 ; {tomorrow} 23h59"),
    )
    .await;
    ask(&mut alice, &room, "!réunion clore 1").await;
    ask(&mut alice, &room, "!décision Lettre commune au Préfet").await;
    alice
        .say(&room, &format!("!compte-rendu approuver {day}"))
        .await;
    let bot_id = bot.user_id.clone();
    alice
        .wait_for_message("the procès-verbal adopted", move |message| {
            message.sender == bot_id && message.body.starts_with("**Procès-verbal adopté**")
        })
        .await;
    // The proposal (no link: no web page), the invitation, then the procès-verbal.
    let received = smtp.wait_for(3, "the procès-verbal").await;
    let raw = received
        .iter()
        .find(|raw| read(raw).subject.starts_with("Procès-verbal adopté"))
        .expect("the procès-verbal's e-mail");
    let proposal = received
        .iter()
        .map(|raw| read(raw))
        .find(|mail| mail.subject.starts_with("Dates proposées"))
        .expect("the proposal");
    assert!(
        proposal.text.contains("dites-le à un membre du groupe"),
        "without the web page, no link: {}",
        proposal.text
    );
    let message = MessageParser::default().parse(raw).expect("MIME");
    let pdf = message.attachments().next().expect("the PDF");
    let content_type = pdf.content_type().expect("its type");
    assert_eq!(
        (content_type.ctype(), content_type.subtype()),
        ("application", Some("pdf"))
    );
    let text = crate::record::pdf_text(pdf.contents());
    assert!(text.contains("Lettre commune au Préfet"), "{text}");
    assert!(text.contains("Procès-verbal adopté le"), "{text}");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_page_and_the_links_stop_when_the_bot_is_removed_from_the_room() {
    let smtp = SmtpServer::start().await;
    let (web, base) = web_section();
    let (mut alice, bot, room) = mailing_room(&smtp, web, false, "Restos du Cœur").await;
    let page = ask(&mut alice, &room, "!page").await;
    let page = page
        .split_whitespace()
        .find(|word| word.starts_with(&base) && word.ends_with('/'))
        .expect("the page's link")
        .to_owned();
    ask(
        &mut alice,
        &room,
        "!courriel ajouter jean.ledoux@restos.example Restos du Cœur Jean Ledoux",
    )
    .await;
    ask(
        &mut alice,
        &room,
        "!réunion proposer 10/12/2027 14h ; 17/12/2027 14h",
    )
    .await;
    smtp.wait_for(1, "the proposal").await;
    let proposal = mails_to(&smtp, "jean.ledoux@restos.example", "");
    let link = personal_link(&proposal[0].text, &base);
    assert_eq!(get(&page).await.0, 200);
    assert_eq!(get(&link).await.0, 200);

    // The bot is removed from the room: its record stays, its page and links stop.
    room.kick_user(&bot.user_id, Some("plus besoin"))
        .await
        .expect("kick the bot");
    crate::helpers::eventually("the page to stop", crate::helpers::PATIENCE, || async {
        match get(&page).await.0 {
            404 => Ok(()),
            status => Err(format!("{status}: {}", bot.logs())),
        }
    })
    .await;
    assert_eq!(get(&link).await.0, 404);
    assert!(bot.logs().contains("no longer in the room"));
    let kept = bot
        .export(&["people", "--room", room.room_id().as_str()])
        .await;
    assert!(kept.contains("Jean Ledoux"), "the record is kept: {kept}");
}
