//! `!mandat` / `!proxy`: an association's voice given, listed, withdrawn. The rules are
//! [`crate::domain::mandate`]'s; how a mandate counts is read with the ballots
//! ([`super::reading`]).

use super::reading::{mandate_day, voices};
use super::{Chat, Handled, Request, Service};
use crate::command::{MandateCommand, TypedScope};
use crate::domain::dates::{Towards, parse_day};
use crate::domain::mandate::{self, Mandate, Room, Scope};
use crate::domain::meeting::next_dated_meeting;
use crate::domain::permissions::Act;
use crate::domain::record::Owner;
use crate::replies;

impl<C: Chat> Service<C> {
    pub(super) async fn mandate(
        &self,
        request: &mut Request<'_>,
        command: MandateCommand,
    ) -> Handled {
        match command {
            MandateCommand::List => self.mandate_list(request).await,
            MandateCommand::Give {
                giver,
                holder,
                scope,
            } => self.mandate_give(request, &giver, holder, scope).await,
            MandateCommand::Withdraw { number } => self.mandate_withdraw(request, number).await,
        }
    }

    /// The room's mandates that are current now (not withdrawn, meeting day or poll not over).
    async fn current_mandates(
        &self,
        request: &mut Request<'_>,
    ) -> Result<Vec<Mandate>, super::error::ServiceError> {
        let room = request.room().clone();
        let time_zone = self.settings.time_zone;
        let mut all = request.tx.mandates(&room).await?;
        all.retain(|mandate| {
            let day = mandate_day(&mandate.scope, time_zone);
            mandate.current(request.at, day.map(|day| day.end))
        });
        Ok(all)
    }

    /// `!mandat <association> à <holder> [pour le <date> | sondage <n>]`.
    async fn mandate_give(
        &self,
        request: &mut Request<'_>,
        giver: &str,
        holder: Owner,
        scope: Option<TypedScope>,
    ) -> Handled {
        let wording = &self.wording(request.language);
        let room = request.room().clone();
        let time_zone = self.settings.time_zone;
        let scope = match scope {
            Some(TypedScope::Poll(number)) => match request.tx.poll(&room, number).await? {
                None => return request.say(replies::mandate_poll_unknown(wording, number)),
                Some(poll) if poll.closed_at.is_some() => {
                    return request.say(replies::mandate_poll_closed(wording, number));
                }
                Some(poll) => Scope::Poll {
                    poll: poll.id,
                    number,
                    closed_at: None,
                },
            },
            Some(TypedScope::Day(typed)) => {
                let today = request.at.with_timezone(&time_zone).date_naive();
                let day = match parse_day(&typed, today, Towards::Future) {
                    Ok(day) => day,
                    Err(problem) => {
                        return request.say(replies::date_error(wording, 1, &typed, &problem));
                    }
                };
                let (start, end) = super::reading::day_bounds(day, time_zone);
                let meeting = request.tx.meeting_between(&room, start, end, false).await?;
                match meeting {
                    Some(meeting) => match meeting.starts_at {
                        Some(starts_at) if meeting.is_over(request.at, time_zone) => {
                            return request.say(replies::mandate_past_meeting(wording, starts_at));
                        }
                        Some(starts_at) => Scope::Meeting {
                            meeting: meeting.id,
                            starts_at,
                        },
                        None => {
                            return request.say(replies::mandate_no_meeting(wording, Some(day)));
                        }
                    },
                    None => return request.say(replies::mandate_no_meeting(wording, Some(day))),
                }
            }
            None => {
                let meetings = request.tx.planned_meetings(&room).await?;
                match next_dated_meeting(&meetings, request.at, time_zone)
                    .and_then(|meeting| meeting.starts_at.map(|at| (meeting.id, at)))
                {
                    Some((meeting, starts_at)) => Scope::Meeting { meeting, starts_at },
                    None => return request.say(replies::mandate_no_meeting(wording, None)),
                }
            }
        };
        let voices = voices(request.tx, &room).await?;
        let guests = request.tx.guest_associations(&room).await?;
        let mut representatives = voices.members.clone();
        representatives.extend(voices.guests.clone());
        let current = self.current_mandates(request).await?;
        let checked = mandate::check(
            giver,
            &holder,
            &scope,
            &Room {
                members: &voices.member_associations,
                guests: &guests,
                representatives: &representatives,
            },
            &current,
            self.settings.max_mandates_per_holder,
        );
        let (giver, holder) = match checked {
            Ok(checked) => checked,
            Err(refused) => {
                return request.say(replies::mandate_refused(
                    wording,
                    &refused,
                    &voices.member_associations,
                ));
            }
        };
        let owner = Owner::Association(giver.clone());
        if let Some(refusal) = self.refusal(request, Act::Mandate, Some(&owner)).await? {
            return request.say(replies::refused(
                wording,
                &refusal,
                &crate::i18n::escape_markdown(&giver),
            ));
        }
        let sender = request.sender().clone();
        let represents_giver = representatives
            .get(&sender)
            .is_some_and(|theirs| crate::domain::association::same_association(theirs, &giver));
        let mut mandate = Mandate {
            number: 0,
            giver,
            holder,
            scope,
            given_by: sender,
            noted: !represents_giver,
            given_at: request.at,
            withdrawn_at: None,
        };
        mandate.number = request.tx.give_mandate(&room, &mandate).await?;
        tracing::info!(%room, number = mandate.number, "mandate given");
        let names = self.voter_names(request.tx, &room, wording).await?;
        request.say(replies::mandate_given(wording, &mandate, &names))
    }

    /// `!mandats`: the current ones.
    async fn mandate_list(&self, request: &mut Request<'_>) -> Handled {
        let wording = &self.wording(request.language);
        let room = request.room().clone();
        let current = self.current_mandates(request).await?;
        let names = self.voter_names(request.tx, &room, wording).await?;
        let listed: Vec<&Mandate> = current.iter().collect();
        request.say(replies::mandate_list(wording, &listed, &names))
    }

    /// `!mandat retirer <n>`: until its ballot closes (the poll's close, the adoption of its
    /// meeting's minutes), by a member of the giving association or a moderator.
    async fn mandate_withdraw(&self, request: &mut Request<'_>, number: usize) -> Handled {
        let wording = &self.wording(request.language);
        let room = request.room().clone();
        let all = request.tx.mandates(&room).await?;
        let Some(mandate) = all
            .into_iter()
            .find(|mandate| mandate.number == number && mandate.withdrawn_at.is_none())
        else {
            return request.say(replies::mandate_missing(wording, number));
        };
        let closed = match &mandate.scope {
            Scope::Poll { closed_at, .. } => closed_at.is_some(),
            Scope::Meeting { meeting, .. } => request.tx.adopted_minutes(*meeting).await?.is_some(),
        };
        if closed {
            return request.say(replies::mandate_closed(wording, number));
        }
        let owner = Owner::Association(mandate.giver.clone());
        if let Some(refusal) = self.refusal(request, Act::Mandate, Some(&owner)).await? {
            return request.say(replies::refused(
                wording,
                &refusal,
                &crate::i18n::escape_markdown(&mandate.giver),
            ));
        }
        let sender = request.sender().clone();
        request
            .tx
            .withdraw_mandate(&room, number, &sender, request.at)
            .await?;
        tracing::info!(%room, number, "mandate withdrawn");
        let names = self.voter_names(request.tx, &room, wording).await?;
        request.say(replies::mandate_withdrawn(wording, &mandate, &names))
    }
}
