//! A ruled table after a document's text (a sign-in sheet): its rows laid out as lines the
//! pages take like any other, each cell one line cut to its column.

use super::markdown::Span;
use super::{Fonts, Line, LineKind, MARGIN, PAGE_WIDTH, TEXT_SIZE, Word, break_words, words_of};
use crate::domain::messages::Table;

/// A table's heading row, and each row of a sign-in sheet: tall enough to sign in.
pub(super) const HEADER_ROW: f32 = 20.0;
const TABLE_ROW: f32 = 30.0;
/// A cell's text, from its left edge.
const CELL_PADDING: f32 = 4.0;

/// The rows of `table` as lines: its heading in bold, then each row.
pub(super) fn lines(table: &Table, fonts: &Fonts) -> Vec<Line> {
    let full = PAGE_WIDTH - 2.0 * MARGIN;
    let total: f32 = table
        .columns
        .iter()
        .map(|(_, share)| share.max(0.0))
        .sum::<f32>()
        .max(f32::EPSILON);
    let mut edges = vec![MARGIN];
    for (_, share) in &table.columns {
        let last = edges.last().copied().unwrap_or(MARGIN);
        edges.push(last + full * share.max(0.0) / total);
    }
    let row = |cells: &[String], bold: bool, height: f32, header: bool| {
        let mut words = Vec::new();
        for (index, cell) in cells.iter().enumerate().take(table.columns.len()) {
            let (Some(left), Some(right)) = (edges.get(index), edges.get(index + 1)) else {
                continue;
            };
            let width = (right - left - 2.0 * CELL_PADDING).max(1.0);
            let spans = [Span {
                text: cell.clone(),
                bold,
            }];
            // One line per cell: what does not fit is cut (a name rarely is that long).
            if let Some(first) = break_words(fonts, &words_of(&spans), TEXT_SIZE, width)
                .into_iter()
                .next()
            {
                words.extend(first.into_iter().map(|word| Word {
                    x: word.x + left + CELL_PADDING,
                    ..word
                }));
            }
        }
        Line {
            kind: LineKind::Row {
                words,
                edges: edges.clone(),
                height,
                header,
            },
            size: TEXT_SIZE,
            before: 0.0,
            y: 0.0,
            keep_with_next: header,
        }
    };
    let headings: Vec<String> = table.columns.iter().map(|(name, _)| name.clone()).collect();
    let mut lines = vec![row(&headings, true, HEADER_ROW, true)];
    if let Some(first) = lines.first_mut() {
        first.before = 12.0;
    }
    for cells in &table.rows {
        lines.push(row(cells, false, TABLE_ROW, false));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::super::{LineKind, MARGIN, PAGE_WIDTH, TEXT_BOTTOM, lay_out, paginate, render};
    use super::*;

    #[test]
    fn a_sign_in_sheet_is_ruled_rows_its_heading_repeated_on_each_page() {
        let fonts = Fonts::load().expect("fonts");
        let rows: Vec<Vec<String>> = (0..60)
            .map(|n| {
                vec![
                    format!("Bénévole {n} {}", "très-long-nom-".repeat(6)),
                    "Secours populaire".into(),
                    String::new(),
                ]
            })
            .collect();
        let mut sheet = super::super::tests::document(String::new());
        sheet.table = Some(Table {
            columns: vec![
                ("Nom".into(), 0.42),
                ("Association".into(), 0.33),
                ("Signature".into(), 0.25),
            ],
            rows,
        });
        let lines = lay_out(&sheet, &fonts);
        let pages = paginate(&lines);
        assert!(pages.len() >= 2, "60 rows of 30 pt take more than a page");
        for page in &pages {
            let rows: Vec<&Line> = page
                .iter()
                .filter(|line| matches!(line.kind, LineKind::Row { .. }))
                .collect();
            assert!(
                matches!(
                    rows.first().map(|row| &row.kind),
                    Some(LineKind::Row { header: true, .. })
                ),
                "each page's table starts with its heading"
            );
            for row in rows {
                assert!(
                    row.y <= TEXT_BOTTOM + 0.01,
                    "a row runs into the foot: {}",
                    row.y
                );
                let LineKind::Row { words, edges, .. } = &row.kind else {
                    continue;
                };
                assert_eq!(edges.len(), 4);
                assert!((edges[3] - (PAGE_WIDTH - MARGIN)).abs() < 0.5);
                // Each cell's words stay in their column: a long name is cut, not spilled.
                for word in words {
                    let end = word.x + fonts.width(&word.text, word.bold, row.size);
                    let column = edges
                        .windows(2)
                        .find(|pair| word.x >= pair[0] && word.x < pair[1]);
                    let column = column.expect("in a column");
                    assert!(end <= column[1], "{} spills over", word.text);
                }
            }
        }
        let pdf = render(&sheet).expect("pdf");
        assert!(pdf.starts_with(b"%PDF-"));
    }
}
