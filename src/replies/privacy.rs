//! What the bot tells people about their data (RGPD art. 13): `!confidentialité`, the public
//! page, the e-mails' footer. One list of sections, filled from [`Privacy`] (the settings in
//! force), written out as Markdown for the room and as HTML for the page.

use super::wording::Wording;
use crate::domain::privacy::Privacy;
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
        wording.get("privacy-kept-polls"),
        wording.get("privacy-kept-reminders"),
        days("privacy-kept-undecryptable", retention.undecryptable),
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
                "7",
                "dpo@exemple.org",
                "https://c.example.org/",
            ] {
                assert!(
                    notice.contains(expected),
                    "{language:?}: {expected} in {notice}"
                );
            }
            let footer = privacy_footer(&wording, &privacy(), &room).join("\n");
            for expected in ["Croix-Rouge", "12", "dpo@exemple.org"] {
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
}
