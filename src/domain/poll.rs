//! Polls on joint positions: a question with 2 to 10 options, one voice per person, and where
//! each association stands. A poll is the second kind of ballot: its answers are counted by
//! [`super::ballot::count`]; what the count means for the group is worked out here.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, Utc};

use super::association::{fold, same_association};
use super::ids::{BallotId, PollId, UserId};
use super::mandate::{Mandate, Used, apply_to_stances};
use super::position::joint_position;
pub use super::position::{ConsentOptions, Deciding, JointPosition, JointRule, Stance};

/// Which poll a command means: n° `number`, or the room's latest (open) one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WhichPoll {
    Number(usize),
    Latest { open_only: bool },
}

impl WhichPoll {
    /// Poll n° `number` if one was typed, else the latest (open, with `open_only`).
    pub fn numbered_or_latest(number: Option<usize>, open_only: bool) -> Self {
        match number {
            Some(number) => WhichPoll::Number(number),
            None => WhichPoll::Latest { open_only },
        }
    }
}

/// The longest question, in characters.
pub const MAX_QUESTION_LENGTH: usize = 300;
/// The longest option, in characters.
pub const MAX_OPTION_LENGTH: usize = 100;
/// Custom options: at least two, at most ten (one keycap each).
pub const MIN_POLL_OPTIONS: usize = 2;
pub const MAX_POLL_OPTIONS: usize = 10;

/// A poll as the room knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Poll {
    pub id: PollId,
    /// Its number in the room (n° 1, 2, …), as members type it.
    pub number: usize,
    pub ballot: BallotId,
    pub author: UserId,
    pub question: String,
    /// Option `n` is `options[n - 1]`.
    pub options: Vec<String>,
    /// When it closes by itself, if it has a deadline.
    pub closes_at: Option<DateTime<Utc>>,
    /// When it was closed; `None` while open.
    pub closed_at: Option<DateTime<Utc>>,
    /// Its results are hidden until it closes: only who answered is said.
    pub hidden: bool,
    /// A consent poll: its options are [`CONSENT_OPTIONS`] (agree, concern, object).
    pub consent: bool,
}

/// A consent poll's options: agree, concern, object (in the room's words).
pub const CONSENT_OPTIONS: ConsentOptions = ConsentOptions {
    agree: 1,
    object: 3,
};

/// The longest reason for a concern or an objection.
pub const MAX_REASON_LENGTH: usize = 500;

impl Poll {
    /// The moment answers stop counting at, seen from `now`: the closing, else the deadline
    /// if passed, else `now`.
    pub fn counts_until(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        [self.closed_at, self.closes_at]
            .into_iter()
            .flatten()
            .fold(now, DateTime::min)
    }

    /// An answer as typed after `!vote [n]`: an option (by number or text), and on a consent
    /// poll the reason that may follow its first word (`objection trop tôt`).
    pub fn read_answer<'a>(&self, typed: &'a str) -> Option<(usize, Option<&'a str>)> {
        if let Some(option) = self.option_named(typed) {
            return Some((option, None));
        }
        if !self.consent {
            return None;
        }
        let typed = typed.trim();
        let (first, rest) = typed.split_once(char::is_whitespace).unwrap_or((typed, ""));
        let reason = rest.trim();
        self.option_named(first)
            .map(|option| (option, Some(reason).filter(|reason| !reason.is_empty())))
    }

    /// The option a typed answer names: its number (`2`), or its text whatever the case and
    /// accents (`pour`, `Contre`).
    pub fn option_named(&self, typed: &str) -> Option<usize> {
        let typed = typed.trim();
        if let Ok(number) = typed.parse::<usize>() {
            return (1..=self.options.len()).contains(&number).then_some(number);
        }
        self.options
            .iter()
            .position(|option| same_association(option, typed))
            .map(|index| index + 1)
    }
}

/// A poll's results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PollResults {
    /// Per option (in order), who chose it.
    pub by_option: Vec<Vec<UserId>>,
    /// Per association of the room (in the room's order), where it stands.
    pub associations: Vec<(String, Stance)>,
    /// People of no association and what they chose: shown, not counted for associations.
    pub guests: Vec<(UserId, usize)>,
    /// Guest associations that answered, and where each stands: shown apart, never counted.
    pub guest_associations: Vec<(String, Stance)>,
    pub joint: JointPosition,
    /// The rule the joint position was worked out under.
    pub rule: JointRule,
    /// Under consent, the associations that did not answer a closed poll with a deadline,
    /// counted as not objecting.
    pub silent_consent: Vec<String>,
    /// On a consent poll, the reasons given for concerns and objections: who, which option,
    /// why (filled by whoever reads them, with the answers).
    pub reasons: Vec<(UserId, usize, String)>,
    /// The mandates that counted (or would count) on this poll, and how.
    pub mandates: Vec<Used>,
}

impl PollResults {
    /// How many people answered.
    pub fn respondents(&self) -> usize {
        self.by_option.iter().map(Vec::len).sum()
    }
}

/// Works out a poll's results from each person's choice (one option each).
///
/// Rules:
/// - a person counts for the association the room maps them to; guests are listed apart;
/// - an association's stance comes from its representatives who answered: unanimous when they
///   all chose the same option, split otherwise, missing when none answered;
/// - the group has a **joint position** as the room's rule says
///   ([`super::position::joint_position`]); [`results`] is the default rule, unanimity.
///
/// `associations` is the room's list (host order first); associations only found in
/// `membership` are added after it.
pub fn results(
    option_count: usize,
    choices: &BTreeMap<UserId, BTreeSet<usize>>,
    membership: &HashMap<UserId, String>,
    associations: &[String],
) -> PollResults {
    results_under(
        option_count,
        choices,
        membership,
        &HashMap::new(),
        associations,
        Deciding::default(),
    )
}

/// [`results`] as `deciding` says (the room's rule, whether silence consents, a consent
/// poll's options). The representatives of guest associations (`guest_associations`) are shown by
/// association, apart, and never count.
pub fn results_under(
    option_count: usize,
    choices: &BTreeMap<UserId, BTreeSet<usize>>,
    membership: &HashMap<UserId, String>,
    guest_associations: &HashMap<UserId, String>,
    associations: &[String],
    deciding: Deciding,
) -> PollResults {
    let chosen: Vec<(&UserId, usize)> = choices
        .iter()
        .filter_map(|(voter, options)| {
            options
                .iter()
                .next()
                .filter(|option| (1..=option_count).contains(*option))
                .map(|option| (voter, *option))
        })
        .collect();
    let by_option = (1..=option_count)
        .map(|number| {
            chosen
                .iter()
                .filter(|(_, option)| *option == number)
                .map(|(voter, _)| (*voter).clone())
                .collect()
        })
        .collect();

    // Association names are compared folded (case, accents, spaces aside); fold each name
    // once, not once per voter: a poll may have a thousand voters.
    let mut all: Vec<String> = associations.to_vec();
    let mut folded: Vec<String> = all.iter().map(|name| fold(name)).collect();
    let mut names: Vec<&String> = membership.values().collect();
    names.sort();
    names.dedup();
    let mut index_of: HashMap<&str, usize> = HashMap::with_capacity(names.len());
    for name in names {
        let key = fold(name);
        let index = match folded.iter().position(|known| *known == key) {
            Some(index) => index,
            None => {
                all.push(name.clone());
                folded.push(key);
                all.len() - 1
            }
        };
        index_of.insert(name.as_str(), index);
    }

    let mut answers_of: Vec<Vec<(UserId, usize)>> = vec![Vec::new(); all.len()];
    let mut guests = Vec::new();
    let mut guest_answers: BTreeMap<String, Vec<(UserId, usize)>> = BTreeMap::new();
    for (voter, option) in &chosen {
        let answer = ((*voter).clone(), *option);
        if let Some(association) = guest_associations.get(*voter) {
            guest_answers
                .entry(association.clone())
                .or_default()
                .push(answer);
            continue;
        }
        match membership
            .get(*voter)
            .and_then(|name| index_of.get(name.as_str()))
        {
            Some(&index) => answers_of[index].push(answer),
            None => guests.push(answer),
        }
    }
    let stances: Vec<(String, Stance)> = all
        .into_iter()
        .zip(answers_of)
        .map(|(association, answers)| (association, stance_of(answers)))
        .collect();
    let guest_stances: Vec<(String, Stance)> = guest_answers
        .into_iter()
        .map(|(association, answers)| (association, stance_of(answers)))
        .collect();
    let (joint, silent_consent) = joint_position(&stances, deciding);
    PollResults {
        by_option,
        associations: stances,
        guests,
        guest_associations: guest_stances,
        joint,
        rule: deciding.rule,
        silent_consent,
        reasons: Vec::new(),
        mandates: Vec::new(),
    }
}

/// The results once `mandates` count: each giving association stands as its holder does,
/// unless it answered itself ([`super::mandate`]); the joint position is worked out again.
pub fn with_mandates(
    mut results: PollResults,
    mandates: &[&Mandate],
    deciding: Deciding,
) -> PollResults {
    if mandates.is_empty() {
        return results;
    }
    let choices: Vec<(UserId, usize)> = results
        .by_option
        .iter()
        .enumerate()
        .flat_map(|(index, voters)| voters.iter().map(move |voter| (voter.clone(), index + 1)))
        .collect();
    results.mandates = apply_to_stances(&mut results.associations, &choices, mandates);
    let (joint, silent_consent) = joint_position(&results.associations, deciding);
    results.joint = joint;
    results.silent_consent = silent_consent;
    results
}

/// An association's stance from its representatives' answers.
fn stance_of(answers: Vec<(UserId, usize)>) -> Stance {
    match answers.first() {
        None => Stance::Missing,
        Some((_, first)) if answers.iter().all(|(_, option)| option == first) => {
            Stance::Unanimous {
                option: *first,
                voters: answers.into_iter().map(|(voter, _)| voter).collect(),
            }
        }
        Some(_) => Stance::Split(answers),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::EventId;
    use crate::domain::ballot::{Answer, Channel, Counting, count};
    use crate::testing::at;

    fn user(name: &str) -> UserId {
        UserId::new(format!("@{name}:localhost"))
    }

    fn membership() -> HashMap<UserId, String> {
        [
            ("alice", "Restos du Cœur"),
            ("anne", "Restos du Cœur"),
            ("bob", "Croix-Rouge"),
            ("carla", "Secours Catholique"),
        ]
        .into_iter()
        .map(|(name, association)| (user(name), association.to_owned()))
        .collect()
    }

    fn associations() -> Vec<String> {
        ["Restos du Cœur", "Croix-Rouge", "Secours Catholique"]
            .map(str::to_owned)
            .to_vec()
    }

    fn choices(pairs: &[(&str, usize)]) -> BTreeMap<UserId, BTreeSet<usize>> {
        pairs
            .iter()
            .map(|(name, option)| (user(name), BTreeSet::from([*option])))
            .collect()
    }

    /// Rule × answers × mandates × guest associations → joint position, the way a poll's
    /// results are read: alice and anne for the Restos, bob for the Croix-Rouge, carla for
    /// the Secours Catholique, eve for Emmaüs (a guest association).
    #[test]
    fn rule_answers_mandates_and_guests_as_a_table() {
        use crate::domain::mandate::{Mandate, Scope};
        use crate::domain::record::Owner;
        let mandate = |giver: &str, holder: Owner| Mandate {
            number: 1,
            giver: giver.into(),
            holder,
            scope: Scope::Poll {
                poll: PollId::new(1),
                number: 1,
                closed_at: None,
            },
            given_by: user("bob"),
            noted: false,
            given_at: at("2026-12-01T10:00:00Z"),
            withdrawn_at: None,
        };
        let bob_to_restos = mandate("Croix-Rouge", Owner::Association("Restos du Cœur".into()));
        let bob_to_carla = mandate("Croix-Rouge", Owner::Member(user("carla")));
        let guests: HashMap<UserId, String> = HashMap::from([(user("eve"), "Emmaüs".to_owned())]);
        let deciding = |rule| Deciding {
            rule,
            silence_consents: false,
            consent: None,
        };
        type Row<'a> = (
            JointRule,
            &'a [(&'a str, usize)],
            Vec<&'a Mandate>,
            Option<usize>,
        );
        let table: Vec<Row<'_>> = vec![
            // Without a mandate the silent Croix-Rouge keeps unanimity from being reached.
            (
                JointRule::Unanimity,
                &[("alice", 1), ("carla", 1), ("eve", 2)],
                vec![],
                None,
            ),
            // The Restos hold its mandate: unanimity; the guest's other answer weighs nothing.
            (
                JointRule::Unanimity,
                &[("alice", 1), ("carla", 1), ("eve", 2)],
                vec![&bob_to_restos],
                Some(1),
            ),
            // Held by carla in person.
            (
                JointRule::Unanimity,
                &[("alice", 1), ("carla", 1)],
                vec![&bob_to_carla],
                Some(1),
            ),
            // Bob answers himself: the mandate is void, his answer stands.
            (
                JointRule::Unanimity,
                &[("alice", 1), ("carla", 1), ("bob", 2)],
                vec![&bob_to_restos],
                None,
            ),
            // Majority 3: the mandate makes the third association.
            (
                JointRule::Majority(3),
                &[("alice", 1), ("carla", 1)],
                vec![&bob_to_restos],
                Some(1),
            ),
            (
                JointRule::Majority(3),
                &[("alice", 1), ("carla", 1)],
                vec![],
                None,
            ),
            // Consent: the holder's answer is the giver's; a guest objecting changes nothing.
            (
                JointRule::Consent,
                &[("alice", 2), ("carla", 2), ("eve", 1)],
                vec![&bob_to_restos],
                Some(2),
            ),
        ];
        for (rule, answers, mandates, expected) in table {
            let counted = results_under(
                3,
                &choices(answers),
                &membership(),
                &guests,
                &associations(),
                deciding(rule),
            );
            let outcome = with_mandates(counted, &mandates, deciding(rule));
            let adopted = match outcome.joint {
                JointPosition::Adopted(option) => Some(option),
                _ => None,
            };
            assert_eq!(adopted, expected, "{rule:?} {answers:?} {}", mandates.len());
        }
    }

    #[test]
    fn every_association_agreeing_is_a_joint_position() {
        let results = results(
            3,
            &choices(&[("alice", 1), ("anne", 1), ("bob", 1), ("carla", 1)]),
            &membership(),
            &associations(),
        );
        assert_eq!(results.joint, JointPosition::Adopted(1));
        assert_eq!(results.respondents(), 4);
        assert_eq!(
            results.associations[0].1,
            Stance::Unanimous {
                option: 1,
                voters: vec![user("alice"), user("anne")]
            }
        );
    }

    #[test]
    fn a_missing_or_split_association_means_no_joint_position_yet() {
        let results = results(
            3,
            &choices(&[("alice", 1), ("anne", 2), ("bob", 1)]),
            &membership(),
            &associations(),
        );
        assert_eq!(
            results.joint,
            JointPosition::NotYet {
                missing: vec!["Secours Catholique".into()],
                split: vec!["Restos du Cœur".into()],
                disagreeing: false,
            }
        );
        assert_eq!(
            results.associations[0].1,
            Stance::Split(vec![(user("alice"), 1), (user("anne"), 2)])
        );
        assert_eq!(results.associations[2].1, Stance::Missing);
    }

    #[test]
    fn associations_that_disagree_have_no_joint_position() {
        let results = results(
            3,
            &choices(&[("alice", 1), ("bob", 2), ("carla", 1)]),
            &membership(),
            &associations(),
        );
        assert_eq!(
            results.joint,
            JointPosition::NotYet {
                missing: vec![],
                split: vec![],
                disagreeing: true,
            }
        );
    }

    #[test]
    fn guests_are_shown_apart_and_do_not_count_for_associations() {
        let results = results(
            2,
            &choices(&[("alice", 1), ("bob", 1), ("carla", 1), ("prefet", 2)]),
            &membership(),
            &associations(),
        );
        assert_eq!(results.guests, vec![(user("prefet"), 2)]);
        assert_eq!(results.joint, JointPosition::Adopted(1));
        assert_eq!(results.by_option[1], vec![user("prefet")]);
    }

    #[test]
    fn a_room_without_associations_has_no_joint_position_to_reach() {
        let results = results(2, &choices(&[("alice", 1)]), &HashMap::new(), &[]);
        assert_eq!(results.joint, JointPosition::NoAssociations);
        assert_eq!(results.guests, vec![(user("alice"), 1)]);
    }

    #[test]
    fn the_latest_answer_across_channels_decides_the_stance() {
        // Bob reacted "1", then answered the poll "2", then typed `!voter 1 2` again; Alice
        // answered after the end. Counted by the ballot's rules, then read here.
        let answer = |event: &str, who: &str, option: usize, channel, when: &str| Answer {
            event_id: EventId::new(event),
            voter: user(who),
            option: Some(option),
            channel,
            answered_at: at(when),
            if_need_be: false,
        };
        let answers = [
            answer("$1", "bob", 1, Channel::Reaction, "2026-12-01T10:00:00Z"),
            answer(
                "$2",
                "bob",
                2,
                Channel::PollResponse,
                "2026-12-01T10:05:00Z",
            ),
            answer("$3", "bob", 2, Channel::Command, "2026-12-01T10:06:00Z"),
            answer(
                "$4",
                "alice",
                1,
                Channel::PollResponse,
                "2026-12-01T13:00:00Z",
            ),
        ];
        let counted = count(&answers, Counting::SingleChoice, at("2026-12-01T12:00:00Z"));
        let results = results(2, &counted, &membership(), &associations());
        assert_eq!(
            results.associations[1].1,
            Stance::Unanimous {
                option: 2,
                voters: vec![user("bob")]
            }
        );
        assert_eq!(results.associations[0].1, Stance::Missing);
    }

    #[test]
    fn options_are_named_by_number_or_by_text() {
        let poll = Poll {
            id: PollId::new(1),
            number: 1,
            ballot: BallotId::new(1),
            author: user("alice"),
            question: "Q ?".into(),
            options: vec!["Pour".into(), "Contre".into(), "Abstention".into()],
            closes_at: None,
            closed_at: None,
            hidden: false,
            consent: false,
        };
        assert_eq!(poll.option_named("2"), Some(2));
        assert_eq!(poll.option_named("contre"), Some(2));
        assert_eq!(poll.option_named("ABSTENTION"), Some(3));
        assert_eq!(poll.option_named("4"), None);
        assert_eq!(poll.option_named("peut-être"), None);
    }

    #[test]
    fn answers_count_until_the_closing_or_the_passed_deadline() {
        let mut poll = Poll {
            id: PollId::new(1),
            number: 1,
            ballot: BallotId::new(1),
            author: user("alice"),
            question: "Q ?".into(),
            options: vec!["a".into(), "b".into()],
            closes_at: Some(at("2026-12-12T17:00:00Z")),
            closed_at: None,
            hidden: false,
            consent: false,
        };
        let before = at("2026-12-12T16:00:00Z");
        assert_eq!(poll.counts_until(before), before);
        assert_eq!(
            poll.counts_until(at("2026-12-13T09:00:00Z")),
            at("2026-12-12T17:00:00Z")
        );
        poll.closed_at = Some(at("2026-12-12T15:00:00Z"));
        assert_eq!(poll.counts_until(before), at("2026-12-12T15:00:00Z"));
    }
}
