//! People who follow the group by e-mail: a representative still waiting for her Matrix
//! account, counted for her association like a member. Their address is kept in Concerto's
//! database only, and the room only ever sees it masked ([`super::guest::mask_email`]).

use super::ids::UserId;
use super::votes::fold;

/// The longest the association and name typed after an address may be, in characters.
pub const MAX_EMAIL_NAME: usize = 300;

/// Someone the room reaches by e-mail, numbered in the room's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailPerson {
    pub number: usize,
    pub address: String,
    pub association: String,
    pub name: String,
    pub added_by: UserId,
}

/// Reads `<association> <name…>`: the association is the longest of `known` that the words
/// begin with, accents, case and punctuation aside (`Restos du Coeur Jean Ledoux` is the
/// Restos du Cœur and Jean Ledoux); the name is the rest, which must not be empty. `None`
/// when the words begin with none of them.
pub fn split_association(known: &[String], words: &str) -> Option<(String, String)> {
    let words: Vec<&str> = words.split_whitespace().collect();
    (1..words.len()).rev().find_map(|count| {
        let typed = fold(&words[..count].join(" "));
        known
            .iter()
            .find(|association| fold(association) == typed)
            .map(|association| (association.clone(), words[count..].join(" ")))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> Vec<String> {
        [
            "Restos du Cœur",
            "Croix-Rouge",
            "Secours Catholique",
            "Secours populaire",
            "Secours",
        ]
        .map(String::from)
        .to_vec()
    }

    #[test]
    fn the_longest_association_the_words_begin_with_is_taken_accents_and_case_aside() {
        assert_eq!(
            split_association(&known(), "Restos du Coeur Jean Ledoux"),
            Some(("Restos du Cœur".into(), "Jean Ledoux".into()))
        );
        assert_eq!(
            split_association(&known(), "croix rouge Marie"),
            Some(("Croix-Rouge".into(), "Marie".into()))
        );
        assert_eq!(
            split_association(&known(), "Secours populaire Ali Ben"),
            Some(("Secours populaire".into(), "Ali Ben".into())),
            "not « Secours » with « populaire Ali Ben » as the name"
        );
        assert_eq!(
            split_association(&known(), "Secours Ali"),
            Some(("Secours".into(), "Ali".into()))
        );
    }

    #[test]
    fn words_that_begin_with_no_association_or_leave_no_name_give_none() {
        assert_eq!(split_association(&known(), "ADSEA Mme Martin"), None);
        assert_eq!(split_association(&known(), "Croix-Rouge"), None);
        assert_eq!(split_association(&[], "Croix-Rouge Marie"), None);
    }
}
