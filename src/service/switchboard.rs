//! The switchboard: each command to the handler of its family and form (each family's
//! handlers are in the file of its name), inside the request's transaction.

use super::{Chat, Handled, Request, Service};
use crate::command::{Command, EmailCommand};

impl<C: Chat> Service<C> {
    /// Carries out a command inside the request's transaction; returns what to send.
    pub(super) async fn run(&self, request: &mut Request<'_>, command: Command) -> Handled {
        use crate::command::{
            ActionCommand as T, AgendaCommand as A, AssociationCommand as S,
            AttendanceCommand as W, DecisionCommand as D, GuestCommand as G, MeetingCommand as M,
            PollCommand as P, RemindersCommand as R,
        };
        match command {
            Command::Help { topic } => self.help(request, topic),
            Command::Language { choice } => self.language(request, choice).await,
            Command::Agenda(A::List) => self.agenda_list(request).await,
            Command::Agenda(A::Note { number, text }) => {
                self.agenda_note(request, number, text).await
            }
            Command::Agenda(A::Add { text, urgent }) => {
                self.agenda_add(request, text, urgent).await
            }
            Command::Agenda(A::Remove { number }) => self.agenda_remove(request, number).await,
            Command::Agenda(A::Done { number }) => self.agenda_done(request, number).await,
            Command::Agenda(A::Move { number, to }) => self.agenda_move(request, number, to).await,
            Command::Meeting(M::Show) => self.meeting_show(request).await,
            Command::Meeting(M::Propose { options }) => {
                self.meeting_propose(request, &options).await
            }
            Command::Meeting(M::Votes) => self.meeting_votes(request).await,
            Command::Meeting(M::Close { option }) => self.meeting_close(request, option).await,
            Command::Meeting(M::Cancel { what }) => self.meeting_cancel(request, what).await,
            Command::Attendance(W::List) => self.attendance_list(request).await,
            Command::Guest(G::List) => self.guest_list(request).await,
            Command::Guest(G::Add {
                name,
                email,
                topic,
                date,
            }) => self.guest_add(request, name, email, topic, date).await,
            Command::Guest(G::Remove { number }) => self.guest_remove(request, number).await,
            Command::Email(EmailCommand::List) => self.email_list(request).await,
            Command::Email(EmailCommand::Add { address, rest }) => {
                self.email_add(request, address, &rest).await
            }
            Command::Email(EmailCommand::Remove { number }) => {
                self.email_remove(request, number).await
            }
            Command::Email(EmailCommand::NewLink { number }) => {
                self.email_new_link(request, number).await
            }
            Command::Attendance(W::Answer { coming, members }) => {
                self.attendance_answer(request, coming, &members).await
            }
            Command::Meeting(M::Host { association }) => {
                self.meeting_host(request, &association).await
            }
            Command::Meeting(M::HostOrder { associations }) => {
                self.meeting_host_order(request, &associations).await
            }
            Command::Meeting(M::Place { place }) => self.meeting_place(request, &place).await,
            Command::Meeting(M::ShowRhythm) => self.meeting_rhythm_show(request).await,
            Command::Meeting(M::SetRhythm { rhythm }) => {
                self.meeting_rhythm_set(request, rhythm).await
            }
            Command::Association(S::List) => self.association_list(request).await,
            Command::Association(S::Set { user, association }) => {
                self.association_set(request, user, association).await
            }
            Command::Poll(P::Create {
                question,
                options,
                deadline,
            }) => self.poll_create(request, question, options, deadline).await,
            Command::Poll(P::Results { number }) => self.poll_results(request, number).await,
            Command::Poll(P::List) => self.poll_list(request).await,
            Command::Poll(P::Close { number, record }) => {
                self.poll_close(request, number, record).await
            }
            Command::Vote { poll, choice } => self.vote(request, poll, &choice).await,
            Command::Decision(D::Record { text }) => self.decision_record(request, &text).await,
            Command::Decision(D::Show { number }) => self.decision_show(request, number).await,
            Command::Decision(D::Amend { number, text }) => {
                self.decision_amend(request, number, &text).await
            }
            Command::Decision(D::Revoke { number, reason }) => {
                self.decision_revoke(request, number, &reason).await
            }
            Command::Decision(D::List) => self.decision_list(request).await,
            Command::Decision(D::Search { words }) => self.decision_search(request, &words).await,
            Command::Action(T::Create { text }) => self.action_create(request, &text).await,
            Command::Action(T::Done { number }) => self.action_done(request, number).await,
            Command::Action(T::List) => self.action_list(request).await,
            Command::Minutes(command) => self.minutes(request, command).await,
            Command::Remind { text } => self.remind(request, &text).await,
            Command::Reminders(R::List) => self.reminders_list(request).await,
            Command::Reminders(R::Cancel { number }) => {
                self.reminders_cancel(request, number).await
            }
            Command::Reminders(R::Meeting { offsets }) => {
                self.reminders_meeting(request, offsets.as_deref()).await
            }
            Command::Page { new_link } => self.page(request, new_link).await,
        }
    }
}
