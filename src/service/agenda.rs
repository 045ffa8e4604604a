//! The agenda: adding, listing, removing, treating and moving items, edits of `!agenda add`
//! messages, and carrying untreated items over to the next meeting.

use chrono::{DateTime, Utc};

use super::{Chat, IncomingEdit, IncomingMessage, MODERATOR_LEVEL, Service, ServiceError};
use crate::command::{self, AgendaCommand, Command, ParseError};
use crate::domain::meeting::next_meeting;
use crate::domain::{ItemStatus, Language, Meeting, RoomId};
use crate::replies;
use crate::storage::{NewItem, NewMessage, Transaction};

impl<C: Chat> Service<C> {
    pub(super) async fn run_agenda(
        &self,
        tx: &mut Transaction,
        message: &IncomingMessage,
        language: Language,
        command: AgendaCommand,
        now: DateTime<Utc>,
    ) -> Result<String, ServiceError> {
        let texts = &self.texts;
        let time_zone = self.settings.time_zone;
        let room = &message.room;
        let meeting = self.next_meeting(tx, room, now).await?;
        let agenda = tx.agenda(meeting.id).await?;
        let refused = |error| Ok(replies::agenda_error(texts, language, &error));
        match command {
            AgendaCommand::List => {
                let membership = tx.association_members(room).await?;
                Ok(replies::agenda_list(
                    texts,
                    language,
                    time_zone,
                    &meeting,
                    &agenda,
                    &membership,
                ))
            }
            AgendaCommand::Add { text, urgent } => {
                let author_name = self.chat.display_name(room, &message.sender).await;
                let item = NewItem {
                    text,
                    author: message.sender.clone(),
                    author_name,
                    urgent,
                    position: agenda.next_position(),
                    source_event: Some(message.event_id.clone()),
                };
                let added = tx.add_item(room, meeting.id, item, now).await?;
                let number = agenda
                    .with_item(added.clone())
                    .number_of(added.id)
                    .unwrap_or(0);
                let id = if urgent {
                    "agenda-added-urgent"
                } else {
                    "agenda-added"
                };
                Ok(texts.format(
                    language,
                    id,
                    &[
                        ("number", number.into()),
                        (
                            "meeting",
                            replies::meeting_name(texts, language, time_zone, &meeting).into(),
                        ),
                        ("text", replies::item_text(&added.text).into()),
                    ],
                ))
            }
            AgendaCommand::Remove { number } => {
                let item = match agenda.item(number) {
                    Ok(item) => item,
                    Err(error) => return refused(error),
                };
                let is_author = item.author == message.sender;
                if !is_author
                    && self.chat.power_level(room, &message.sender).await < MODERATOR_LEVEL
                {
                    return Ok(texts.format(
                        language,
                        "agenda-remove-refused",
                        &[("author", replies::author(item).into())],
                    ));
                }
                tx.set_item_status(item.id, ItemStatus::Withdrawn, now)
                    .await?;
                Ok(texts.format(
                    language,
                    "agenda-removed",
                    &[
                        ("number", number.into()),
                        ("text", replies::item_text(&item.text).into()),
                    ],
                ))
            }
            AgendaCommand::Done { number } => {
                let item = match agenda.item(number) {
                    Ok(item) => item,
                    Err(error) => return refused(error),
                };
                if item.status == ItemStatus::Treated {
                    return Ok(texts.format(
                        language,
                        "agenda-already-done",
                        &[("number", number.into())],
                    ));
                }
                tx.set_item_status(item.id, ItemStatus::Treated, now)
                    .await?;
                Ok(texts.format(
                    language,
                    "agenda-done",
                    &[
                        ("number", number.into()),
                        ("text", replies::item_text(&item.text).into()),
                    ],
                ))
            }
            AgendaCommand::Move { number, to } => {
                let plan = match agenda.plan_move(number, to) {
                    Ok(plan) => plan,
                    Err(error) => return refused(error),
                };
                let text = agenda
                    .item(number)
                    .map(|item| item.text.clone())
                    .unwrap_or_default();
                tx.set_item_positions(&plan, now).await?;
                Ok(texts.format(
                    language,
                    "agenda-moved",
                    &[
                        ("text", replies::item_text(&text).into()),
                        ("to", to.into()),
                    ],
                ))
            }
        }
    }

    /// The meeting new agenda items go to. First, meetings whose day is over hand their
    /// untreated items on to it, in order, so that nothing silently disappears.
    pub(super) async fn next_meeting(
        &self,
        tx: &mut Transaction,
        room: &RoomId,
        now: DateTime<Utc>,
    ) -> Result<Meeting, ServiceError> {
        let time_zone = self.settings.time_zone;
        let meetings = tx.planned_meetings(room).await?;
        let next = match next_meeting(&meetings, now, time_zone) {
            Some(meeting) => meeting.clone(),
            None => tx.create_unscheduled_meeting(room, now).await?,
        };
        let mut over: Vec<&Meeting> = meetings
            .iter()
            .filter(|meeting| meeting.is_over(now, time_zone))
            .collect();
        over.sort_by_key(|meeting| meeting.starts_at);
        for meeting in over {
            let untreated: Vec<_> = tx.agenda(meeting.id).await?.untreated().cloned().collect();
            let mut position = tx.agenda(next.id).await?.next_position();
            for item in &untreated {
                tx.carry_over_item(item, meeting.starts_at, next.id, position, now)
                    .await?;
                position += 1;
            }
            tx.mark_meeting_held(meeting.id).await?;
        }
        Ok(next)
    }

    /// Handles an edit: when someone corrects their `!agenda add` message, the item's text
    /// follows. Other edits are left alone; an edit never adds an item.
    pub async fn on_edit(
        &self,
        edit: &IncomingEdit,
        now: DateTime<Utc>,
    ) -> Result<(), ServiceError> {
        let new_text = match command::parse(&edit.new_body) {
            Ok(Some(Command::Agenda(AgendaCommand::Add { text, .. }))) => Ok(text),
            Err(
                error @ (ParseError::EmptyItemText { .. } | ParseError::ItemTextTooLong { .. }),
            ) => Err(error),
            _ => return Ok(()),
        };
        let mut tx = self.store.begin().await?;
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
                self.texts.format(
                    language,
                    "agenda-edited",
                    &[
                        ("number", number.into()),
                        ("text", replies::item_text(&text).into()),
                    ],
                )
            }
            // The item keeps its former text; the author learns why.
            Err(error) => replies::parse_error(&self.texts, language, &error),
        };
        let reply = NewMessage::notice(&edit.room, Some(&edit.original), markdown);
        let queued = tx.queue_message(reply, now).await?;
        tx.commit().await?;
        self.deliver(&queued, now).await
    }
}
