//! The documentation kept true by tests: `docs/commands.md` names every command the grammar
//! answers to, and every example there is read as a command; `docs/architecture.md` names
//! every file of `src/`.

use std::path::Path;

fn read(path: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(root.join(path)).unwrap_or_else(|error| panic!("{path}: {error}"))
}

/// The spans between backticks of `text`.
fn code_spans(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

#[test]
fn every_command_name_is_in_the_commands_page() {
    let page = read("docs/commands.md");
    let written: Vec<&str> = code_spans(&page);
    let missing: Vec<&str> = crate::command::names_and_forms()
        .0
        .into_iter()
        .filter(|name| {
            !written.iter().any(|span| {
                span.strip_prefix('!')
                    .and_then(|rest| rest.split_whitespace().next())
                    .is_some_and(|first| first == *name)
            })
        })
        .collect();
    assert!(missing.is_empty(), "not in docs/commands.md: {missing:?}");
}

#[test]
fn every_example_of_the_commands_page_is_read_as_a_command() {
    let page = read("docs/commands.md");
    let mut examples = 0;
    for row in page.lines().filter(|line| line.starts_with("| `!")) {
        // | command | what it does | example |, a `\|` inside a cell being a `|`.
        let row = row.replace("\\|", "\u{1}");
        let Some(example) = row.trim_end_matches('|').rsplit('|').next() else {
            continue;
        };
        for command in code_spans(example) {
            examples += 1;
            let parsed = crate::command::parse(&command.replace('\u{1}', "|"));
            assert!(
                matches!(parsed, Ok(Some(_))),
                "the example `{command}` reads as {parsed:?}"
            );
        }
    }
    assert!(examples > 50, "only {examples} examples read");
}

#[test]
fn the_architecture_page_names_every_file_of_the_code() {
    let page = read("docs/architecture.md");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut missing = Vec::new();
    let mut folders = vec![root.clone()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("src") {
            let path = entry.expect("entry").path();
            let name = path
                .file_name()
                .and_then(|name| name.to_str())
                .unwrap_or_default()
                .to_owned();
            if path.is_dir() {
                if name != "tests" {
                    if !page.contains(&format!("{name}/")) {
                        missing.push(format!("{name}/"));
                    }
                    folders.push(path);
                }
                continue;
            }
            let Some(stem) = name.strip_suffix(".rs") else {
                continue;
            };
            let named = page
                .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .any(|word| word == stem);
            if stem != "mod" && stem != "docs_tests" && !named {
                missing.push(path.display().to_string());
            }
        }
    }
    assert!(
        missing.is_empty(),
        "not in docs/architecture.md: {missing:?}"
    );
}
