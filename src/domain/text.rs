//! Reading what members type without ever cutting it in the wrong place, and keeping what they
//! give clean before it is stored.
//!
//! Lower-casing changes byte lengths ("İ" grows from 2 to 3 bytes, the Kelvin sign "K" shrinks
//! from 3 to 1): an index found in a lower-cased copy is no index into the original, and
//! slicing the original at it may cut a character in two (a panic). Every search for a marker
//! word ("pour le", "avant le", "jusqu'au"…) goes through [`Folded`], which searches a folded
//! copy and maps what it finds back to the original's own character boundaries.

use std::ops::Range;

/// A text folded for searching (lower case, accents and typographic apostrophes aside), with
/// where each folded byte came from in the original.
pub struct Folded<'a> {
    original: &'a str,
    folded: String,
    /// For each byte of `folded`, the original character it came from (start, end).
    origin: Vec<(usize, usize)>,
}

impl<'a> Folded<'a> {
    pub fn new(original: &'a str) -> Self {
        let mut folded = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len());
        for (start, c) in original.char_indices() {
            let end = start + c.len_utf8();
            for f in fold_char(c) {
                folded.push(f);
                origin.extend(std::iter::repeat_n((start, end), f.len_utf8()));
            }
        }
        Self {
            original,
            folded,
            origin,
        }
    }

    /// The folded copy (for comparisons; never index the original with it).
    pub fn as_str(&self) -> &str {
        &self.folded
    }

    /// Where `marker` first appears in the original, case and accents aside.
    pub fn find(&self, marker: &str) -> Option<Range<usize>> {
        let marker = fold(marker);
        let at = self.folded.find(&marker)?;
        self.original_range(at, marker.len())
    }

    /// Where `marker` last appears in the original, case and accents aside.
    pub fn rfind(&self, marker: &str) -> Option<Range<usize>> {
        let marker = fold(marker);
        let at = self.folded.rfind(&marker)?;
        self.original_range(at, marker.len())
    }

    /// The original after `marker` when it begins with it (case and accents aside).
    pub fn strip_prefix(&self, marker: &str) -> Option<&'a str> {
        let marker = fold(marker);
        if marker.is_empty() || !self.folded.starts_with(&marker) {
            return None;
        }
        let range = self.original_range(0, marker.len())?;
        self.original.get(range.end..)
    }

    /// The original characters that folded bytes `at..at + length` came from: always whole
    /// characters of the original.
    fn original_range(&self, at: usize, length: usize) -> Option<Range<usize>> {
        if length == 0 {
            return None;
        }
        let (start, _) = *self.origin.get(at)?;
        let (_, end) = *self.origin.get(at + length - 1)?;
        Some(start..end)
    }
}

/// `text` folded: lower case, accents dropped, `’` read as `'`, `œ` as `oe`.
pub fn fold(text: &str) -> String {
    text.chars().flat_map(fold_char).collect()
}

/// One character folded: it may give none (a lone combining accent), one or several.
pub fn fold_char(c: char) -> impl Iterator<Item = char> {
    use unicode_normalization::char::{decompose_canonical, is_combining_mark};
    let mut out: Vec<char> = Vec::with_capacity(2);
    for lower in c.to_lowercase() {
        match lower {
            '’' | 'ʼ' | '‘' => out.push('\''),
            'œ' => out.extend(['o', 'e']),
            'æ' => out.extend(['a', 'e']),
            _ => decompose_canonical(lower, |part| {
                if !is_combining_mark(part) {
                    out.push(part);
                }
            }),
        }
    }
    out.into_iter()
}

/// Whether `c` must never reach what the bot writes out (an `.ics` line, an e-mail, a PDF, a
/// CSV cell): control characters other than the line feed and the tab, and the direction
/// overrides and isolates that turn a text around on screen.
pub fn is_unsafe_control(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        || matches!(c, '\u{2028}' | '\u{2029}')
}

/// A member's text as it may be stored: control characters and direction overrides removed
/// (a carriage return becomes a line feed when it ends a line alone, so that pasted Windows
/// text keeps its lines).
pub fn clean_member_text(text: &str) -> String {
    let mut clean = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() != Some(&'\n') {
                clean.push('\n');
            }
        } else if !is_unsafe_control(c) {
            clean.push(c);
        }
    }
    clean
}

/// A member's one-line text (a name, a place, a topic): control characters removed, line
/// breaks and tabs turned into spaces.
pub fn clean_member_line(text: &str) -> String {
    clean_member_text(text)
        .chars()
        .map(|c| if c == '\n' || c == '\t' { ' ' } else { c })
        .collect()
}

/// A CSV cell a spreadsheet will not run: one that begins with `=`, `+`, `-`, `@`, a tab or a
/// carriage return (a formula, to a spreadsheet) gets a leading `'`, which spreadsheets read as
/// "text follows".
pub fn spreadsheet_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_marker_after_a_letter_that_grows_when_lower_cased_is_found_on_the_original() {
        let text = " İ pour le éé ";
        let found = Folded::new(text).rfind(" pour le ").expect("found");
        assert_eq!(&text[..found.start], " İ");
        assert_eq!(&text[found.end..], "éé ");
    }

    #[test]
    fn a_marker_after_a_letter_that_shrinks_when_lower_cased_is_found_on_the_original() {
        // The Kelvin sign is three bytes and lower-cases to a one-byte "k".
        let text = "\u{212A}\u{212A}\u{212A} avant le lundi";
        let found = Folded::new(text).find(" avant le ").expect("found");
        assert_eq!(&text[..found.start], "\u{212A}\u{212A}\u{212A}");
        assert_eq!(&text[found.end..], "lundi");
    }

    #[test]
    fn markers_are_found_whatever_the_case_accents_and_apostrophes() {
        let text = "Écrire à la CAF D’ICI LE 12 décembre";
        let found = Folded::new(text).find(" d'ici le ").expect("found");
        assert_eq!(&text[found.end..], "12 décembre");
        assert_eq!(
            Folded::new("JUSQU’AU 12/12 : oui ?").strip_prefix("jusqu'au"),
            Some(" 12/12 : oui ?")
        );
        assert_eq!(Folded::new("Until x").strip_prefix("until"), Some(" x"));
        assert_eq!(Folded::new("unt").strip_prefix("until"), None);
        assert!(Folded::new("Pôle emploi").find("pole").is_some());
    }

    #[test]
    fn a_marker_that_begins_inside_an_expanded_letter_maps_to_the_whole_letter() {
        // "œ" folds to "oe": a match on its "e" gives back the whole "œ".
        let text = "sœur";
        let found = Folded::new(text).find("eur").expect("found");
        assert_eq!(&text[found.clone()], "œur");
        assert_eq!(found, 1..text.len());
    }

    #[test]
    fn folding_drops_accents_and_keeps_other_scripts() {
        assert_eq!(fold("Secours Catholique"), "secours catholique");
        assert_eq!(fold("CŒUR Élan ÇA"), "coeur elan ca");
        assert_eq!(fold("İ"), "i");
        assert_eq!(fold("ẞ"), "ß");
        assert_eq!(fold("Ⱥ"), "ⱥ");
        assert_eq!(fold("ΐ"), "ι");
        assert_eq!(fold("日本"), "日本");
        assert_eq!(fold("\u{0301}"), "");
    }

    #[test]
    fn control_characters_and_direction_overrides_are_removed() {
        assert_eq!(
            clean_member_text("Salle\u{202E}A\u{7}\u{1b}[31m\r\nB\rC\u{85}"),
            "SalleA[31m\nB\nC"
        );
        assert_eq!(clean_member_line("Mme\tMartin\nADSEA"), "Mme Martin ADSEA");
        assert_eq!(clean_member_text("Réunion 🎉 — ok"), "Réunion 🎉 — ok");
    }

    #[test]
    fn cells_a_spreadsheet_would_run_are_made_text() {
        assert_eq!(spreadsheet_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(spreadsheet_safe("+33 1"), "'+33 1");
        assert_eq!(spreadsheet_safe("-2+3"), "'-2+3");
        assert_eq!(spreadsheet_safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(spreadsheet_safe("\t=1"), "'\t=1");
        assert_eq!(spreadsheet_safe("Écrire à la CAF"), "Écrire à la CAF");
        assert_eq!(spreadsheet_safe(""), "");
    }

    proptest::proptest! {
        #[test]
        fn any_text_and_any_marker_give_ranges_on_character_boundaries(
            text in "\\PC{0,40}|[İẞȺȾ\u{212A}ΐ éÉ\u{0301}a-zA-Z’']{0,40}",
            marker in "\\PC{0,6}|[ iİkK\u{212A}pour le]{1,8}",
        ) {
            let folded = Folded::new(&text);
            for found in [folded.find(&marker), folded.rfind(&marker)].into_iter().flatten() {
                proptest::prop_assert!(text.is_char_boundary(found.start));
                proptest::prop_assert!(text.is_char_boundary(found.end));
                proptest::prop_assert!(found.start < found.end);
            }
            let _ = folded.strip_prefix(&marker);
            let _ = clean_member_text(&text);
        }
    }
}
