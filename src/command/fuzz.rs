//! Property tests of the grammar on arbitrary input: whatever a member types (any Unicode,
//! huge messages, control and invisible characters, right-to-left marks, HTML, numbers past
//! `u64`, impossible dates), parsing never panics and yields a command, nothing, or an error the
//! room can be shown. (That the reply worded from it carries no live HTML once rendered is
//! tested where it is rendered: `matrix/chat.rs`.)
//!
//! A short run here (the default 256 cases per property); the long run is
//! `PROPTEST_CASES=1000000 cargo test --release --lib command::fuzz`, recorded in
//! BENCHMARKS.md.

use proptest::prelude::*;

use super::parse;

/// Text a member might type after a command name: words, numbers (some past `u64`), dates
/// (some impossible), HTML, invisible and direction marks, control characters, emoji.
pub(crate) fn member_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[a-zA-Zéèàçœ' ]{0,12}",
        "[0-9]{1,30}",
        "[0-9]{1,2}/[0-9]{1,2}(/[0-9]{2,4})?",
        "20[0-9]{2}-[0-9]{1,2}-[0-9]{1,2}",
        "[0-9]{1,2}h[0-9]{0,2}",
        Just("<script>alert(1)</script>".to_owned()),
        Just("<b>gras</b> &amp; <a href=\"javascript:x\">lien</a>".to_owned()),
        Just("\u{200B}\u{200D}\u{2060}\u{FEFF}".to_owned()),
        Just("\u{202E}\u{202D}\u{200F}\u{061C}".to_owned()),
        Just("\u{0000}\u{0007}\u{001B}[31m\r\n\t".to_owned()),
        Just("31/02 2026-13-01 29/02/2027 25h61".to_owned()),
        Just("| ; : , ! n° # ".to_owned()),
        "\\PC{0,8}",
    ];
    prop::collection::vec(piece, 0..12).prop_map(|pieces| pieces.join(" "))
}

pub(crate) fn command_name() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "",
        "!aide ",
        "!help ",
        "!langue ",
        "!agenda ",
        "!agenda ajouter ",
        "!agenda traité ",
        "!agenda déplacer ",
        "!réunion ",
        "!réunion proposer ",
        "!réunion clore ",
        "!association set ",
        "!sondage ",
        "!sondage jusqu'au ",
        "!poll until ",
        "!sondage résultats ",
        "!sondage clore ",
        "!voter ",
        "!décision ",
        "!décision modifier ",
        "!décisions ",
        "!action ",
        "!action fait ",
        "!compte-rendu ",
        "!rappel ",
        "!rappels ",
        "!rappels réunion ",
        "!page ",
        "!\u{200B}agenda ",
        "!x",
    ])
    .prop_map(str::to_owned)
}

proptest! {
    #[test]
    fn any_message_parses_without_panicking(name in command_name(), rest in member_text()) {
        let _ = parse(&format!("{name}{rest}"));
    }

    #[test]
    fn any_unicode_parses_without_panicking(text in "\\PC{0,300}") {
        let _ = parse(&text);
        let _ = parse(&format!("!{text}"));
    }
}

#[test]
fn a_huge_message_is_parsed_quickly_into_an_answer() {
    let huge = format!("!agenda ajouter {}", "mot ".repeat(250_000));
    let started = std::time::Instant::now();
    let parsed = parse(&huge);
    assert!(parsed.is_err(), "too long: an error with its length");
    // Not a timing test: a guard against quadratic work on a megabyte message.
    assert!(started.elapsed() < std::time::Duration::from_secs(2));
}
