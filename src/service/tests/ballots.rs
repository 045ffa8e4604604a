//! Answers to ballots: reactions, redactions, and the reconciliation at start.

use super::meetings::proposal_with_associations;
use super::*;
use crate::domain::ballot::{Counting, choices_by_option, count};

#[tokio::test]
async fn reactions_vote_and_their_removal_withdraws_exactly_that_vote() {
    let (bot, _dir) = bot().await;
    let proposal = proposal_with_associations(&bot).await;
    let now = at("2026-11-29T18:10:00Z");
    for vote in [
        reaction("$a1", "@alice:localhost", proposal.as_str(), "1️⃣"),
        reaction("$a2", "@alice:localhost", proposal.as_str(), "2️⃣"),
        reaction("$b1", "@bob:localhost", proposal.as_str(), "1\u{20E3}"),
        reaction("$b2", "@bob:localhost", proposal.as_str(), "2️⃣"),
        reaction("$x", "@bob:localhost", proposal.as_str(), "👍"),
        reaction("$y", "@bob:localhost", "$elsewhere", "1️⃣"),
    ] {
        bot.handle(Incoming::Reaction(vote.clone()), now).await;
    }
    bot.handle(
        Incoming::Redaction {
            room: RoomId::new("!room"),
            redacted: EventId::new("$b1"),
        },
        now,
    )
    .await;
    bot.on_message(&from("@carla:localhost", "$v", "!réunion votes"), now)
        .await;
    let votes = bot.chat.notices().last().expect("reply").markdown.clone();
    let second = votes.find("2️⃣ jeudi 17").expect("option 2 listed");
    let first = votes.find("1️⃣ jeudi 10").expect("option 1 listed");
    assert!(
        second < first,
        "the date with both associations ranks first: {votes}"
    );
    assert!(
        votes.contains("2 personnes, 2 associations sur 2 — ✅ toutes les associations"),
        "{votes}"
    );
    assert!(votes.contains("1 personne, 1 association sur 2"), "{votes}");
    assert!(votes.contains("Manque : Croix-Rouge"), "{votes}");
    assert!(
        votes.contains("Toutes les associations sont représentées : 2️⃣."),
        "{votes}"
    );
}

#[tokio::test]
async fn votes_missed_during_a_long_outage_are_reconciled_with_the_server() {
    let (bot, _dir) = bot().await;
    let proposal = proposal_with_associations(&bot).await;
    let now = at("2026-11-29T18:10:00Z");
    for vote in [
        reaction("$a1", "@alice:localhost", proposal.as_str(), "1️⃣"),
        reaction("$b1", "@bob:localhost", proposal.as_str(), "1️⃣"),
    ] {
        bot.handle(Incoming::Reaction(vote.clone()), now).await;
    }
    // Meanwhile, unseen by the bot: Bob withdrew his vote for 1 and voted for 2.
    bot.chat.server_relations.lock().expect("lock").reactions = vec![
        reaction("$a1", "@alice:localhost", proposal.as_str(), "1️⃣"),
        reaction("$b2", "@bob:localhost", proposal.as_str(), "2️⃣"),
        reaction("$c", "@carla:localhost", proposal.as_str(), "🎉"),
    ];
    bot.service.reconcile_ballots(now).await.expect("reconcile");
    bot.service
        .reconcile_ballots(now)
        .await
        .expect("reconcile twice");

    let mut tx = bot.store.begin().await.expect("begin");
    let open = tx
        .open_proposal(&RoomId::new("!room"))
        .await
        .expect("query")
        .expect("open");
    let answers = tx.answers(open.ballot).await.expect("answers");
    let votes = choices_by_option(&count(
        &answers,
        Counting::Approval,
        at("2027-01-01T00:00:00Z"),
    ));
    assert_eq!(
        votes,
        vec![
            (1, UserId::new("@alice:localhost")),
            (2, UserId::new("@bob:localhost"))
        ]
    );
}

#[tokio::test]
async fn a_vote_the_bot_cannot_decrypt_at_start_is_not_taken_away() {
    let (bot, _dir) = bot().await;
    let proposal = proposal_with_associations(&bot).await;
    let now = at("2026-11-29T18:10:00Z");
    bot.handle(
        Incoming::Reaction(reaction("$a1", "@alice:localhost", proposal.as_str(), "1️⃣")),
        now,
    )
    .await;
    bot.handle(
        Incoming::Reaction(reaction("$b1", "@bob:localhost", proposal.as_str(), "1️⃣")),
        now,
    )
    .await;
    // At the next start the homeserver returns Alice's reaction still encrypted (its key is
    // not there yet), and Bob's reaction is gone (withdrawn while the bot was away).
    bot.chat
        .server_relations
        .lock()
        .expect("lock")
        .undecryptable = vec![EventId::new("$a1")];
    bot.service.reconcile_ballots(now).await.expect("reconcile");

    let mut tx = bot.store.begin().await.expect("begin");
    let open = tx
        .open_proposal(&RoomId::new("!room"))
        .await
        .expect("query")
        .expect("open");
    let answers = tx.answers(open.ballot).await.expect("answers");
    let voters: Vec<&str> = answers.iter().map(|answer| answer.voter.as_str()).collect();
    assert_eq!(voters, vec!["@alice:localhost"]);
}

/// A homeserver whose clock is ahead of the bot's stamps answers in the bot's future: they
/// count at once, as given now, and a ballot closed straight after keeps them.
#[tokio::test]
async fn an_answer_stamped_in_the_bots_future_counts_as_given_now() {
    let (bot, _dir) = bot().await;
    let proposal = proposal_with_associations(&bot).await;
    let now = at("2026-11-29T18:10:00Z");
    for (event, sender) in [("$a1", "@alice:localhost"), ("$b1", "@bob:localhost")] {
        let ahead = IncomingReaction {
            sent_at: at("2026-11-29T19:10:00Z"),
            ..reaction(event, sender, proposal.as_str(), "1️⃣")
        };
        bot.handle(Incoming::Reaction(ahead), now).await;
    }
    let a_second_later = at("2026-11-29T18:10:01Z");
    bot.on_message(
        &from("@carla:localhost", "$v", "!réunion votes"),
        a_second_later,
    )
    .await;
    let votes = bot.chat.notices().last().expect("reply").markdown.clone();
    assert!(
        votes.contains("2 personnes, 2 associations sur 2 — ✅ toutes les associations"),
        "{votes}"
    );
    let at_present = super::count(
        &bot,
        "SELECT COUNT(*) FROM answers WHERE answered_at LIKE '2026-11-29%18:10:00%'",
    )
    .await;
    assert_eq!(at_present, 2, "stored as given at the bot's present");
}
