//! The personal link `/r/<token>` of someone known by e-mail: what it shows (the room's open
//! date proposal and open polls, with their current answer) and the answer its form sends,
//! counted for their association like a member's reaction. The form's rules are in
//! [`crate::domain::personal`]; the page itself is the web's.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};

use super::{Chat, Service, ServiceError};
use crate::domain::ballot::{Answer, BallotKind, count, count_dates};
use crate::domain::personal::{FormError, answers_of_form, read_form};
use crate::domain::tokens::{
    KeptLink, LinkPurpose, NONCE_BYTES, Nonce, PersonalToken, TokenHash, same_token,
};
use crate::domain::{BallotId, Language, RoomId, UserId};
use crate::storage::Transaction;

/// Something the personal page asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenQuestion {
    /// The open date proposal: the dates, and those the person said they can come to.
    Dates {
        ballot: BallotId,
        dates: Vec<DateTime<Utc>>,
        chosen: BTreeSet<usize>,
        /// The dates they can come to only if need be.
        if_need_be: BTreeSet<usize>,
        /// They answered already (perhaps "none of these").
        answered: bool,
    },
    /// An open poll, and the person's choice.
    Poll {
        ballot: BallotId,
        number: usize,
        question: String,
        options: Vec<String>,
        chosen: Option<usize>,
        closes_at: Option<DateTime<Utc>>,
    },
}

/// What the room asks `voter` as of `now`: its open date proposal first, then its open polls
/// by number (a poll past its deadline is closed, even before the bot has said so).
pub async fn open_questions(
    tx: &mut Transaction,
    room: &RoomId,
    voter: &UserId,
    now: DateTime<Utc>,
) -> Result<Vec<OpenQuestion>, ServiceError> {
    let mut questions = Vec::new();
    if let Some(proposal) = tx.open_proposal(room).await? {
        let answers = tx.answers_by(proposal.ballot, voter).await?;
        let mut counted = count_dates(&answers, now);
        questions.push(OpenQuestion::Dates {
            ballot: proposal.ballot,
            dates: proposal.options,
            chosen: counted.available.remove(voter).unwrap_or_default(),
            if_need_be: counted.if_need_be.remove(voter).unwrap_or_default(),
            answered: !answers.is_empty(),
        });
    }
    for poll in tx.open_polls(room).await? {
        if poll.closes_at.is_some_and(|deadline| deadline <= now) {
            continue;
        }
        let answers = tx.answers_by(poll.ballot, voter).await?;
        let chosen = chosen_by(&answers, BallotKind::Poll, voter, now);
        questions.push(OpenQuestion::Poll {
            ballot: poll.ballot,
            number: poll.number,
            question: poll.question,
            options: poll.options,
            chosen: chosen.into_iter().next(),
            closes_at: poll.closes_at,
        });
    }
    Ok(questions)
}

/// What `voter` chose, by the ballot's counting rules, from their own `answers`.
fn chosen_by(
    answers: &[Answer],
    kind: BallotKind,
    voter: &UserId,
    now: DateTime<Utc>,
) -> BTreeSet<usize> {
    count(answers, kind.counting(), now)
        .remove(voter)
        .unwrap_or_default()
}

/// How a personal page's form was taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkOutcome {
    /// Counted: it replaces the person's earlier answer to that ballot.
    Saved,
    /// The form's token is not the person's (an old page, the link renewed, a forged form).
    StaleForm,
    /// The ballot closed (or never was one this person may answer).
    Closed,
    /// The answer does not fit the ballot (no choice on a poll…).
    Invalid(FormError),
}

/// The outcome of a form, in the language of the person's room.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkAnswer {
    pub language: Language,
    pub outcome: LinkOutcome,
}

impl<C: Chat> Service<C> {
    /// A new link of `purpose`: a fresh random nonce, and its token's hash.
    pub(super) fn fresh_link(&self, purpose: LinkPurpose) -> Result<KeptLink, ServiceError> {
        let mut bytes = [0u8; NONCE_BYTES];
        getrandom::fill(&mut bytes).map_err(|error| ServiceError::Randomness(error.to_string()))?;
        Ok(self.settings.links.link(purpose, Nonce::from_random(bytes)))
    }

    /// The token a link of `purpose` with `nonce` carries.
    pub fn token(&self, purpose: LinkPurpose, nonce: &Nonce) -> PersonalToken {
        self.settings.links.token(purpose, nonce)
    }

    /// Takes the answer a personal page's form sent (`form`, URL-encoded) with `token` in its
    /// path. `None` for a token of nobody (looked up by its hash).
    pub async fn answer_by_link(
        &self,
        token: &str,
        form: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<LinkAnswer>, ServiceError> {
        let Some(id) = self
            .store
            .email_person_of_token(&TokenHash::of(token))
            .await?
        else {
            return Ok(None);
        };
        let mut tx = self.store.begin_write().await?;
        let Some((room, person)) = tx.email_person(id).await? else {
            return Ok(None);
        };
        let language = self.room_language(&mut tx, &room).await?;
        let answer = |outcome| Ok(Some(LinkAnswer { language, outcome }));
        let fields: Vec<(String, String)> = form_urlencoded::parse(form.as_bytes())
            .into_owned()
            .collect();
        let form = match read_form(fields.iter().map(|(k, v)| (k.as_str(), v.as_str()))) {
            Ok(form) => form,
            // Without its token, a form is no form of this page.
            Err(FormError::Missing(_)) => return answer(LinkOutcome::StaleForm),
            Err(error) => return answer(LinkOutcome::Invalid(error)),
        };
        let form_token = self.token(LinkPurpose::Form, &person.link.nonce);
        if !same_token(form_token.as_str(), &form.form_token) {
            return answer(LinkOutcome::StaleForm);
        }
        let Some(ballot) = tx.open_ballot_of_room(&room, form.ballot).await? else {
            return answer(LinkOutcome::Closed);
        };
        match ballot.kind {
            BallotKind::MeetingDates => {}
            BallotKind::Poll => {
                let deadline = tx
                    .poll_of_ballot(ballot.id)
                    .await?
                    .and_then(|p| p.closes_at);
                if deadline.is_some_and(|deadline| deadline <= now) {
                    return answer(LinkOutcome::Closed);
                }
            }
            BallotKind::Attendance | BallotKind::Training => return answer(LinkOutcome::Closed),
        }
        let voter = person.voter();
        let answers = match answers_of_form(&ballot, &voter, &form.options, &form.if_need_be, now) {
            Ok(answers) => answers,
            Err(error) => return answer(LinkOutcome::Invalid(error)),
        };
        tx.replace_answers(ballot.id, &voter, &answers).await?;
        tx.commit().await?;
        tracing::info!(%room, ballot = %ballot.id, person = person.number, "answer by personal link");
        answer(LinkOutcome::Saved)
    }
}
