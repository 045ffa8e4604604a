//! Date proposals and their tally. Members vote for every date they can attend by reacting
//! with the option's number (1️⃣ 2️⃣ …) on the bot's proposal message.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Utc};

use super::association::same_association;
use super::ids::{BallotId, EventId, ProposalId, UserId};

/// The most options one proposal may have (one keycap each).
pub const MAX_OPTIONS: usize = 10;
/// The fewest: with one date there is nothing to choose.
pub const MIN_OPTIONS: usize = 2;

const KEYCAPS: [&str; MAX_OPTIONS] = ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣", "🔟"];

/// The reaction that votes for option `number` (1-based).
pub fn keycap(number: usize) -> Option<&'static str> {
    number
        .checked_sub(1)
        .and_then(|index| KEYCAPS.get(index).copied())
}

/// The option a reaction votes for, if it is one of the keycaps. Clients differ on the
/// invisible variation selector (U+FE0F), so it is ignored.
pub fn option_of_reaction(key: &str) -> Option<usize> {
    let bare: String = key.chars().filter(|c| *c != '\u{FE0F}').collect();
    KEYCAPS
        .iter()
        .position(|keycap| {
            keycap
                .chars()
                .filter(|c| *c != '\u{FE0F}')
                .collect::<String>()
                == bare
        })
        .map(|index| index + 1)
}

/// The reaction that says "if need be" (*si nécessaire*): the bot puts it under a proposal.
pub const IF_NEED_BE: &str = "🤷";

/// The reactions the bot puts under a proposal of `count` dates, so that answering is one
/// click: the dates' numbers, then 🤷 ("if need be").
pub fn proposal_reactions(count: usize) -> impl Iterator<Item = &'static str> {
    (1..=count).filter_map(keycap).chain([IF_NEED_BE])
}

/// What a reaction says "if need be" about: `Some(None)` for 🤷 alone (the person's next
/// number counts if need be), `Some(Some(n))` for 🤷 followed by a number ("🤷2", "🤷 2",
/// "🤷2️⃣"); `None` for any other reaction. Skin tones, genders and the variation selector
/// are read alike.
pub fn if_need_be_of_reaction(key: &str) -> Option<Option<usize>> {
    let bare: String = key
        .chars()
        .filter(|c| {
            !matches!(c, '\u{FE0F}' | '\u{200D}' | '\u{2640}' | '\u{2642}')
                && !('\u{1F3FB}'..='\u{1F3FF}').contains(c)
                && !c.is_whitespace()
        })
        .collect();
    let rest = bare.strip_prefix(IF_NEED_BE)?;
    if rest.is_empty() {
        return Some(None);
    }
    let number = option_of_reaction(rest).or_else(|| {
        rest.parse::<usize>()
            .ok()
            .filter(|number| (1..=MAX_OPTIONS).contains(number))
    })?;
    Some(Some(number))
}

/// A set of dates put to the room; members answer its ballot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    pub id: ProposalId,
    /// The bot's message members react to, and its answers.
    pub ballot: BallotId,
    pub proposer: UserId,
    /// The `!meeting propose` command.
    pub command_event: EventId,
    /// Option `n` is `options[n - 1]`.
    pub options: Vec<DateTime<Utc>>,
}

/// One option's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionResult {
    /// 1-based, as in the proposal.
    pub number: usize,
    pub starts_at: DateTime<Utc>,
    pub voters: Vec<UserId>,
    /// The room's associations with at least one member available (if need be included), in
    /// the room's order.
    pub covered: Vec<String>,
    /// Those of `covered` whose members are available only if need be.
    pub reserved: Vec<String>,
    /// The people available only if need be (not among `voters`).
    pub if_need_be: Vec<UserId>,
    /// The room's associations with nobody available.
    pub missing: Vec<String>,
}

impl OptionResult {
    /// Whether every association of the room can come (false when the room has none).
    pub fn all_covered(&self) -> bool {
        self.missing.is_empty() && !self.covered.is_empty()
    }

    /// How it ranks, the higher the better: associations that can come (if need be included),
    /// then those that can without reservation, then the people available without reservation.
    fn score(&self) -> (usize, usize, usize) {
        (
            self.covered.len(),
            self.covered.len() - self.reserved.len(),
            self.voters.len(),
        )
    }
}

/// Counts the votes of a proposal.
///
/// Rules:
/// - a person counts once per option, however many matching reactions they left;
/// - `votes` are the dates people can come to; `if_need_be` those they can come to only if
///   need be (a date in both counts as available);
/// - a person counts for the association the room maps them to; guests (no association)
///   count as people only;
/// - an association is covered by a date when one of its members is available, without
///   reservation or if need be; covered only if need be ("reserved") when none is available
///   without reservation;
/// - options are ranked by the number of associations covered, then by the number covered
///   without reservation (every association available without reservation first, then those
///   where some come only if need be), then by the number of people available without
///   reservation, then by date (earlier first).
///
/// `associations` is the room's list (host order first); associations only found in
/// `membership` are added after it.
pub fn tally(
    proposal: &Proposal,
    votes: &[(usize, UserId)],
    membership: &HashMap<UserId, String>,
    associations: &[String],
) -> Vec<OptionResult> {
    tally_with_reserve(proposal, votes, &[], membership, associations)
}

/// [`tally`] with the dates people can come to only if need be.
pub fn tally_with_reserve(
    proposal: &Proposal,
    votes: &[(usize, UserId)],
    if_need_be: &[(usize, UserId)],
    membership: &HashMap<UserId, String>,
    associations: &[String],
) -> Vec<OptionResult> {
    let mut all: Vec<String> = associations.to_vec();
    let mut extra: BTreeSet<&String> = membership.values().collect();
    extra.retain(|name| !all.contains(name));
    all.extend(extra.into_iter().cloned());

    let mut results: Vec<OptionResult> = proposal
        .options
        .iter()
        .enumerate()
        .map(|(index, starts_at)| {
            let number = index + 1;
            let mut voters: Vec<UserId> = votes
                .iter()
                .filter(|(option, _)| *option == number)
                .map(|(_, voter)| voter.clone())
                .collect();
            voters.sort();
            voters.dedup();
            let mut reserve: Vec<UserId> = if_need_be
                .iter()
                .filter(|(option, voter)| *option == number && !voters.contains(voter))
                .map(|(_, voter)| voter.clone())
                .collect();
            reserve.sort();
            reserve.dedup();
            let belongs = |people: &[UserId], association: &String| {
                people
                    .iter()
                    .any(|person| membership.get(person) == Some(association))
            };
            let (covered, missing): (Vec<String>, Vec<String>) =
                all.iter().cloned().partition(|association| {
                    belongs(&voters, association) || belongs(&reserve, association)
                });
            let reserved = covered
                .iter()
                .filter(|association| !belongs(&voters, association))
                .cloned()
                .collect();
            OptionResult {
                number,
                starts_at: *starts_at,
                voters,
                covered,
                reserved,
                if_need_be: reserve,
                missing,
            }
        })
        .collect();
    results.sort_by(|a, b| {
        b.score()
            .cmp(&a.score())
            .then(a.starts_at.cmp(&b.starts_at))
    });
    results
}

/// What `close` without a number takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    /// One option ranks first.
    Clear(usize),
    /// Several rank first equally (same associations and people counts): the room must say.
    Tie(Vec<usize>),
}

/// The best-ranked option of a tally, or the tied ones.
pub fn best(ranked: &[OptionResult]) -> Choice {
    let Some(first) = ranked.first() else {
        return Choice::Tie(Vec::new());
    };
    let tied: Vec<usize> = ranked
        .iter()
        .filter(|result| result.score() == first.score())
        .map(|result| result.number)
        .collect();
    if tied.len() == 1 {
        Choice::Clear(first.number)
    } else {
        Choice::Tie(tied)
    }
}

/// The members of `association`, by id, from who belongs to which association.
pub fn members_of(membership: &HashMap<UserId, String>, association: &str) -> Vec<UserId> {
    let mut members: Vec<UserId> = membership
        .iter()
        .filter(|(_, theirs)| same_association(theirs, association))
        .map(|(member, _)| member.clone())
        .collect();
    members.sort();
    members
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::at;

    fn user(name: &str) -> UserId {
        UserId::new(format!("@{name}:localhost"))
    }

    fn proposal(dates: &[&str]) -> Proposal {
        Proposal {
            id: ProposalId::new(1),
            ballot: BallotId::new(1),
            proposer: user("alice"),
            command_event: EventId::new("$cmd"),
            options: dates.iter().map(|date| at(date)).collect(),
        }
    }

    fn membership() -> HashMap<UserId, String> {
        [
            (user("alice"), "Restos du Cœur"),
            (user("anne"), "Restos du Cœur"),
            (user("bob"), "Croix-Rouge"),
            (user("carla"), "Secours Catholique"),
        ]
        .into_iter()
        .map(|(user, association)| (user, association.to_owned()))
        .collect()
    }

    fn associations() -> Vec<String> {
        [
            "Restos du Cœur",
            "Croix-Rouge",
            "Secours Catholique",
            "Secours populaire",
        ]
        .map(str::to_owned)
        .to_vec()
    }

    #[test]
    fn keycaps_read_with_or_without_the_variation_selector() {
        assert_eq!(option_of_reaction("1️⃣"), Some(1));
        assert_eq!(option_of_reaction("1\u{20E3}"), Some(1));
        assert_eq!(option_of_reaction("🔟"), Some(10));
        assert_eq!(option_of_reaction("👍"), None);
        assert_eq!(keycap(2), Some("2️⃣"));
        assert_eq!(keycap(0), None);
        assert_eq!(keycap(11), None);
    }

    #[test]
    fn associations_rank_before_people() {
        let proposal = proposal(&["2026-12-10T13:00:00Z", "2026-12-17T13:00:00Z"]);
        // Option 1: three people of one association; option 2: two people of two.
        let votes = vec![
            (1, user("alice")),
            (1, user("anne")),
            (1, user("guest")),
            (2, user("alice")),
            (2, user("bob")),
        ];
        let ranked = tally(&proposal, &votes, &membership(), &associations());
        assert_eq!(ranked[0].number, 2);
        assert_eq!(ranked[0].covered, vec!["Restos du Cœur", "Croix-Rouge"]);
        assert_eq!(
            ranked[0].missing,
            vec!["Secours Catholique", "Secours populaire"]
        );
        assert_eq!(ranked[1].voters.len(), 3, "the guest counts as a person");
        assert_eq!(best(&ranked), Choice::Clear(2));
    }

    #[test]
    fn a_person_counts_once_per_option() {
        let proposal = proposal(&["2026-12-10T13:00:00Z", "2026-12-17T13:00:00Z"]);
        let votes = vec![(1, user("alice")), (1, user("alice")), (2, user("bob"))];
        let ranked = tally(&proposal, &votes, &membership(), &associations());
        let first = ranked.iter().find(|r| r.number == 1).expect("option 1");
        assert_eq!(first.voters, vec![user("alice")]);
    }

    #[test]
    fn equal_options_are_a_tie_listed_by_date() {
        let proposal = proposal(&[
            "2026-12-17T13:00:00Z",
            "2026-12-10T13:00:00Z",
            "2026-12-24T13:00:00Z",
        ]);
        let votes = vec![(1, user("alice")), (2, user("bob")), (3, user("guest"))];
        let ranked = tally(&proposal, &votes, &membership(), &associations());
        assert_eq!(best(&ranked), Choice::Tie(vec![2, 1]));
    }

    #[test]
    fn every_association_covered_is_recognised() {
        let proposal = proposal(&["2026-12-10T13:00:00Z", "2026-12-17T13:00:00Z"]);
        let mut membership = membership();
        membership.insert(user("dora"), "Secours populaire".into());
        let votes = vec![
            (1, user("alice")),
            (1, user("bob")),
            (1, user("carla")),
            (1, user("dora")),
            (2, user("alice")),
        ];
        let ranked = tally(&proposal, &votes, &membership, &associations());
        assert!(ranked[0].all_covered());
        assert!(!ranked[1].all_covered());
    }

    #[test]
    fn associations_known_only_from_members_are_counted_too() {
        let proposal = proposal(&["2026-12-10T13:00:00Z", "2026-12-17T13:00:00Z"]);
        let ranked = tally(&proposal, &[(1, user("bob"))], &membership(), &[]);
        assert_eq!(ranked[0].covered, vec!["Croix-Rouge"]);
        assert_eq!(
            ranked[0].missing,
            vec!["Restos du Cœur", "Secours Catholique"]
        );
    }

    /// A date every association can come to without reservation ranks before one where an
    /// association comes only if need be, which ranks before one an association cannot make.
    #[test]
    fn if_need_be_ranks_after_firm_and_before_missing() {
        let proposal = proposal(&[
            "2026-12-10T13:00:00Z",
            "2026-12-11T13:00:00Z",
            "2026-12-12T13:00:00Z",
        ]);
        let associations: Vec<String> = ["Restos du Cœur", "Croix-Rouge", "Secours Catholique"]
            .map(str::to_owned)
            .to_vec();
        // Date 1: Bob only if need be; date 2: everyone firm but Carla; date 3: all firm.
        let firm = [
            (1, user("alice")),
            (1, user("carla")),
            (2, user("alice")),
            (2, user("bob")),
            (3, user("alice")),
            (3, user("bob")),
            (3, user("carla")),
        ];
        let if_need_be = [(1, user("bob")), (3, user("anne"))];
        let ranked =
            tally_with_reserve(&proposal, &firm, &if_need_be, &membership(), &associations);
        let order: Vec<usize> = ranked.iter().map(|result| result.number).collect();
        assert_eq!(order, vec![3, 1, 2]);
        assert_eq!(ranked[1].reserved, vec!["Croix-Rouge".to_owned()]);
        assert_eq!(ranked[1].if_need_be, vec![user("bob")]);
        assert!(ranked[1].all_covered());
        assert!(
            ranked[0].reserved.is_empty(),
            "Anne's Restos are there anyway"
        );
        assert_eq!(best(&ranked), Choice::Clear(3));
    }

    #[test]
    fn the_shrug_reads_alone_or_with_a_number() {
        assert_eq!(if_need_be_of_reaction("🤷"), Some(None));
        assert_eq!(if_need_be_of_reaction("🤷‍♂️"), Some(None));
        assert_eq!(if_need_be_of_reaction("🤷2"), Some(Some(2)));
        assert_eq!(if_need_be_of_reaction("🤷 🔟"), Some(Some(10)));
        assert_eq!(if_need_be_of_reaction("🤷11"), None);
        assert_eq!(if_need_be_of_reaction("🤷x"), None);
        assert_eq!(if_need_be_of_reaction("2️⃣"), None);
        let keys: Vec<&str> = proposal_reactions(2).collect();
        assert_eq!(keys, vec!["1️⃣", "2️⃣", "🤷"]);
    }
}
