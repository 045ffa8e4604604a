//! The binary's answer to a configuration: OK, or one precise line and a failing exit code —
//! including values that come from `CONCERTO__…` environment variables.

use std::process::{Command, Output};

const VALID: &str = r#"
[matrix]
homeserver_url = "http://127.0.0.1:8008"
user = "@concerto:localhost"

[storage]
data_dir = "/tmp/concerto-config-test"
store_passphrase = "secret passphrase"
"#;

fn check_config(text: &str, env: &[(&str, &str)]) -> Output {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("concerto.toml");
    std::fs::write(&path, text).expect("write config");
    let mut command = Command::new(env!("CARGO_BIN_EXE_concerto"));
    command.arg("check-config").arg("--config").arg(&path);
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().expect("run concerto")
}

#[test]
fn a_valid_file_is_accepted() {
    let output = check_config(VALID, &[]);
    assert!(output.status.success(), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stdout).contains(": OK"));
}

#[test]
fn an_environment_variable_overrides_the_file_and_is_checked_the_same_way() {
    let output = check_config(VALID, &[("CONCERTO__BOT__LANGUAGE", "de")]);
    assert!(!output.status.success());
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(
        error.contains("unknown language \"de\"") && error.contains("bot.language"),
        "{error}"
    );
    let english = check_config(VALID, &[("CONCERTO__BOT__LANGUAGE", "en")]);
    assert!(english.status.success(), "{english:?}");
}

#[test]
fn a_bad_file_gets_one_line_naming_the_key_and_no_secret() {
    let output = check_config(&VALID.replace("[storage]", "[storage]\nmax_size = 3"), &[]);
    assert!(!output.status.success());
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(
        error.starts_with("concerto: invalid configuration"),
        "{error}"
    );
    assert!(error.contains("max_size"), "{error}");
    assert!(!error.contains("secret passphrase"), "{error}");
    assert_eq!(error.trim_end().lines().count(), 1, "{error}");
}
