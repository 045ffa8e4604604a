//! The group's page against the running bot: `!page` gives a private link; the pages answer
//! with the security headers; a hostile decision text is escaped; search is accent-blind; a
//! wrong or revoked token gets a plain 404; the calendar feed parses back. And a real browser
//! (headless Chromium) renders the decisions page and a search result.

use std::process::Command as StdCommand;

use icalendar::{Calendar, EventLike};
use matrix_sdk::ruma::events::room::member::MembershipState;

use crate::helpers::{Bot, BotConfig, TestUser, ask, free_port};

/// The page's link in a `!page` reply.
pub(crate) fn link_in(reply: &str) -> String {
    reply
        .split_whitespace()
        .find(|word| word.starts_with("http://") && word.ends_with('/'))
        .unwrap_or_else(|| panic!("no link in {reply}"))
        .to_owned()
}

/// Checks `urls` in the real Chromium with axe-core (WCAG 2.1 AA, reflow, focus): no
/// violation.
pub(crate) fn assert_accessible(urls: &[&str]) {
    let check = StdCommand::new("node")
        .arg("tests/a11y/check.mjs")
        .args(urls)
        .output()
        .expect("node (scripts/test installs tests/a11y with npm ci)");
    let report = String::from_utf8_lossy(&check.stdout);
    assert!(
        check.status.success() && report.contains("violations: 0"),
        "{report}{}",
        String::from_utf8_lossy(&check.stderr)
    );
}

/// The DOM a real browser builds for `url`.
pub(crate) fn rendered_dom(url: &str) -> String {
    let output = StdCommand::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--dump-dom",
            url,
        ])
        .output()
        .expect("chromium (scripts/test and .ci/run install Debian's package)");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 DOM")
}

/// A bot serving the page on a free port, in a room of Alice's it has joined: (the bot, the
/// room, the port).
pub(crate) async fn bot_with_page(alice: &mut TestUser) -> (Bot, matrix_sdk::Room, u16) {
    bot_with_page_and(alice, "", "").await
}

/// [`bot_with_page`] with more lines in the `[bot]` section (`bot`) and more sections
/// (`extra`).
pub(crate) async fn bot_with_page_and(
    alice: &mut TestUser,
    bot_lines: &str,
    extra: &str,
) -> (Bot, matrix_sdk::Room, u16) {
    let mut bot = Bot::register().await;
    let port = free_port();
    let room = alice.create_room(false, &[&bot.user_id]).await;
    bot.start_with(BotConfig {
        extra: format!(
            "\n[web]\nlisten = \"127.0.0.1:{port}\"\npublic_url = \"http://127.0.0.1:{port}\"\n\
             \n[privacy]\ncontrollers = [\"Secours populaire 77\", \"Croix-Rouge 77\"]\n\
             contact = \"dpo@concertation.example\"\n{extra}"
        ),
        bot: bot_lines.to_owned(),
        ..BotConfig::invited_by(&alice.user_id)
    });
    alice
        .wait_for_membership(&room, &bot.user_id, MembershipState::Join)
        .await;
    (bot, room, port)
}

#[tokio::test(flavor = "multi_thread")]
async fn the_private_page_shows_the_record_safely_and_only_to_its_link() {
    let mut alice = TestUser::new("alice", false).await;
    let (bot, room, port) = bot_with_page(&mut alice).await;

    ask(
        &mut alice,
        &room,
        "!réunion proposer 10/12/2027 14h ; 17/12/2027 14h",
    )
    .await;
    ask(&mut alice, &room, "!réunion clore 1").await;
    ask(&mut alice, &room, "!réunion lieu Mairie de Melun").await;
    ask(&mut alice, &room, "!agenda ajouter Budget 2027").await;
    ask(
        &mut alice,
        &room,
        "!décision Lettre commune au Préfet sur l'hébergement",
    )
    .await;
    ask(
        &mut alice,
        &room,
        "!décision <script>alert('x')</script> & <b>gras</b>",
    )
    .await;
    let set = format!("!association set {} Restos du Cœur", alice.user_id);
    ask(&mut alice, &room, &set).await;
    alice.say(&room, "!sondage Signons-nous la lettre ?").await;
    ask(&mut alice, &room, "!voter 1 Pour").await;
    ask(&mut alice, &room, "!sondage clore 1").await;
    let page = link_in(&ask(&mut alice, &room, "!page").await);

    let http = reqwest::Client::new();
    let home = http.get(&page).send().await.expect("home page");
    assert_eq!(home.status(), 200);
    let headers = home.headers().clone();
    assert!(
        headers["content-security-policy"]
            .to_str()
            .unwrap_or_default()
            .contains("default-src 'none'")
    );
    assert_eq!(headers["referrer-policy"], "no-referrer");
    let body = home.text().await.expect("body");
    assert!(body.contains("Mairie de Melun"), "{body}");
    assert!(body.contains("Budget 2027"), "{body}");

    let decisions = http
        .get(format!("{page}decisions"))
        .send()
        .await
        .expect("decisions")
        .text()
        .await
        .expect("body");
    assert!(
        decisions.contains("Lettre commune au Préfet"),
        "{decisions}"
    );
    assert!(!decisions.contains("<script>alert"), "escaped: {decisions}");
    // People by name, never by raw id; a readable title for a room without a name; days in
    // words.
    assert!(
        !decisions.contains(alice.user_id.as_str()),
        "a raw user id: {decisions}"
    );
    assert!(
        decisions.contains(&format!("— {}", alice.user_id.localpart())),
        "{decisions}"
    );
    assert!(
        !decisions.contains(room.room_id().as_str()),
        "the room's id as its title: {decisions}"
    );
    assert!(
        decisions.contains("<title>Décisions — Restos du Cœur</title>"),
        "{decisions}"
    );
    let texts = concerto::i18n::Texts::new().expect("texts");
    let today = concerto::replies::Wording::new(
        &texts,
        concerto::domain::Language::Fr,
        chrono_tz::Europe::Paris,
    )
    .day_in_words(chrono::Utc::now());
    assert!(decisions.contains(&today), "{today} in {decisions}");
    assert!(decisions.contains("&lt;script&gt;"), "{decisions}");
    let search = http
        .get(format!("{page}decisions?q=prefet"))
        .send()
        .await
        .expect("search")
        .text()
        .await
        .expect("body");
    assert!(search.contains("Lettre commune au Préfet"), "{search}");
    assert!(!search.contains("gras"), "{search}");

    let positions = http
        .get(format!("{page}positions"))
        .send()
        .await
        .expect("positions")
        .text()
        .await
        .expect("body");
    assert!(
        positions.contains("Signons-nous la lettre ?"),
        "{positions}"
    );
    assert!(positions.contains("Restos du Cœur : Pour"), "{positions}");

    let feed = http
        .get(format!("{page}reunions.ics"))
        .send()
        .await
        .expect("feed");
    assert_eq!(feed.status(), 200);
    let calendar: Calendar = feed
        .text()
        .await
        .expect("ics")
        .parse()
        .expect("valid iCalendar");
    let event = calendar.components[0].as_event().expect("an event");
    assert_eq!(event.get_location(), Some("Mairie de Melun"));

    // A real browser renders the register and a search.
    if let Ok(path) = std::env::var("CONCERTO_SCREENSHOT") {
        // For docs/web.md: `CONCERTO_SCREENSHOT=docs/page.png cargo test --test it web`.
        let status = StdCommand::new("chromium")
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--window-size=800,900",
                &format!("--screenshot={path}"),
                &format!("{page}decisions"),
            ])
            .status()
            .expect("chromium");
        assert!(status.success());
    }
    let dom = rendered_dom(&format!("{page}decisions?q=hebergement"));
    assert!(dom.contains("Lettre commune au Préfet"), "{dom}");
    assert!(!dom.contains("gras"), "{dom}");

    // The public privacy notice, in each language, from the configuration in force.
    let notice = rendered_dom(&format!("http://127.0.0.1:{port}/confidentialite"));
    for expected in [
        "lang=\"fr\"",
        "Secours populaire 77 ; Croix-Rouge 77",
        "dpo@concertation.example",
        "90 jours",
        "À qui vous adresser",
    ] {
        assert!(notice.contains(expected), "{expected} in {notice}");
    }
    let english = rendered_dom(&format!("http://127.0.0.1:{port}/privacy"));
    assert!(english.contains("Whom to ask"), "{english}");
    assert!(english.contains("90 days"), "{english}");

    // Accessible (WCAG 2.1 AA by axe-core, lang, reflow at 200 % and on a phone, visible
    // focus), in the same real browser, on every page.
    let pages: Vec<String> = [
        "decisions",
        "",
        "decisions?q=prefet",
        "positions",
        "reunions",
    ]
    .iter()
    .map(|path| format!("{page}{path}"))
    .chain(["confidentialite", "privacy"].map(|path| format!("http://127.0.0.1:{port}/{path}")))
    .collect();
    let mut check = StdCommand::new("node");
    check.arg("tests/a11y/check.mjs").args(&pages);
    if let Ok(path) = std::env::var("CONCERTO_PHONE_SCREENSHOT") {
        // For docs/: `CONCERTO_PHONE_SCREENSHOT=docs/page-phone.png scripts/test --test it web`.
        check.arg(format!("--screenshot={path}"));
    }
    let output = check
        .output()
        .expect("node (scripts/test installs tests/a11y with npm ci)");
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success() && report.contains("violations: 0"),
        "{report}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        report.lines().filter(|line| line.ends_with(": ok")).count(),
        pages.len() * 3,
        "{report}"
    );

    // Wrong and revoked links: a plain 404.
    let wrong = http
        .get(format!("http://127.0.0.1:{port}/{}/", "0".repeat(64)))
        .send()
        .await
        .expect("wrong token");
    assert_eq!(wrong.status(), 404);
    let replaced = link_in(&ask(&mut alice, &room, "!page nouveau-lien").await);
    assert_ne!(replaced, page);
    let old = http.get(&page).send().await.expect("old link");
    assert_eq!(old.status(), 404);
    let new = http.get(&replaced).send().await.expect("new link");
    assert_eq!(new.status(), 200);
    assert!(
        !bot.logs().contains(&replaced[replaced.len() - 20..]),
        "tokens are never logged"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn silent_connections_do_not_hold_the_page_nor_the_bot() {
    let mut alice = TestUser::new("alice", false).await;
    let (mut bot, room, port) = bot_with_page(&mut alice).await;
    let page = link_in(&ask(&mut alice, &room, "!page").await);

    // Three hundred connections that never send a byte.
    let mut silent = Vec::new();
    for _ in 0..300 {
        silent.push(
            tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .expect("connect"),
        );
    }
    // The bot still answers in the room, and the page a normal client.
    let reply = ask(&mut alice, &room, "!aide").await;
    assert!(reply.contains("!agenda"), "{reply}");
    let client = reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(10))
        .build()
        .expect("client");
    let answer = client.get(&page).send().await.expect("the page answers");
    assert_eq!(answer.status(), 200);
    // The silent ones are closed by the server, each in bounded time.
    let closed = tokio::time::timeout(std::time::Duration::from_secs(30), async {
        for mut stream in silent {
            use tokio::io::AsyncReadExt;
            let mut byte = [0_u8; 1];
            let _ = stream.read(&mut byte).await;
        }
    })
    .await;
    assert!(closed.is_ok(), "silent connections were left open");
    assert!(bot.is_running(), "{}", bot.logs());
}
