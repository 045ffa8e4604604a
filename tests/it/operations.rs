//! Operations: a backup taken while the bot runs, restored into an empty data directory,
//! brings the same device back with everything; the health check answers while the bot syncs;
//! the systemd unit passes `systemd-analyze verify`; a normal run logs no library warnings
//! and keeps the recovery key of the key backup it turned on.

use std::process::Command as StdCommand;

use crate::helpers::{Bot, BotConfig, TestUser, ask, homeserver, room_with_bot};

#[tokio::test(flavor = "multi_thread")]
async fn a_backup_of_a_running_bot_restores_the_same_device_with_everything() {
    let mut alice = TestUser::new("alice", false).await;
    let admin = TestUser::new("admin", true).await;
    let mut bot = Bot::register().await;
    // Backups are encrypted with the passphrase in this file.
    let passphrase = bot.dir().join("backup-passphrase");
    std::fs::write(&passphrase, "une phrase de passe pour la sauvegarde\n").expect("passphrase");
    bot.start_with(BotConfig {
        extra: format!(
            "\n[backup]\npassphrase_file = \"{}\"\n",
            passphrase.display()
        ),
        ..BotConfig::invited_by(&alice.user_id)
    });
    let room = room_with_bot(&mut alice, &bot, true).await;
    let added = alice.say(&room, "!agenda ajouter Budget 2027").await;
    alice.reply_to(&added).await;
    ask(&mut alice, &room, "!décision Lettre commune au Préfet").await;
    // A poll is no reply: it is posted on its own.
    alice.say(&room, "!sondage Signons-nous ?").await;
    ask(&mut alice, &room, "!rappel dans 3 heures Envoyer la lettre").await;
    let health = bot.cli(&["health"]).await;
    assert!(
        health.status.success(),
        "{}",
        String::from_utf8_lossy(&health.stderr)
    );
    let devices = homeserver().devices_of(&admin, &bot.user_id).await;

    // While it runs.
    let archive = bot.dir().join("backup.tar");
    let backup = bot
        .cli(&["backup", "--to", archive.to_str().expect("path")])
        .await;
    assert!(
        backup.status.success(),
        "{}",
        String::from_utf8_lossy(&backup.stderr)
    );
    assert!(bot.stop().await);

    // The archive holds nothing in clear: not the session's access token.
    let bytes = std::fs::read(&archive).expect("archive");
    let session = std::fs::read_to_string(bot.data_dir().join("session.json")).expect("session");
    let saved: serde_json::Value = serde_json::from_str(&session).expect("session json");
    let token = saved["session"]["access_token"].as_str().expect("token");
    assert!(!String::from_utf8_lossy(&bytes).contains(token));

    // A new machine: an empty data directory, the same configuration.
    bot.wipe_data();
    // The wrong passphrase is refused, clearly, and leaves nothing behind.
    std::fs::write(&passphrase, "une autre phrase\n").expect("passphrase");
    let refused = bot
        .cli(&["restore", "--from", archive.to_str().expect("path")])
        .await;
    assert!(!refused.status.success());
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(said.contains("does not open this backup"), "{said}");
    std::fs::write(&passphrase, "une phrase de passe pour la sauvegarde\n").expect("passphrase");
    let restored = bot
        .cli(&["restore", "--from", archive.to_str().expect("path")])
        .await;
    assert!(
        restored.status.success(),
        "{}",
        String::from_utf8_lossy(&restored.stderr)
    );
    bot.restart();

    let agenda = ask(&mut alice, &room, "!agenda").await;
    assert!(agenda.contains("Budget 2027"), "{agenda}");
    let decisions = ask(&mut alice, &room, "!décisions").await;
    assert!(
        decisions.contains("Lettre commune au Préfet"),
        "{decisions}"
    );
    let polls = ask(&mut alice, &room, "!sondages").await;
    assert!(polls.contains("Signons-nous ?"), "{polls}");
    let reminders = ask(&mut alice, &room, "!rappels").await;
    assert!(reminders.contains("Envoyer la lettre"), "{reminders}");
    assert_eq!(alice.replies_seen(&added), 1, "no command answered twice");
    assert_eq!(
        homeserver().devices_of(&admin, &bot.user_id).await,
        devices,
        "the same device, its keys restored"
    );
}

#[test]
fn the_systemd_unit_passes_systemd_analyze_verify() {
    let root = env!("CARGO_MANIFEST_DIR");
    let unit = std::fs::read_to_string(format!("{root}/deploy/concerto.service")).expect("unit");
    // Verified as installed: the binary where the unit expects it is the one just built.
    let dir = tempfile::tempdir().expect("temp dir");
    let installed = unit.replace("/usr/local/bin/concerto", env!("CARGO_BIN_EXE_concerto"));
    let path = dir.path().join("concerto.service");
    std::fs::write(&path, installed).expect("write unit");
    let output = StdCommand::new("systemd-analyze")
        .args(["verify", "--man=no"])
        .arg(&path)
        .output()
        .expect("systemd-analyze (scripts/test and .ci/run install Debian's systemd package)");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(!stderr.contains("Unknown"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread")]
async fn json_logs_give_one_line_per_command_with_its_latency() {
    let mut alice = TestUser::new("alice", false).await;
    let bot = Bot::start(BotConfig {
        extra: "\n[log]\nformat = \"json\"\n".into(),
        ..BotConfig::invited_by(&alice.user_id)
    })
    .await;
    let room = room_with_bot(&mut alice, &bot, false).await;
    let command = alice.say(&room, "!aide").await;
    alice.reply_to(&command).await;
    let logs = bot.logs();
    let lines: Vec<serde_json::Value> = logs
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| serde_json::from_str(line).unwrap_or_else(|_| panic!("not JSON: {line}")))
        .collect();
    let handled: Vec<&serde_json::Value> = lines
        .iter()
        .filter(|line| line["message"] == "command handled")
        .collect();
    assert_eq!(handled.len(), 1, "{logs}");
    assert_eq!(handled[0]["event_id"], command.as_str());
    assert!(
        handled[0]["latency_ms"]
            .as_f64()
            .is_some_and(|ms| ms >= 0.0),
        "{logs}"
    );
    assert_eq!(handled[0]["level"], "INFO");
}

#[tokio::test(flavor = "multi_thread")]
async fn secrets_never_reach_the_logs_and_the_data_is_the_bots_alone() {
    use std::os::unix::fs::PermissionsExt;
    let mut alice = TestUser::new("alice", false).await;
    let mut bot = Bot::start(BotConfig::invited_by(&alice.user_id)).await;
    let room = room_with_bot(&mut alice, &bot, true).await;
    ask(&mut alice, &room, "!aide").await;
    assert!(bot.stop().await);
    bot.restart();
    ask(&mut alice, &room, "!langue").await;

    let data = bot.data_dir();
    let session = std::fs::read_to_string(data.join("session.json")).expect("session");
    let session: serde_json::Value = serde_json::from_str(&session).expect("JSON session");
    let token = session["session"]["access_token"]
        .as_str()
        .expect("an access token")
        .to_owned();
    let password = std::fs::read_to_string(bot.dir().join("password")).expect("password");
    let logs = bot.logs();
    for (what, secret) in [
        ("access token", token.as_str()),
        ("password", password.trim()),
        ("store passphrase", "test passphrase"),
    ] {
        assert!(!logs.contains(secret), "the {what} is in the logs");
    }
    let mode = |path: &std::path::Path| {
        std::fs::metadata(path)
            .unwrap_or_else(|error| panic!("{}: {error}", path.display()))
            .permissions()
            .mode()
            & 0o777
    };
    assert_eq!(mode(&data), 0o700, "data directory");
    assert_eq!(mode(&data.join("session.json")), 0o600);
    assert_eq!(mode(&data.join("concerto.sqlite3")), 0o600);
    let store = data.join("matrix-store");
    assert_eq!(mode(&store), 0o700, "Matrix store directory");
    for entry in std::fs::read_dir(&store).expect("store files").flatten() {
        let path = entry.path();
        assert_eq!(
            mode(&path) & 0o077,
            0,
            "{} is readable by others",
            path.display()
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_normal_run_logs_no_library_warnings_and_keeps_a_recovery_key() {
    let mut alice = TestUser::new("alice", false).await;
    let mut bot = Bot::register().await;
    // What an operator sees: the bot's default filter, nothing of the SDK hidden.
    bot.log_filter = Some(concerto::telemetry::DEFAULT_FILTER);
    bot.start_with(BotConfig::invited_by(&alice.user_id));
    let room = room_with_bot(&mut alice, &bot, true).await;
    ask(&mut alice, &room, "!aide").await;
    // The first start turns key backup on beside the bot, and says so once it is done.
    let key_file = bot.data_dir().join(concerto::matrix::RECOVERY_KEY_FILE);
    crate::helpers::eventually("key backup turned on", crate::helpers::PATIENCE, || async {
        let logs = bot.logs();
        if logs.contains("key backup turned on") {
            Ok(())
        } else {
            Err(logs)
        }
    })
    .await;
    // #38: on a first start, the set-up waits until the bot has answered once.
    let logs = bot.logs();
    let answered = logs.find("command handled").expect("the answer's log line");
    let backed_up = logs
        .find("key backup turned on")
        .expect("the set-up's log line");
    assert!(answered < backed_up, "{logs}");
    let key = std::fs::read_to_string(&key_file).expect("the recovery key file");
    assert!(
        key.split_whitespace().count() >= 12,
        "a recovery key: {key}"
    );
    let mode = std::fs::metadata(&key_file)
        .expect("metadata")
        .permissions();
    assert_eq!(
        std::os::unix::fs::PermissionsExt::mode(&mode) & 0o777,
        0o600
    );

    // A normal run: a restart, commands in an encrypted room (new room keys to back up).
    assert!(bot.stop().await);
    bot.restart();
    ask(&mut alice, &room, "!agenda ajouter Budget 2027").await;
    let other = alice.create_room(true, &[&bot.user_id]).await;
    crate::helpers::wait_for_welcome(&mut alice, &bot, &other).await;
    ask(&mut alice, &other, "!aide").await;
    // And an unencrypted room, whose lack of encryption the SDK asks the homeserver about.
    let plain = alice.create_room(false, &[&bot.user_id]).await;
    crate::helpers::wait_for_welcome(&mut alice, &bot, &plain).await;
    ask(&mut alice, &plain, "!aide").await;
    assert!(bot.stop().await);
    let logs = bot.logs();
    let normal_run = logs.rsplit("--- restart ---").next().unwrap_or_default();
    let noise: Vec<&str> = normal_run
        .lines()
        .filter(|line| line.contains(" WARN ") || line.contains(" ERROR "))
        .collect();
    assert!(
        noise.is_empty(),
        "warnings in a normal run:\n{}",
        noise.join("\n")
    );
    assert!(normal_run.contains("Concerto is running"), "{normal_run}");
}

#[tokio::test(flavor = "multi_thread")]
async fn at_the_default_level_the_logs_hold_no_members_names_texts_or_addresses() {
    let mut alice = TestUser::new("alice", false).await;
    let mut bot = Bot::register().await;
    // What an operator keeps: the bot's default filter.
    bot.log_filter = Some(concerto::telemetry::DEFAULT_FILTER);
    bot.start_with(BotConfig::invited_by(&alice.user_id));
    let room = room_with_bot(&mut alice, &bot, false).await;
    alice.set_display_name(&room, "Zéphyrine Quillebeuf").await;
    let said = [
        "!agenda ajouter Relogement de la famille Pétrovna",
        "!décision Nous écrivons au Préfet pour la famille Pétrovna",
        "!invité ajouter Mme Oudinotte zorglub@exemple.org — accueil des Pétrovna",
        "!courriel ajouter quarkette@exemple.org Restos du Cœur Jeanne Quarkette",
        "!rappel dans 2 jours Appeler Mme Oudinotte",
        "!agenda",
    ];
    for command in said {
        ask(&mut alice, &room, command).await;
    }
    assert!(bot.stop().await);
    let logs = bot.logs();
    assert!(logs.contains("command"), "the commands are logged: {logs}");
    for personal in [
        "Zéphyrine",
        "Quillebeuf",
        "Pétrovna",
        "Oudinotte",
        "zorglub",
        "quarkette",
        "Quarkette",
        "Préfet",
    ] {
        assert!(
            !logs.contains(personal),
            "{personal:?} in the logs at the default level:\n{logs}"
        );
    }
}
