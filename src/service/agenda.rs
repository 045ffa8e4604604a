//! The agenda: one handler per `!agenda` command, and edits of `!agenda add` messages.
//! (Carrying untreated items over when a meeting's day ends is the clock's: see `due.rs`.)

use chrono::{DateTime, Duration, Utc};

use super::error::ServiceError;
use super::{Chat, Handled, IncomingEdit, Request, Service};
use crate::command::{self, AgendaCommand, Command, ParseError};
use crate::domain::limits::{Cap, Verdict};
use crate::domain::meeting::next_meeting;
use crate::domain::messages::NewMessage;
use crate::domain::permissions::Act;
use crate::domain::record::Owner;
use crate::domain::text::clean_member_text;
use crate::domain::{Agenda, AgendaItem, ItemNote, ItemStatus, Meeting, RoomId};
use crate::replies;
use crate::storage::{NewItem, Transaction};

impl<C: Chat> Service<C> {
    /// `!agenda…`: each form to its handler below.
    pub(super) async fn agenda(
        &self,
        request: &mut Request<'_>,
        command: AgendaCommand,
    ) -> Handled {
        match command {
            AgendaCommand::List => self.agenda_list(request).await,
            AgendaCommand::Note { number, text } => self.agenda_note(request, number, text).await,
            AgendaCommand::Add { text, urgent } => self.agenda_add(request, text, urgent).await,
            AgendaCommand::Remove { number } => self.agenda_remove(request, number).await,
            AgendaCommand::Done { number } => self.agenda_done(request, number).await,
            AgendaCommand::Move { number, to } => self.agenda_move(request, number, to).await,
        }
    }

    /// `!agenda`: the next meeting's agenda.
    pub(super) async fn agenda_list(&self, request: &mut Request<'_>) -> Handled {
        let room = request.room().clone();
        let meeting = self.next_meeting(request.tx, &room, request.at).await?;
        let agenda = request.tx.agenda(meeting.id).await?;
        let membership = request.tx.association_members(&room).await?;
        let notes = request.tx.item_notes(meeting.id).await?;
        request.say(replies::agenda_list(
            &self.wording(request.language),
            &meeting,
            &agenda,
            &membership,
            &notes,
        ))
    }

    /// `!agenda add <text>` / `!agenda urgent <text>`.
    pub(super) async fn agenda_add(
        &self,
        request: &mut Request<'_>,
        text: String,
        urgent: bool,
    ) -> Handled {
        let room = request.room().clone();
        let meeting = self.next_meeting(request.tx, &room, request.at).await?;
        let agenda = request.tx.agenda(meeting.id).await?;
        if !Cap::OpenAgendaItems.allows_one_more(agenda.untreated().count()) {
            let wording = &self.wording(request.language);
            return request.say(replies::cap_reached(wording, Cap::OpenAgendaItems));
        }
        let author_name = self.display_name(&room, request.sender()).await;
        let item = NewItem {
            text,
            author: request.sender().clone(),
            author_name,
            urgent,
            position: agenda.next_position(),
            source_event: Some(request.message.event_id.clone()),
        };
        let added = request
            .tx
            .add_item(&room, meeting.id, item, request.at)
            .await?;
        let number = agenda
            .with_item(added.clone())
            .number_of(added.id)
            .unwrap_or(0);
        request.say(replies::agenda_added(
            &self.wording(request.language),
            &meeting,
            number,
            &added,
        ))
    }

    /// `!agenda remove <n>`: its author or a moderator.
    pub(super) async fn agenda_remove(&self, request: &mut Request<'_>, number: usize) -> Handled {
        let wording = &self.wording(request.language);
        let item = match self.item_as_seen(request, number).await? {
            Ok(item) => item,
            Err(error) => {
                return request.say(replies::agenda_error(wording, &error));
            }
        };
        let owner = Owner::Member(item.author.clone());
        if let Some(refusal) = self.refusal(request, Act::RemoveItem, Some(&owner)).await? {
            let author = replies::author(&item);
            return request.say(replies::refused(wording, &refusal, &author));
        }
        request
            .tx
            .set_item_status(item.id, ItemStatus::Withdrawn, request.at)
            .await?;
        request.say(replies::agenda_removed(wording, number, &item))
    }

    /// `!agenda done <n>`.
    pub(super) async fn agenda_done(&self, request: &mut Request<'_>, number: usize) -> Handled {
        let wording = &self.wording(request.language);
        let item = match self.item_as_seen(request, number).await? {
            Ok(item) => item,
            Err(error) => {
                return request.say(replies::agenda_error(wording, &error));
            }
        };
        if item.status == ItemStatus::Treated {
            return request.say(replies::agenda_already_done(wording, number));
        }
        request
            .tx
            .set_item_status(item.id, ItemStatus::Treated, request.at)
            .await?;
        request.say(replies::agenda_done(wording, number, &item))
    }

    /// `!agenda note <n> <text>`: what was said or agreed on item n, by its author.
    pub(super) async fn agenda_note(
        &self,
        request: &mut Request<'_>,
        number: usize,
        text: String,
    ) -> Handled {
        let wording = &self.wording(request.language);
        let item = match self.item_as_seen(request, number).await? {
            Ok(item) => item,
            Err(error) => {
                return request.say(replies::agenda_error(wording, &error));
            }
        };
        let room = request.room().clone();
        let note = ItemNote {
            text,
            author: request.sender().clone(),
            author_name: self.display_name(&room, request.sender()).await,
            created_at: request.at,
        };
        request.tx.add_item_note(item.id, &note).await?;
        request.say(replies::agenda_noted(wording, number, &item, &note))
    }

    /// `!agenda move <n> <position>`.
    pub(super) async fn agenda_move(
        &self,
        request: &mut Request<'_>,
        number: usize,
        to: usize,
    ) -> Handled {
        let wording = &self.wording(request.language);
        let room = request.room().clone();
        let meeting = self.next_meeting(request.tx, &room, request.at).await?;
        let agenda = request.tx.agenda(meeting.id).await?;
        let plan = match agenda.plan_move(number, to) {
            Ok(plan) => plan,
            Err(error) => {
                return request.say(replies::agenda_error(wording, &error));
            }
        };
        let text = agenda
            .item(number)
            .map(|item| item.text.clone())
            .unwrap_or_default();
        request.tx.set_item_positions(&plan, request.at).await?;
        request.say(replies::agenda_moved(wording, &text, to))
    }

    /// The meeting new agenda items go to at `at`: the earliest dated meeting whose day is not
    /// over, else the "next meeting, date not set yet" (created when missing).
    pub(super) async fn next_meeting(
        &self,
        tx: &mut Transaction,
        room: &RoomId,
        at: DateTime<Utc>,
    ) -> Result<Meeting, ServiceError> {
        let meetings = tx.planned_meetings(room).await?;
        Ok(match next_meeting(&meetings, at, self.settings.time_zone) {
            Some(meeting) => meeting.clone(),
            None => tx.create_unscheduled_meeting(room, at).await?,
        })
    }

    /// Item `number` of the list as the command's author saw it when they sent it. If the
    /// meeting's day ended in between and its untreated items were carried over, that list is
    /// the past meeting's, and the item acted on is its copy on the next meeting's agenda.
    async fn item_as_seen(
        &self,
        request: &mut Request<'_>,
        number: usize,
    ) -> Result<Result<AgendaItem, crate::domain::AgendaError>, ServiceError> {
        let room = request.room().clone();
        let time_zone = self.settings.time_zone;
        // A meeting's day lasts less than two days, whatever the time zone.
        let since = request
            .at
            .checked_sub_signed(Duration::days(2))
            .unwrap_or(request.at);
        let held_since = request.tx.held_meetings_since(&room, since).await?;
        let mut meetings = request.tx.planned_meetings(&room).await?;
        meetings.extend(held_since.iter().cloned());
        let seen = next_meeting(&meetings, request.at, time_zone).cloned();
        let carried = seen
            .as_ref()
            .is_some_and(|meeting| held_since.iter().any(|held| held.id == meeting.id));
        let agenda = match &seen {
            Some(meeting) if carried => request.tx.agenda_before_carry_over(meeting.id).await?,
            Some(meeting) => request.tx.agenda(meeting.id).await?,
            None => Agenda::default(),
        };
        let item = match agenda.item(number) {
            Ok(item) => item.clone(),
            Err(error) => return Ok(Err(error)),
        };
        if item.status != ItemStatus::CarriedOver {
            return Ok(Ok(item));
        }
        Ok(match request.tx.carried_copy_of(item.id).await? {
            Some(copy) => Ok(copy),
            // The copy was withdrawn since: nothing left to act on.
            None => Err(crate::domain::AgendaError::NoSuchItem {
                number,
                count: agenda.items().len(),
            }),
        })
    }

    /// Handles an edit: when someone corrects their `!agenda add` message, the item's text
    /// follows. Other edits are left alone; an edit never adds an item.
    pub(super) async fn on_edit(
        &self,
        edit: &IncomingEdit,
        now: DateTime<Utc>,
    ) -> Result<(), ServiceError> {
        let new_text = match command::parse(&clean_member_text(&edit.new_body)) {
            Ok(Some(Command::Agenda(AgendaCommand::Add { text, .. }))) => Ok(text),
            Err(
                error @ (ParseError::EmptyItemText { .. } | ParseError::ItemTextTooLong { .. }),
            ) => Err(error),
            _ => return Ok(()),
        };
        // Edits of a command count toward the flood limit as commands do (silently).
        if self.flood_verdict(&edit.room, &edit.sender, now) != Verdict::Answer {
            tracing::info!(event_id = %edit.event_id, "too many commands; edit not applied");
            return Ok(());
        }
        let mut tx = self.store.begin_write().await?;
        let Some((meeting_id, item)) = tx.item_added_by(&edit.original).await? else {
            return Ok(());
        };
        if item.author != edit.sender || !item.status.is_listed() {
            return Ok(());
        }
        if new_text.as_ref().is_ok_and(|text| *text == item.text) {
            return Ok(());
        }
        if !tx.claim_event(&edit.event_id, &edit.room, now).await? {
            return Ok(());
        }
        let language = self.room_language(&mut tx, &edit.room).await?;
        let markdown = match new_text {
            Ok(text) => {
                tx.set_item_text(item.id, &text, now).await?;
                let number = tx.agenda(meeting_id).await?.number_of(item.id).unwrap_or(0);
                replies::agenda_edited(&self.wording(language), number, &text)
            }
            // The item keeps its former text; the author learns why.
            Err(error) => replies::parse_error(&self.wording(language), &error),
        };
        // In the thread the command was answered in, if it was.
        let reply = NewMessage {
            thread: tx.thread_of_reply_to(&edit.original).await?,
            ..NewMessage::notice(&edit.room, Some(&edit.original), markdown)
        };
        self.finish(tx, [reply], now).await
    }
}
