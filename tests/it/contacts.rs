//! #36: the address book in a real room: contacts added, found accent-blind, shown whole,
//! flagged "à vérifier" once their time has passed on the bot's clock, confirmed; and on the
//! group's page, searchable, in a real Chromium, accessible by axe-core.

use crate::helpers::{TestUser, ask};
use crate::web::{bot_with_page_and, link_in, rendered_dom};

#[tokio::test(flavor = "multi_thread")]
async fn the_address_book_is_searched_flagged_confirmed_and_shown_on_the_page() {
    let mut alice = TestUser::new("alice", false).await;
    // A contact is to check after a day here, and commands stay answerable for three days
    // (the bot's clock is moved on a day and a bit).
    let (bot, room, _port) = bot_with_page_and(
        &mut alice,
        "max_command_age_hours = 72",
        "\n[contacts]\nconfirm_after_days = 1\n",
    )
    .await;
    let added = ask(
        &mut alice,
        &room,
        "!contact ajouter CAF 77 — Mme Durand, référente partenaires, 01 60 00 00 00, m.durand@caf77.example — situations d'urgence RSA",
    )
    .await;
    assert!(added.contains("Contact n° 1 ajouté"), "{added}");
    assert!(added.contains("m…@caf77.example"), "{added}");
    ask(
        &mut alice,
        &room,
        "!contact add Préfecture de Seine-et-Marne — M. Étienne, chef de cabinet, +33 1 64 71 77 77 — hébergement d'urgence",
    )
    .await;
    let found = ask(&mut alice, &room, "!contacts prefecture hebergement").await;
    assert!(found.contains("Préfecture de Seine-et-Marne"), "{found}");
    assert!(!found.contains("CAF 77"), "{found}");
    let whole = ask(&mut alice, &room, "!contact 1").await;
    assert!(whole.contains("m.durand@caf77.example"), "{whole}");

    // A day and an hour later on the bot's clock, nobody having confirmed them.
    bot.advance_clock(chrono::Duration::hours(25));
    let listed = ask(&mut alice, &room, "!contacts").await;
    assert_eq!(listed.matches("à vérifier").count(), 2, "{listed}");
    let confirmed = ask(&mut alice, &room, "!contact confirmer 1").await;
    assert!(confirmed.contains("Contact n° 1 confirmé"), "{confirmed}");
    let listed = ask(&mut alice, &room, "!contacts").await;
    assert_eq!(listed.matches("à vérifier").count(), 1, "{listed}");

    // The page: the address book whole (it is private), searchable accent-blind.
    let page = link_in(&ask(&mut alice, &room, "!page").await);
    let book = rendered_dom(&format!("{page}contacts"));
    assert!(book.contains("m.durand@caf77.example"), "{book}");
    assert!(book.contains("href=\"tel:+33164717777\""), "{book}");
    assert!(book.contains("à vérifier"), "{book}");
    let search = rendered_dom(&format!("{page}contacts?q=prefecture"));
    assert!(search.contains("Préfecture de Seine-et-Marne"), "{search}");
    assert!(!search.contains("CAF 77"), "{search}");
    crate::web::assert_accessible(&[&format!("{page}contacts"), &format!("{page}contacts?q=caf")]);

    // The operator's copy: the address book as CSV, every contact whole, in the room's
    // language.
    let csv = bot
        .export(&["contacts", "--room", room.room_id().as_str()])
        .await;
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some(
            "numéro,organisme,nom,rôle,téléphone,courriel,note,ajouté par,association,ajouté le,confirmé le"
        )
    );
    let caf = lines.next().unwrap_or_default();
    assert!(
        caf.starts_with("1,CAF 77,Mme Durand,référente partenaires,01 60 00 00 00,m.durand@caf77.example,situations d'urgence RSA,"),
        "{csv}"
    );
    assert!(
        lines
            .next()
            .unwrap_or_default()
            .contains("+33 1 64 71 77 77"),
        "{csv}"
    );
}
