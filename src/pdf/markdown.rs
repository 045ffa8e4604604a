//! The minutes' Markdown read back into blocks to print, by pulldown-cmark: a line in bold as a
//! heading, bullets and numbered items (nested ones one level in), paragraphs line by line;
//! bold runs inside a line; escapes, code marks and emphasis marks read as a client reads them.
//! Pure.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

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

/// The blocks of `markdown`, read by pulldown-cmark (the parser Matrix clients use, so the
/// PDF reads the text as the room does). A paragraph's lines stay lines, as the minutes write
/// them: a line wholly in bold is a heading.
pub fn blocks(markdown: &str) -> Vec<Block> {
    let mut reader = Reader::default();
    for (event, range) in Parser::new_ext(markdown, Options::empty()).into_offset_iter() {
        // A blank line between two blocks is a gap, as the text shows it.
        if let Event::Start(
            Tag::Paragraph | Tag::List(_) | Tag::Item | Tag::Heading { .. } | Tag::CodeBlock(_),
        ) = &event
        {
            let before = markdown.get(..range.start).unwrap_or_default();
            let space = before.len() - before.trim_end().len();
            if before[before.len() - space..].matches('\n').count() >= 2 {
                reader.end_line();
                reader.gap();
            }
        }
        reader.read(event);
    }
    reader.end_line();
    let mut blocks = reader.blocks;
    while matches!(blocks.last(), Some(Block::Gap)) {
        blocks.pop();
    }
    blocks
}

/// The spans of one line of Markdown.
#[cfg(test)]
fn spans(line: &str) -> Vec<Span> {
    blocks(line)
        .into_iter()
        .flat_map(|block| match block {
            Block::Heading(spans) | Block::Paragraph(spans) | Block::Item { spans, .. } => spans,
            Block::Gap => Vec::new(),
        })
        .collect()
}

/// Where the reading is: the lists open (with their next number, if ordered), the line being
/// read.
#[derive(Default)]
struct Reader {
    blocks: Vec<Block>,
    lists: Vec<Option<u64>>,
    /// The mark of the list item whose first line is being read.
    item: Option<String>,
    spans: Vec<Span>,
    bold: usize,
}

impl Reader {
    fn read(&mut self, event: Event<'_>) {
        match event {
            Event::Start(Tag::List(first)) => {
                self.end_line();
                self.lists.push(first);
            }
            Event::End(TagEnd::List(_)) => {
                self.end_line();
                self.lists.pop();
            }
            Event::Start(Tag::Item) => {
                self.end_line();
                let mark = match self.lists.last_mut() {
                    Some(Some(number)) => {
                        let mark = format!("{number}.");
                        *number = number.saturating_add(1);
                        mark
                    }
                    _ => "•".to_owned(),
                };
                self.item = Some(mark);
            }
            Event::Start(Tag::Strong) => self.bold += 1,
            Event::End(TagEnd::Strong) => self.bold = self.bold.saturating_sub(1),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock) => {
                self.end_line();
            }
            Event::SoftBreak | Event::HardBreak => self.end_line(),
            Event::Text(text)
            | Event::Code(text)
            | Event::Html(text)
            | Event::InlineHtml(text)
            | Event::InlineMath(text)
            | Event::DisplayMath(text) => {
                // A code block's lines stay lines.
                let mut lines = text.split('\n').peekable();
                while let Some(line) = lines.next() {
                    self.push(line);
                    if lines.peek().is_some() {
                        self.end_line();
                    }
                }
            }
            Event::Rule => self.gap(),
            _ => {}
        }
    }

    fn push(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        let bold = self.bold > 0;
        match self.spans.last_mut() {
            Some(last) if last.bold == bold => last.text.push_str(text),
            _ => self.spans.push(Span {
                text: text.to_owned(),
                bold,
            }),
        }
    }

    /// The line read so far becomes a block: an item's first line, a heading or a paragraph.
    fn end_line(&mut self) {
        let mut spans = std::mem::take(&mut self.spans);
        if let Some(first) = spans.first_mut() {
            first.text = first.text.trim_start().to_owned();
        }
        if let Some(last) = spans.last_mut() {
            last.text = last.text.trim_end().to_owned();
        }
        spans.retain(|span| !span.text.is_empty());
        if let Some(mark) = self.item.take() {
            let depth = self.lists.len().saturating_sub(1);
            self.blocks.push(Block::Item { mark, depth, spans });
        } else if spans.is_empty() {
            // Nothing was read since the last line.
        } else if spans.iter().all(|span| span.bold) {
            self.blocks.push(Block::Heading(spans));
        } else {
            self.blocks.push(Block::Paragraph(spans));
        }
    }

    fn gap(&mut self) {
        if !matches!(self.blocks.last(), Some(Block::Gap) | None) {
            self.blocks.push(Block::Gap);
        }
    }
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
        let markdown = "**Compte rendu de la réunion du 10 décembre**\n\n- Lieu : Melun\n\n**Ordre du jour**\n1. Budget — traité (ALICE)\n   - Accord de principe (BOB)\n2. Autre\n\nAucun.\n\n";
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
                    mark: "2.".into(),
                    depth: 0,
                    spans: plain("Autre")
                },
                Block::Gap,
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
