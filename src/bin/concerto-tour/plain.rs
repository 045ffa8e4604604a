//! What a chat client shows of the bot's Markdown, as plain text for a terminal: bold and code
//! marks dropped, list items as bullets, line breaks kept (matrix-sdk, through ruma, sends a
//! soft break as a line break, and so do clients). Links keep their text; a link whose text is
//! not its address shows the address after it, except a `matrix.to` pill, which a client shows
//! as the name alone.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The same extensions ruma parses the bot's Markdown with.
const OPTIONS: Options = Options::ENABLE_TABLES.union(Options::ENABLE_STRIKETHROUGH);

pub fn plain(markdown: &str) -> String {
    let mut out = String::new();
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut links: Vec<(String, usize)> = Vec::new();
    for event in Parser::new_ext(markdown, OPTIONS) {
        match event {
            Event::Text(text) | Event::Code(text) => out.push_str(&text),
            Event::SoftBreak | Event::HardBreak => out.push('\n'),
            Event::Start(Tag::List(first)) => {
                end_line(&mut out);
                lists.push(first);
            }
            Event::End(TagEnd::List(_)) => {
                lists.pop();
                if lists.is_empty() {
                    out.push('\n');
                }
            }
            Event::Start(Tag::Item) => {
                end_line(&mut out);
                out.push_str(&"  ".repeat(lists.len().saturating_sub(1)));
                match lists.last_mut() {
                    Some(Some(number)) => {
                        out.push_str(&format!("{number}. "));
                        *number += 1;
                    }
                    _ => out.push_str("• "),
                }
            }
            Event::End(TagEnd::Item) => end_line(&mut out),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::BlockQuote(_)) => {
                if lists.is_empty() {
                    out.push_str("\n\n");
                } else {
                    end_line(&mut out);
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => links.push((dest_url.into(), out.len())),
            Event::End(TagEnd::Link) => {
                if let Some((url, start)) = links.pop() {
                    let shown = &out[start..];
                    if shown != url && !url.starts_with("https://matrix.to/") {
                        out.push_str(&format!(" <{url}>"));
                    }
                }
            }
            Event::Rule => out.push_str("———\n\n"),
            _ => {}
        }
    }
    let mut lines: Vec<&str> = out.lines().map(str::trim_end).collect();
    // Paragraphs are one blank line apart, never more.
    lines.dedup_by(|line, previous| line.is_empty() && previous.is_empty());
    lines.join("\n").trim().to_owned()
}

fn end_line(out: &mut String) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::plain;

    #[test]
    fn bold_and_code_marks_are_dropped() {
        assert_eq!(
            plain("**Réunion fixée : jeudi.** Tapez `!agenda`"),
            "Réunion fixée : jeudi. Tapez !agenda"
        );
    }

    #[test]
    fn lines_lists_and_paragraphs_read_as_a_client_shows_them() {
        let markdown = "**Titre**\nligne deux\n\n- un\n- deux\n\nFin";
        assert_eq!(plain(markdown), "Titre\nligne deux\n\n• un\n• deux\n\nFin");
    }

    #[test]
    fn numbered_and_nested_lists_keep_their_numbers_and_depth() {
        let markdown = "1. premier\n2. second\n   - détail";
        assert_eq!(plain(markdown), "1. premier\n2. second\n  • détail");
    }

    #[test]
    fn a_pill_shows_the_name_and_a_link_its_address() {
        let markdown = "[Claire](https://matrix.to/#/@claire:localhost) : [la page](http://127.0.0.1:8080/g/x)";
        assert_eq!(
            plain(markdown),
            "Claire : la page <http://127.0.0.1:8080/g/x>"
        );
        assert_eq!(
            plain("<http://127.0.0.1:8080/>"),
            "http://127.0.0.1:8080/",
            "an autolink is shown once"
        );
    }

    #[test]
    fn escaped_marks_stay_as_typed() {
        assert_eq!(plain(r"Point \*important\*"), "Point *important*");
    }
}
