//! `!courriel ajouter|retirer|nouveau-lien …` / `!email add|remove|new-link …`, and `!courriels` / `!emails`: the
//! people who follow the group by e-mail (a representative without a Matrix account yet).

use super::error::{ParseError, Usage};
use super::words::{no_more, one_number, read_form};
use crate::domain::email::MAX_EMAIL_NAME;
use crate::domain::guest::looks_like_email;

/// What `!email` (`!courriel`) is asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EmailCommand {
    List,
    /// A person with their address; `rest` is their association then their name, as typed
    /// (the service tells one from the other with the room's associations).
    Add {
        address: String,
        rest: String,
    },
    Remove {
        number: usize,
    },
    /// A new personal link for person `number`: the old one opens nothing any more.
    NewLink {
        number: usize,
    },
}

pub(super) const FORMS: &[(&str, Usage)] = &[
    ("ajouter", Usage::EmailAdd),
    ("add", Usage::EmailAdd),
    ("retirer", Usage::EmailRemove),
    ("supprimer", Usage::EmailRemove),
    ("remove", Usage::EmailRemove),
    ("nouveau-lien", Usage::EmailNewLink),
    ("new-link", Usage::EmailNewLink),
    ("liste", Usage::EmailList),
    ("list", Usage::EmailList),
];

pub(super) fn parse(arguments: &str) -> Result<EmailCommand, ParseError> {
    let (form, named, rest) = read_form(arguments, FORMS);
    if form.is_empty() {
        return Ok(EmailCommand::List);
    }
    let Some(usage) = named else {
        return Err(ParseError::UnexpectedWords {
            usage: Usage::EmailAdd,
            extra: arguments.trim().to_owned(),
        });
    };
    match usage {
        Usage::EmailAdd => add(rest),
        Usage::EmailRemove => Ok(EmailCommand::Remove {
            number: one_number(rest, usage)?,
        }),
        Usage::EmailNewLink => Ok(EmailCommand::NewLink {
            number: one_number(rest, usage)?,
        }),
        _ => no_more(rest, usage).map(|()| EmailCommand::List),
    }
}

/// `!courriels` / `!emails`: the list, and nothing after it.
pub(super) fn parse_list(arguments: &str) -> Result<EmailCommand, ParseError> {
    no_more(arguments, Usage::EmailList).map(|()| EmailCommand::List)
}

/// `<address> <association> <name…>`.
fn add(rest: &str) -> Result<EmailCommand, ParseError> {
    let rest = rest.trim();
    let (first, others) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    if first.is_empty() {
        return Err(ParseError::MissingArgument {
            usage: Usage::EmailAdd,
        });
    }
    // Element may show an address as a mailto: link; what is typed is the address.
    let address = first.trim_start_matches("mailto:");
    if !looks_like_email(address) {
        return Err(ParseError::ExpectedEmail {
            given: first.to_owned(),
        });
    }
    let others = others.split_whitespace().collect::<Vec<_>>().join(" ");
    if others.is_empty() {
        return Err(ParseError::MissingArgument {
            usage: Usage::EmailAdd,
        });
    }
    let length = others.chars().count();
    if length > MAX_EMAIL_NAME {
        return Err(ParseError::EmailTextTooLong { length });
    }
    Ok(EmailCommand::Add {
        address: address.to_lowercase(),
        rest: others,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_then_the_association_and_name_are_read_in_french_and_english() {
        let expected = EmailCommand::Add {
            address: "jean.ledoux@restosducoeur.example".into(),
            rest: "Restos du Cœur Jean Ledoux".into(),
        };
        assert_eq!(
            parse("ajouter Jean.Ledoux@restosducoeur.example Restos du Cœur  Jean Ledoux"),
            Ok(expected.clone())
        );
        assert_eq!(
            parse("add mailto:jean.ledoux@restosducoeur.example Restos du Cœur Jean Ledoux"),
            Ok(expected)
        );
    }

    #[test]
    fn the_list_and_a_removal_are_read() {
        assert_eq!(parse(""), Ok(EmailCommand::List));
        assert_eq!(parse("liste"), Ok(EmailCommand::List));
        assert_eq!(parse_list(""), Ok(EmailCommand::List));
        assert_eq!(parse("retirer 2"), Ok(EmailCommand::Remove { number: 2 }));
        assert_eq!(parse("remove 1"), Ok(EmailCommand::Remove { number: 1 }));
        assert_eq!(
            parse("nouveau-lien 3"),
            Ok(EmailCommand::NewLink { number: 3 })
        );
        assert_eq!(parse("new-link 1"), Ok(EmailCommand::NewLink { number: 1 }));
        assert!(parse("new-link").is_err());
    }

    #[test]
    fn a_missing_or_wrong_address_or_name_is_explained() {
        assert_eq!(
            parse("ajouter"),
            Err(ParseError::MissingArgument {
                usage: Usage::EmailAdd
            })
        );
        assert_eq!(
            parse("ajouter @jean:example.org Croix-Rouge Jean"),
            Err(ParseError::ExpectedEmail {
                given: "@jean:example.org".into()
            })
        );
        assert_eq!(
            parse("ajouter jean@croix-rouge.example"),
            Err(ParseError::MissingArgument {
                usage: Usage::EmailAdd
            })
        );
        assert!(matches!(
            parse("effacer 2"),
            Err(ParseError::UnexpectedWords { .. })
        ));
        assert!(matches!(
            parse_list("tout"),
            Err(ParseError::UnexpectedWords { .. })
        ));
    }
}
