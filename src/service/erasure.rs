//! `!oublie-moi` / `!forget-me`: a member's erasure (RGPD art. 17), asked, then confirmed;
//! [`forget_person`] does it, for the command and for `concerto forget`. The rules are in
//! [`crate::domain::subject`].

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::reading::voter_associations;
use super::retention::anonymize_answer;
use super::{Chat, Handled, Request, Service, ServiceError};
use crate::domain::ballot::BallotKind;
use crate::domain::email::email_voter;
use crate::domain::messages::NewMessage;
use crate::domain::subject::{ErasedAs, Fate, Forgotten, confirmation_pending, fate};
use crate::domain::{BallotId, Language, RoomId, UserId};
use crate::i18n::Texts;
use crate::replies::{self, Wording};
use crate::storage::Transaction;

/// What the personal page says once its person was erased.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Erased {
    pub language: Language,
    pub forgotten: Forgotten,
}

impl<C: Chat> Service<C> {
    /// Erases the person known by e-mail whose personal page this token opens (their
    /// "forget me" button), and tells their room once; `None`: nobody's token.
    pub async fn forget_by_link(
        &self,
        token: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<Erased>, ServiceError> {
        let Some(id) = self
            .store
            .email_person_of_token(&crate::domain::tokens::TokenHash::of(token))
            .await?
        else {
            return Ok(None);
        };
        let mut tx = self.store.begin_write().await?;
        let Some((room, person)) = tx.email_person(id).await? else {
            return Ok(None);
        };
        let language = self.room_language(&mut tx, &room).await?;
        let forgotten = forget_email_person(
            &mut tx,
            &self.texts,
            (self.settings.default_language, self.settings.time_zone),
            id,
            now,
        )
        .await?;
        let notice = replies::email_person_erased(&self.wording(language), &person);
        tx.queue_message(NewMessage::notice(&room, None, notice), now)
            .await?;
        tx.commit().await?;
        tracing::info!(%room, person = person.number, "a person known by e-mail erased at their request");
        self.wakeups.queued();
        Ok(Some(Erased {
            language,
            forgotten,
        }))
    }

    /// `!forget-me`: says what would go and what would stay, and waits for `confirm`;
    /// `!forget-me confirm`: does it.
    pub(super) async fn forget_me(&self, request: &mut Request<'_>, confirmed: bool) -> Handled {
        let wording = &self.wording(request.language);
        let person = request.sender().clone();
        let data = request.tx.data_about(&person).await?;
        if data.is_empty() {
            return request.say(replies::forget_nothing(wording));
        }
        if !confirmed {
            request.tx.ask_erasure(&person, request.at).await?;
            return request.say(replies::forget_asked(wording, &data));
        }
        let asked = request.tx.erasure_asked_at(&person).await?;
        if !confirmation_pending(asked, request.at) {
            return request.say(replies::forget_confirm_first(wording));
        }
        let forgotten = forget_person(
            request.tx,
            &self.texts,
            (self.settings.default_language, self.settings.time_zone),
            &person,
            request.now,
        )
        .await?;
        tracing::info!(
            room = %request.room(),
            answers_deleted = forgotten.answers_deleted,
            answers_anonymized = forgotten.answers_anonymized,
            deleted = forgotten.deleted,
            relabelled = forgotten.relabelled,
            "a member erased at their request"
        );
        request.say(replies::forgotten(wording, &forgotten))
    }
}

/// Erases `person` in `tx`: their answers as [`fate`] says, what is about them and not the
/// record, and their id in the record replaced by their association in each room (worded in
/// each room's language; `defaults`: the language of rooms that chose none, the time zone).
pub async fn forget_person(
    tx: &mut Transaction,
    texts: &Texts,
    defaults: (Language, Tz),
    person: &UserId,
    now: DateTime<Utc>,
) -> Result<Forgotten, ServiceError> {
    let (default_language, time_zone) = defaults;
    let mut forgotten = Forgotten::default();
    for ballot in tx.ballots_answered_by(person).await? {
        let room = RoomId::new(ballot.room_id.as_str());
        let id = BallotId::new(ballot.ballot_id);
        let kind = ballot.kind.parse::<BallotKind>().ok();
        let what = kind.map_or(Fate::Delete, |kind| fate(kind, ballot.closed, ballot.held));
        match (what, tx.poll_of_ballot(id).await?) {
            (Fate::Keep, _) => {}
            (Fate::Anonymize, Some(poll)) => {
                let association = voter_associations(tx, &room).await?.remove(person);
                forgotten.answers_anonymized +=
                    anonymize_answer(tx, &poll, person, association.as_deref(), now).await?;
            }
            _ => forgotten.answers_deleted += tx.delete_answers_of(id, person).await?,
        }
    }
    let wording_of = |language| Wording::new(texts, language, time_zone);
    for membership in tx.associations_of(person).await? {
        let language = tx
            .room_language(&membership.room)
            .await?
            .unwrap_or(default_language);
        let wording = wording_of(language);
        let label = replies::erased_as(
            &wording,
            &ErasedAs::MemberOf(membership.association.clone()),
        );
        let plain = replies::erased_as(&wording, &ErasedAs::Member);
        forgotten.relabelled += tx
            .relabel_author(person, Some(&membership.room), &label, &plain)
            .await?;
    }
    let plain = replies::erased_as(&wording_of(default_language), &ErasedAs::Member);
    forgotten.relabelled += tx.relabel_author(person, None, &plain, &plain).await?;
    forgotten.deleted = tx.delete_about(person).await?;
    Ok(forgotten)
}

/// Erases person `id` known by e-mail: their answers as [`fate`] says, then their entry, its
/// address and the e-mails to them.
pub async fn forget_email_person(
    tx: &mut Transaction,
    texts: &Texts,
    defaults: (Language, Tz),
    id: i64,
    now: DateTime<Utc>,
) -> Result<Forgotten, ServiceError> {
    let mut forgotten = forget_person(tx, texts, defaults, &email_voter(id), now).await?;
    if tx.delete_email_person(id).await? {
        forgotten.deleted += 1;
    }
    Ok(forgotten)
}
