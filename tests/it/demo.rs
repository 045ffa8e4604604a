//! The demo that plays itself: `scripts/demo --short` (the tour without its pauses) starts its
//! own throw-away homeserver and the bot, plays a meeting cycle with four members in an
//! encrypted room, and prints it. The conversation printed must hold the bot's real answers, in
//! plain text, and neither the terminal nor the bot's log may show an ERROR.

use std::process::Stdio;
use std::time::Duration;

use tokio::process::Command;

/// The tour takes about 30 s on two cores; the homeserver's start a few more.
const TOUR_LIMIT: Duration = Duration::from_secs(240);

#[tokio::test(flavor = "multi_thread")]
async fn the_demo_tour_plays_a_meeting_cycle_and_prints_the_bots_real_answers() {
    let dir = tempfile::tempdir().expect("temp dir");
    let demo_dir = dir.path().join("demo");
    let root = env!("CARGO_MANIFEST_DIR");
    let run = Command::new(format!("{root}/scripts/demo"))
        .arg("--short")
        .env("CONCERTO_DEMO_DIR", &demo_dir)
        .env("CONCERTO_BIN", env!("CARGO_BIN_EXE_concerto"))
        .env("CONCERTO_TOUR_BIN", env!("CARGO_BIN_EXE_concerto-tour"))
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null())
        .kill_on_drop(true)
        .output();
    let output = tokio::time::timeout(TOUR_LIMIT, run)
        .await
        .expect("the tour ends in time")
        .expect("scripts/demo runs");
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let log = std::fs::read_to_string(demo_dir.join("bot.log")).unwrap_or_default();
    assert!(
        output.status.success(),
        "the tour failed:\n{printed}\nthe bot's log:\n{log}"
    );

    // The conversation, in the order it happened, each line with who said it.
    let expected = [
        "Concerto › Bonjour",
        "Dominique (Secours populaire) › !association set @claire:localhost Restos du Cœur",
        "Concerto › C'est noté : Claire représente Restos du Cœur.",
        "Marc (Croix-Rouge) › !agenda urgent Fermeture du local de Melun",
        "Concerto › Point urgent n° 1",
        "1. urgent — Fermeture du local de Melun",
        "Concerto › Proposition de dates de Dominique",
        "Claire (Restos du Cœur) › (réagit 1️⃣)",
        "4 personnes, 4 associations sur 4",
        "Concerto › Réunion fixée",
        "Concerto › [fichier joint : reunion-concertation.ics]",
        "Concerto › [sondage] Sondage n° 1 : Signons-nous la lettre commune",
        "Marc (Croix-Rouge) › (répond au sondage : Pour)",
        "Concerto › [fin du sondage] Sondage n° 1 clos. Position commune : Pour.",
        "Décision n° 1 enregistrée : Position commune adoptée : Pour",
        "Concerto › Décision n° 2 enregistrée : La concertation demande un rendez-vous commun",
        "Concerto › ⏰ Rappel pour Claire : Envoyer l'ordre du jour aux associations",
        "Concerto › La page du groupe",
        "Essayé : un nouvel appareil de “demo” relit ainsi",
    ];
    let mut rest = printed.as_str();
    for line in expected {
        let at = rest
            .find(line)
            .unwrap_or_else(|| panic!("the tour should print « {line} » next:\n{printed}"));
        rest = &rest[at + line.len()..];
    }
    // Plain text, as a client shows it: no Markdown marks.
    assert!(!printed.contains("**"), "{printed}");
    assert!(!printed.contains("ERROR"), "{printed}");
    assert!(!log.is_empty(), "the bot wrote its log");
    assert!(!log.contains("ERROR"), "{log}");
}
