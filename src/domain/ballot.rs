//! Ballots: messages the bot posted that members answer — a date proposal or a poll.
//!
//! Whatever the ballot, answers arrive the same ways (a reaction with a number, a poll response,
//! a command) and are counted by the same rules, written once here in [`count`]. What the count
//! then means (the best date, a joint position) belongs to each kind's own module.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};

use super::ids::BallotId;
use super::ids::{EventId, RoomId, UserId};
use super::votes::{if_need_be_of_reaction, option_of_reaction};

/// What a ballot asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BallotKind {
    /// Dates for the next meeting: members pick every date they can attend.
    MeetingDates,
    /// A question with options: one voice per person.
    Poll,
    /// Who comes to a dated meeting: 1 coming (✅), 2 excused (❌); one voice per person.
    Attendance,
    /// A training session's announcement: ✅ signs up (option 1). Its answers are sign-ups,
    /// kept by the session (`training.rs`), not answers of the ballot.
    Training,
}

impl BallotKind {
    /// How its answers are counted.
    pub fn counting(self) -> Counting {
        match self {
            BallotKind::MeetingDates => Counting::Approval,
            BallotKind::Poll | BallotKind::Attendance | BallotKind::Training => {
                Counting::SingleChoice
            }
        }
    }

    /// Whether the bot puts the number reactions (1️⃣ 2️⃣ …) under its message, so that
    /// answering is one click. Polls have their own buttons in the clients.
    pub fn bot_adds_reactions(self) -> bool {
        matches!(
            self,
            BallotKind::MeetingDates | BallotKind::Attendance | BallotKind::Training
        )
    }

    pub fn code(self) -> &'static str {
        match self {
            BallotKind::MeetingDates => "dates",
            BallotKind::Poll => "poll",
            BallotKind::Attendance => "attendance",
            BallotKind::Training => "training",
        }
    }
}

impl FromStr for BallotKind {
    type Err = UnknownCode;

    fn from_str(code: &str) -> Result<Self, Self::Err> {
        match code {
            "dates" => Ok(BallotKind::MeetingDates),
            "poll" => Ok(BallotKind::Poll),
            "attendance" => Ok(BallotKind::Attendance),
            "training" => Ok(BallotKind::Training),
            other => Err(UnknownCode(other.to_owned())),
        }
    }
}

/// A stored code (ballot kind, answer channel) this version does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown code {0:?}")]
pub struct UnknownCode(pub String);

/// How a ballot's answers become each person's choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counting {
    /// Each answer approves one option; a person may approve several (dates they can attend).
    Approval,
    /// One voice per person: their latest answer is their choice.
    SingleChoice,
}

/// A message the bot posted that members answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ballot {
    pub id: BallotId,
    pub room: RoomId,
    pub kind: BallotKind,
    /// Options are numbered 1 to `option_count`.
    pub option_count: usize,
    /// The bot's message; `None` until it is sent.
    pub event_id: Option<EventId>,
    /// When answering stopped; `None` while it is open.
    pub closed_at: Option<DateTime<Utc>>,
}

impl Ballot {
    /// The option a reaction with `key` answers, if it names one of this ballot's options.
    pub fn option_of_reaction(&self, key: &str) -> Option<usize> {
        match self.kind {
            BallotKind::Attendance => super::attendance::option_of_reaction(key),
            BallotKind::Training => super::attendance::option_of_reaction(key)
                .filter(|option| *option == super::attendance::COMING_OPTION),
            BallotKind::MeetingDates | BallotKind::Poll => option_of_reaction(key),
        }
        .filter(|number| *number <= self.option_count)
    }

    /// What a reaction with `key` answers: its option (`None`: 🤷 alone) and whether it is
    /// "if need be" — which only a date proposal takes. `None` when it answers nothing here.
    pub fn read_reaction(&self, key: &str) -> Option<(Option<usize>, bool)> {
        if let Some(option) = self.option_of_reaction(key) {
            return Some((Some(option), false));
        }
        if self.kind != BallotKind::MeetingDates {
            return None;
        }
        match if_need_be_of_reaction(key)? {
            None => Some((None, true)),
            Some(option) => (option <= self.option_count).then_some((Some(option), true)),
        }
    }
}

/// Whether a reaction with `key` can answer some ballot (a number, ✅ or ❌, 🤷): the others
/// cost no look-up.
pub fn may_answer(key: &str) -> bool {
    option_of_reaction(key).is_some()
        || super::attendance::option_of_reaction(key).is_some()
        || if_need_be_of_reaction(key).is_some()
}

/// The way an answer was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Channel {
    /// A reaction 1️⃣ 2️⃣ … on the ballot's message.
    Reaction,
    /// A poll response from a client that shows polls.
    PollResponse,
    /// A command (`!vote`), for clients without either.
    Command,
    /// The form of a personal page (`/r/<token>`), for someone known by e-mail.
    PersonalLink,
}

impl Channel {
    pub fn code(self) -> &'static str {
        match self {
            Channel::Reaction => "reaction",
            Channel::PollResponse => "poll_response",
            Channel::Command => "command",
            Channel::PersonalLink => "personal_link",
        }
    }

    /// Whether the homeserver keeps answers of this channel as relations of the ballot's
    /// message, so that they can be read back after an outage. Commands are not relations.
    pub fn is_relation(self) -> bool {
        matches!(self, Channel::Reaction | Channel::PollResponse)
    }
}

impl FromStr for Channel {
    type Err = UnknownCode;

    fn from_str(code: &str) -> Result<Self, Self::Err> {
        match code {
            "reaction" => Ok(Channel::Reaction),
            "poll_response" => Ok(Channel::PollResponse),
            "command" => Ok(Channel::Command),
            "personal_link" => Ok(Channel::PersonalLink),
            other => Err(UnknownCode(other.to_owned())),
        }
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One answer to a ballot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// The event that carried it; its redaction withdraws it.
    pub event_id: EventId,
    pub voter: UserId,
    /// The option it names (1-based); `None` when it names none of the ballot's options.
    pub option: Option<usize>,
    pub channel: Channel,
    /// When the member answered (the homeserver's time).
    pub answered_at: DateTime<Utc>,
    /// A date proposal's "if need be" (*si nécessaire*): the option, or with no option the
    /// 🤷 that makes the person's next number reaction one ([`count_dates`]).
    pub if_need_be: bool,
}

/// The voter of an answer kept without its person, numbered within its ballot (`~1`, `~2`…).
///
/// Rule: once a poll's answers are past their retention, or their author asked to be
/// forgotten after the poll closed, each person's counted choice stays — for the association
/// it counted for, so that the tally and every association's position read the same — but
/// under a voter that names nobody. No Matrix id starts with `~` (they start with `@`), nor
/// does a person known by e-mail's voter.
pub fn anonymous_voter(number: usize) -> UserId {
    UserId::new(format!("{ANONYMOUS_PREFIX}{number}"))
}

/// Whether an answer's voter names nobody ([`anonymous_voter`]).
pub fn is_anonymous(voter: &UserId) -> bool {
    voter.as_str().starts_with(ANONYMOUS_PREFIX)
}

const ANONYMOUS_PREFIX: char = '~';

/// Each person's choices on a ballot, by the ballot's rules.
///
/// Rules, for every kind:
/// - answers given at or after `ends_at` are ignored (a closed ballot, or a count "as of" a
///   moment); pass the closing time, or the present time for an open ballot — never leave it
///   open-ended, or answers from the future would count;
/// - withdrawn answers are simply absent from `answers` (a redacted reaction is deleted);
/// - [`Counting::Approval`]: a person chooses every option one of their answers names;
/// - [`Counting::SingleChoice`]: a person's latest answer, whatever its channel, is their
///   choice (ties in time are broken by event id, so the count never depends on the order of
///   `answers`); a latest answer naming no option leaves them without a choice;
/// - people without a choice are left out.
pub fn count(
    answers: &[Answer],
    counting: Counting,
    ends_at: DateTime<Utc>,
) -> BTreeMap<UserId, BTreeSet<usize>> {
    let mut choices: BTreeMap<&UserId, BTreeSet<usize>> = BTreeMap::new();
    for answer in in_order(answers, ends_at) {
        // "If need be" is a date proposal's own: read by `count_dates`.
        if answer.if_need_be {
            continue;
        }
        let chosen = choices.entry(&answer.voter).or_default();
        if counting == Counting::SingleChoice {
            chosen.clear();
        }
        chosen.extend(answer.option);
    }
    choices
        .into_iter()
        .filter(|(_, chosen)| !chosen.is_empty())
        .map(|(voter, chosen)| (voter.clone(), chosen))
        .collect()
}

/// The answers given before `ends_at`, in the order they were given (ties in time broken by
/// event id).
fn in_order(answers: &[Answer], ends_at: DateTime<Utc>) -> Vec<&Answer> {
    let mut in_time: Vec<&Answer> = answers
        .iter()
        .filter(|answer| answer.answered_at < ends_at)
        .collect();
    in_time.sort_by(|a, b| {
        a.answered_at
            .cmp(&b.answered_at)
            .then_with(|| a.event_id.cmp(&b.event_id))
    });
    in_time
}

/// Each person's dates on a proposal: those they can come to, and those only if need be.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DateChoices {
    pub available: BTreeMap<UserId, BTreeSet<usize>>,
    pub if_need_be: BTreeMap<UserId, BTreeSet<usize>>,
}

/// Each person's dates on a proposal ([`BallotKind::MeetingDates`]), by [`count`]'s rules for
/// approval, and for "if need be":
/// - an answer "if need be" with a date (🤷2, `!réunion dispo 2 peut-être`, the personal
///   page's third choice) makes that date "if need be";
/// - 🤷 alone makes the person's next number reaction (in time) "if need be", once;
/// - a date a person can come to without reservation stays so whatever else they said of it.
pub fn count_dates(answers: &[Answer], ends_at: DateTime<Utc>) -> DateChoices {
    let mut available: BTreeMap<&UserId, BTreeSet<usize>> = BTreeMap::new();
    let mut reserve: BTreeMap<&UserId, BTreeSet<usize>> = BTreeMap::new();
    let mut shrugged: BTreeSet<&UserId> = BTreeSet::new();
    for answer in in_order(answers, ends_at) {
        match (answer.option, answer.if_need_be) {
            (None, true) if answer.channel == Channel::Reaction => {
                shrugged.insert(&answer.voter);
            }
            (None, _) => {}
            (Some(option), true) => {
                reserve.entry(&answer.voter).or_default().insert(option);
            }
            (Some(option), false) => {
                let after_shrug =
                    answer.channel == Channel::Reaction && shrugged.remove(&answer.voter);
                let chosen = if after_shrug {
                    &mut reserve
                } else {
                    &mut available
                };
                chosen.entry(&answer.voter).or_default().insert(option);
            }
        }
    }
    for (voter, options) in &mut reserve {
        if let Some(firm) = available.get(voter) {
            options.retain(|option| !firm.contains(option));
        }
    }
    let owned = |map: BTreeMap<&UserId, BTreeSet<usize>>| {
        map.into_iter()
            .filter(|(_, options)| !options.is_empty())
            .map(|(voter, options)| (voter.clone(), options))
            .collect()
    };
    DateChoices {
        available: owned(available),
        if_need_be: owned(reserve),
    }
}

/// The count as (option, person) pairs, in option order, then person order.
pub fn choices_by_option(choices: &BTreeMap<UserId, BTreeSet<usize>>) -> Vec<(usize, UserId)> {
    let mut pairs: Vec<(usize, UserId)> = choices
        .iter()
        .flat_map(|(voter, options)| options.iter().map(|option| (*option, voter.clone())))
        .collect();
    pairs.sort();
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::at;

    fn answer(
        event: &str,
        voter: &str,
        option: Option<usize>,
        channel: Channel,
        when: &str,
    ) -> Answer {
        Answer {
            event_id: EventId::new(event),
            voter: UserId::new(voter),
            option,
            channel,
            answered_at: at(when),
            if_need_be: false,
        }
    }

    fn chosen(choices: &BTreeMap<UserId, BTreeSet<usize>>, voter: &str) -> Vec<usize> {
        choices
            .get(&UserId::new(voter))
            .map(|options| options.iter().copied().collect())
            .unwrap_or_default()
    }

    const END: &str = "2026-12-01T12:00:00Z";

    #[test]
    fn with_approval_every_date_a_person_names_counts() {
        let answers = [
            answer(
                "$1",
                "@a",
                Some(1),
                Channel::Reaction,
                "2026-12-01T10:00:00Z",
            ),
            answer(
                "$2",
                "@a",
                Some(3),
                Channel::Reaction,
                "2026-12-01T10:01:00Z",
            ),
            answer(
                "$3",
                "@b",
                Some(3),
                Channel::Reaction,
                "2026-12-01T10:02:00Z",
            ),
            // Two reactions for the same date count once.
            answer(
                "$4",
                "@b",
                Some(3),
                Channel::Reaction,
                "2026-12-01T10:03:00Z",
            ),
        ];
        let choices = count(&answers, Counting::Approval, at(END));
        assert_eq!(chosen(&choices, "@a"), vec![1, 3]);
        assert_eq!(chosen(&choices, "@b"), vec![3]);
        assert_eq!(
            choices_by_option(&choices),
            vec![
                (1, UserId::new("@a")),
                (3, UserId::new("@a")),
                (3, UserId::new("@b"))
            ]
        );
    }

    #[test]
    fn with_a_single_choice_the_latest_answer_wins_whatever_the_channel() {
        let answers = [
            answer(
                "$3",
                "@a",
                Some(2),
                Channel::Command,
                "2026-12-01T10:05:00Z",
            ),
            answer(
                "$1",
                "@a",
                Some(1),
                Channel::PollResponse,
                "2026-12-01T10:00:00Z",
            ),
            answer(
                "$2",
                "@a",
                Some(3),
                Channel::Reaction,
                "2026-12-01T10:02:00Z",
            ),
        ];
        let choices = count(&answers, Counting::SingleChoice, at(END));
        assert_eq!(chosen(&choices, "@a"), vec![2]);
    }

    #[test]
    fn a_withdrawn_latest_answer_lets_the_one_before_count_again() {
        // The reaction for 3 was redacted: it is no longer among the answers.
        let answers = [answer(
            "$1",
            "@a",
            Some(1),
            Channel::Reaction,
            "2026-12-01T10:00:00Z",
        )];
        let choices = count(&answers, Counting::SingleChoice, at(END));
        assert_eq!(chosen(&choices, "@a"), vec![1]);
    }

    #[test]
    fn answers_at_or_after_the_end_are_ignored() {
        let answers = [
            answer(
                "$1",
                "@a",
                Some(1),
                Channel::PollResponse,
                "2026-12-01T11:59:59Z",
            ),
            answer("$2", "@a", Some(2), Channel::PollResponse, END),
            answer(
                "$3",
                "@b",
                Some(2),
                Channel::Reaction,
                "2026-12-01T12:30:00Z",
            ),
        ];
        let choices = count(&answers, Counting::SingleChoice, at(END));
        assert_eq!(chosen(&choices, "@a"), vec![1]);
        assert!(!choices.contains_key(&UserId::new("@b")));
        let approval = count(&answers, Counting::Approval, at(END));
        assert_eq!(chosen(&approval, "@a"), vec![1]);
    }

    #[test]
    fn a_latest_answer_naming_no_option_leaves_no_choice() {
        let answers = [
            answer(
                "$1",
                "@a",
                Some(1),
                Channel::PollResponse,
                "2026-12-01T10:00:00Z",
            ),
            answer(
                "$2",
                "@a",
                None,
                Channel::PollResponse,
                "2026-12-01T10:01:00Z",
            ),
        ];
        assert!(count(&answers, Counting::SingleChoice, at(END)).is_empty());
    }

    #[test]
    fn the_count_does_not_depend_on_the_order_answers_are_given_in() {
        let mut answers = vec![
            answer(
                "$b",
                "@a",
                Some(2),
                Channel::Reaction,
                "2026-12-01T10:00:00Z",
            ),
            answer(
                "$a",
                "@a",
                Some(1),
                Channel::Command,
                "2026-12-01T10:00:00Z",
            ),
        ];
        let forward = count(&answers, Counting::SingleChoice, at(END));
        answers.reverse();
        let backward = count(&answers, Counting::SingleChoice, at(END));
        assert_eq!(forward, backward);
        // Same second: the larger event id is taken as the later one.
        assert_eq!(chosen(&forward, "@a"), vec![2]);
    }

    #[test]
    fn only_keycaps_of_existing_options_answer_a_ballot() {
        let ballot = Ballot {
            id: BallotId::new(1),
            room: RoomId::new("!r"),
            kind: BallotKind::MeetingDates,
            option_count: 3,
            event_id: None,
            closed_at: None,
        };
        assert_eq!(ballot.option_of_reaction("3️⃣"), Some(3));
        assert_eq!(ballot.option_of_reaction("4️⃣"), None);
        assert_eq!(ballot.option_of_reaction("👍"), None);
    }

    #[test]
    fn kinds_and_channels_read_back_from_their_codes() {
        for kind in [BallotKind::MeetingDates, BallotKind::Poll] {
            assert_eq!(kind.code().parse::<BallotKind>(), Ok(kind));
        }
        for channel in [
            Channel::Reaction,
            Channel::PollResponse,
            Channel::Command,
            Channel::PersonalLink,
        ] {
            assert_eq!(channel.code().parse::<Channel>(), Ok(channel));
        }
        assert!("sondage".parse::<BallotKind>().is_err());
    }

    fn maybe(
        event: &str,
        voter: &str,
        option: Option<usize>,
        channel: Channel,
        when: &str,
    ) -> Answer {
        Answer {
            if_need_be: true,
            ..answer(event, voter, option, channel, when)
        }
    }

    /// Answers → each person's dates, firm and if need be.
    #[test]
    fn if_need_be_dates_are_counted_apart_and_a_firm_date_stays_firm() {
        let reaction = Channel::Reaction;
        let answers = [
            // @a: 1 firm, 🤷2.
            answer("$1", "@a", Some(1), reaction, "2026-12-01T10:00:00Z"),
            maybe("$2", "@a", Some(2), reaction, "2026-12-01T10:01:00Z"),
            // @b: 🤷 alone, then 3 (if need be), then 1 (firm again: the 🤷 is used up).
            maybe("$3", "@b", None, reaction, "2026-12-01T10:02:00Z"),
            answer("$4", "@b", Some(3), reaction, "2026-12-01T10:03:00Z"),
            answer("$5", "@b", Some(1), reaction, "2026-12-01T10:04:00Z"),
            // @c: 2 if need be by command, and 2 firm by reaction: firm wins.
            maybe(
                "$6",
                "@c",
                Some(2),
                Channel::Command,
                "2026-12-01T10:05:00Z",
            ),
            answer("$7", "@c", Some(2), reaction, "2026-12-01T10:06:00Z"),
            // @d: only 🤷, and after the end a number: nothing.
            maybe("$8", "@d", None, reaction, "2026-12-01T10:07:00Z"),
            answer("$9", "@d", Some(1), reaction, "2026-12-01T12:30:00Z"),
        ];
        let counted = count_dates(&answers, at(END));
        let of = |map: &BTreeMap<UserId, BTreeSet<usize>>, voter: &str| chosen(map, voter);
        assert_eq!(of(&counted.available, "@a"), vec![1]);
        assert_eq!(of(&counted.if_need_be, "@a"), vec![2]);
        assert_eq!(of(&counted.available, "@b"), vec![1]);
        assert_eq!(of(&counted.if_need_be, "@b"), vec![3]);
        assert_eq!(of(&counted.available, "@c"), vec![2]);
        assert!(of(&counted.if_need_be, "@c").is_empty());
        assert!(!counted.available.contains_key(&UserId::new("@d")));
        assert!(!counted.if_need_be.contains_key(&UserId::new("@d")));
        // The generic count never takes an "if need be" answer.
        let plain = count(&answers, Counting::Approval, at(END));
        assert_eq!(chosen(&plain, "@a"), vec![1]);
        // Without the 🤷, @b's 3 is firm.
        let unshrugged: Vec<Answer> = answers
            .iter()
            .filter(|a| a.event_id.as_str() != "$3")
            .cloned()
            .collect();
        assert_eq!(
            of(&count_dates(&unshrugged, at(END)).available, "@b"),
            vec![1, 3]
        );
    }

    #[test]
    fn only_a_date_proposal_reads_the_shrug() {
        let ballot = |kind| Ballot {
            id: BallotId::new(1),
            room: RoomId::new("!r"),
            kind,
            option_count: 3,
            event_id: None,
            closed_at: None,
        };
        let dates = ballot(BallotKind::MeetingDates);
        assert_eq!(dates.read_reaction("2️⃣"), Some((Some(2), false)));
        assert_eq!(dates.read_reaction("🤷"), Some((None, true)));
        assert_eq!(dates.read_reaction("🤷🏽‍♀️"), Some((None, true)));
        assert_eq!(dates.read_reaction("🤷2"), Some((Some(2), true)));
        assert_eq!(dates.read_reaction("🤷 3️⃣"), Some((Some(3), true)));
        assert_eq!(dates.read_reaction("🤷4"), None, "no such date");
        assert_eq!(dates.read_reaction("🎉"), None);
        assert_eq!(ballot(BallotKind::Poll).read_reaction("🤷"), None);
        assert!(may_answer("🤷"));
    }
}
