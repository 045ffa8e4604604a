//! Matrix identifiers as the domain sees them: opaque strings, checked by the Matrix layer.
//! Room ids in room version 12 have no `:server` part, so nothing here parses them.

use std::fmt;

macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

string_id!(
    /// `!abc…` — a room.
    RoomId
);
string_id!(
    /// `@alice:example.org` — a person (or the bot).
    UserId
);
impl UserId {
    /// A user id as typed: `@localpart:server`, both parts present, no space. The one rule for
    /// "is this a Matrix user id" (the homeserver checks the rest).
    pub fn parse(text: &str) -> Option<Self> {
        let (local, server) = text.strip_prefix('@')?.split_once(':')?;
        let whole = !local.is_empty() && !server.is_empty();
        (whole && !text.contains(char::is_whitespace)).then(|| Self(text.to_owned()))
    }
}

string_id!(
    /// `$xyz…` — one event; kept so that later edits, reactions and redactions find their target.
    EventId
);

macro_rules! row_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(i64);

        impl $name {
            pub fn new(id: i64) -> Self {
                Self(id)
            }

            /// The number the database knows it by.
            pub fn get(self) -> i64 {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    };
}

row_id!(
    /// A message the bot posted that members answer (a date proposal, a poll).
    BallotId
);
row_id!(
    /// A meeting of a room's group (dated or not yet).
    MeetingId
);
row_id!(
    /// A set of dates proposed for the next meeting.
    ProposalId
);
row_id!(
    /// One line of an agenda.
    ItemId
);
row_id!(
    /// A poll (its number in the room is what members type).
    PollId
);
row_id!(
    /// A reminder a member asked for.
    ReminderId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_user_id_has_a_localpart_and_a_server() {
        for id in ["@alice:localhost", "@bob:example.org:8448", "@a-b.c_d:x"] {
            assert_eq!(
                UserId::parse(id).map(|id| id.0),
                Some(id.to_owned()),
                "{id}"
            );
        }
        for not in [
            "alice:localhost",
            "@alice",
            "@:localhost",
            "@alice:",
            "@al ice:x",
            "",
            "@",
        ] {
            assert_eq!(UserId::parse(not), None, "{not}");
        }
    }
}
