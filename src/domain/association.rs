//! Association names as people type them. The one rule: two names are the same association
//! when they match with case, accents, spaces and punctuation aside — "croix rouge" is the
//! Croix-Rouge, "Restos du Coeur" the Restos du Cœur, "Secours catholique" the Secours
//! Catholique. Every caller reads names through this file: which known association a name
//! means ([`canonical`]), and which one a text begins with ([`leading`]), longest first.

/// Whether `a` and `b` name the same association.
pub fn same_association(a: &str, b: &str) -> bool {
    fold(a) == fold(b)
}

/// The form names are compared in: letters and digits only, accents and case aside.
pub(crate) fn fold(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(super::text::fold_char)
        .collect()
}

/// The known spelling of an association name typed loosely; `None` if it matches none. With
/// no known association yet, any name is taken as typed (trimmed).
pub fn canonical(known: &[String], typed: &str) -> Option<String> {
    if known.is_empty() {
        return Some(typed.trim().to_owned());
    }
    known
        .iter()
        .find(|name| same_association(name, typed))
        .cloned()
}

/// The known associations `text` begins with, whole words only, longest first: each with where
/// its name ends in `text` (a byte index of the original text, at the end of a word).
/// "Secours populaire Ali" with the Secours populaire known gives it, ending after "populaire".
pub fn leading<'a>(known: &'a [String], text: &str) -> Vec<(&'a str, usize)> {
    word_ends(text)
        .into_iter()
        .rev()
        .filter_map(|end| {
            let prefix = &text[..end];
            known
                .iter()
                .find(|name| same_association(name, prefix))
                .map(|name| (name.as_str(), end))
        })
        .collect()
}

/// Where each word of `text` ends: "Croix-Rouge écrire" gives the ends of "Croix-Rouge" and
/// of "écrire".
fn word_ends(text: &str) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut in_word = false;
    for (index, c) in text.char_indices() {
        if c.is_whitespace() {
            if in_word {
                ends.push(index);
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    if in_word {
        ends.push(text.len());
    }
    ends
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> Vec<String> {
        [
            "Restos du Cœur",
            "Croix-Rouge",
            "Secours",
            "Secours populaire",
        ]
        .map(str::to_owned)
        .to_vec()
    }

    #[test]
    fn names_match_with_case_accents_spaces_and_punctuation_aside() {
        assert!(same_association("Croix-Rouge", "croix rouge"));
        assert!(same_association("Restos du Cœur", "RESTOS DU COEUR"));
        assert!(same_association("Secours d'urgence", "secours d urgence"));
        assert!(!same_association("Secours", "Secours populaire"));
        assert!(same_association("Secours populaire", "secours-populaire"));
        assert!(!same_association("Secours populaire", "Secours Catholique"));
    }

    #[test]
    fn a_loose_name_gets_its_known_spelling() {
        assert_eq!(
            canonical(&known(), " croix rouge ").as_deref(),
            Some("Croix-Rouge")
        );
        assert_eq!(canonical(&known(), "Emmaüs"), None);
        assert_eq!(canonical(&[], " Emmaüs ").as_deref(), Some("Emmaüs"));
    }

    #[test]
    fn the_longest_leading_association_comes_first_and_ends_at_a_word() {
        let known = known();
        let text = "Secours populaire Ali Ben";
        let found = leading(&known, text);
        assert_eq!(
            found,
            vec![("Secours populaire", 17), ("Secours", 7)],
            "{text}"
        );
        assert_eq!(&text[found[0].1..], " Ali Ben");
        // Whole words only: "Secourspopulaire" is one word, "Croix" is half a name.
        assert_eq!(leading(&known, "Croix écrire"), vec![]);
        // An index of the original text, whatever its letters' lengths.
        let text = "İ restos du coeur İ";
        assert_eq!(leading(&known, text), vec![]);
        let text = "RESTOS DU CŒUR İstanbul";
        let found = leading(&known, text);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].1..], " İstanbul");
    }
}
