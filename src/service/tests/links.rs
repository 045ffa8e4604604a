//! The personal link of someone known by e-mail: their answers count for their association in
//! `!réunion votes` and a poll's results, the latest replaces the earlier one, and a form with
//! the wrong token, after the close, or with a renewed or revoked link is refused.

use super::*;
use crate::domain::email::EmailPerson;
use crate::domain::tokens::{LinkPurpose, TokenHash};
use crate::service::{LinkAnswer, LinkOutcome};

const ROOM: &str = "!room";
const NOW: &str = "2026-11-29T18:00:05Z";
/// Commands after the answers (an answer counts when given before the count).
const LATER: &str = "2026-11-29T18:01:00Z";

/// A person known by e-mail, with the tokens their e-mails and page carry.
struct Known {
    person: EmailPerson,
    token: String,
    form_token: String,
    unsubscribe_token: String,
}

async fn person(bot: &TestBot) -> Known {
    let mut tx = bot.store.begin().await.expect("begin");
    let people = tx.email_people(&RoomId::new(ROOM)).await.expect("people");
    let person = people.into_iter().next().expect("one person");
    let token = |purpose, nonce| bot.service.token(purpose, nonce).as_str().to_owned();
    Known {
        token: token(LinkPurpose::Personal, &person.link.nonce),
        form_token: token(LinkPurpose::Form, &person.link.nonce),
        unsubscribe_token: token(LinkPurpose::Unsubscribe, &person.unsubscribe_link.nonce),
        person,
    }
}

/// The room's associations, Marie Curie (Croix-Rouge) known by e-mail, then Alice's `command`
/// (`event`): returns Marie.
async fn marie_and(bot: &TestBot, event: &str, command: &str) -> Known {
    seed_alice_and_bob(bot).await;
    run_all(
        bot,
        &[
            (
                "@moderator:localhost",
                "$add",
                "!courriel ajouter marie@croix-rouge.example Croix-Rouge Marie Curie",
            ),
            ("@alice:localhost", event, command),
        ],
    )
    .await;
    person(bot).await
}

async fn proposal_ballot(bot: &TestBot) -> i64 {
    let mut tx = bot.store.begin().await.expect("begin");
    let proposal = tx.open_proposal(&RoomId::new(ROOM)).await.expect("query");
    proposal.expect("an open proposal").ballot.get()
}

async fn poll_ballot(bot: &TestBot) -> i64 {
    let mut tx = bot.store.begin().await.expect("begin");
    let poll = tx.poll(&RoomId::new(ROOM), 1).await.expect("query");
    poll.expect("poll 1").ballot.get()
}

async fn answer(bot: &TestBot, token: &str, form: &str) -> Option<LinkOutcome> {
    bot.service
        .answer_by_link(token, form, at(NOW))
        .await
        .expect("answered")
        .map(|LinkAnswer { outcome, .. }| outcome)
}

async fn subjects(bot: &TestBot) -> Vec<(String, String)> {
    bot.store
        .pending_emails()
        .await
        .expect("outbox")
        .into_iter()
        .map(|(email, _)| (email.subject, email.text))
        .collect()
}

#[tokio::test]
async fn a_personal_link_answer_counts_for_the_association_and_the_latest_replaces_the_earlier() {
    let (bot, _dir) = bot().await;
    let marie = marie_and(&bot, "$propose", "!réunion proposer 10/12 14h ; 17/12 14h").await;
    let token = marie.token.as_str().to_owned();
    let form = marie.form_token.as_str().to_owned();
    let ballot = proposal_ballot(&bot).await;

    // The proposal went to her by e-mail, with her own link.
    let link = format!("https://concertation.example.org/r/{token}");
    let emails = subjects(&bot).await;
    assert!(
        emails
            .iter()
            .any(|(subject, text)| subject.contains("Dates proposées") && text.contains(&link)),
        "{emails:?}"
    );

    assert_eq!(
        answer(
            &bot,
            &token,
            &format!("ballot={ballot}&form={form}&option=2")
        )
        .await,
        Some(LinkOutcome::Saved)
    );
    bot.on_message(
        &at_time("@alice:localhost", "$v1", "!réunion votes", LATER),
        at(LATER),
    )
    .await;
    let votes = reply_to(&bot, "$v1");
    let best = votes.split("\n- ").nth(1).unwrap_or_default();
    assert!(
        best.contains("17 décembre") && best.contains(r"Marie Curie \(par courriel\)"),
        "{votes}"
    );

    // Her latest form is her whole answer: date 1 now, not date 2.
    assert_eq!(
        answer(
            &bot,
            &token,
            &format!("ballot={ballot}&form={form}&option=1")
        )
        .await,
        Some(LinkOutcome::Saved)
    );
    let mut tx = bot.store.begin().await.expect("begin");
    let answers = tx
        .answers(crate::domain::BallotId::new(ballot))
        .await
        .expect("answers");
    drop(tx);
    let hers: Vec<_> = answers
        .iter()
        .filter(|answer| answer.voter == marie.person.voter())
        .map(|answer| answer.option)
        .collect();
    assert_eq!(hers, vec![Some(1)]);

    // Refused: another form token, none at all, a ballot that is not open.
    assert_eq!(
        answer(
            &bot,
            &token,
            &format!("ballot={ballot}&form=forged&option=1")
        )
        .await,
        Some(LinkOutcome::StaleForm)
    );
    assert_eq!(
        answer(&bot, &token, &format!("ballot={ballot}&option=1")).await,
        Some(LinkOutcome::StaleForm)
    );
    assert_eq!(
        answer(&bot, &token, &format!("ballot=999&form={form}&option=1")).await,
        Some(LinkOutcome::Closed)
    );
    assert_eq!(
        answer(&bot, "not-a-token", &format!("ballot={ballot}&form={form}")).await,
        None
    );

    // Counted for Croix-Rouge: with Alice on date 1, both associations are there.
    let presented = proposal_event(&bot, ballot).await;
    bot.handle(
        Incoming::Reaction(reaction("$r1", "@alice:localhost", &presented, "1️⃣")),
        at(LATER),
    )
    .await;
    bot.on_message(
        &at_time("@alice:localhost", "$v2", "!réunion votes", LATER),
        at(LATER),
    )
    .await;
    let votes = reply_to(&bot, "$v2");
    assert!(votes.contains("toutes les associations"), "{votes}");

    // Closed: answering afterwards is refused.
    bot.on_message(
        &at_time("@alice:localhost", "$close", "!réunion clore 1", LATER),
        at(LATER),
    )
    .await;
    assert_eq!(
        answer(
            &bot,
            &token,
            &format!("ballot={ballot}&form={form}&option=2")
        )
        .await,
        Some(LinkOutcome::Closed)
    );
}

/// The event id of the proposal's message, once sent.
async fn proposal_event(bot: &TestBot, ballot: i64) -> String {
    let mut tx = bot.store.begin().await.expect("begin");
    let ballot = tx
        .ballot(crate::domain::BallotId::new(ballot))
        .await
        .expect("ballot");
    ballot
        .event_id
        .expect("the proposal was sent")
        .as_str()
        .to_owned()
}

#[tokio::test]
async fn a_poll_takes_one_choice_by_link_shows_it_in_the_results_and_its_result_is_emailed() {
    let (bot, _dir) = bot().await;
    let marie = marie_and(
        &bot,
        "$poll",
        "!sondage Signons-nous la lettre ? | oui | non",
    )
    .await;
    let (token, form) = (marie.token.as_str(), marie.form_token.as_str());
    let ballot = poll_ballot(&bot).await;
    assert!(
        subjects(&bot)
            .await
            .iter()
            .any(|(subject, text)| subject.contains("Sondage n° 1")
                && text.contains("Signons-nous la lettre ?")
                && text.contains(&format!("/r/{token}"))),
        "{:?}",
        subjects(&bot).await
    );
    assert_eq!(
        answer(&bot, token, &format!("ballot={ballot}&form={form}")).await,
        Some(LinkOutcome::Invalid(
            crate::domain::personal::FormError::OneChoice
        ))
    );
    assert_eq!(
        answer(
            &bot,
            token,
            &format!("ballot={ballot}&form={form}&option=2")
        )
        .await,
        Some(LinkOutcome::Saved)
    );
    bot.on_message(
        &at_time("@bob:localhost", "$res", "!sondage résultats", LATER),
        at(LATER),
    )
    .await;
    let results = reply_to(&bot, "$res");
    assert!(
        results.contains(r"Marie Curie \(par courriel\)"),
        "{results}"
    );

    bot.on_message(
        &at_time("@alice:localhost", "$close", "!sondage clore 1", LATER),
        at(LATER),
    )
    .await;
    assert_eq!(
        answer(
            &bot,
            token,
            &format!("ballot={ballot}&form={form}&option=1")
        )
        .await,
        Some(LinkOutcome::Closed)
    );
    let emails = subjects(&bot).await;
    let result = emails
        .iter()
        .find(|(subject, _)| subject.contains("Résultat du sondage n° 1"))
        .map(|(_, text)| text.clone())
        .unwrap_or_default();
    assert!(result.contains("non : 1 voix"), "{emails:?}");
}

#[tokio::test]
async fn a_renewed_link_opens_nothing_with_the_old_token_and_a_removal_revokes_the_new_one() {
    let (bot, _dir) = bot().await;
    let before = marie_and(&bot, "$poll", "!sondage Signons-nous ?").await;
    let ballot = poll_ballot(&bot).await;
    let old = format!(
        "ballot={ballot}&form={}&option=1",
        before.form_token.as_str()
    );
    assert_eq!(
        answer(&bot, before.token.as_str(), &old).await,
        Some(LinkOutcome::Saved)
    );
    run_all(
        &bot,
        &[
            ("@alice:localhost", "$refused", "!email new-link 1"),
            ("@moderator:localhost", "$renew", "!courriel nouveau-lien 1"),
            ("@moderator:localhost", "$missing", "!email new-link 4"),
            (
                "@moderator:localhost",
                "$bad",
                "!courriel nouveau-lien Marie",
            ),
        ],
    )
    .await;
    assert!(reply_to(&bot, "$refused").contains("modérateur"));
    let renewed = reply_to(&bot, "$renew");
    assert!(
        renewed.contains("Marie Curie") && renewed.contains("l'ancien ne marche plus"),
        "{renewed}"
    );
    assert!(reply_to(&bot, "$missing").contains("pas de n° 4"));
    let bad = reply_to(&bot, "$bad");
    assert!(
        bad.contains("`!courriel nouveau-lien 1`"),
        "an example: {bad}"
    );
    let after = person(&bot).await;
    assert_ne!(after.token, before.token);
    assert_ne!(after.form_token, before.form_token);
    assert_eq!(answer(&bot, before.token.as_str(), &old).await, None);
    let new_form = format!(
        "ballot={ballot}&form={}&option=2",
        after.form_token.as_str()
    );
    assert_eq!(
        answer(&bot, after.token.as_str(), &new_form).await,
        Some(LinkOutcome::Saved)
    );
    let link = format!("/r/{}", after.token.as_str());
    assert!(
        subjects(&bot)
            .await
            .iter()
            .any(|(subject, text)| subject.contains("nouveau lien") && text.contains(&link)),
        "{:?}",
        subjects(&bot).await
    );

    // Removed: the link opens nothing, and her answer to the open poll is withdrawn.
    bot.on_message(
        &at_time(
            "@moderator:localhost",
            "$remove",
            "!courriel retirer 1",
            LATER,
        ),
        at(LATER),
    )
    .await;
    assert_eq!(answer(&bot, after.token.as_str(), &new_form).await, None);
    let mut tx = bot.store.begin().await.expect("begin");
    let answers = tx
        .answers(crate::domain::BallotId::new(ballot))
        .await
        .expect("answers");
    assert!(answers.is_empty(), "{answers:?}");
}

#[tokio::test]
async fn a_guest_unsubscribes_from_their_meetings_emails_and_the_room_is_told_once() {
    let (bot, _dir) = bot().await;
    seed_alice_and_bob(&bot).await;
    run_all(
        &bot,
        &[
            (
                "@alice:localhost",
                "$propose",
                "!réunion proposer 10/12 14h ; 17/12 14h",
            ),
            ("@alice:localhost", "$close", "!réunion clore 1"),
            (
                "@alice:localhost",
                "$guest",
                "!invité ajouter Mme Martin (ADSEA) martin@adsea77.example — jeunes majeurs",
            ),
        ],
    )
    .await;
    let room = RoomId::new(ROOM);
    let mut tx = bot.store.begin().await.expect("begin");
    let meeting = tx.planned_meetings(&room).await.expect("meetings")[0].clone();
    let guest = tx.guests(meeting.id).await.expect("guests")[0].clone();
    drop(tx);
    let link = guest
        .link
        .expect("a guest with an address has an unsubscribe link");
    let token = bot.service.token(LinkPurpose::Unsubscribe, &link.nonce);
    assert_eq!(link.hash, TokenHash::of(token.as_str()));
    let link = format!("https://concertation.example.org/u/{}", token.as_str());
    let waiting = bot.store.pending_emails().await.expect("outbox");
    assert!(
        waiting
            .iter()
            .any(|(email, _)| email.to_name == "Mme Martin (ADSEA)"
                && email.unsubscribe_url.as_deref() == Some(link.as_str())
                && email.text.contains(&link)),
        "{waiting:?}"
    );

    for _ in 0..2 {
        let done = bot
            .service
            .unsubscribe(token.as_str(), at(NOW))
            .await
            .expect("unsubscribed")
            .expect("a known token");
        assert_eq!(done.name, "Mme Martin (ADSEA)");
    }
    bot.deliver().await;
    let told: Vec<_> = bot
        .chat
        .notices()
        .into_iter()
        .filter(|notice| notice.markdown.contains("désinscrit"))
        .collect();
    assert_eq!(told.len(), 1, "told once: {told:?}");
    assert!(
        told[0].markdown.contains("Mme Martin"),
        "{}",
        told[0].markdown
    );
    let mut tx = bot.store.begin().await.expect("begin");
    let guest = tx.guests(meeting.id).await.expect("guests")[0].clone();
    assert_eq!(guest.email, None, "the address is deleted");
    let waiting = bot.store.pending_emails().await.expect("outbox");
    assert!(
        waiting
            .iter()
            .all(|(email, _)| email.to_name != "Mme Martin (ADSEA)"),
        "{waiting:?}"
    );
}

#[tokio::test]
async fn the_unsubscribe_link_in_an_email_header_does_not_open_the_personal_page() {
    let (bot, _dir) = bot().await;
    let marie = marie_and(&bot, "$propose", "!réunion proposer 10/12 14h ; 17/12 14h").await;
    assert_ne!(marie.unsubscribe_token, marie.token);
    let emails = bot.store.pending_emails().await.expect("outbox");
    let header = emails[0]
        .0
        .unsubscribe_url
        .clone()
        .expect("a List-Unsubscribe link");
    assert_eq!(
        header,
        format!(
            "https://concertation.example.org/u/{}",
            marie.unsubscribe_token.as_str()
        )
    );
    assert!(!header.contains(marie.token.as_str()));
    // The header's token answers nothing on the personal page, and unsubscribes.
    let ballot = proposal_ballot(&bot).await;
    let form = format!(
        "form={}&ballot={ballot}&choice=1",
        marie.form_token.as_str()
    );
    assert_eq!(
        answer(&bot, marie.unsubscribe_token.as_str(), &form).await,
        None
    );
    // Her personal token does open it (the same form gets an answer, whatever it is).
    assert!(answer(&bot, marie.token.as_str(), &form).await.is_some());
    assert!(
        bot.store
            .subscriber_of_token(&TokenHash::of(&marie.unsubscribe_token))
            .await
            .expect("lookup")
            .is_some()
    );
}

#[tokio::test]
async fn an_unsubscribed_address_is_erased_at_once_and_adding_it_again_is_told_so() {
    let (bot, _dir) = bot().await;
    let marie = marie_and(&bot, "$propose", "!réunion proposer 10/12 14h ; 17/12 14h").await;
    let done = bot
        .service
        .unsubscribe(&marie.unsubscribe_token, at(NOW))
        .await
        .expect("unsubscribed")
        .expect("a known token");
    assert_eq!(done.name, "Marie Curie");

    // Nothing of the address stays: not in her row, not in the people kept.
    let mut tx = bot.store.begin().await.expect("begin");
    let kept = tx
        .count_for_tests("SELECT count(*) FROM email_people WHERE address LIKE '%croix-rouge%'")
        .await;
    tx.commit().await.expect("commit");
    assert_eq!(kept, 0, "the address is erased");
    let people = bot
        .store
        .people_kept(&RoomId::new(ROOM))
        .await
        .expect("people");
    assert!(people.is_empty(), "{people:?}");

    run_all(
        &bot,
        &[
            ("@alice:localhost", "$list", "!courriels"),
            (
                "@moderator:localhost",
                "$again",
                "!courriel ajouter Marie@Croix-Rouge.example Croix-Rouge Marie Curie",
            ),
            ("@moderator:localhost", "$remove", "!courriel retirer 1"),
            (
                "@moderator:localhost",
                "$anew",
                "!courriel ajouter marie@croix-rouge.example Croix-Rouge Marie Curie",
            ),
        ],
    )
    .await;
    let list = reply_to(&bot, "$list");
    assert!(
        list.contains("Marie Curie") && list.contains("désinscrit"),
        "{list}"
    );
    assert!(!list.contains("m…@"), "no address to mask any more: {list}");
    assert!(list.contains("adresse effacée"), "{list}");
    let again = reply_to(&bot, "$again");
    assert!(
        again.contains("s'est désinscrite") && again.contains("`!courriel retirer 1`"),
        "{again}"
    );
    let anew = reply_to(&bot, "$anew");
    assert!(anew.contains("C'est noté : Marie Curie"), "{anew}");
}
