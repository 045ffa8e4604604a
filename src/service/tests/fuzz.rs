//! Property tests of the whole service, not only the grammar: arbitrary messages built from
//! every command name and form word, with arguments members could type — letters that change
//! length when lower- or upper-cased, combining marks, numbers past `u64`, dates in years 0
//! and 99999, durations of 10^20 units, direction and invisible marks, control characters —
//! go through the service as the sync loop hands them. Whatever they are: no event is set
//! aside (nothing panicked or failed), each command is answered (a reply, or the poll or
//! proposal it posts) and never twice, and the database
//! passes SQLite's integrity check.
//!
//! A short run in the suite (64 cases of up to ten messages); the long run is
//! `FUZZ_CASES=10000 FUZZ_MESSAGES=200 cargo test --release --features test-hooks --lib
//! service::tests::fuzz` (about a million messages), recorded in BENCHMARKS.md.

use proptest::prelude::*;

use super::*;

/// What members type after a command's name and form, piece by piece.
fn piece() -> impl Strategy<Value = String> {
    let odd: Vec<&'static str> = vec![
        "İ",
        "ẞ",
        "Ⱥ",
        "Ⱦ",
        "\u{212A}",
        "ΐ",
        "ﬁ",
        "e\u{0301}",
        "\u{0301}\u{0301}",
        "18446744073709551616",
        "340282366920938463463374607431768211456",
        "0000-01-01",
        "99999-12-31",
        "0/0/0",
        "31/12/99999",
        "1/1/0",
        "dans 100000000000000000000 secondes",
        "in 100000000000000000000 years",
        "dans 1000000 ans",
        "dans 2147483648 semaines",
        "chaque lundi 9h",
        "demain 25h",
        "10/12 14h",
        "le 12/12 à 14h",
        "avant le",
        "AVANT LE",
        "pour le",
        "POUR LE",
        "jusqu'au",
        "JUSQU’AU",
        "d’ici le",
        " — ",
        " | ",
        " ; ",
        ":",
        "@bruno:localhost",
        "@alice:localhost",
        "@",
        "jean.ledoux@restos.example",
        "İ@İ.İ",
        "Croix-Rouge",
        "Restos du Cœur",
        "\u{202E}",
        "\u{2066}",
        "\u{200F}",
        "\u{200B}",
        "\u{0000}",
        "\r",
        "\r\n",
        "\u{85}",
        "\u{2028}",
        "n°1",
        "#2",
        "1",
        "2",
        "0",
        "-1",
        "oui",
        "aucun",
        "7j 1j 2h",
        "99999999999j",
    ];
    prop_oneof![
        3 => prop::sample::select(odd).prop_map(str::to_owned),
        1 => crate::command::fuzz::member_text(),
        1 => "\\PC{0,6}",
    ]
}

fn a_message() -> impl Strategy<Value = String> {
    let (names, forms) = crate::command::names_and_forms();
    (
        prop::sample::select(names),
        prop::option::of(prop::sample::select(forms)),
        prop::collection::vec(piece(), 0..8),
    )
        .prop_map(|(name, form, pieces)| {
            format!("!{name} {} {}", form.unwrap_or_default(), pieces.join(" "))
        })
}

fn cases() -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(64)
}

/// The most messages in one case (ten unless `FUZZ_MESSAGES` says more, for the long run).
fn most_messages() -> usize {
    std::env::var("FUZZ_MESSAGES")
        .ok()
        .and_then(|count| count.parse().ok())
        .unwrap_or(10)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn any_command_gets_one_reply_and_never_stops_the_bot(
        messages in prop::collection::vec(a_message(), 1..most_messages())
    ) {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|error| TestCaseError::fail(error.to_string()))?;
        runtime.block_on(run(&messages))?;
    }
}

async fn run(messages: &[String]) -> Result<(), TestCaseError> {
    let (bot, _dir) = bot().await;
    seed_alice_and_bob(&bot).await;
    for (number, body) in messages.iter().enumerate() {
        let event = format!("$fuzz{number}");
        // A moderator too, so that what only moderators may do is reached.
        let sender = if number % 2 == 0 {
            "@alice:localhost"
        } else {
            "@moderator:localhost"
        };
        // A minute apart: the flood limit is not what is tested here.
        let when =
            at("2026-11-29T18:00:00Z") + Duration::minutes(i64::try_from(number).unwrap_or(0));
        let message = IncomingMessage {
            sent_at: when,
            ..from(sender, &event, body)
        };
        let before = bot.chat.sent().len();
        bot.service
            .handle(&Incoming::Message(message), when)
            .await
            .map_err(|error| TestCaseError::fail(format!("{body:?}: {error}")))?;
        bot.deliver().await;
        let sent = bot.chat.sent();
        let replies = sent
            .iter()
            .filter(|sent| sent.in_reply_to == Some(EventId::new(&event)))
            .count();
        // Answered: a reply, or what the command posts (a poll, a proposal); never twice.
        prop_assert!(sent.len() > before, "no answer to {:?}", body);
        prop_assert!(replies <= 1, "{} replies to {:?}", replies, body);
    }
    bot.store
        .save_run_start(at("2026-11-29T17:00:00Z"))
        .await
        .map_err(fail)?;
    let set_aside = bot.store.set_aside_since_start().await.map_err(fail)?;
    prop_assert_eq!(
        set_aside.map(|counted| counted.events),
        Some(0),
        "{:?}",
        messages
    );
    prop_assert_eq!(bot.store.integrity_check().await.map_err(fail)?, "ok");
    Ok(())
}

fn fail(error: impl std::fmt::Display) -> TestCaseError {
    TestCaseError::fail(error.to_string())
}
