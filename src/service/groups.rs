//! `!groupe` / `!group`: working groups. Created from a plenary room (the sender creates the
//! group's encrypted room and invites its members the first time a message goes there),
//! joined, reporting their proposals to the plenary, asked about their end once, closed or
//! extended, or attached from an existing room once a moderator of the plenary confirms. The
//! rules are [`crate::domain::group`]'s; a group's room keeps its own record, with the
//! plenary's associations (`storage/associations.rs`).

use chrono::{DateTime, Utc};

use super::error::ServiceError;
use super::{Chat, Handled, Request, Service};
use crate::command::{GroupCommand, Usage};
use crate::domain::dates::{Towards, parse_day};
use crate::domain::group::{WorkingGroup, read_adoption, read_group, read_name, report};
use crate::domain::messages::{Content, NewMessage, group_room};
use crate::domain::permissions::Act;
use crate::replies::{self, GroupRefusal};

impl<C: Chat> Service<C> {
    pub(super) async fn group(&self, request: &mut Request<'_>, command: GroupCommand) -> Handled {
        match command {
            GroupCommand::List => self.group_list(request).await,
            GroupCommand::Create { text } => self.group_create(request, &text).await,
            GroupCommand::Join { name } => self.group_join(request, &name).await,
            GroupCommand::Report => self.group_report(request).await,
            GroupCommand::Close { name } => self.group_close(request, &name).await,
            GroupCommand::Extend { text } => self.group_extend(request, &text).await,
            GroupCommand::Attach { name } => self.group_attach(request, &name).await,
        }
    }

    fn group_refused(
        &self,
        request: &Request<'_>,
        refusal: &GroupRefusal,
        usage: Usage,
    ) -> Handled {
        let wording = self.wording(request.language);
        request.say(replies::group_refused(&wording, refusal, usage))
    }

    /// The plenary's open group named `name`, or why not.
    async fn open_group(
        &self,
        request: &mut Request<'_>,
        name: &str,
    ) -> Result<Result<WorkingGroup, GroupRefusal>, ServiceError> {
        let room = request.room().clone();
        let Some(group) = request.tx.group_named(&room, name).await? else {
            return Ok(Err(GroupRefusal::Unknown {
                name: name.trim().to_owned(),
            }));
        };
        if group.closed_at.is_some() {
            return Ok(Err(GroupRefusal::Closed { name: group.name }));
        }
        Ok(Ok(group))
    }

    /// `!groupes`.
    async fn group_list(&self, request: &mut Request<'_>) -> Handled {
        let wording = &self.wording(request.language);
        let room = request.room().clone();
        let groups = request.tx.groups(&room).await?;
        request.say(replies::group_list(wording, &groups))
    }

    /// `!groupe créer <nom> [jusqu'au <date>] [@membre …]`: recorded; its welcome, addressed
    /// to the group's room, makes the sender create that room (its author and the members
    /// named invited); the plenary's reply links it once it exists.
    async fn group_create(&self, request: &mut Request<'_>, text: &str) -> Handled {
        let usage = Usage::GroupCreate;
        let wording = &self.wording(request.language);
        let room = request.room().clone();
        if request.tx.group_of_room(&room).await?.is_some() {
            return self.group_refused(request, &GroupRefusal::InGroup, usage);
        }
        let parts = match read_group(text) {
            Ok(parts) => parts,
            Err(problem) => return request.say(replies::group_problem(wording, &problem, usage)),
        };
        let today = request
            .at
            .with_timezone(&self.settings.time_zone)
            .date_naive();
        let ends_on = match &parts.until {
            None => None,
            Some(typed) => match parse_day(typed, today, Towards::Future) {
                Ok(day) if day > today => Some(day),
                _ => {
                    return self.group_refused(
                        request,
                        &GroupRefusal::BadUntil {
                            typed: typed.clone(),
                        },
                        usage,
                    );
                }
            },
        };
        let sender = request.sender().clone();
        let mut invited = vec![sender.clone()];
        for member in parts.members {
            if !invited.contains(&member) && member != self.chat.own_id() {
                invited.push(member);
            }
        }
        let Some(id) = request
            .tx
            .add_group(&room, &parts.name, ends_on, &invited, &sender, request.at)
            .await?
        else {
            return self.group_refused(
                request,
                &GroupRefusal::NameTaken { name: parts.name },
                usage,
            );
        };
        tracing::info!(%room, group = id, invited = invited.len(), "working group created");
        let group = WorkingGroup {
            id,
            plenary: room.clone(),
            name: parts.name,
            room: None,
            ends_on,
            created_by: sender,
            created_at: request.at,
            awaiting_confirmation: false,
            last_report_at: None,
            end_asked_for: None,
            closed_at: None,
        };
        request.reschedules = ends_on.is_some();
        let names = self.member_names(&room).await;
        Ok(vec![
            // First the group's room (the sender creates it for this message), then the
            // plenary's reply, which links it.
            NewMessage::notice(
                &group_room(id),
                None,
                replies::group_welcome(wording, &group),
            ),
            request.reply(replies::group_created(wording, &group, &invited, &names)),
        ])
    }

    /// `!groupe rejoindre <nom>` (in the plenary): the bot invites the sender.
    async fn group_join(&self, request: &mut Request<'_>, name: &str) -> Handled {
        let usage = Usage::GroupJoin;
        let wording = &self.wording(request.language);
        let group = match self.open_group(request, name).await? {
            Ok(group) => group,
            Err(refusal) => return self.group_refused(request, &refusal, usage),
        };
        let sender = request.sender().clone();
        let who = self.name_of(request.room(), &sender).await;
        let invitation = NewMessage {
            content: Content::Invite { user: sender },
            ..NewMessage::notice(&group_room(group.id), None, String::new())
        };
        Ok(vec![
            invitation,
            request.reply(replies::group_invited(wording, &group, &who)),
        ])
    }

    /// `!groupe rapport` (in the group's room): its proposals since the last report and its
    /// open actions, posted in the plenary.
    async fn group_report(&self, request: &mut Request<'_>) -> Handled {
        let usage = Usage::GroupReport;
        let room = request.room().clone();
        let Some(group) = request.tx.group_of_room(&room).await? else {
            return self.group_refused(request, &GroupRefusal::NotInGroup, usage);
        };
        if group.awaiting_confirmation {
            return self.group_refused(request, &GroupRefusal::AwaitingConfirmation, usage);
        }
        let decisions = request.tx.latest_decisions(&room, usize::MAX).await?;
        let actions = request.tx.open_actions(&room).await?;
        let summary = report(&decisions, &actions, group.last_report_at);
        let plenary_language = self.room_language(request.tx, &group.plenary).await?;
        let plenary_wording = self.wording(plenary_language);
        let names = self.member_names(&room).await;
        let mut proposals = summary.proposals.clone();
        proposals.sort_by_key(|decision| decision.number);
        let ordered = crate::domain::group::Report {
            proposals,
            open_actions: summary.open_actions.clone(),
        };
        let posted = replies::group_report(&plenary_wording, &group, &ordered, &names);
        request.tx.mark_reported(group.id, request.at).await?;
        tracing::info!(%room, group = group.id, proposals = ordered.proposals.len(), "group report posted to the plenary");
        let wording = &self.wording(request.language);
        Ok(vec![
            NewMessage::notice(&group.plenary, None, posted),
            request.reply(replies::group_report_sent(wording, ordered.proposals.len())),
        ])
    }

    /// `!groupe clore <nom>` (in the plenary).
    async fn group_close(&self, request: &mut Request<'_>, name: &str) -> Handled {
        let usage = Usage::GroupClose;
        let wording = &self.wording(request.language);
        let group = match self.open_group(request, name).await? {
            Ok(group) => group,
            Err(refusal) => return self.group_refused(request, &refusal, usage),
        };
        request.tx.close_group(group.id, request.at).await?;
        tracing::info!(room = %request.room(), group = group.id, "working group closed");
        let mut messages = vec![request.reply(replies::group_closed(wording, &group))];
        if group.room.is_some() {
            messages.push(NewMessage::notice(
                &group_room(group.id),
                None,
                replies::group_closed_in_its_room(wording, &group),
            ));
        }
        Ok(messages)
    }

    /// `!groupe prolonger <nom> jusqu'au <date>` (in the plenary).
    async fn group_extend(&self, request: &mut Request<'_>, text: &str) -> Handled {
        let usage = Usage::GroupExtend;
        let wording = &self.wording(request.language);
        let parts = match read_group(text) {
            Ok(parts) => parts,
            Err(problem) => return request.say(replies::group_problem(wording, &problem, usage)),
        };
        let Some(typed) = parts.until else {
            return self.group_refused(request, &GroupRefusal::MissingUntil, usage);
        };
        let mut group = match self.open_group(request, &parts.name).await? {
            Ok(group) => group,
            Err(refusal) => return self.group_refused(request, &refusal, usage),
        };
        let today = request
            .at
            .with_timezone(&self.settings.time_zone)
            .date_naive();
        let ends_on = match parse_day(&typed, today, Towards::Future) {
            Ok(day) if day > today => day,
            _ => return self.group_refused(request, &GroupRefusal::BadUntil { typed }, usage),
        };
        request.tx.set_group_end(group.id, ends_on).await?;
        request.reschedules = true;
        group.ends_on = Some(ends_on);
        request.say(replies::group_extended(wording, &group))
    }

    /// `!groupe rattacher <nom>`: said in an existing room, it asks; said in the plenary by a
    /// moderator, it confirms the room that asked under that name.
    async fn group_attach(&self, request: &mut Request<'_>, name: &str) -> Handled {
        let usage = Usage::GroupAttach;
        let wording = &self.wording(request.language);
        let room = request.room().clone();
        let name = match read_name(name) {
            Ok(name) => name,
            Err(problem) => return request.say(replies::group_problem(wording, &problem, usage)),
        };
        if let Some(group) = request.tx.group_of_room(&room).await? {
            let refusal = if group.awaiting_confirmation {
                GroupRefusal::AwaitingConfirmation
            } else {
                GroupRefusal::AlreadyAttached
            };
            return self.group_refused(request, &refusal, usage);
        }
        let asking: Vec<WorkingGroup> = request
            .tx
            .attach_requests(&name)
            .await?
            .into_iter()
            .filter(|group| group.room.as_ref() != Some(&room))
            .collect();
        let is_plenary = !request.tx.groups(&room).await?.is_empty()
            || !super::reading::known_associations(request.tx, &room)
                .await?
                .is_empty();
        let Some(asked) = asking.first() else {
            if is_plenary {
                return self.group_refused(request, &GroupRefusal::NoAttachRequest { name }, usage);
            }
            let sender = request.sender().clone();
            request
                .tx
                .ask_attach(&room, &name, &sender, request.at)
                .await?;
            tracing::info!(%room, "a room asked to be attached as a working group");
            return request.say(replies::group_attach_asked(wording, &name));
        };
        if let Some(refusal) = self.refusal(request, Act::AttachGroup, None).await? {
            return request.say(replies::refused(wording, &refusal, ""));
        }
        if request.tx.group_named(&room, &name).await?.is_some()
            || !request
                .tx
                .confirm_attach(asked.id, &room, &name, request.at)
                .await?
        {
            return self.group_refused(request, &GroupRefusal::NameTaken { name }, usage);
        }
        let group = WorkingGroup {
            plenary: room.clone(),
            awaiting_confirmation: false,
            ..asked.clone()
        };
        tracing::info!(%room, group = group.id, "a room attached as a working group");
        Ok(vec![
            request.reply(replies::group_attached(wording, &group)),
            NewMessage::notice(
                &group_room(group.id),
                None,
                replies::group_attached_here(wording, &group),
            ),
        ])
    }

    /// A closed group's room, or one waiting for the plenary's confirmation, answers every
    /// command but `!aide` and `!groupe rattacher` with why not: the reply, if so.
    pub(super) async fn group_room_closed(
        &self,
        request: &mut Request<'_>,
    ) -> Result<Option<String>, ServiceError> {
        let room = request.room().clone();
        let Some(group) = request.tx.group_of_room(&room).await? else {
            return Ok(None);
        };
        let wording = self.wording(request.language);
        Ok(if group.closed_at.is_some() {
            Some(replies::group_closed_in_its_room(&wording, &group))
        } else if group.awaiting_confirmation {
            Some(replies::group_refused(
                &wording,
                &GroupRefusal::AwaitingConfirmation,
                Usage::GroupAttach,
            ))
        } else {
            None
        })
    }

    /// A plenary decision that adopts a group's proposal ("adopte la proposition n° 2 du
    /// groupe Non-recours"): the decision's text to record, or why it cannot be. `None` for
    /// an ordinary decision.
    pub(super) async fn adoption(
        &self,
        request: &mut Request<'_>,
        typed: &str,
    ) -> Result<Option<Result<(WorkingGroup, usize, String), GroupRefusal>>, ServiceError> {
        let Some(adoption) = read_adoption(typed) else {
            return Ok(None);
        };
        let group = match self.open_group_any(request, &adoption.group).await? {
            Ok(group) => group,
            Err(refusal) => return Ok(Some(Err(refusal))),
        };
        let missing = GroupRefusal::ProposalMissing {
            number: adoption.proposal,
            name: group.name.clone(),
        };
        let Some(group_room) = group.room.clone() else {
            return Ok(Some(Err(missing)));
        };
        let Some(proposal) = request.tx.decision(&group_room, adoption.proposal).await? else {
            return Ok(Some(Err(missing)));
        };
        if proposal.revoked.is_some() {
            return Ok(Some(Err(missing)));
        }
        if request
            .tx
            .proposal_adopted(group.id, adoption.proposal)
            .await?
        {
            return Ok(Some(Err(GroupRefusal::ProposalAdopted {
                number: adoption.proposal,
                name: group.name,
            })));
        }
        let text = replies::adoption_text(typed.trim(), &proposal.text);
        Ok(Some(Ok((group, adoption.proposal, text))))
    }

    /// The plenary's group named `name`, closed or not (a closed group's proposals may still
    /// be adopted).
    async fn open_group_any(
        &self,
        request: &mut Request<'_>,
        name: &str,
    ) -> Result<Result<WorkingGroup, GroupRefusal>, ServiceError> {
        let room = request.room().clone();
        Ok(request
            .tx
            .group_named(&room, name)
            .await?
            .ok_or_else(|| GroupRefusal::Unknown {
                name: name.trim().to_owned(),
            }))
    }

    /// Asks each plenary, once, about its groups that reached their end date; returns when
    /// the next question falls due.
    pub(super) async fn ask_group_ends_due(
        &self,
        now: DateTime<Utc>,
    ) -> Result<Option<DateTime<Utc>>, ServiceError> {
        let time_zone = self.settings.time_zone;
        let ending = self.store.begin().await?.groups_ending().await?;
        let mut next: Option<DateTime<Utc>> = None;
        for group in ending {
            let (Some(due), Some(ends_on)) = (group.end_question_due(time_zone), group.ends_on)
            else {
                continue;
            };
            if due > now {
                next = crate::domain::earliest(next, due);
                continue;
            }
            let key = format!("group-end:{}:{ends_on}", group.id);
            let plenary = group.plenary.clone();
            self.due_item(&key, &plenary, now, async {
                let mut tx = self.store.begin_write().await?;
                if !tx.mark_end_asked(group.id, ends_on).await? {
                    return Ok(());
                }
                let language = self.room_language(&mut tx, &plenary).await?;
                let wording = self.wording(language);
                let creator = self.plain_name_of(&plenary, &group.created_by).await;
                let markdown =
                    replies::group_end_question(&wording, &group, &group.created_by, &creator);
                let question = NewMessage::text(&plenary, markdown, vec![group.created_by.clone()]);
                tracing::info!(room = %plenary, group = group.id, "plenary asked about a group's end");
                self.finish(tx, [question], now).await
            })
            .await?;
        }
        Ok(next)
    }
}
