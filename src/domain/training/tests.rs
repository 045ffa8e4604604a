use chrono::{NaiveDate, TimeZone};
use chrono_tz::Europe::Paris;
use proptest::prelude::*;

use super::*;
use crate::testing::at;

fn now() -> DateTime<Utc> {
    at("2026-12-07T10:00:00Z")
}

fn read(text: &str) -> Result<TrainingFields, TrainingProblem> {
    read_training(text, now(), Paris)
}

fn paris(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Paris
        .with_ymd_and_hms(y, m, d, h, min, 0)
        .single()
        .expect("a Paris time")
        .with_timezone(&Utc)
}

#[test]
fn a_session_reads_with_its_date_place_seats_and_description() {
    let fields = read(
        "Accueil des personnes exilées le 14/01 à 9h30 à Melun, salle Bleue places 12 — avec la Cimade",
    )
    .expect("a session");
    assert_eq!(fields.title, "Accueil des personnes exilées");
    assert_eq!(fields.when, When::At(paris(2027, 1, 14, 9, 30)));
    assert_eq!(fields.place.as_deref(), Some("Melun, salle Bleue"));
    assert_eq!(fields.seats, Some(12));
    assert_eq!(fields.description.as_deref(), Some("avec la Cimade"));
}

#[test]
fn in_english_and_on_a_whole_day() {
    let fields = read("First aid on 20/01/2027 at the Red Cross seats 8").expect("a session");
    assert_eq!(fields.title, "First aid");
    assert_eq!(
        fields.when,
        When::Day(NaiveDate::from_ymd_opt(2027, 1, 20).expect("a day"))
    );
    assert_eq!(fields.place.as_deref(), Some("the Red Cross"));
    assert_eq!(fields.seats, Some(8));
    let fields = read("Premiers secours le jeudi 14 janvier 14h").expect("a session");
    assert_eq!(fields.when, When::At(paris(2027, 1, 14, 14, 0)));
    assert_eq!(fields.place, None);
    assert_eq!(fields.seats, None);
}

#[test]
fn a_title_may_hold_the_date_word() {
    let fields = read("Accueillir le public le 14/01 14h").expect("a session");
    assert_eq!(fields.title, "Accueillir le public");
    assert_eq!(fields.when, When::At(paris(2027, 1, 14, 14, 0)));
}

#[test]
fn bad_sessions_say_what_is_wrong() {
    assert_eq!(read("Premiers secours"), Err(TrainingProblem::MissingDate));
    assert_eq!(
        read("Premiers secours le 01/12/2026 14h"),
        Err(TrainingProblem::InPast)
    );
    assert_eq!(
        read("Premiers secours le 01/12/2026"),
        Err(TrainingProblem::InPast)
    );
    assert_eq!(
        read("Premiers secours le 14/01 places 0"),
        Err(TrainingProblem::NoSeats)
    );
    assert_eq!(
        read("Premiers secours le 14/01 places douze"),
        Err(TrainingProblem::BadSeats {
            given: "douze".into()
        })
    );
    assert_eq!(
        read("Premiers secours le 14/01 places 99999999999999999999999"),
        Err(TrainingProblem::BadSeats {
            given: "99999999999999999999999".into()
        })
    );
    assert_eq!(read("le 14/01"), Err(TrainingProblem::MissingDate));
    assert!(matches!(
        read("Premiers secours le 31/02"),
        Err(TrainingProblem::BadDate(_))
    ));
    assert!(matches!(
        read(&format!("{} le 14/01", "x".repeat(MAX_TITLE_LENGTH + 1))),
        Err(TrainingProblem::TooLong {
            what: Part::Title,
            ..
        })
    ));
}

fn trainee(id: i64, who: Who, association: &str) -> Trainee {
    Trainee {
        id,
        who,
        association: association.into(),
        signed_up_by: UserId::new("@alice:example.org"),
        signed_up_at: now(),
        attended: false,
        email_person: None,
    }
}

#[test]
fn seats_go_by_order_and_a_withdrawal_moves_the_first_waiting_up() {
    let alice = trainee(
        1,
        Who::Member(UserId::new("@alice:example.org")),
        "Croix-Rouge",
    );
    let bob = trainee(
        2,
        Who::Member(UserId::new("@bob:example.org")),
        "Restos du Cœur",
    );
    let jean = trainee(3, Who::Named("Jean Dupont".into()), "Secours populaire");
    let marie = trainee(4, Who::Named("Marie".into()), "Secours populaire");
    let before = vec![alice.clone(), bob.clone(), jean.clone(), marie.clone()];
    let (seated, waiting) = places(&before, Some(2));
    assert_eq!(seated, &[alice.clone(), bob.clone()]);
    assert_eq!(waiting, &[jean.clone(), marie.clone()]);
    let after = vec![alice.clone(), jean.clone(), marie.clone()];
    assert_eq!(moved_up(&before, &after, Some(2)), vec![&jean]);
    // A waiting person's withdrawal moves nobody.
    let after = vec![alice.clone(), bob.clone(), marie.clone()];
    assert!(moved_up(&before, &after, Some(2)).is_empty());
    // Without a limit nobody waits.
    assert_eq!(places(&before, None).1.len(), 0);
}

#[test]
fn a_sign_up_is_known_by_member_or_by_name_accents_aside() {
    let jean = trainee(3, Who::Named("Jean Dupont".into()), "Secours populaire");
    assert!(jean.is(&Who::Named("jean  DUPONT".into()), None));
    assert!(jean.is(&Who::Named("Jean Dupont".into()), Some("secours Populaire")));
    assert!(!jean.is(&Who::Named("Jean Dupont".into()), Some("Croix-Rouge")));
    assert!(!jean.is(&Who::Member(UserId::new("@jean:example.org")), None));
    let helene = trainee(5, Who::Named("Hélène".into()), "Croix-Rouge");
    assert!(helene.is(&Who::Named("helene".into()), None));
}

#[test]
fn people_read_as_ids_and_names_with_their_association() {
    let people = read_people(
        "@alice:example.org Jean Dupont (Croix-Rouge) Marie Curie (Secours populaire), Paul",
    )
    .expect("people");
    assert_eq!(
        people,
        vec![
            TypedWho::Member(UserId::new("@alice:example.org")),
            TypedWho::Named {
                name: "Jean Dupont".into(),
                association: Some("Croix-Rouge".into())
            },
            TypedWho::Named {
                name: "Marie Curie".into(),
                association: Some("Secours populaire".into())
            },
            TypedWho::Named {
                name: "Paul".into(),
                association: None
            },
        ]
    );
    assert_eq!(
        read_people("Jean Dupont @alice:example.org").expect("people"),
        vec![
            TypedWho::Named {
                name: "Jean Dupont".into(),
                association: None
            },
            TypedWho::Member(UserId::new("@alice:example.org")),
        ]
    );
    assert_eq!(read_people("  ").expect("nobody"), vec![]);
    assert!(matches!(
        read_people("@alice"),
        Err(WhoProblem::BadMember { .. })
    ));
    assert_eq!(read_people("(Croix-Rouge)"), Err(WhoProblem::MissingName));
}

fn session(number: usize, organiser: &str, day: (i32, u32, u32), cancelled: bool) -> Training {
    Training {
        id: number as i64,
        number,
        fields: TrainingFields {
            title: "Formation".into(),
            when: When::Day(NaiveDate::from_ymd_opt(day.0, day.1, day.2).expect("a day")),
            place: None,
            seats: None,
            description: None,
        },
        organiser: organiser.into(),
        created_by: UserId::new("@alice:example.org"),
        created_at: now(),
        ballot: None,
        cancelled_at: cancelled.then(now),
    }
}

#[test]
fn the_summary_counts_sessions_organised_and_people_who_came_once_each() {
    let came = |id, who, association| Trainee {
        attended: true,
        ..trainee(id, who, association)
    };
    let jean = || Who::Named("Jean Dupont".into());
    let sessions = vec![
        (
            session(1, "Croix-Rouge", (2027, 1, 14), false),
            vec![
                came(1, jean(), "Secours populaire"),
                came(
                    2,
                    Who::Member(UserId::new("@bob:example.org")),
                    "Restos du Cœur",
                ),
                trainee(3, Who::Named("Absent".into()), "Secours populaire"),
            ],
        ),
        (
            session(2, "Croix-Rouge", (2027, 3, 1), false),
            vec![came(
                4,
                Who::Named("jean dupont".into()),
                "Secours populaire",
            )],
        ),
        (session(3, "Restos du Cœur", (2027, 4, 1), true), vec![]),
        (
            session(4, "Secours populaire", (2026, 12, 20), false),
            vec![came(5, jean(), "Secours populaire")],
        ),
    ];
    let year = summary(&sessions, 2027, Paris);
    assert_eq!(
        year.get("Croix-Rouge"),
        Some(&AssociationYear {
            organised: 2,
            trained: 0,
            attendances: 0
        })
    );
    assert_eq!(
        year.get("Secours populaire"),
        Some(&AssociationYear {
            organised: 0,
            trained: 1,
            attendances: 2
        })
    );
    assert_eq!(year.get("Restos du Cœur").map(|year| year.trained), Some(1));
    assert_eq!(summary(&sessions, 2026, Paris).len(), 1);
}

proptest! {
    #[test]
    fn no_text_makes_reading_a_session_panic(
        text in "[a-zA-Zé İẞ\u{212A}0-9/:h—-]{0,60}( le | on | à | places | — )?[0-9/ hàa-z]{0,20}"
    ) {
        let _ = read(&text);
        let _ = read_people(&text);
    }
}
