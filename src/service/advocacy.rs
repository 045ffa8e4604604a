//! `!plaidoyer` / `!advocacy`: joint advocacy letters — opened (from a title or from a poll's
//! joint position), written and addressed (each change a new version, its approvals
//! withdrawn), approved by every member association, then frozen with their fingerprint and
//! printed as a co-signed letter. The rules are [`crate::domain::letter`]'s.

use super::error::ServiceError;
use super::minutes::pdf_message;
use super::reading::{member_associations, poll_outcome};
use super::{Chat, Handled, Request, Service};
use crate::command::AdvocacyCommand;
use crate::domain::RoomId;
use crate::domain::association::canonical;
use crate::domain::letter::{
    Frozen, Letter, LetterStatus, MAX_LETTER_LENGTH, read_recipients, text_of_file,
};
use crate::domain::mandate::Mandate;
use crate::domain::meeting::next_dated_meeting;
use crate::domain::minutes::{Approval, ApprovalState, approval_state, fingerprint};
use crate::domain::poll::JointPosition;
use crate::replies;
use crate::storage::Transaction;

impl<C: Chat> Service<C> {
    pub(super) async fn advocacy(
        &self,
        request: &mut Request<'_>,
        command: AdvocacyCommand,
    ) -> Handled {
        match command {
            AdvocacyCommand::List => self.letter_list(request).await,
            AdvocacyCommand::Show { number } => self.letter_show(request, number).await,
            AdvocacyCommand::New { title } => self.letter_new(request, &title).await,
            AdvocacyCommand::NewFromPoll { poll } => self.letter_from_poll(request, poll).await,
            AdvocacyCommand::Text { number, text } => {
                self.letter_text(request, number, &text).await
            }
            AdvocacyCommand::Recipients { number, typed } => {
                self.letter_recipients(request, number, &typed).await
            }
            AdvocacyCommand::Approve { number, version } => {
                self.letter_approve(request, number, version).await
            }
            AdvocacyCommand::Send { number } => self.letter_send(request, number).await,
            AdvocacyCommand::Answer { number, text } => {
                self.letter_answer(request, number, &text).await
            }
        }
    }

    /// `!plaidoyers`: every letter with its status.
    async fn letter_list(&self, request: &mut Request<'_>) -> Handled {
        let room = request.room().clone();
        let letters = request.tx.letters(&room).await?;
        request.say(replies::letter_list(
            &self.wording(request.language),
            &letters,
        ))
    }

    /// `!plaidoyer <n>`: its current version, recipients (addresses masked), status and
    /// approvals.
    async fn letter_show(&self, request: &mut Request<'_>, number: usize) -> Handled {
        let wording = &self.wording(request.language);
        let room = request.room().clone();
        let Some(letter) = request.tx.letter(&room, number).await? else {
            return request.say(replies::letter_missing(wording, number));
        };
        let state = self
            .letter_state(request.tx, &room, &letter, request.now)
            .await?;
        let names = self.member_names(&room).await;
        request.say(replies::letter_detail(wording, &letter, &state, &names))
    }

    /// `!plaidoyer nouveau <titre>`.
    async fn letter_new(&self, request: &mut Request<'_>, title: &str) -> Handled {
        let room = request.room().clone();
        let sender = request.sender().clone();
        let number = request
            .tx
            .create_letter(&room, title, None, None, &sender, request.at)
            .await?;
        tracing::info!(%room, number, "letter opened");
        request.say(replies::letter_opened(
            &self.wording(request.language),
            number,
            title,
            None,
        ))
    }

    /// `!plaidoyer nouveau depuis sondage <n>`: its question as the title, its joint
    /// position as the first text, the poll linked.
    async fn letter_from_poll(&self, request: &mut Request<'_>, number: usize) -> Handled {
        let wording = &self.wording(request.language);
        let room = request.room().clone();
        let Some(poll) = request.tx.poll(&room, number).await? else {
            return request.say(replies::letter_no_poll(wording, number));
        };
        let outcome = poll_outcome(
            request.tx,
            &room,
            &poll,
            request.now,
            self.settings.time_zone,
        )
        .await?;
        let JointPosition::Adopted(option) = outcome.joint else {
            return request.say(replies::letter_poll_without_position(wording, number));
        };
        let position = poll.options.get(option - 1).cloned().unwrap_or_default();
        let text = replies::letter_position_text(wording, &poll.question, &position);
        let sender = request.sender().clone();
        let letter = request
            .tx
            .create_letter(
                &room,
                &poll.question,
                Some(poll.id),
                Some(&text),
                &sender,
                request.at,
            )
            .await?;
        tracing::info!(%room, number = letter, poll = number, "letter opened from a poll");
        request.say(replies::letter_opened(
            wording,
            letter,
            &poll.question,
            Some((number, &position)),
        ))
    }

    /// The letter n° `number` if it can still change: else the reply that says why not.
    async fn changeable_letter(
        &self,
        request: &mut Request<'_>,
        number: usize,
    ) -> Result<Result<Letter, String>, ServiceError> {
        let wording = &self.wording(request.language);
        let room = request.room().clone();
        Ok(match request.tx.letter(&room, number).await? {
            None => Err(replies::letter_missing(wording, number)),
            Some(letter) if letter.sent_at.is_some() => {
                Err(replies::letter_already_sent(wording, &letter))
            }
            Some(letter) => Ok(letter),
        })
    }

    /// Whether the change just made withdrew approvals (given to the version before, or the
    /// letter frozen): what the reply then says.
    async fn approvals_withdrawn(
        &self,
        request: &mut Request<'_>,
        before: &Letter,
    ) -> Result<bool, ServiceError> {
        let room = request.room().clone();
        if before.version == 0 {
            return Ok(false);
        }
        let approvals = request
            .tx
            .letter_approvals(&room, before.number, before.version)
            .await?;
        Ok(!approvals.is_empty() || before.frozen.is_some())
    }

    /// `!plaidoyer texte <n> <texte>`: a new version.
    async fn letter_text(&self, request: &mut Request<'_>, number: usize, text: &str) -> Handled {
        let wording = &self.wording(request.language);
        let room = request.room().clone();
        let letter = match self.changeable_letter(request, number).await? {
            Ok(letter) => letter,
            Err(reply) => return request.say(reply),
        };
        // Nothing after the number: the text is the file the command replies to.
        let from_file;
        let text = if text.is_empty() {
            let file = match &request.message.in_reply_to {
                Some(replied) => self.chat.file_of(&room, replied).await,
                None => None,
            };
            let Some(file) = file else {
                return request.say(replies::letter_text_missing(wording, number));
            };
            let Some(read) = text_of_file(&file.name, &file.mime, &file.data) else {
                return request.say(replies::letter_file_unreadable(wording, &file.name));
            };
            from_file = read;
            from_file.as_str()
        } else {
            text
        };
        let length = text.chars().count();
        if length > MAX_LETTER_LENGTH {
            return request.say(replies::letter_too_long(wording, length));
        }
        let withdrawn = self.approvals_withdrawn(request, &letter).await?;
        let sender = request.sender().clone();
        request
            .tx
            .set_letter_text(&room, number, text, &sender, request.at)
            .await?;
        tracing::info!(%room, number, version = letter.version + 1, "letter text changed");
        request.say(replies::letter_changed(
            wording,
            number,
            letter.version + 1,
            withdrawn,
        ))
    }

    /// `!plaidoyer destinataires <n> <nom> <adresse> ; …`: a new version.
    async fn letter_recipients(
        &self,
        request: &mut Request<'_>,
        number: usize,
        typed: &str,
    ) -> Handled {
        let wording = &self.wording(request.language);
        let room = request.room().clone();
        let letter = match self.changeable_letter(request, number).await? {
            Ok(letter) => letter,
            Err(reply) => return request.say(reply),
        };
        let recipients = match read_recipients(typed) {
            Ok(recipients) => recipients,
            Err(problem) => {
                return request.say(replies::letter_recipient_problem(wording, &problem));
            }
        };
        let withdrawn = self.approvals_withdrawn(request, &letter).await?;
        let sender = request.sender().clone();
        request
            .tx
            .set_letter_recipients(&room, number, &recipients, &sender, request.at)
            .await?;
        tracing::info!(%room, number, recipients = recipients.len(), "letter recipients set");
        request.say(replies::letter_recipients_set(
            wording,
            number,
            letter.version + 1,
            &recipients,
            withdrawn,
        ))
    }

    /// Where the approval of the letter's current version stands: each member association's
    /// own approval, else, with a mandate for the meeting in course, its holder's.
    async fn letter_state(
        &self,
        tx: &mut Transaction,
        room: &RoomId,
        letter: &Letter,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<ApprovalState, ServiceError> {
        let known = member_associations(tx, room).await?;
        let approvals = if letter.version == 0 {
            Vec::new()
        } else {
            tx.letter_approvals(room, letter.number, letter.version)
                .await?
        };
        let meetings = tx.planned_meetings(room).await?;
        let mandates = match next_dated_meeting(&meetings, now, self.settings.time_zone) {
            Some(meeting) => tx.meeting_mandates(meeting.id).await?,
            None => Vec::new(),
        };
        let mandates: Vec<&Mandate> = mandates.iter().collect();
        Ok(approval_state(&known, &approvals, &mandates))
    }

    /// `!plaidoyer approuver <n> [version <v>]`: for the sender's association; the last
    /// association's approval freezes the letter and prints it.
    async fn letter_approve(
        &self,
        request: &mut Request<'_>,
        number: usize,
        version: Option<usize>,
    ) -> Handled {
        let wording = &self.wording(request.language);
        let room = request.room().clone();
        let letter = match self.changeable_letter(request, number).await? {
            Ok(letter) => letter,
            Err(reply) => return request.say(reply),
        };
        if letter.text.is_none() || letter.recipients.is_empty() {
            return request.say(replies::letter_incomplete(wording, &letter));
        }
        if let Some(seen) = version
            && seen != letter.version
        {
            return request.say(replies::letter_version_changed(wording, &letter, seen));
        }
        if letter.status() == LetterStatus::Approved {
            return request.say(replies::letter_already_approved(wording, &letter));
        }
        let known = member_associations(request.tx, &room).await?;
        let sender = request.sender().clone();
        let membership = request.tx.association_members(&room).await?;
        let Some(association) = membership
            .get(&sender)
            .and_then(|theirs| canonical(&known, theirs))
        else {
            return request.say(replies::letter_approve_without_association(
                wording,
                membership.get(&sender).map(String::as_str),
            ));
        };
        let approval = Approval {
            association: association.clone(),
            by: sender,
            at: request.at,
            by_mandate: None,
        };
        request
            .tx
            .approve_letter(&room, number, letter.version, &approval)
            .await?;
        let state = self
            .letter_state(request.tx, &room, &letter, request.now)
            .await?;
        let names = self.member_names(&room).await;
        let approved = replies::letter_approved(wording, &letter, &association, &state, &names);
        if !state.complete() {
            return request.say(approved);
        }
        // Every member association approved: the letter is frozen and printed.
        let room_name = self.chat.room_name(&room).await;
        let text = replies::letter_signed_text(
            wording,
            &letter,
            &state,
            self.settings.letter_place.as_deref(),
            request.at,
        );
        let frozen = Frozen {
            version: letter.version,
            fingerprint: fingerprint(&text),
            text,
            at: request.at,
        };
        request.tx.freeze_letter(&room, number, &frozen).await?;
        tracing::info!(%room, number, version = letter.version, "letter approved by every association");
        let printable = replies::letter_printable(wording, &letter, &frozen, room_name.as_deref());
        Ok(vec![
            request.reply(approved),
            crate::domain::messages::NewMessage::notice(
                &room,
                None,
                replies::letter_frozen(wording, &letter, &frozen, state.approved.len()),
            ),
            pdf_message(&room, printable),
        ])
    }

    /// `!plaidoyer envoyer <n>` (any member, once approved): one e-mail per recipient through
    /// the e-mail outbox (exactly once, the co-signed PDF attached, `Reply-To` the group's
    /// contact), and a decision in the register naming the letter and its recipients. The
    /// room is told when the e-mails went out ([`Self::announce_letters_gone_out`]).
    async fn letter_send(&self, request: &mut Request<'_>, number: usize) -> Handled {
        let wording = &self.wording(request.language);
        let room = request.room().clone();
        let Some(letter) = request.tx.letter(&room, number).await? else {
            return request.say(replies::letter_missing(wording, number));
        };
        if letter.sent_at.is_some() {
            return request.say(replies::letter_already_sent(wording, &letter));
        }
        if letter.text.is_none() || letter.recipients.is_empty() {
            return request.say(replies::letter_incomplete(wording, &letter));
        }
        let state = self
            .letter_state(request.tx, &room, &letter, request.now)
            .await?;
        let Some(frozen) = letter
            .frozen
            .as_ref()
            .filter(|_| letter.status() == LetterStatus::Approved)
        else {
            let names = self.member_names(&room).await;
            return request.say(replies::letter_not_approved(
                wording, &letter, &state, &names,
            ));
        };
        if !self.settings.email {
            return request.say(replies::letter_no_email(wording));
        }
        let signatories: Vec<String> = state
            .approved
            .iter()
            .map(|approval| approval.association.clone())
            .collect();
        let texts = replies::letter_email(
            wording,
            &letter.title,
            letter.text.as_deref().unwrap_or_default(),
            &signatories,
            &frozen.fingerprint,
        );
        let room_name = self.chat.room_name(&room).await;
        let printable = replies::letter_printable(wording, &letter, frozen, room_name.as_deref());
        for position in 1..=letter.recipients.len() {
            let email = crate::domain::email::NewEmail {
                to: crate::domain::email::Recipient::Letter {
                    letter: number,
                    position,
                },
                subject: texts.subject.clone(),
                text: texts.text.clone(),
                html: texts.html.clone(),
                attachment: None,
                printable: Some(printable.clone()),
                unsubscribe_url: None,
                coalesce: None,
                reply_to: self.settings.letter_reply_to.clone(),
            };
            request.tx.queue_email(&room, &email, request.at).await?;
        }
        let sender = request.sender().clone();
        request
            .tx
            .mark_letter_sent(&room, number, &sender, request.at)
            .await?;
        // Its follow-up, when no answer comes, is the clock's.
        request.reschedules = true;
        let recorded = replies::letter_sent_decision(wording, &letter, request.at);
        let decision = self
            .record_decision(request.tx, &room, &sender, &recorded, None, request.at)
            .await?;
        tracing::info!(%room, number, recipients = letter.recipients.len(), "letter queued to its recipients");
        request.say(replies::letter_sending(wording, &letter, decision.number))
    }

    /// `!plaidoyer réponse <n> <texte>`: an answer the letter received.
    async fn letter_answer(&self, request: &mut Request<'_>, number: usize, text: &str) -> Handled {
        let wording = &self.wording(request.language);
        let room = request.room().clone();
        let Some(letter) = request.tx.letter(&room, number).await? else {
            return request.say(replies::letter_missing(wording, number));
        };
        if letter.sent_at.is_none() {
            return request.say(replies::letter_answer_before_sending(wording, &letter));
        }
        let length = text.chars().count();
        if length > MAX_LETTER_LENGTH {
            return request.say(replies::letter_too_long(wording, length));
        }
        // A file the command replies to is kept with the answer (a scanned letter).
        let file = match &request.message.in_reply_to {
            Some(replied) => self.chat.file_of(&room, replied).await,
            None => None,
        };
        if text.is_empty() && file.is_none() {
            return request.say(replies::letter_answer_missing(wording, number));
        }
        let sender = request.sender().clone();
        request
            .tx
            .add_letter_answer(&room, number, text, file.as_ref(), &sender, request.at)
            .await?;
        tracing::info!(%room, number, "letter answer recorded");
        request.say(replies::letter_answer_recorded(wording, &letter))
    }

    /// Tells each room, once, that its letter's e-mails all went out (or which could not).
    pub(super) async fn announce_letters_gone_out(
        &self,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), ServiceError> {
        // Most passes find nothing: a read alone. Else the write lock, then read again (a
        // deferred transaction that read first could not write after another's commit).
        if self
            .store
            .begin()
            .await?
            .letters_gone_out()
            .await?
            .is_empty()
        {
            return Ok(());
        }
        let mut tx = self.store.begin_write().await?;
        let gone = tx.letters_gone_out().await?;
        let mut notices = Vec::new();
        for (room, number, sent, given_up) in &gone {
            let language = self.room_language(&mut tx, room).await?;
            let Some(letter) = tx.letter(room, *number).await? else {
                continue;
            };
            tx.mark_letter_announced(room, *number, now).await?;
            notices.push(crate::domain::messages::NewMessage::notice(
                room,
                None,
                replies::letter_gone_out(&self.wording(language), &letter, *sent, *given_up),
            ));
        }
        self.finish(tx, notices, now).await?;
        tracing::info!(
            letters = gone.len(),
            "rooms told that their letters went out"
        );
        Ok(())
    }

    /// Reminds each room, once, of a letter that has had no answer for
    /// `advocacy.follow_up_days`, mentioning who sent it; returns when the next one falls due.
    pub(super) async fn follow_up_letters(
        &self,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Option<chrono::DateTime<chrono::Utc>>, ServiceError> {
        let days = self.settings.letter_follow_up_days;
        let mut tx = self.store.begin().await?;
        let waiting = tx.letters_awaiting_answer().await?;
        drop(tx);
        let mut next = None;
        for (room, letter) in waiting {
            if !letter.follow_up_due(now, days) {
                let due = letter.sent_at.and_then(|sent| {
                    sent.checked_add_signed(chrono::Duration::days(i64::from(days)))
                });
                next = match (next, due) {
                    (Some(a), Some(b)) => Some(std::cmp::min(a, b)),
                    (a, b) => a.or(b),
                };
                continue;
            }
            let key = format!("letter-follow-up:{room}:{}", letter.number);
            self.due_item(&key, &room, now, async {
                let mut tx = self.store.begin_write().await?;
                let language = self.room_language(&mut tx, &room).await?;
                let wording = self.wording(language);
                let sender = letter.sent_by.clone();
                let pill = match &sender {
                    Some(user) => Some(self.pill_of(&room, user).await),
                    None => None,
                };
                tx.mark_letter_followed_up(&room, letter.number, now)
                    .await?;
                let markdown = replies::letter_follow_up(&wording, &letter, pill.as_deref(), days);
                let message = crate::domain::messages::NewMessage::text(
                    &room,
                    markdown,
                    sender.into_iter().collect(),
                );
                self.finish(tx, vec![message], now).await?;
                tracing::info!(%room, number = letter.number, "letter followed up");
                Ok(())
            })
            .await?;
        }
        Ok(next)
    }
}
