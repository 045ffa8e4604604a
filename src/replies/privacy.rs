//! What the bot tells people about their data (RGPD art. 13): `!confidentialité`, the public
//! page, the e-mails' footer. One list of sections, filled from [`Privacy`] (the settings in
//! force), written out as Markdown for the room and as HTML for the page.

use super::wording::Wording;
use crate::domain::privacy::{BackupKey, Privacy, RecipientRole, RegisterEntry, Transfer};
use crate::i18n::escape_markdown;

/// One part of the notice: its heading and its lines (plain text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeSection {
    pub heading: String,
    pub lines: Vec<String>,
}

/// Whose data a notice is read for: a room's (its controllers known) or anyone's (the public
/// page, where no room is named).
#[derive(Debug, Clone, Copy)]
pub enum Readers<'a> {
    /// The controllers of the room, as [`Privacy::controllers_of`] gives them.
    Room(&'a [String]),
    /// The public page.
    Anyone,
}

/// The notice's title.
pub fn privacy_title(wording: &Wording<'_>) -> String {
    wording.get("privacy-title")
}

/// Who processes, why, what is kept for how long, the rights, whom to ask.
pub fn privacy_sections(
    wording: &Wording<'_>,
    privacy: &Privacy,
    readers: Readers<'_>,
) -> Vec<NoticeSection> {
    let days =
        |id: &str, kept: chrono::Duration| wording.format(id, &[("days", kept.num_days().into())]);
    let retention = &privacy.retention;
    let mut kept = vec![
        wording.get("privacy-kept-record"),
        wording.get("privacy-kept-association"),
        days("privacy-kept-messages", retention.sent_messages),
        wording.get("privacy-kept-dates"),
        days("privacy-kept-polls", retention.poll_answers),
        wording.get("privacy-kept-reminders"),
        days("privacy-kept-undecryptable", retention.undecryptable),
        days("privacy-kept-trainings", retention.training_names),
    ];
    if privacy.email {
        kept.push(days("privacy-kept-email", retention.sent_email));
        kept.push(wording.get("privacy-kept-unsubscribed"));
    }
    let mut why = vec![wording.get("privacy-why")];
    if privacy.email {
        why.push(wording.get("privacy-why-email"));
    }
    if privacy.web_url.is_some() {
        why.push(wording.get("privacy-why-web"));
    }
    why.push(wording.get("privacy-why-basis"));
    vec![
        NoticeSection {
            heading: wording.get("privacy-who-heading"),
            lines: vec![who(wording, privacy, readers)],
        },
        NoticeSection {
            heading: wording.get("privacy-why-heading"),
            lines: why,
        },
        NoticeSection {
            heading: wording.get("privacy-kept-heading"),
            lines: kept,
        },
        NoticeSection {
            heading: wording.get("privacy-rights-heading"),
            lines: vec![wording.get("privacy-rights")],
        },
        NoticeSection {
            heading: wording.get("privacy-contact-heading"),
            lines: vec![contact(wording, privacy)],
        },
    ]
}

/// Who processes the data: the controllers named, or the room's associations in words.
fn who(wording: &Wording<'_>, privacy: &Privacy, readers: Readers<'_>) -> String {
    let named = match readers {
        Readers::Room(controllers) => controllers.to_vec(),
        Readers::Anyone => privacy.controllers.clone(),
    };
    if named.is_empty() {
        wording.get("privacy-who-unnamed")
    } else {
        wording.format(
            "privacy-who",
            &[("controllers", wording.semicolons(&named).into())],
        )
    }
}

/// Whom to ask: the configured contact, or that none was given.
fn contact(wording: &Wording<'_>, privacy: &Privacy) -> String {
    match &privacy.contact {
        Some(contact) => wording.format("privacy-contact", &[("contact", contact.clone().into())]),
        None => wording.get("privacy-contact-none"),
    }
}

/// `!confidentialité` / `!privacy`: the notice in the room, with the page's address when the
/// web page is on.
pub fn privacy_notice(wording: &Wording<'_>, privacy: &Privacy, controllers: &[String]) -> String {
    let mut text = format!("**{}**", privacy_title(wording));
    for section in privacy_sections(wording, privacy, Readers::Room(controllers)) {
        text.push_str(&format!("\n\n**{}**", section.heading));
        for line in section.lines {
            text.push_str("\n- ");
            text.push_str(&escape_markdown(&line));
        }
    }
    if let Some(url) = privacy.page_url(wording.language) {
        text.push_str("\n\n");
        text.push_str(&wording.format("privacy-page-at", &[("url", url.into())]));
    }
    text
}

/// The two lines at the foot of every e-mail: who processes, why and how long; the rights
/// and whom to ask (with the page's address when the web page is on).
pub fn privacy_footer(
    wording: &Wording<'_>,
    privacy: &Privacy,
    controllers: &[String],
) -> [String; 2] {
    let who = if controllers.is_empty() {
        wording.get("privacy-footer-unnamed")
    } else {
        wording.semicolons(controllers)
    };
    let first = wording.format(
        "privacy-footer-first",
        &[
            ("who", who.into()),
            ("email_days", privacy.retention.sent_email.num_days().into()),
            (
                "poll_days",
                privacy.retention.poll_answers.num_days().into(),
            ),
        ],
    );
    let mut second = wording.format(
        "privacy-footer-second",
        &[("contact", contact(wording, privacy).into())],
    );
    if let Some(url) = privacy.page_url(wording.language) {
        second.push(' ');
        second.push_str(&wording.format("privacy-footer-page", &[("url", url.into())]));
    }
    [first, second]
}

/// The register entry (RGPD art. 30) as Markdown, ready for each association's register:
/// the purpose, the joint controllers, the people and data concerned, the recipients and
/// transfers, the retention and the security measures, each line from the configuration in
/// force (`made`: the day it was made, in words).
pub fn register_entry(wording: &Wording<'_>, entry: &RegisterEntry, made: &str) -> String {
    let privacy = &entry.privacy;
    let get = |id: &str| wording.get(id);
    let mut parts: Vec<(String, Vec<String>)> = Vec::new();
    let notice = privacy_sections(wording, privacy, Readers::Anyone);
    let section = |index: usize| -> Vec<String> {
        notice
            .get(index)
            .map(|section| section.lines.clone())
            .unwrap_or_default()
    };
    parts.push((get("register-purpose"), section(1)));
    let controllers = entry.controllers();
    let mut who = if controllers.is_empty() {
        vec![get("register-controllers-none")]
    } else {
        controllers
    };
    who.push(wording.labelled(&get("privacy-contact-heading"), &contact(wording, privacy)));
    parts.push((get("register-controllers"), who));
    let mut people = vec![
        get("register-people-members"),
        get("register-people-guests"),
    ];
    if privacy.email {
        people.push(get("register-people-email"));
    }
    parts.push((get("register-people"), people));
    let mut data = vec![
        get("register-data-identity"),
        get("register-data-texts"),
        get("register-data-answers"),
        get(if privacy.email {
            "register-data-guests-email"
        } else {
            "register-data-guests"
        }),
        get("register-data-trainings"),
    ];
    if privacy.email {
        data.push(get("register-data-email"));
    }
    if privacy.web_url.is_some() {
        data.push(get("register-data-web"));
    }
    parts.push((get("register-data"), data));
    let mut recipients = vec![get("register-recipients-members")];
    let mut transfers = Vec::new();
    for recipient in &entry.recipients {
        let role = get(match recipient.role {
            RecipientRole::Homeserver => "register-recipient-homeserver",
            RecipientRole::Smtp => "register-recipient-smtp",
        });
        recipients.push(wording.labelled(&role, &recipient.host));
        let transfer = get(match recipient.transfer {
            Transfer::None => "register-transfer-none",
            Transfer::ToCheck => "register-transfer-check",
        });
        transfers.push(wording.labelled(&recipient.host, &transfer));
    }
    parts.push((get("register-recipients"), recipients));
    parts.push((get("register-transfers"), transfers));
    parts.push((get("register-retention"), section(2)));
    let mut security = vec![
        get("register-security-e2ee"),
        get("register-security-store"),
        get(match entry.backup {
            BackupKey::Passphrase => "register-security-backup-passphrase",
            BackupKey::Recipient => "register-security-backup-recipient",
            BackupKey::Missing => "register-security-backup-missing",
        }),
        get("register-security-tokens"),
        get("register-security-power"),
        get("register-security-logs"),
    ];
    if privacy.email {
        security.push(get(if entry.smtp_encrypted {
            "register-security-smtp-tls"
        } else {
            "register-security-smtp-local"
        }));
    }
    parts.push((get("register-security"), security));

    let mut text = format!(
        "# {}\n\n{}",
        get("register-title"),
        wording.format("register-made", &[("date", made.to_owned().into())])
    );
    for (heading, lines) in parts {
        text.push_str(&format!("\n\n## {heading}\n"));
        for line in lines {
            text.push_str("\n- ");
            text.push_str(&escape_markdown(&line));
        }
    }
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Language;
    use crate::domain::retention::Retention;
    use crate::i18n::Texts;

    fn privacy() -> Privacy {
        Privacy {
            controllers: Vec::new(),
            contact: Some("dpo@exemple.org".into()),
            retention: Retention {
                sent_email: chrono::Duration::days(12),
                sent_messages: chrono::Duration::days(45),
                poll_answers: chrono::Duration::days(200),
                undecryptable: chrono::Duration::days(7),
                training_names: chrono::Duration::days(1111),
            },
            email: true,
            web_url: Some("https://c.example.org".into()),
        }
    }

    #[test]
    fn the_notice_says_the_settings_in_force_in_both_languages() {
        let texts = Texts::new().expect("locales");
        let room = ["Croix-Rouge".to_owned(), "Secours populaire".to_owned()];
        for language in Language::ALL {
            let wording = Wording::new(&texts, language, chrono_tz::Europe::Paris);
            let notice = privacy_notice(&wording, &privacy(), &room);
            for expected in [
                "Croix-Rouge",
                "Secours populaire",
                "12",
                "45",
                "200",
                "7",
                "1111",
                "dpo@exemple.org",
                "https://c.example.org/",
            ] {
                assert!(
                    notice.contains(expected),
                    "{language:?}: {expected} in {notice}"
                );
            }
            let footer = privacy_footer(&wording, &privacy(), &room).join("\n");
            for expected in ["Croix-Rouge", "12", "200", "dpo@exemple.org"] {
                assert!(
                    footer.contains(expected),
                    "{language:?}: {expected} in {footer}"
                );
            }
        }
    }

    #[test]
    fn nothing_is_invented_when_the_settings_leave_it_out() {
        let texts = Texts::new().expect("locales");
        let wording = Wording::new(&texts, Language::Fr, chrono_tz::Europe::Paris);
        let bare = Privacy {
            contact: None,
            email: false,
            web_url: None,
            ..privacy()
        };
        let notice = privacy_notice(&wording, &bare, &[]);
        for id in ["privacy-contact-none", "privacy-who-unnamed"] {
            let line = escape_markdown(&wording.get(id));
            assert!(notice.contains(&line), "{id} in {notice}");
        }
        assert!(!notice.contains("courriel"), "{notice}");
        assert!(!notice.contains("http"), "{notice}");
    }

    #[test]
    fn the_register_entry_has_every_section_filled_from_the_configuration() {
        use crate::domain::privacy::Recipient;
        let texts = Texts::new().expect("locales");
        for language in Language::ALL {
            let wording = Wording::new(&texts, language, chrono_tz::Europe::Paris);
            let entry = RegisterEntry {
                privacy: privacy(),
                rooms_associations: vec!["Croix-Rouge".into()],
                recipients: vec![
                    Recipient {
                        role: RecipientRole::Homeserver,
                        host: "matrix.example.fr".into(),
                        transfer: Transfer::None,
                    },
                    Recipient {
                        role: RecipientRole::Smtp,
                        host: "smtp.example.com".into(),
                        transfer: Transfer::ToCheck,
                    },
                ],
                backup: BackupKey::Recipient,
                smtp_encrypted: true,
            };
            let markdown = register_entry(&wording, &entry, "7 décembre 2026");
            assert_eq!(markdown.matches("\n## ").count(), 8, "{markdown}");
            for expected in [
                "Croix-Rouge",
                "dpo@exemple.org",
                "matrix.example.fr",
                "smtp.example.com",
                "45",
                "12",
                "7 décembre 2026",
                &escape_markdown(&wording.get("register-transfer-check")),
                &escape_markdown(&wording.get("register-security-backup-recipient")),
            ] {
                assert!(
                    markdown.contains(expected),
                    "{language:?}: {expected} in {markdown}"
                );
            }
        }
    }
}
