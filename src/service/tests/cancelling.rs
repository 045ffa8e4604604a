//! Cancelling: a proposal (its proposer or a moderator), a meeting and what calendars then
//! receive, and which of the two a bare `!réunion annuler` aims at.

use super::meetings::proposal_with_associations;
use super::*;

#[tokio::test]
async fn only_the_proposer_or_a_moderator_may_cancel_a_proposal() {
    let (bot, _dir) = bot().await;
    proposal_with_associations(&bot).await;
    let replies = run_all(
        &bot,
        &[
            ("@bob:localhost", "$x1", "!réunion annuler"),
            ("@alice:localhost", "$x2", "!réunion annuler"),
            ("@alice:localhost", "$x3", "!réunion annuler"),
        ],
    )
    .await;
    let n = replies.len();
    assert!(
        replies[n - 3].contains("(ALICE) ou un modérateur du salon peut annuler la proposition"),
        "{}",
        replies[n - 3]
    );
    assert!(
        replies[n - 2].contains("proposition de dates est annulée"),
        "{}",
        replies[n - 2]
    );
    assert!(
        replies[n - 1].contains("Il n'y a ni réunion fixée"),
        "{}",
        replies[n - 1]
    );
}

/// The invitation files sent so far, as text.
fn invitations(bot: &TestBot) -> Vec<String> {
    bot.chat
        .sent()
        .into_iter()
        .filter_map(|sent| match sent.content {
            Content::File { data, .. } => Some(String::from_utf8(data).expect("text")),
            _ => None,
        })
        .collect()
}

fn ics_line<'a>(ics: &'a str, key: &str) -> Option<&'a str> {
    ics.lines()
        .find(|line| line.starts_with(&format!("{key}:")))
        .map(|line| &line[key.len() + 1..])
}

#[tokio::test]
async fn calendars_follow_updates_and_the_cancellation_of_a_meeting() {
    let (bot, _dir) = bot().await;
    proposal_with_associations(&bot).await;
    let replies = run_all(
        &bot,
        &[
            ("@alice:localhost", "$c", "!réunion clore 1"),
            ("@alice:localhost", "$l", "!réunion lieu Mairie de Melun"),
            ("@alice:localhost", "$x", "!réunion annuler"),
        ],
    )
    .await;
    let files = invitations(&bot);
    assert_eq!(files.len(), 3, "invitation, update, cancellation");
    let sequences: Vec<Option<&str>> = files.iter().map(|ics| ics_line(ics, "SEQUENCE")).collect();
    assert_eq!(sequences, vec![Some("0"), Some("1"), Some("2")]);
    let methods: Vec<Option<&str>> = files.iter().map(|ics| ics_line(ics, "METHOD")).collect();
    assert_eq!(
        methods,
        vec![Some("REQUEST"), Some("REQUEST"), Some("CANCEL")]
    );
    assert_eq!(ics_line(&files[2], "STATUS"), Some("CANCELLED"));
    let uids: Vec<Option<&str>> = files.iter().map(|ics| ics_line(ics, "UID")).collect();
    assert!(
        uids.iter().all(|uid| *uid == uids[0] && uid.is_some()),
        "{uids:?}"
    );
    let cancelled = replies.last().expect("reply");
    assert!(
        cancelled.contains("annulée") && cancelled.contains("retirent"),
        "{cancelled}"
    );
}

#[tokio::test]
async fn with_a_dated_meeting_and_an_open_proposal_cancel_aims_at_what_the_sender_may_cancel() {
    let (bot, _dir) = bot().await;
    let replies = run_all(
        &bot,
        &[
            (
                "@alice:localhost",
                "$p1",
                "!réunion proposer 10/12/2026 14h ; 17/12/2026 14h",
            ),
            ("@alice:localhost", "$c1", "!réunion clore 1"),
            (
                "@bob:localhost",
                "$p2",
                "!réunion proposer 7/1/2027 14h ; 14/1/2027 14h",
            ),
            // Bob may cancel his proposal, not Alice's meeting.
            ("@bob:localhost", "$x1", "!réunion annuler"),
            (
                "@bob:localhost",
                "$p3",
                "!réunion proposer 7/1/2027 14h ; 14/1/2027 14h",
            ),
            // A moderator may cancel both: which?
            ("@moderator:localhost", "$x2", "!réunion annuler"),
            ("@moderator:localhost", "$x3", "!meeting cancel proposal"),
            ("@bob:localhost", "$x4", "!réunion annuler réunion"),
            ("@moderator:localhost", "$x5", "!réunion annuler réunion"),
            ("@alice:localhost", "$x6", "!réunion annuler"),
        ],
    )
    .await;
    let n = replies.len();
    let [
        bob_cancels,
        asked,
        moderator_cancels,
        bob_refused,
        meeting_cancelled,
    ] = [n - 7, n - 5, n - 4, n - 3, n - 2].map(|i| replies[i].as_str());
    let nothing_left = replies[n - 1].as_str();
    assert!(
        bob_cancels.contains("proposition de dates est annulée"),
        "{bob_cancels}"
    );
    assert!(
        asked.contains("Laquelle annuler ?")
            && asked.contains("jeudi 10 décembre 2026")
            && asked.contains("`!réunion annuler proposition`"),
        "{asked}"
    );
    assert!(
        moderator_cancels.contains("proposition de dates est annulée"),
        "{moderator_cancels}"
    );
    assert!(
        bob_refused.contains("(ALICE) ou un modérateur du salon peut annuler la réunion"),
        "{bob_refused}"
    );
    // The meeting was not touched by the proposal's cancellation; then the moderator cancels it.
    assert!(
        meeting_cancelled.contains("La réunion du jeudi 10 décembre 2026")
            && meeting_cancelled.contains("annulée"),
        "{meeting_cancelled}"
    );
    assert!(
        nothing_left.contains("Il n'y a ni réunion fixée ni proposition"),
        "{nothing_left}"
    );
}

#[tokio::test]
async fn cancelling_a_meeting_that_is_not_dated_points_at_the_proposal() {
    let (bot, _dir) = bot().await;
    let replies = run_all(
        &bot,
        &[
            (
                "@alice:localhost",
                "$p1",
                "!réunion proposer 10/12/2026 14h ; 17/12/2026 14h",
            ),
            ("@alice:localhost", "$x1", "!réunion annuler réunion"),
            ("@alice:localhost", "$x2", "!meeting cancel meeting"),
        ],
    )
    .await;
    let n = replies.len();
    assert!(
        replies[n - 2].contains("Aucune réunion n'est fixée")
            && replies[n - 2].contains("`!réunion annuler proposition`"),
        "{}",
        replies[n - 2]
    );
    // The proposal is still open.
    let votes = run_all(&bot, &[("@alice:localhost", "$v", "!réunion votes")]).await;
    assert!(
        votes
            .last()
            .expect("votes")
            .contains("Votes pour la prochaine réunion"),
        "{votes:?}"
    );
}
