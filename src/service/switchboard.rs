//! The switchboard: each command to its family, as the grammar reads them (one sub-enum per
//! family); each family hands each form to its handler, in the file of its name.

use super::{Chat, Handled, Request, Service};
use crate::command::Command;

impl<C: Chat> Service<C> {
    /// Carries out a command inside the request's transaction; returns what to send.
    pub(super) async fn run(&self, request: &mut Request<'_>, command: Command) -> Handled {
        // A closed working group's room, or one its plenary has not confirmed: not answered
        // but to say so (help, and the attach request itself, aside).
        let exempt = matches!(
            command,
            Command::Help { .. } | Command::Group(crate::command::GroupCommand::Attach { .. })
        );
        if !exempt
            && request.group_room
            && let Some(reply) = self.group_room_closed(request).await?
        {
            return request.say(reply);
        }
        match command {
            Command::Help { topic } => self.help(request, topic),
            Command::Language { choice } => self.language(request, choice).await,
            Command::Agenda(command) => self.agenda(request, command).await,
            Command::Meeting(command) => self.meeting(request, command).await,
            Command::Attendance(command) => self.attendance(request, command).await,
            Command::Guest(command) => self.guest(request, command).await,
            Command::Email(command) => self.email(request, command).await,
            Command::Association(command) => self.association(request, command).await,
            Command::Poll(command) => self.poll(request, command).await,
            Command::Vote { poll, choice } => self.vote(request, poll, &choice).await,
            Command::Decision(command) => self.decision(request, command).await,
            Command::Action(command) => self.action(request, command).await,
            Command::Minutes(command) => self.minutes(request, command).await,
            Command::Remind { text } => self.remind(request, &text).await,
            Command::Reminders(command) => self.reminders(request, command).await,
            Command::Page { new_link } => self.page(request, new_link).await,
            Command::Privacy => self.privacy(request).await,
            Command::MyData => self.my_data(request).await,
            Command::ForgetMe { confirmed } => self.forget_me(request, confirmed).await,
            Command::Rule { rule } => self.rule(request, rule).await,
            Command::Mandate(command) => self.mandate(request, command).await,
            Command::Contact(command) => self.contact(request, command).await,
            Command::Advocacy(command) => self.advocacy(request, command).await,
            Command::Training(command) => self.training(request, command).await,
            Command::Group(command) => self.group(request, command).await,
        }
    }
}
