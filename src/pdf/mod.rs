//! The minutes printed on A4 (the procès-verbal's PDF), with krilla: it embeds the font (a
//! subset of DejaVu Sans, carried in the binary, never looked up on the host), shapes the
//! text and writes the file. What krilla leaves to its caller is laid out here: the words
//! measured with skrifa (krilla's own font reader), lines broken, pages filled, a foot on each
//! page with the status and the page number. Called by the sender and the page server, never
//! while a command holds its transaction.

mod markdown;
mod table;

use krilla::Document;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::text::{Font, TextDirection};
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

use crate::domain::messages::Printable;
use markdown::{Block, Span, blocks};

static REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// A4, in points.
const PAGE_WIDTH: f32 = 595.276;
const PAGE_HEIGHT: f32 = 841.89;
const MARGIN: f32 = 56.0;
/// Where the foot's first line sits.
const FOOT_TOP: f32 = PAGE_HEIGHT - 44.0;
/// The lowest a line of text may reach.
const TEXT_BOTTOM: f32 = FOOT_TOP - 18.0;
const TEXT_SIZE: f32 = 10.5;
const HEADING_SIZE: f32 = 12.5;
const TITLE_SIZE: f32 = 16.0;
const FOOT_SIZE: f32 = 7.5;
const LEADING: f32 = 1.38;
/// How far a list's text sits from its mark, and a nested list from its parent.
const ITEM_INDENT: f32 = 16.0;

/// Why a document could not be printed (not expected: the fonts are built in).
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("the built-in font could not be read")]
    Font,
    #[error("the PDF could not be written: {0}")]
    Write(String),
    #[error("the printing task stopped: {0}")]
    Stopped(String),
}

/// The content type of what [`render`] writes.
pub const MIME: &str = "application/pdf";

/// The PDF of `document`, printed off the async threads (laying out pages takes a while):
/// the one way the bot, its e-mails and its page print.
pub async fn print(document: Printable) -> Result<Vec<u8>, PdfError> {
    tokio::task::spawn_blocking(move || render(&document))
        .await
        .map_err(|error| PdfError::Stopped(error.to_string()))?
}

/// The PDF of `document`.
pub fn render(document: &Printable) -> Result<Vec<u8>, PdfError> {
    let fonts = Fonts::load()?;
    let lines = lay_out(document, &fonts);
    let pages = paginate(&lines);
    let count = pages.len();
    let mut pdf = Document::new();
    pdf.set_metadata(
        Metadata::new()
            .title(document.name.trim_end_matches(".pdf").to_owned())
            .language(document.language.code().to_owned())
            .creator("Concerto".to_owned()),
    );
    for (index, page_lines) in pages.iter().enumerate() {
        let settings = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT)
            .ok_or_else(|| PdfError::Write("page size".into()))?;
        let mut page = pdf.start_page_with(settings);
        let mut surface = page.surface();
        for line in page_lines {
            match &line.kind {
                LineKind::Words(words) => {
                    for word in words {
                        surface.draw_text(
                            Point::from_xy(word.x, line.y),
                            fonts.font(word.bold).clone(),
                            line.size,
                            &word.text,
                            false,
                            TextDirection::LeftToRight,
                        );
                    }
                }
                LineKind::Rule => {
                    draw_rule(&mut surface, MARGIN, line.y, PAGE_WIDTH - 2.0 * MARGIN, 0.6);
                }
                LineKind::Row {
                    words,
                    edges,
                    height,
                    ..
                } => {
                    let (bottom, top) = (line.y, line.y - height);
                    let (left, right) = (
                        edges.first().copied().unwrap_or(MARGIN),
                        edges.last().copied().unwrap_or(PAGE_WIDTH - MARGIN),
                    );
                    draw_rule(&mut surface, left, top, right - left, 0.6);
                    draw_rule(&mut surface, left, bottom, right - left + 0.6, 0.6);
                    for edge in edges {
                        draw_rule(&mut surface, *edge, top, 0.6, *height);
                    }
                    let baseline = top + table::HEADER_ROW / 2.0 + line.size * 0.35;
                    for word in words {
                        surface.draw_text(
                            Point::from_xy(word.x, baseline),
                            fonts.font(word.bold).clone(),
                            line.size,
                            &word.text,
                            false,
                            TextDirection::LeftToRight,
                        );
                    }
                }
            }
        }
        // The foot: the status, then the page's number at the right.
        let width = PAGE_WIDTH - 2.0 * MARGIN - 50.0;
        let mut y = FOOT_TOP;
        for row in break_words(
            &fonts,
            &words_of(&plain(&document.status)),
            FOOT_SIZE,
            width,
        ) {
            for word in row {
                surface.draw_text(
                    Point::from_xy(MARGIN + word.x, y),
                    fonts.font(word.bold).clone(),
                    FOOT_SIZE,
                    &word.text,
                    false,
                    TextDirection::LeftToRight,
                );
            }
            y += FOOT_SIZE * LEADING;
        }
        let number = format!("{} / {count}", index + 1);
        let number_width = fonts.width(&number, false, FOOT_SIZE);
        surface.draw_text(
            Point::from_xy(PAGE_WIDTH - MARGIN - number_width, FOOT_TOP),
            fonts.font(false).clone(),
            FOOT_SIZE,
            &number,
            false,
            TextDirection::LeftToRight,
        );
        surface.finish();
        page.finish();
    }
    pdf.finish()
        .map_err(|error| PdfError::Write(format!("{error:?}")))
}

/// The two faces, for drawing (krilla) and measuring (skrifa).
struct Fonts {
    regular: Font,
    bold: Font,
    regular_ref: FontRef<'static>,
    bold_ref: FontRef<'static>,
}

impl Fonts {
    fn load() -> Result<Self, PdfError> {
        Ok(Self {
            regular: Font::new(REGULAR.into(), 0).ok_or(PdfError::Font)?,
            bold: Font::new(BOLD.into(), 0).ok_or(PdfError::Font)?,
            regular_ref: FontRef::new(REGULAR).map_err(|_| PdfError::Font)?,
            bold_ref: FontRef::new(BOLD).map_err(|_| PdfError::Font)?,
        })
    }

    fn font(&self, bold: bool) -> &Font {
        if bold { &self.bold } else { &self.regular }
    }

    fn face(&self, bold: bool) -> &FontRef<'static> {
        if bold {
            &self.bold_ref
        } else {
            &self.regular_ref
        }
    }

    /// Whether the face draws `c` (else it is replaced, see [`printable`]).
    fn has(&self, c: char, bold: bool) -> bool {
        self.face(bold).charmap().map(c).is_some()
    }

    /// The advance of `text` at `size`, in points (kerning aside: a line is a hair shorter
    /// than measured, never longer).
    fn width(&self, text: &str, bold: bool, size: f32) -> f32 {
        let face = self.face(bold);
        let charmap = face.charmap();
        let metrics = face.glyph_metrics(Size::new(size), LocationRef::default());
        text.chars()
            .filter_map(|c| charmap.map(c))
            .filter_map(|glyph| metrics.advance_width(glyph))
            .sum()
    }
}

/// `text` with what the font cannot draw replaced by what it can: emoji marks by their plain
/// kin (✅ → ✓, ❌ → ✗), variation selectors dropped, anything else by `?`.
fn printable(fonts: &Fonts, text: &str, bold: bool) -> String {
    text.chars()
        .filter(|c| !matches!(c, '\u{FE0E}' | '\u{FE0F}' | '\u{200B}'..='\u{200D}'))
        .map(|c| {
            if fonts.has(c, bold) {
                return c;
            }
            let kin = match c {
                '✅' | '✔' => '✓',
                '❌' | '✖' => '✗',
                '⏰' | '📅' | '🗓' => '•',
                _ => '?',
            };
            if fonts.has(kin, bold) { kin } else { '?' }
        })
        .collect()
}

/// A word placed on a line, `x` from the line's start.
#[derive(Debug, Clone)]
struct Word {
    text: String,
    bold: bool,
    x: f32,
}

#[derive(Debug, Clone)]
enum LineKind {
    Words(Vec<Word>),
    Rule,
    /// A row of a ruled table: its cells' words (placed), the columns' edges from left to
    /// right, and its height. Its `y` is its bottom edge.
    Row {
        words: Vec<Word>,
        edges: Vec<f32>,
        height: f32,
        header: bool,
    },
}

/// A line of the document: `y` is its baseline from the top of the text area's page, set by
/// [`paginate`]; `advance` is the space it takes, `before` the space above it.
#[derive(Debug)]
struct Line {
    kind: LineKind,
    size: f32,
    before: f32,
    y: f32,
    /// A heading keeps its next line on its page.
    keep_with_next: bool,
}

impl Line {
    /// The height it takes on the page.
    fn advance(&self) -> f32 {
        match &self.kind {
            LineKind::Row { height, .. } => *height,
            _ => self.size * LEADING,
        }
    }
}

/// A thin rule from (`x`, `y`), `width` wide and `height` high.
fn draw_rule(surface: &mut krilla::surface::Surface<'_>, x: f32, y: f32, width: f32, height: f32) {
    let mut path = PathBuilder::new();
    if let Some(rect) = Rect::from_xywh(x, y, width.max(0.6), height.max(0.6)) {
        path.push_rect(rect);
    }
    if let Some(path) = path.finish() {
        surface.draw_path(&path);
    }
}

fn plain(text: &str) -> Vec<Span> {
    vec![Span {
        text: text.to_owned(),
        bold: false,
    }]
}

/// The words of `spans`, each with its face and whether a space comes before it.
fn words_of(spans: &[Span]) -> Vec<(String, bool, bool)> {
    let mut words = Vec::new();
    let mut space_before = false;
    for span in spans {
        let mut first = true;
        for (index, piece) in span.text.split(' ').enumerate() {
            if index > 0 {
                space_before = true;
            }
            if piece.is_empty() {
                continue;
            }
            // A span that starts inside a word (`**n°**3`) glues on.
            let glued = first && !space_before && !words.is_empty();
            words.push((piece.to_owned(), span.bold, !glued && !words.is_empty()));
            first = false;
            space_before = false;
        }
        if span.text.ends_with(' ') {
            space_before = true;
        }
    }
    words
}

/// Words broken into rows no wider than `width`; a word wider than a row is cut.
fn break_words(
    fonts: &Fonts,
    words: &[(String, bool, bool)],
    size: f32,
    width: f32,
) -> Vec<Vec<Word>> {
    let mut rows: Vec<Vec<Word>> = vec![Vec::new()];
    let mut x = 0.0;
    for (text, bold, space_before) in words {
        let text = printable(fonts, text, *bold);
        let space = if *space_before {
            fonts.width(" ", *bold, size)
        } else {
            0.0
        };
        let advance = fonts.width(&text, *bold, size);
        let row_is_empty = rows.last().is_none_or(Vec::is_empty);
        if !row_is_empty && x + space + advance > width {
            rows.push(Vec::new());
            x = 0.0;
        } else if !row_is_empty {
            x += space;
        }
        if advance > width {
            // A long unbroken word (an address, a fingerprint): cut where it overflows.
            let mut piece = String::new();
            let mut start = x;
            for c in text.chars() {
                let mut longer = piece.clone();
                longer.push(c);
                if !piece.is_empty() && start + fonts.width(&longer, *bold, size) > width {
                    push_word(&mut rows, std::mem::take(&mut piece), *bold, start);
                    rows.push(Vec::new());
                    start = 0.0;
                }
                piece.push(c);
            }
            x = start + fonts.width(&piece, *bold, size);
            push_word(&mut rows, piece, *bold, start);
            continue;
        }
        push_word(&mut rows, text, *bold, x);
        x += advance;
    }
    rows.retain(|row| !row.is_empty());
    rows
}

fn push_word(rows: &mut [Vec<Word>], text: String, bold: bool, x: f32) {
    if let Some(row) = rows.last_mut() {
        row.push(Word { text, bold, x });
    }
}

/// The document's lines, not yet on pages: the heading (room, associations), a rule, then
/// the minutes' blocks.
fn lay_out(document: &Printable, fonts: &Fonts) -> Vec<Line> {
    let full = PAGE_WIDTH - 2.0 * MARGIN;
    let mut lines = Vec::new();
    let push_rows = |lines: &mut Vec<Line>,
                     spans: &[Span],
                     size: f32,
                     left: f32,
                     mark: Option<(&str, f32)>,
                     before: f32,
                     keep_with_next: bool| {
        let rows = break_words(fonts, &words_of(spans), size, full - (left - MARGIN));
        for (index, row) in rows.into_iter().enumerate() {
            let mut words: Vec<Word> = row
                .into_iter()
                .map(|word| Word {
                    x: word.x + left,
                    ..word
                })
                .collect();
            if index == 0
                && let Some((mark, at)) = mark
            {
                words.insert(
                    0,
                    Word {
                        text: printable(fonts, mark, false),
                        bold: false,
                        x: at,
                    },
                );
            }
            lines.push(Line {
                kind: LineKind::Words(words),
                size,
                before: if index == 0 { before } else { 0.0 },
                y: 0.0,
                keep_with_next,
            });
        }
    };
    for (index, heading) in document.heading.iter().enumerate() {
        let (size, bold) = if index == 0 {
            (TITLE_SIZE, true)
        } else {
            (TEXT_SIZE, false)
        };
        push_rows(
            &mut lines,
            &[Span {
                text: heading.clone(),
                bold,
            }],
            size,
            MARGIN,
            None,
            if index == 1 { 4.0 } else { 0.0 },
            false,
        );
    }
    lines.push(Line {
        kind: LineKind::Rule,
        size: TEXT_SIZE,
        before: 0.0,
        y: 0.0,
        keep_with_next: false,
    });
    let mut gap = 6.0;
    for block in blocks(&document.markdown) {
        match block {
            Block::Gap => gap = 7.0,
            Block::Heading(spans) => {
                push_rows(
                    &mut lines,
                    &spans,
                    HEADING_SIZE,
                    MARGIN,
                    None,
                    gap + 5.0,
                    true,
                );
                gap = 2.0;
            }
            Block::Paragraph(spans) => {
                push_rows(&mut lines, &spans, TEXT_SIZE, MARGIN, None, gap, false);
                gap = 1.0;
            }
            Block::Item { mark, depth, spans } => {
                let at = MARGIN + ITEM_INDENT * depth as f32;
                push_rows(
                    &mut lines,
                    &spans,
                    TEXT_SIZE,
                    at + ITEM_INDENT,
                    Some((&mark, at)),
                    gap,
                    false,
                );
                gap = 1.0;
            }
        }
    }
    if let Some(table) = &document.table {
        lines.extend(table::lines(table, fonts));
    }
    lines
}

/// The lines placed on pages: each baseline set, a new page when the next line would run
/// into the foot, a heading never left alone at a page's bottom.
fn paginate(lines: &[Line]) -> Vec<Vec<Line>> {
    let mut pages: Vec<Vec<Line>> = vec![Vec::new()];
    let mut y = MARGIN;
    let step = |line: &Line, y: f32, first_on_page: bool| {
        let before = if first_on_page { 0.0 } else { line.before };
        y + before + line.advance()
    };
    // A table's heading row, repeated at the top of each page its rows run onto.
    let mut table_heading: Option<&Line> = None;
    let placed = |line: &Line, baseline: f32| Line {
        kind: line.kind.clone(),
        y: match line.kind {
            LineKind::Row { .. } => baseline,
            _ => baseline - line.size * (LEADING - 1.0) / 2.0,
        },
        ..*line
    };
    for (index, line) in lines.iter().enumerate() {
        if let LineKind::Row { header: true, .. } = line.kind {
            table_heading = Some(line);
        }
        let first = pages.last().is_none_or(Vec::is_empty);
        let mut baseline = step(line, y, first);
        let next_fits = !line.keep_with_next
            || lines
                .get(index + 1)
                .is_none_or(|next| step(next, baseline, false) <= TEXT_BOTTOM);
        if !first && (baseline > TEXT_BOTTOM || !next_fits) {
            pages.push(Vec::new());
            baseline = step(line, MARGIN, true);
            if let (LineKind::Row { header: false, .. }, Some(heading)) =
                (&line.kind, table_heading)
                && let Some(page) = pages.last_mut()
            {
                let heading_bottom = step(heading, MARGIN, true);
                page.push(placed(heading, heading_bottom));
                baseline = heading_bottom + line.advance();
            }
        }
        y = baseline;
        if let Some(page) = pages.last_mut() {
            page.push(placed(line, baseline));
        }
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Language;

    pub(super) fn document(markdown: String) -> Printable {
        Printable {
            name: "compte-rendu-2026-12-10.pdf".into(),
            heading: vec![
                "Concertation 77".into(),
                "Restos du Cœur · Croix-Rouge · Secours catholique · Secours populaire".into(),
            ],
            markdown,
            status: "Projet".into(),
            language: Language::Fr,
            table: None,
        }
    }

    #[test]
    fn a_pdf_is_written_with_its_font_embedded() {
        let pdf = render(&document(
            "**Compte rendu**\n\n- Œuvre, cœur, élève, à côté ✅ ⚠️ **en retard**".into(),
        ))
        .expect("pdf");
        assert!(pdf.starts_with(b"%PDF-"));
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.contains("FontFile2"), "the font is embedded");
        assert!(text.contains("DejaVuSans"));
    }

    #[test]
    fn the_font_draws_french_text_and_the_marks_the_minutes_use() {
        let fonts = Fonts::load().expect("fonts");
        for c in "àâäçéèêëîïôöùûüÿœæÀÂÇÉÈÊËÎÏÔÖÙÛÜŒÆ«»—–’…°·•✓✗⚠".chars()
        {
            assert!(fonts.has(c, false) && fonts.has(c, true), "{c} is missing");
        }
        assert_eq!(printable(&fonts, "✅ faite ❌ ⚠️", false), "✓ faite ✗ ⚠");
    }

    #[test]
    fn long_text_is_broken_into_lines_within_the_margins_and_onto_pages() {
        let fonts = Fonts::load().expect("fonts");
        let long = format!("{}{}", "mot ".repeat(400), "x".repeat(200));
        let lines = lay_out(&document(format!("- {long}")), &fonts);
        let right = PAGE_WIDTH - MARGIN + 0.5;
        for line in &lines {
            if let LineKind::Words(words) = &line.kind {
                for word in words {
                    let end = word.x + fonts.width(&word.text, word.bold, line.size);
                    assert!(end <= right, "{} ends at {end}", word.text);
                }
            }
        }
        let many = (1..=120)
            .map(|n| format!("{n}. point {n}"))
            .collect::<Vec<_>>()
            .join("\n");
        let pages = paginate(&lay_out(&document(many), &fonts));
        assert!(pages.len() >= 2, "{} pages", pages.len());
        for page in &pages {
            for line in page {
                assert!(line.y <= TEXT_BOTTOM && line.y >= MARGIN);
            }
        }
    }

    #[test]
    fn a_heading_is_not_left_alone_at_the_bottom_of_a_page() {
        let fonts = Fonts::load().expect("fonts");
        for filler in 40..70 {
            let mut markdown = (1..=filler)
                .map(|n| format!("- ligne {n}"))
                .collect::<Vec<_>>()
                .join("\n");
            markdown.push_str("\n\n**Décisions**\n- n° 1");
            let pages = paginate(&lay_out(&document(markdown), &fonts));
            for page in &pages {
                assert!(!page.last().is_some_and(|line| line.keep_with_next));
            }
        }
    }
}
