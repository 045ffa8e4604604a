//! What the bot says: command results and parse errors turned into Markdown, in the room's
//! language. Pure functions over a [`Wording`] (the texts, the room's language, the group's
//! time zone); the service decides when to say it. One file per capability, as in
//! `service/`; `help.rs` names the commands and holds the example of each form, `errors.rs`
//! words what the grammar could not read, `permissions.rs` the one refusal.

mod advocacy;
mod agenda;
mod associations;
mod attendance;
mod contacts;
mod dates;
mod email;
mod email_messages;
mod errors;
mod general;
mod groups;
mod guests;
mod help;
mod mandates;
mod meetings;
mod minutes;
mod permissions;
mod polls;
mod privacy;
mod record;
mod reminders;
mod rhythm;
mod rule;
mod subject;
mod trainings;
mod upgrades;
mod wording;

pub use advocacy::*;
pub use agenda::*;
pub use associations::*;
pub use attendance::*;
pub use contacts::*;
pub use email::*;
pub use email_messages::*;
pub use errors::*;
pub use general::*;
pub use groups::*;
pub use guests::*;
pub use help::*;
pub use mandates::*;
pub use meetings::*;
pub use minutes::*;
pub use permissions::*;
pub use polls::*;
pub use privacy::*;
pub use record::*;
pub use reminders::*;
pub use rhythm::*;
pub use rule::*;
pub use subject::*;
pub use trainings::*;
pub use upgrades::*;
pub use wording::Wording;
