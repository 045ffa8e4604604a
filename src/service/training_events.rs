//! What a training session receives other than a command: a ✅ on its announcement (a
//! sign-up) and the deletion of that ✅ (a withdrawal), its day-before reminder, and the
//! e-mails (with the `.ics`) to volunteers known by e-mail. The commands are `trainings.rs`'s;
//! the rules [`crate::domain::training`]'s.

use chrono::{DateTime, Utc};

use super::error::ServiceError;
use super::{Chat, IncomingReaction, Service};
use crate::command::Usage;
use crate::domain::ballot::Ballot;
use crate::domain::email::{Attachment, NewEmail, Recipient};
use crate::domain::messages::NewMessage;
use crate::domain::reminders::training_reminder_due;
use crate::domain::training::{Trainee, Training, TypedWho, places};
use crate::domain::{EventId, Language, RoomId};
use crate::replies::{self, TrainingEmail, TrainingRefusal};
use crate::storage::Transaction;

impl<C: Chat> Service<C> {
    /// A ✅ on a session's announcement signs its sender up (their association's), answered
    /// under the announcement; another reaction, or one on a closed session, changes nothing.
    pub(super) async fn training_reaction(
        &self,
        mut tx: Transaction,
        ballot: &Ballot,
        reaction: &IncomingReaction,
        now: DateTime<Utc>,
    ) -> Result<(), ServiceError> {
        if ballot.option_of_reaction(&reaction.key).is_none() {
            return Ok(());
        }
        let given_at = super::incoming::given_at(reaction.sent_at, now);
        let Some((room, training)) = tx.training_of_ballot(ballot.id).await? else {
            return Ok(());
        };
        if training.cancelled_at.is_some() || training.has_begun(given_at, self.settings.time_zone)
        {
            return Ok(());
        }
        let language = self.room_language(&mut tx, &room).await?;
        let wording = self.wording(language);
        let typed = TypedWho::Member(reaction.sender.clone());
        let reply = match self
            .association_of(&mut tx, &room, &typed, &reaction.sender)
            .await?
        {
            Err(refusal) => replies::training_refused(&wording, &refusal, Usage::TrainingSignUp),
            Ok(association) => match self
                .sign_up(
                    &wording,
                    &mut tx,
                    &room,
                    &training,
                    &typed.who(),
                    &association,
                    (&reaction.sender, given_at, Some(&reaction.event_id)),
                )
                .await?
            {
                Ok(standing) => {
                    let names = self.member_names(&room).await;
                    replies::signed_up(
                        &wording,
                        &training,
                        &replies::who_name(&wording, &names, &typed.who()),
                        &association,
                        standing,
                    )
                }
                // Signed up already (by command, or this very ✅ seen again): nothing to say.
                Err(TrainingRefusal::AlreadySignedUp { .. }) => return Ok(()),
                Err(refusal) => {
                    replies::training_refused(&wording, &refusal, Usage::TrainingSignUp)
                }
            },
        };
        let answer = NewMessage::notice(&room, ballot.event_id.as_ref(), reply);
        self.finish(tx, [answer], now).await
    }

    /// A ✅ that signed someone up, deleted: they are withdrawn (if the session is open).
    pub(super) async fn training_reaction_withdrawn(
        &self,
        redacted: &EventId,
        now: DateTime<Utc>,
    ) -> Result<(), ServiceError> {
        let mut tx = self.store.begin_write().await?;
        let Some((trainee, training)) = tx.trainee_of_event(redacted).await? else {
            return Ok(());
        };
        let Some((room, training)) = tx.training_by_id(training).await? else {
            return Ok(());
        };
        if training.cancelled_at.is_some() || training.has_begun(now, self.settings.time_zone) {
            return Ok(());
        }
        let language = self.room_language(&mut tx, &room).await?;
        let wording = self.wording(language);
        let names = self.member_names(&room).await;
        let trainees = tx.trainees(training.id).await?;
        let Some(gone) = trainees.iter().find(|t| t.id == trainee).cloned() else {
            return Ok(());
        };
        let mut messages = vec![NewMessage::notice(
            &room,
            None,
            replies::withdrawn(
                &wording,
                &training,
                &replies::who_name(&wording, &names, &gone.who),
            ),
        )];
        messages.extend(
            self.withdraw(
                &mut tx, &room, &wording, &training, &trainees, trainee, &names,
            )
            .await?,
        );
        self.finish(tx, messages, now).await
    }

    /// Reminds each session due by `now` the day before (once, late rather than never while
    /// it has not begun); returns when the next reminder falls due.
    pub(super) async fn remind_trainings_due(
        &self,
        now: DateTime<Utc>,
    ) -> Result<Option<DateTime<Utc>>, ServiceError> {
        let time_zone = self.settings.time_zone;
        let to_remind = self.store.begin().await?.trainings_to_remind().await?;
        let mut next: Option<DateTime<Utc>> = None;
        for (room, training) in to_remind {
            let due = training_reminder_due(training.fields.when.day(time_zone), time_zone);
            match due {
                Some(due) if due > now => {
                    next = crate::domain::earliest(next, due);
                    continue;
                }
                _ => {}
            }
            let key = format!("training:{}", training.id);
            self.due_item(
                &key,
                &room,
                now,
                self.remind_training(&room, &training, due, now),
            )
            .await?;
        }
        Ok(next)
    }

    /// The reminder of one session: to those with a seat, in the room (it notifies them) and
    /// by e-mail with the `.ics`. Given up (marked done, nothing sent) once it has begun, or
    /// when it was announced after its reminder's time.
    async fn remind_training(
        &self,
        room: &RoomId,
        training: &Training,
        due: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Result<(), ServiceError> {
        let mut tx = self.store.begin_write().await?;
        if !tx.mark_training_reminded(training.id, now).await? {
            return Ok(());
        }
        let too_late = training.has_begun(now, self.settings.time_zone)
            || due.is_none_or(|due| training.created_at >= due);
        let trainees = tx.trainees(training.id).await?;
        let (seated, _) = places(&trainees, training.fields.seats);
        if too_late || seated.is_empty() {
            tx.commit().await?;
            return Ok(());
        }
        let language = self.room_language(&mut tx, room).await?;
        let wording = self.wording(language);
        let names = self.member_names(room).await;
        let (markdown, mentions) = replies::training_reminder(&wording, training, seated, &names);
        self.queue_training_emails(
            &mut tx,
            room,
            language,
            training,
            seated,
            TrainingEmail::Reminder,
            now,
        )
        .await?;
        tracing::info!(%room, number = training.number, "training session reminded");
        self.finish(tx, [NewMessage::text(room, markdown, mentions)], now)
            .await
    }

    /// An e-mail about `training` (with its `.ics`) to each of `trainees` who is a person
    /// known by e-mail. Nothing when e-mail is not configured.
    #[allow(clippy::too_many_arguments)]
    pub(super) async fn queue_training_emails(
        &self,
        tx: &mut Transaction,
        room: &RoomId,
        language: Language,
        training: &Training,
        trainees: &[Trainee],
        kind: TrainingEmail,
        now: DateTime<Utc>,
    ) -> Result<(), ServiceError> {
        if !self.settings.email {
            return Ok(());
        }
        let wanted: Vec<i64> = trainees.iter().filter_map(|t| t.email_person).collect();
        if wanted.is_empty() {
            return Ok(());
        }
        let wording = self.wording(language);
        let privacy = self.privacy_footer(tx, room, &wording).await?;
        let when = replies::training_when(&wording, training);
        let cancelled = kind == TrainingEmail::Cancellation;
        let ics = crate::calendar::training_invitation(
            room,
            training,
            &training.fields.title,
            training.fields.description.as_deref().unwrap_or_default(),
            cancelled,
            now,
        );
        let method = if cancelled { "CANCEL" } else { "REQUEST" };
        for person in tx.email_people(room).await? {
            if !wanted.contains(&person.id) {
                continue;
            }
            let to = self.addressee(&person);
            let texts = replies::training_email(
                &wording,
                &person.name,
                &training.fields.title,
                &when,
                training.fields.place.as_deref(),
                kind,
                &replies::Footer {
                    privacy: &privacy,
                    unsubscribe: to.unsubscribe.as_deref(),
                },
            );
            let email = NewEmail {
                to: Recipient::Person(person.number),
                subject: texts.subject,
                text: texts.text,
                html: texts.html,
                attachment: Some(Attachment {
                    name: replies::training_calendar_file(&wording, training),
                    mime: format!("text/calendar; method={method}; charset=utf-8"),
                    data: ics.as_bytes().to_vec(),
                }),
                printable: None,
                unsubscribe_url: to.unsubscribe.clone(),
                coalesce: None,
                reply_to: None,
            };
            tx.queue_email(room, &email, now).await?;
        }
        Ok(())
    }
}
