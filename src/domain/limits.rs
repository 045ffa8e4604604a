//! Limits on what members send: the longest place of a meeting (the other lengths stand beside
//! what they limit: an agenda item, a poll, a decision), and how many commands one member may
//! send in a short time before the bot slows them down: a flood (a stuck client, a paste of fifty lines) gets one friendly answer, not fifty.
//!
//! Counted on the messages' own times, so that replaying a batch after a restart decides the
//! same way.

use std::collections::{HashMap, VecDeque};

use chrono::{DateTime, Duration, Utc};

use super::ids::{RoomId, UserId};

/// The longest place a meeting may have (an address, a room name).
pub const MAX_PLACE_LENGTH: usize = 200;

/// Commands a member may send within [`WINDOW`] and still be answered, unless configured.
pub const MAX_COMMANDS: usize = 20;
pub const WINDOW: Duration = Duration::seconds(60);

/// What one room may hold at most. Past a cap, the member is told which limit it is and how
/// to make room; nothing is added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cap {
    /// Agenda items not yet treated, in the next meeting's agenda: 200.
    OpenAgendaItems,
    /// Guests of one meeting: 30.
    GuestsPerMeeting,
    /// People known by e-mail in a room: 200.
    EmailPeople,
    /// Reminders still to ring in a room: 100.
    OpenReminders,
    /// Actions not done in a room: 300.
    OpenActions,
}

impl Cap {
    pub const fn limit(self) -> usize {
        match self {
            Cap::OpenAgendaItems | Cap::EmailPeople => 200,
            Cap::GuestsPerMeeting => 30,
            Cap::OpenReminders => 100,
            Cap::OpenActions => 300,
        }
    }

    /// How the texts name it.
    pub const fn key(self) -> &'static str {
        match self {
            Cap::OpenAgendaItems => "agenda",
            Cap::GuestsPerMeeting => "guests",
            Cap::EmailPeople => "email",
            Cap::OpenReminders => "reminders",
            Cap::OpenActions => "actions",
        }
    }

    /// Whether one more may be added beside the `count` already there.
    pub const fn allows_one_more(self, count: usize) -> bool {
        count < self.limit()
    }
}

/// What to do with a member's command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Answer,
    /// Too many: say so, once.
    SlowDown,
    /// Still too many after being told: record it, answer nothing.
    Ignore,
}

/// The members' recent commands, per room.
#[derive(Debug)]
pub struct RateLimiter {
    /// 0: no limit.
    max: usize,
    recent: HashMap<(RoomId, UserId), Member>,
    /// The map's size past which members quiet for a whole window are forgotten: it follows
    /// the members active lately, not every member of every room the bot ever served.
    prune_above: usize,
}

/// The smallest `prune_above`.
const PRUNE_FLOOR: usize = 256;

impl Default for RateLimiter {
    fn default() -> Self {
        Self::new(MAX_COMMANDS)
    }
}

#[derive(Debug, Default)]
struct Member {
    answered: VecDeque<DateTime<Utc>>,
    told: bool,
}

impl RateLimiter {
    /// At most `max` commands a minute per member; 0 for no limit.
    pub fn new(max: usize) -> Self {
        Self {
            max,
            recent: HashMap::new(),
            prune_above: PRUNE_FLOOR,
        }
    }

    /// Decides for a command `sender` sent at `at` in `room`.
    pub fn check(&mut self, room: &RoomId, sender: &UserId, at: DateTime<Utc>) -> Verdict {
        if self.max == 0 {
            return Verdict::Answer;
        }
        if self.recent.len() >= self.prune_above {
            self.recent.retain(|_, member| {
                member
                    .answered
                    .back()
                    .is_some_and(|last| at - *last < WINDOW)
            });
            // Twice what is left: pruning stays rare however many members are active.
            self.prune_above = (self.recent.len() * 2).max(PRUNE_FLOOR);
        }
        let member = self
            .recent
            .entry((room.clone(), sender.clone()))
            .or_default();
        while member
            .answered
            .front()
            .is_some_and(|first| at - *first >= WINDOW)
        {
            member.answered.pop_front();
        }
        if member.answered.len() < self.max {
            member.answered.push_back(at);
            member.told = false;
            return Verdict::Answer;
        }
        if member.told {
            Verdict::Ignore
        } else {
            member.told = true;
            Verdict::SlowDown
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_cap_allows_up_to_its_limit_and_not_one_more() {
        use super::Cap;
        for cap in [
            Cap::OpenAgendaItems,
            Cap::GuestsPerMeeting,
            Cap::EmailPeople,
            Cap::OpenReminders,
            Cap::OpenActions,
        ] {
            assert!(cap.allows_one_more(cap.limit() - 1), "{cap:?}");
            assert!(!cap.allows_one_more(cap.limit()), "{cap:?}");
        }
        assert_eq!(Cap::GuestsPerMeeting.limit(), 30);
        assert_eq!(Cap::OpenActions.limit(), 300);
    }

    use super::*;
    use crate::testing::at;

    #[test]
    fn members_quiet_for_a_window_are_forgotten_once_many_were_seen() {
        let mut limiter = RateLimiter::default();
        let start = at("2026-12-01T10:00:00Z");
        for n in 0..1000 {
            let room = RoomId::new(format!("!room{n}"));
            limiter.check(&room, &UserId::new("@a"), start);
        }
        // All within their window: all kept.
        assert_eq!(limiter.recent.len(), 1000);
        let later = start + WINDOW;
        for n in 0..PRUNE_FLOOR {
            let room = RoomId::new(format!("!other{n}"));
            limiter.check(&room, &UserId::new("@b"), later);
        }
        assert!(
            limiter.recent.len() <= PRUNE_FLOOR,
            "{}",
            limiter.recent.len()
        );
        // A member still within their window keeps their count.
        let mut busy = RateLimiter::new(2);
        let room = RoomId::new("!busy");
        busy.check(&room, &UserId::new("@c"), later);
        busy.check(&room, &UserId::new("@c"), later);
        for n in 0..PRUNE_FLOOR * 2 {
            busy.check(&RoomId::new(format!("!r{n}")), &UserId::new("@d"), later);
        }
        assert_eq!(
            busy.check(&room, &UserId::new("@c"), later),
            Verdict::SlowDown
        );
    }

    #[test]
    fn a_flood_gets_one_answer_then_silence_until_the_window_frees() {
        let mut limiter = RateLimiter::default();
        let (room, alice, bob) = (RoomId::new("!r"), UserId::new("@a"), UserId::new("@b"));
        let start = at("2026-12-01T10:00:00Z");
        let verdicts: Vec<Verdict> = (0..MAX_COMMANDS as i64 + 3)
            .map(|second| limiter.check(&room, &alice, start + Duration::seconds(second)))
            .collect();
        assert_eq!(verdicts[..MAX_COMMANDS], [Verdict::Answer; MAX_COMMANDS]);
        assert_eq!(verdicts[MAX_COMMANDS], Verdict::SlowDown);
        assert_eq!(
            verdicts[MAX_COMMANDS + 1..],
            [Verdict::Ignore, Verdict::Ignore]
        );
        // Others are not slowed down by Alice.
        assert_eq!(limiter.check(&room, &bob, start), Verdict::Answer);
        // A minute after her first command, Alice is answered again.
        assert_eq!(
            limiter.check(&room, &alice, start + WINDOW),
            Verdict::Answer
        );
        let mut unlimited = RateLimiter::new(0);
        assert!((0..100).all(|_| unlimited.check(&room, &alice, start) == Verdict::Answer));
    }
}
