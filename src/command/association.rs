//! `!association …` (alias `!associations`): who belongs to which association, and which
//! associations are guests (`!association invitée <nom>` / `!association guest <name>`, back
//! with `!association membre <nom>` / `!association member <name>`).

use super::error::{ParseError, Usage};
use super::words::{read_form, split_word};

/// What `!association` is asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AssociationCommand {
    List,
    /// Put `user` in `association`, or among the guests with `None`.
    Set {
        user: String,
        association: Option<String>,
    },
    /// Make `association` a guest association (`guest`), or a member one again.
    Standing {
        association: String,
        guest: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Form {
    List,
    Set,
    Guest,
    Member,
}

/// The forms that follow `!association`, by every name they answer to.
pub(super) const FORMS: &[(&str, Form)] = &[
    ("", Form::List),
    ("list", Form::List),
    ("liste", Form::List),
    ("set", Form::Set),
    ("définir", Form::Set),
    ("definir", Form::Set),
    ("mettre", Form::Set),
    ("invitée", Form::Guest),
    ("invitee", Form::Guest),
    ("invité", Form::Guest),
    ("invite", Form::Guest),
    ("guest", Form::Guest),
    ("membre", Form::Member),
    ("member", Form::Member),
];

/// The words that put a member among the guests rather than in an association.
const NO_ASSOCIATION: [&str; 5] = ["aucune", "none", "invité", "invitée", "guest"];

pub(super) fn parse(arguments: &str) -> Result<AssociationCommand, ParseError> {
    let (form, named, rest) = read_form(arguments, FORMS);
    let command = match named {
        Some(Form::List) => AssociationCommand::List,
        Some(Form::Set) => set(rest)?,
        Some(form @ (Form::Guest | Form::Member)) => match rest.trim() {
            "" => {
                return Err(ParseError::MissingArgument {
                    usage: Usage::AssociationStanding,
                });
            }
            name => AssociationCommand::Standing {
                association: name.to_owned(),
                guest: form == Form::Guest,
            },
        },
        None => {
            return Err(ParseError::UnexpectedWords {
                usage: Usage::AssociationSet,
                extra: form,
            });
        }
    };
    Ok(command)
}

/// `@user:server <association>` or `@user:server aucune`.
fn set(rest: &str) -> Result<AssociationCommand, ParseError> {
    let (user, name) = split_word(rest);
    if user.is_empty() {
        return Err(ParseError::ExpectedUser { given: None });
    }
    if crate::domain::UserId::parse(user).is_none() {
        return Err(ParseError::ExpectedUser {
            given: Some(user.to_owned()),
        });
    }
    let association = match name.trim() {
        "" => {
            return Err(ParseError::MissingArgument {
                usage: Usage::AssociationSet,
            });
        }
        none if NO_ASSOCIATION.contains(&none.to_lowercase().as_str()) => None,
        name => Some(name.to_owned()),
    };
    Ok(AssociationCommand::Set {
        user: user.to_owned(),
        association,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::{Command, parse};

    #[test]
    fn association_set_needs_a_user_id_and_a_name() {
        assert_eq!(
            parse("!association set @bob:example.org Croix-Rouge"),
            Ok(Some(Command::Association(AssociationCommand::Set {
                user: "@bob:example.org".into(),
                association: Some("Croix-Rouge".into())
            })))
        );
        assert_eq!(
            parse("!association définir @bob:example.org aucune"),
            Ok(Some(Command::Association(AssociationCommand::Set {
                user: "@bob:example.org".into(),
                association: None
            })))
        );
        assert_eq!(
            parse("!association set bob Croix-Rouge"),
            Err(ParseError::ExpectedUser {
                given: Some("bob".into())
            })
        );
        assert_eq!(
            parse("!association set @bob:example.org"),
            Err(ParseError::MissingArgument {
                usage: Usage::AssociationSet
            })
        );
        assert_eq!(
            parse("!associations"),
            Ok(Some(Command::Association(AssociationCommand::List)))
        );
    }

    #[test]
    fn an_association_is_made_a_guest_or_a_member_in_both_languages() {
        for (body, association, guest) in [
            ("!association invitée Emmaüs", "Emmaüs", true),
            (
                "!association guest Banque alimentaire",
                "Banque alimentaire",
                true,
            ),
            ("!association membre Emmaüs", "Emmaüs", false),
            ("!association member Emmaüs", "Emmaüs", false),
        ] {
            assert_eq!(
                parse(body),
                Ok(Some(Command::Association(AssociationCommand::Standing {
                    association: association.into(),
                    guest
                }))),
                "{body}"
            );
        }
        assert_eq!(
            parse("!association invitée"),
            Err(ParseError::MissingArgument {
                usage: Usage::AssociationStanding
            })
        );
    }
}
