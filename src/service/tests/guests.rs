//! Guests of a meeting: added with an address and a topic, listed masked, shown in
//! `!réunion`, the reminders and the minutes, removed by whoever added them or a moderator.

use super::*;

#[tokio::test]
async fn a_guest_belongs_to_a_meeting_and_their_address_is_never_shown_whole() {
    let (bot, _dir) = bot().await;
    let replies = run_all(
        &bot,
        &[
            (
                "@alice:localhost",
                "$p",
                "!réunion proposer 10/12 14h ; 17/12 14h",
            ),
            ("@alice:localhost", "$c", "!réunion clore 1"),
            (
                "@alice:localhost",
                "$g1",
                "!invité ajouter Mme Martin (ADSEA) martin@adsea77.example — jeunes migrants isolés",
            ),
            (
                "@bob:localhost",
                "$g2",
                "!guest add Mr Diallo (OFII) for 10/12 -- asylum procedures",
            ),
            ("@bob:localhost", "$g3", "!invité ajouter La MDS pour le 11/12"),
            ("@alice:localhost", "$l", "!invités"),
            ("@alice:localhost", "$m", "!réunion"),
            ("@bob:localhost", "$r1", "!invité retirer 1"),
            ("@alice:localhost", "$r2", "!invité retirer 1"),
            ("@alice:localhost", "$r3", "!invité retirer 5"),
            ("@alice:localhost", "$l2", "!guests"),
        ],
    )
    .await;
    for reply in &replies {
        assert!(
            !reply.contains("martin@adsea77"),
            "the address whole: {reply}"
        );
    }
    let n = replies.len();
    let [
        added,
        added_for_day,
        no_meeting,
        listed,
        overview,
        refused,
        removed,
        missing,
        after,
    ] = [
        n - 9,
        n - 8,
        n - 7,
        n - 6,
        n - 5,
        n - 4,
        n - 3,
        n - 2,
        n - 1,
    ]
    .map(|i| replies[i].as_str());
    assert!(
        added.contains("Invité n° 1 ajouté à la réunion du jeudi 10 décembre 2026 à 14 h")
            && added.contains("jeunes migrants isolés (m…@adsea77.example)"),
        "{added}"
    );
    assert!(added_for_day.contains("Invité n° 2"), "{added_for_day}");
    assert!(
        no_meeting.contains("Aucune réunion n'est fixée le 11/12/2026"),
        "{no_meeting}"
    );
    assert!(
        listed.contains("1. Mme Martin \\(ADSEA\\) — jeunes migrants isolés (m…@adsea77.example)")
            && listed.contains("2. Mr Diallo \\(OFII\\) — asylum procedures"),
        "{listed}"
    );
    assert!(
        overview.contains(
            "Intervenants : Mme Martin \\(ADSEA\\) — jeunes migrants isolés ; Mr Diallo \\(OFII\\) — asylum procedures"
        ),
        "{overview}"
    );
    assert!(
        refused.contains("Seule la personne qui a ajouté cet invité (ALICE)"),
        "{refused}"
    );
    assert!(
        removed.contains("Invité n° 1 retiré : Mme Martin \\(ADSEA\\)."),
        "{removed}"
    );
    assert!(missing.contains("pas d'invité n° 5"), "{missing}");
    assert!(
        after.contains("2. Mr Diallo") && !after.contains("Martin"),
        "{after}"
    );
    // The calendars got the guest in the updated invitation's description, not the address.
    let invitations: Vec<String> = bot
        .chat
        .sent()
        .into_iter()
        .filter_map(|sent| match sent.content {
            Content::File { mime, data, .. } if mime.starts_with("text/calendar") => {
                String::from_utf8(data).ok()
            }
            _ => None,
        })
        .collect();
    let updated = &invitations[1];
    assert!(
        updated
            .replace("\r\n ", "")
            .contains("Intervenants : Mme Martin (ADSEA) — jeunes migrants isolés"),
        "{updated}"
    );
    assert!(
        invitations.iter().all(|ics| !ics.contains("martin@")),
        "{invitations:?}"
    );
    // The address went with the guest.
    let mut tx = bot.store.begin().await.expect("tx");
    let meeting = tx
        .planned_meetings(&RoomId::new("!room"))
        .await
        .expect("meetings")
        .into_iter()
        .find(|meeting| meeting.starts_at.is_some())
        .expect("the dated meeting");
    let guests = tx.guests(meeting.id).await.expect("guests");
    assert!(
        guests.iter().all(|guest| guest.email.is_none()),
        "{guests:?}"
    );
}
