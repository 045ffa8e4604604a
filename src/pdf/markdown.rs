//! The minutes' Markdown read back into blocks to print: the small subset `replies/` writes
//! (a line in bold as a heading, `- ` bullets and indented ones, `1. ` numbered items,
//! paragraphs; `**bold**` inside a line, backslash escapes, backticks). Pure.

/// A piece of a line: its text and whether it is bold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub bold: bool,
}

/// One block of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A line wholly in bold.
    Heading(Vec<Span>),
    /// A list item: its mark (`•`, `1.`), its depth (0, 1…) and its text.
    Item {
        mark: String,
        depth: usize,
        spans: Vec<Span>,
    },
    Paragraph(Vec<Span>),
    /// An empty line between blocks.
    Gap,
}

/// The blocks of `markdown`, line by line.
pub fn blocks(markdown: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    for line in markdown.lines() {
        let indent = line.len() - line.trim_start().len();
        let line = line.trim();
        if line.is_empty() {
            if !matches!(blocks.last(), Some(Block::Gap) | None) {
                blocks.push(Block::Gap);
            }
            continue;
        }
        let depth = usize::from(indent >= 2);
        if let Some(rest) = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) {
            blocks.push(Block::Item {
                mark: "•".to_owned(),
                depth,
                spans: spans(rest),
            });
        } else if let Some((number, rest)) = numbered(line) {
            blocks.push(Block::Item {
                mark: format!("{number}."),
                depth,
                spans: spans(rest),
            });
        } else {
            let spans = spans(line);
            if !spans.is_empty() && spans.iter().all(|span| span.bold) {
                blocks.push(Block::Heading(spans));
            } else {
                blocks.push(Block::Paragraph(spans));
            }
        }
    }
    while matches!(blocks.last(), Some(Block::Gap)) {
        blocks.pop();
    }
    blocks
}

/// `12. text` → (`12`, `text`).
fn numbered(line: &str) -> Option<(&str, &str)> {
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 {
        return None;
    }
    let rest = line[digits..].strip_prefix(". ")?;
    Some((&line[..digits], rest))
}

/// The spans of one line: `**` switches bold, a backslash keeps the next character as it is,
/// backticks and single `*` / `_` emphasis marks are dropped.
pub fn spans(line: &str) -> Vec<Span> {
    let mut spans: Vec<Span> = Vec::new();
    let mut current = String::new();
    let mut bold = false;
    let mut chars = line.chars().peekable();
    let flush = |spans: &mut Vec<Span>, current: &mut String, bold: bool| {
        if !current.is_empty() {
            spans.push(Span {
                text: std::mem::take(current),
                bold,
            });
        }
    };
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next() {
                    current.push(next);
                }
            }
            '*' if chars.peek() == Some(&'*') => {
                chars.next();
                flush(&mut spans, &mut current, bold);
                bold = !bold;
            }
            '`' => {}
            '*' | '_' if is_emphasis_mark(&current, chars.peek()) => {}
            _ => current.push(c),
        }
    }
    flush(&mut spans, &mut current, bold);
    spans
}

/// A lone `*` or `_` is an emphasis mark at a word's edge (`_texte_`), and kept inside a word
/// (`snake_case`).
fn is_emphasis_mark(before: &str, after: Option<&char>) -> bool {
    let before_blank = before.chars().last().is_none_or(char::is_whitespace);
    let after_blank = after.is_none_or(|c| c.is_whitespace() || c.is_ascii_punctuation());
    before_blank || after_blank
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::escape_markdown;

    fn plain(text: &str) -> Vec<Span> {
        vec![Span {
            text: text.into(),
            bold: false,
        }]
    }

    #[test]
    fn escaped_text_comes_back_as_typed() {
        let typed = r"Budget (FEAD) 2027 : *urgent* \ [ok] #1 & <b> snake_case_name";
        assert_eq!(spans(&escape_markdown(typed)), plain(typed));
    }

    #[test]
    fn bold_runs_and_code_marks_are_read() {
        assert_eq!(
            spans("n° 2 — ⚠️ **en retard** `!actions`"),
            vec![
                Span {
                    text: "n° 2 — ⚠️ ".into(),
                    bold: false
                },
                Span {
                    text: "en retard".into(),
                    bold: true
                },
                Span {
                    text: " !actions".into(),
                    bold: false
                },
            ]
        );
    }

    #[test]
    fn lines_become_headings_items_and_paragraphs() {
        let markdown = "**Compte rendu de la réunion du 10 décembre**\n\n- Lieu : Melun\n\n**Ordre du jour**\n1. Budget — traité (ALICE)\n   - Accord de principe (BOB)\n12. Autre\nAucun.\n\n";
        let blocks = blocks(markdown);
        assert_eq!(
            blocks,
            vec![
                Block::Heading(vec![Span {
                    text: "Compte rendu de la réunion du 10 décembre".into(),
                    bold: true
                }]),
                Block::Gap,
                Block::Item {
                    mark: "•".into(),
                    depth: 0,
                    spans: plain("Lieu : Melun")
                },
                Block::Gap,
                Block::Heading(vec![Span {
                    text: "Ordre du jour".into(),
                    bold: true
                }]),
                Block::Item {
                    mark: "1.".into(),
                    depth: 0,
                    spans: plain("Budget — traité (ALICE)")
                },
                Block::Item {
                    mark: "•".into(),
                    depth: 1,
                    spans: plain("Accord de principe (BOB)")
                },
                Block::Item {
                    mark: "12.".into(),
                    depth: 0,
                    spans: plain("Autre")
                },
                Block::Paragraph(plain("Aucun.")),
            ]
        );
    }

    #[test]
    fn a_number_without_its_dot_and_space_is_a_paragraph() {
        assert_eq!(
            blocks("2027 sera une année"),
            vec![Block::Paragraph(plain("2027 sera une année"))]
        );
    }
}
