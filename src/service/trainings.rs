//! `!formation` / `!training`: shared training sessions. Announced by a member (their
//! association organises), signed up for by command or by a ✅ on the announcement, seats
//! given in order with a waiting list (the rules are [`crate::domain::training`]'s),
//! reminded the day before, cancelled, printed as a sign-in sheet, and summed up per year.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Utc};

use super::error::ServiceError;
use super::reading::known_associations;
use super::{Chat, Handled, Request, Service};
use crate::command::{TrainingCommand, Usage};
use crate::domain::association::{canonical, same_association};
use crate::domain::attendance::COMING;
use crate::domain::ballot::BallotKind;
use crate::domain::messages::{NewMessage, Presents};
use crate::domain::permissions::Act;
use crate::domain::record::Owner;
use crate::domain::training::{
    MAX_TRAINEES, Trainee, Training, TypedWho, Who, moved_up, places, read_people, read_training,
    same_name, summary,
};
use crate::domain::{EventId, RoomId, UserId};
use crate::replies::{self, TrainingEmail, TrainingRefusal, TrainingStanding, Wording};
use crate::storage::{NewTrainee, Transaction};

/// A sign-up refused: the reply's reason.
type Refusal = TrainingRefusal;

impl<C: Chat> Service<C> {
    pub(super) async fn training(
        &self,
        request: &mut Request<'_>,
        command: TrainingCommand,
    ) -> Handled {
        match command {
            TrainingCommand::List => self.training_list(request).await,
            TrainingCommand::Show { number } => self.training_show(request, number).await,
            TrainingCommand::Add { text } => self.training_add(request, &text).await,
            TrainingCommand::SignUp { number, who } => {
                self.training_sign_up(request, number, &who).await
            }
            TrainingCommand::Withdraw { number, who } => {
                self.training_withdraw(request, number, &who).await
            }
            TrainingCommand::Cancel { number } => self.training_cancel(request, number).await,
            TrainingCommand::SignInSheet { number } => self.training_sheet(request, number).await,
            TrainingCommand::Attended { number, who } => {
                self.training_attended(request, number, &who).await
            }
            TrainingCommand::Summary { year } => self.training_summary(request, year).await,
        }
    }

    /// The reply for a refusal of a form.
    fn refused(&self, request: &Request<'_>, refusal: &Refusal, usage: Usage) -> Handled {
        let wording = self.wording(request.language);
        request.say(replies::training_refused(&wording, refusal, usage))
    }

    /// Session n° `number`, still open to sign-ups (not cancelled, not begun at `at`).
    async fn open_training(
        &self,
        request: &mut Request<'_>,
        number: usize,
    ) -> Result<Result<Training, Refusal>, ServiceError> {
        let room = request.room().clone();
        let Some(training) = request.tx.training(&room, number).await? else {
            return Ok(Err(Refusal::Missing { number }));
        };
        if training.cancelled_at.is_some() {
            return Ok(Err(Refusal::Cancelled));
        }
        if training.has_begun(request.at, self.settings.time_zone) {
            return Ok(Err(Refusal::Begun));
        }
        Ok(Ok(training))
    }

    /// `!formations`: the sessions to come.
    async fn training_list(&self, request: &mut Request<'_>) -> Handled {
        let wording = &self.wording(request.language);
        let room = request.room().clone();
        let mut coming = Vec::new();
        for training in request.tx.trainings(&room).await? {
            if training.is_coming(request.at, self.settings.time_zone) {
                let trainees = request.tx.trainees(training.id).await?;
                coming.push((training, trainees));
            }
        }
        coming.sort_by_key(|(training, _)| training.fields.when.starts_at(wording.time_zone));
        request.say(replies::training_list(wording, &coming))
    }

    /// `!formation <n>`: in full.
    async fn training_show(&self, request: &mut Request<'_>, number: usize) -> Handled {
        let wording = &self.wording(request.language);
        let room = request.room().clone();
        let Some(training) = request.tx.training(&room, number).await? else {
            return self.refused(request, &Refusal::Missing { number }, Usage::TrainingShow);
        };
        let trainees = request.tx.trainees(training.id).await?;
        let names = self.member_names(&room).await;
        request.say(replies::training_detail(
            wording, &training, &trainees, &names,
        ))
    }

    /// `!formation ajouter …`: announced, with a ✅ under it to sign up.
    async fn training_add(&self, request: &mut Request<'_>, text: &str) -> Handled {
        let wording = &self.wording(request.language);
        let room = request.room().clone();
        let time_zone = self.settings.time_zone;
        let fields = match read_training(text, request.at, time_zone) {
            Ok(fields) => fields,
            Err(problem) => return request.say(replies::training_problem(wording, &problem)),
        };
        let sender = request.sender().clone();
        let Some(organiser) = request.tx.association_members(&room).await?.remove(&sender) else {
            return self.refused(request, &Refusal::NoOrganiser, Usage::TrainingAdd);
        };
        let starts_at = fields.when.starts_at(time_zone);
        let (id, number) = request
            .tx
            .add_training(&room, &fields, starts_at, &organiser, &sender, request.at)
            .await?;
        let ballot = request
            .tx
            .open_ballot(&room, BallotKind::Training, 1, request.at)
            .await?;
        request.tx.set_training_ballot(id, ballot.id).await?;
        request.reschedules = true;
        tracing::info!(%room, number, "training session announced");
        let training = Training {
            id,
            number,
            fields,
            organiser,
            created_by: sender,
            created_at: request.at,
            ballot: Some(ballot.id),
            cancelled_at: None,
        };
        let mut announcement = request.reply(replies::training_added(wording, &training));
        announcement.presents = Some(Presents::Ballot(ballot.id));
        Ok(vec![
            announcement,
            NewMessage::reaction_on_ballot(&room, ballot.id, COMING),
        ])
    }

    /// The association of the person typed: a member's own, a volunteer's as given (one of
    /// the room's), or the author's.
    pub(super) async fn association_of(
        &self,
        tx: &mut Transaction,
        room: &RoomId,
        typed: &TypedWho,
        author: &UserId,
    ) -> Result<Result<String, Refusal>, ServiceError> {
        let mut members = tx.association_members(room).await?;
        Ok(match typed {
            TypedWho::Member(user) => {
                members
                    .remove(user)
                    .ok_or_else(|| Refusal::MemberWithoutAssociation {
                        who: user.as_str().to_owned(),
                    })
            }
            TypedWho::Named {
                association: Some(given),
                ..
            } => {
                // The room's associations, and those of the people it reaches by e-mail
                // (counted for their association like a member).
                let mut known = known_associations(tx, room).await?;
                for person in tx.email_people(room).await? {
                    if !known
                        .iter()
                        .any(|name| same_association(name, &person.association))
                    {
                        known.push(person.association);
                    }
                }
                canonical(&known, given).ok_or_else(|| Refusal::UnknownAssociation {
                    given: given.clone(),
                })
            }
            TypedWho::Named {
                association: None, ..
            } => members.remove(author).ok_or(Refusal::NoAssociation),
        })
    }

    /// `!formation inscrire <n> [qui]`.
    async fn training_sign_up(
        &self,
        request: &mut Request<'_>,
        number: usize,
        who: &str,
    ) -> Handled {
        let usage = Usage::TrainingSignUp;
        let wording = &self.wording(request.language);
        let room = request.room().clone();
        let (training, typed) = match self.open_training_for(request, number, who, usage).await? {
            Ok(found) => found,
            Err(reply) => return request.say(reply),
        };
        let sender = request.sender().clone();
        let association = match self
            .association_of(request.tx, &room, &typed, &sender)
            .await?
        {
            Ok(association) => association,
            Err(refusal) => return self.refused(request, &refusal, usage),
        };
        let names = self.member_names(&room).await;
        match self
            .sign_up(
                wording,
                request.tx,
                &room,
                &training,
                &typed.who(),
                &association,
                (&sender, request.at, None),
            )
            .await?
        {
            Ok(standing) => {
                let name = replies::who_name(wording, &names, &typed.who());
                request.say(replies::signed_up(
                    wording,
                    &training,
                    &name,
                    &association,
                    standing,
                ))
            }
            Err(refusal) => self.refused(request, &refusal, usage),
        }
    }

    /// Session n° `number`, open to sign-ups, and the one person `who` names (oneself when
    /// blank); else the reply that says why not.
    async fn open_training_for(
        &self,
        request: &mut Request<'_>,
        number: usize,
        who: &str,
        usage: Usage,
    ) -> Result<Result<(Training, TypedWho), String>, ServiceError> {
        let training = match self.open_training(request, number).await? {
            Ok(training) => training,
            Err(refusal) => {
                let wording = self.wording(request.language);
                return Ok(Err(replies::training_refused(&wording, &refusal, usage)));
            }
        };
        Ok(self
            .one_person(request, who, usage)
            .map(|typed| (training, typed)))
    }

    /// Oneself when `who` is blank, else the one person typed.
    fn one_person(
        &self,
        request: &Request<'_>,
        who: &str,
        usage: Usage,
    ) -> Result<TypedWho, String> {
        let wording = self.wording(request.language);
        match read_people(who) {
            Ok(people) => match people.as_slice() {
                [] => Ok(TypedWho::Member(request.sender().clone())),
                [one] => Ok(one.clone()),
                _ => Err(replies::training_refused(
                    &wording,
                    &Refusal::OnePerson,
                    usage,
                )),
            },
            Err(problem) => Err(replies::who_problem(&wording, &problem, usage)),
        }
    }

    /// Signs `who` up for `training`, last in order: where they stand, or why not.
    /// `(by, at, event)`: who signed them up, when, and the ✅ that did (if one did).
    #[allow(clippy::too_many_arguments)]
    pub(super) async fn sign_up(
        &self,
        wording: &Wording<'_>,
        tx: &mut Transaction,
        room: &RoomId,
        training: &Training,
        who: &Who,
        association: &str,
        (by, at, event): (&UserId, DateTime<Utc>, Option<&EventId>),
    ) -> Result<Result<TrainingStanding, Refusal>, ServiceError> {
        let trainees = tx.trainees(training.id).await?;
        let within = match who {
            Who::Member(_) | Who::Anonymous => None,
            Who::Named(_) => Some(association),
        };
        if trainees.iter().any(|trainee| trainee.is(who, within)) {
            return Ok(Err(Refusal::AlreadySignedUp {
                who: replies::who_name(wording, &self.member_names(room).await, who),
            }));
        }
        if trainees.len() >= MAX_TRAINEES {
            return Ok(Err(Refusal::Full));
        }
        let email_person = match who {
            Who::Named(name) => tx
                .email_people(room)
                .await?
                .into_iter()
                .find(|person| {
                    same_name(&person.name, name)
                        && same_association(&person.association, association)
                })
                .map(|person| person.id),
            Who::Member(_) | Who::Anonymous => None,
        };
        let added = tx
            .add_trainee(
                training.id,
                &NewTrainee {
                    who,
                    association,
                    email_person,
                    by,
                    at,
                    event,
                },
            )
            .await?;
        if added.is_none() {
            return Ok(Err(Refusal::AlreadySignedUp {
                who: replies::who_name(wording, &self.member_names(room).await, who),
            }));
        }
        tracing::info!(%room, number = training.number, "signed up for a training session");
        let rank = trainees.len();
        Ok(Ok(match training.fields.seats {
            Some(seats) if rank >= seats => TrainingStanding::Waiting {
                rank: rank - seats + 1,
            },
            seats => TrainingStanding::Seated {
                left: seats.map(|seats| seats - rank - 1),
            },
        }))
    }

    /// Withdraws sign-up `trainee` from `training` (`trainees`: everyone before); returns
    /// the messages that tell whoever a seat went to.
    #[allow(clippy::too_many_arguments)]
    pub(super) async fn withdraw(
        &self,
        tx: &mut Transaction,
        room: &RoomId,
        wording: &Wording<'_>,
        training: &Training,
        trainees: &[Trainee],
        trainee: i64,
        names: &HashMap<UserId, String>,
    ) -> Result<Vec<NewMessage>, ServiceError> {
        tx.remove_trainee(trainee).await?;
        tracing::info!(%room, number = training.number, "withdrawn from a training session");
        let after: Vec<Trainee> = trainees
            .iter()
            .filter(|t| t.id != trainee)
            .cloned()
            .collect();
        Ok(moved_up(trainees, &after, training.fields.seats)
            .into_iter()
            .map(|up| {
                let (markdown, mentions) = replies::moved_up(wording, training, up, names);
                NewMessage::text(room, markdown, mentions)
            })
            .collect())
    }

    /// `!formation désinscrire <n> [qui]`.
    async fn training_withdraw(
        &self,
        request: &mut Request<'_>,
        number: usize,
        who: &str,
    ) -> Handled {
        let usage = Usage::TrainingWithdraw;
        let wording = &self.wording(request.language);
        let room = request.room().clone();
        let (training, typed) = match self.open_training_for(request, number, who, usage).await? {
            Ok(found) => found,
            Err(reply) => return request.say(reply),
        };
        let names = self.member_names(&room).await;
        let trainees = request.tx.trainees(training.id).await?;
        let Some(trainee) = trainees
            .iter()
            .find(|trainee| trainee.is(&typed.who(), typed.association()))
            .cloned()
        else {
            return self.refused(
                request,
                &Refusal::NotSignedUp {
                    who: replies::who_name(wording, &names, &typed.who()),
                },
                usage,
            );
        };
        let sender = request.sender().clone();
        let own = trainee.who == Who::Member(sender.clone()) || trainee.signed_up_by == sender;
        if !own
            && let Some(refusal) = self
                .refusal(
                    request,
                    Act::WithdrawTrainee { number },
                    Some(&Owner::Association(trainee.association.clone())),
                )
                .await?
        {
            return request.say(replies::refused(
                wording,
                &refusal,
                &crate::i18n::escape_markdown(&trainee.association),
            ));
        }
        let mut messages = vec![request.reply(replies::withdrawn(
            wording,
            &training,
            &replies::who_name(wording, &names, &trainee.who),
        ))];
        messages.extend(
            self.withdraw(
                request.tx, &room, wording, &training, &trainees, trainee.id, &names,
            )
            .await?,
        );
        Ok(messages)
    }

    /// `!formation annuler <n>` (its author or a moderator): everyone signed up is told, in
    /// the room and by e-mail.
    async fn training_cancel(&self, request: &mut Request<'_>, number: usize) -> Handled {
        let usage = Usage::TrainingCancel;
        let wording = &self.wording(request.language);
        let room = request.room().clone();
        let training = match self.open_training(request, number).await? {
            Ok(training) => training,
            Err(refusal) => return self.refused(request, &refusal, usage),
        };
        if let Some(refusal) = self
            .refusal(
                request,
                Act::CancelTraining { number },
                Some(&Owner::Member(training.created_by.clone())),
            )
            .await?
        {
            let author = self.name_of(&room, &training.created_by).await;
            return request.say(replies::refused(wording, &refusal, &author));
        }
        if !request.tx.cancel_training(training.id, request.at).await? {
            return self.refused(request, &Refusal::Cancelled, usage);
        }
        if let Some(ballot) = training.ballot {
            request.tx.close_ballot(ballot, request.at).await?;
        }
        request.reschedules = true;
        tracing::info!(%room, number, "training session cancelled");
        let trainees = request.tx.trainees(training.id).await?;
        let names = self.member_names(&room).await;
        let (markdown, mentions) =
            replies::training_cancelled(wording, &training, &trainees, &names);
        let mut cancelled = NewMessage::text(&room, markdown, mentions);
        cancelled.in_reply_to = Some(request.message.event_id.clone());
        cancelled.thread = request.message.thread.clone();
        self.queue_training_emails(
            request.tx,
            &room,
            request.language,
            &training,
            &trainees,
            TrainingEmail::Cancellation,
            request.now,
        )
        .await?;
        Ok(vec![cancelled])
    }

    /// `!formation émargement <n>`: the sign-in sheet's PDF (printed by the sender, after
    /// the transaction): those with a seat, by association then name.
    async fn training_sheet(&self, request: &mut Request<'_>, number: usize) -> Handled {
        let usage = Usage::TrainingSignInSheet;
        let wording = &self.wording(request.language);
        let room = request.room().clone();
        let Some(training) = request.tx.training(&room, number).await? else {
            return self.refused(request, &Refusal::Missing { number }, usage);
        };
        if training.cancelled_at.is_some() {
            return self.refused(request, &Refusal::Cancelled, usage);
        }
        let trainees = request.tx.trainees(training.id).await?;
        let (seated, _) = places(&trainees, training.fields.seats);
        let names = self.member_names(&room).await;
        let people: Vec<(String, String)> = seated
            .iter()
            .map(|trainee| {
                let name = match &trainee.who {
                    Who::Member(user) => names
                        .get(user)
                        .cloned()
                        .unwrap_or_else(|| user.as_str().to_owned()),
                    Who::Named(name) => name.clone(),
                    Who::Anonymous => wording.get("training-anonymous"),
                };
                (name, trainee.association.clone())
            })
            .collect();
        let count = people.len();
        let printable = replies::sheet_printable(wording, &training, people);
        tracing::info!(%room, number, count, "sign-in sheet asked for");
        Ok(vec![
            request.reply(replies::sheet_sent(wording, &training, count)),
            NewMessage {
                thread: request.message.thread.clone(),
                ..super::minutes::pdf_message(&room, printable)
            },
        ])
    }

    /// `!formation présents <n> <qui> …`: who came (on the day or after); someone not signed
    /// up who came is added.
    async fn training_attended(
        &self,
        request: &mut Request<'_>,
        number: usize,
        who: &str,
    ) -> Handled {
        let usage = Usage::TrainingAttended;
        let wording = &self.wording(request.language);
        let room = request.room().clone();
        let Some(training) = request.tx.training(&room, number).await? else {
            return self.refused(request, &Refusal::Missing { number }, usage);
        };
        if training.cancelled_at.is_some() {
            return self.refused(request, &Refusal::Cancelled, usage);
        }
        // By the bot's clock: who came is known once the session has begun.
        if !training.has_begun(request.now, self.settings.time_zone) {
            return self.refused(request, &Refusal::NotBegun, usage);
        }
        let people = match read_people(who) {
            Ok(people) => people,
            Err(problem) => return request.say(replies::who_problem(wording, &problem, usage)),
        };
        let names = self.member_names(&room).await;
        let sender = request.sender().clone();
        let mut trainees = request.tx.trainees(training.id).await?;
        let (mut came, mut added, mut ids) = (Vec::new(), Vec::new(), Vec::new());
        for typed in &people {
            let who = typed.who();
            let found = trainees
                .iter()
                .find(|trainee| trainee.is(&who, typed.association()));
            let (id, association) = match found {
                Some(trainee) => (trainee.id, trainee.association.clone()),
                None => {
                    let association = match self
                        .association_of(request.tx, &room, typed, &sender)
                        .await?
                    {
                        Ok(association) => association,
                        Err(refusal) => return self.refused(request, &refusal, usage),
                    };
                    if trainees.len() >= MAX_TRAINEES {
                        return self.refused(request, &Refusal::Full, usage);
                    }
                    let new = NewTrainee {
                        who: &who,
                        association: &association,
                        email_person: None,
                        by: &sender,
                        at: request.at,
                        event: None,
                    };
                    let Some(id) = request.tx.add_trainee(training.id, &new).await? else {
                        continue;
                    };
                    added.push(format!(
                        "{} ({})",
                        replies::who_name(wording, &names, &who),
                        crate::i18n::escape_markdown(&association)
                    ));
                    trainees = request.tx.trainees(training.id).await?;
                    (id, association)
                }
            };
            if !ids.contains(&id) {
                ids.push(id);
                came.push(format!(
                    "{} ({})",
                    replies::who_name(wording, &names, &who),
                    crate::i18n::escape_markdown(&association)
                ));
            }
        }
        request.tx.mark_attended(&ids).await?;
        tracing::info!(%room, number, count = ids.len(), "training attendance recorded");
        request.say(replies::attended_recorded(
            wording, &training, &came, &added,
        ))
    }

    /// `!formations bilan [année]`.
    async fn training_summary(&self, request: &mut Request<'_>, year: Option<i32>) -> Handled {
        let wording = &self.wording(request.language);
        let room = request.room().clone();
        let time_zone = self.settings.time_zone;
        let year = year.unwrap_or_else(|| request.at.with_timezone(&time_zone).year());
        let sessions = request.tx.trainings_with_trainees(&room).await?;
        let summed = summary(&sessions, year, time_zone);
        request.say(replies::training_summary(wording, year, &summed))
    }
}
