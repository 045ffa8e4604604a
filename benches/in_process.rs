//! What the bot does by itself, without Matrix: commands through the grammar, the service and
//! SQLite (a real database file), tallies with 1 000 voters, the procès-verbal's PDF of a
//! 20-item meeting, a two-page joint letter and a sign-in sheet of sixty people (PDF), the
//! data exports (a room's decisions, everything kept about a member), and the personal page
//! of someone known by e-mail with ten open ballots.
//!
//! `cargo bench --bench in_process` (criterion; its report is in `target/criterion`).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{DateTime, Duration, TimeZone, Utc};
use concerto::domain::ballot::{Answer, Channel, Counting, choices_by_option, count};
use concerto::domain::messages::{Content, OutgoingMessage, UndecryptedEvent};
use concerto::domain::tokens::LinkKey;
use concerto::domain::votes::{Proposal, tally};
use concerto::domain::{BallotId, EventId, Language, ProposalId, RoomId, UserId, poll};
use concerto::i18n::Texts;
use concerto::service::{
    Chat, Decryption, Incoming, IncomingMessage, Relations, SendError, Service, ServiceSettings,
    Wakeups,
};
use concerto::storage::Store;
use criterion::{Criterion, criterion_group, criterion_main};

const VOTERS: usize = 1000;
const ASSOCIATIONS: [&str; 4] = [
    "Restos du Cœur",
    "Croix-Rouge",
    "Secours Catholique",
    "Secours populaire",
];

/// A room where nobody has a power level and nothing is ever sent (the sender is not run).
struct QuietRoom;

impl Chat for QuietRoom {
    async fn send(&self, _message: &OutgoingMessage) -> Result<EventId, SendError> {
        Ok(EventId::new("$sent"))
    }
    async fn power_level(&self, _room: &RoomId, _user: &UserId) -> i64 {
        0
    }
    async fn display_name(&self, _room: &RoomId, _user: &UserId) -> Option<String> {
        None
    }
    async fn members(&self, _room: &RoomId) -> Vec<(UserId, Option<String>)> {
        Vec::new()
    }
    async fn relations_of(&self, _room: &RoomId, _event: &EventId) -> Option<Relations> {
        None
    }
    fn own_id(&self) -> UserId {
        UserId::new("@concerto:localhost")
    }
    async fn may_post(&self, _room: &RoomId) -> bool {
        true
    }
    async fn room_name(&self, _room: &RoomId) -> Option<String> {
        None
    }
    async fn file_of(
        &self,
        _room: &RoomId,
        _event: &EventId,
    ) -> Option<concerto::domain::messages::ReceivedFile> {
        None
    }
    async fn create_group_room(
        &self,
        _spec: &concerto::domain::messages::GroupRoomSpec,
    ) -> Result<RoomId, SendError> {
        Err(SendError {
            permanent: true,
            reason: "no rooms are created in the benchmark".into(),
        })
    }
    async fn decrypt(&self, _event: &UndecryptedEvent) -> Decryption {
        Decryption::Pending
    }
}

fn at(seconds: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0)
        .single()
        .expect("a valid instant")
        + Duration::seconds(seconds)
}

fn voter(n: usize) -> UserId {
    UserId::new(format!("@member{n}:example.org"))
}

/// Each voter in one of the four associations.
fn membership() -> HashMap<UserId, String> {
    (0..VOTERS)
        .map(|n| (voter(n), ASSOCIATIONS[n % 4].to_owned()))
        .collect()
}

/// 1 000 voters; a third change their minds once, by another channel.
fn poll_answers() -> Vec<Answer> {
    let mut answers = Vec::new();
    for n in 0..VOTERS {
        answers.push(Answer {
            event_id: EventId::new(format!("$first{n}")),
            voter: voter(n),
            option: Some(1 + n % 3),
            channel: Channel::PollResponse,
            answered_at: at(n as i64),
            if_need_be: false,
        });
        if n % 3 == 0 {
            answers.push(Answer {
                event_id: EventId::new(format!("$again{n}")),
                voter: voter(n),
                option: Some(1 + (n + 1) % 3),
                channel: Channel::Reaction,
                answered_at: at(2000 + n as i64),
                if_need_be: false,
            });
        }
    }
    answers
}

/// 1 000 voters each approving one to three of four dates.
fn date_answers() -> Vec<Answer> {
    let mut answers = Vec::new();
    for n in 0..VOTERS {
        for option in 1..=(1 + n % 3) {
            answers.push(Answer {
                event_id: EventId::new(format!("${n}-{option}")),
                voter: voter(n),
                option: Some(1 + (n + option) % 4),
                channel: Channel::Reaction,
                answered_at: at(n as i64),
                if_need_be: false,
            });
        }
    }
    answers
}

fn tallies(c: &mut Criterion) {
    let associations: Vec<String> = ASSOCIATIONS.iter().map(|name| name.to_string()).collect();
    let membership = membership();
    let answers = poll_answers();
    c.bench_function("tally a poll, 1000 voters", |b| {
        b.iter(|| {
            let choices = count(&answers, Counting::SingleChoice, at(10_000));
            let results = poll::results(3, &choices, &membership, &associations);
            assert_eq!(results.respondents(), VOTERS);
            results
        })
    });

    let proposal = Proposal {
        id: ProposalId::new(1),
        ballot: BallotId::new(1),
        proposer: voter(0),
        command_event: EventId::new("$propose"),
        options: (0..4).map(|week| at(week * 7 * 86_400)).collect(),
    };
    let answers = date_answers();
    c.bench_function("tally a date proposal, 1000 voters", |b| {
        b.iter(|| {
            let choices: BTreeMap<UserId, BTreeSet<usize>> =
                count(&answers, Counting::Approval, at(10_000));
            let votes = choices_by_option(&choices);
            let ranked = tally(&proposal, &votes, &membership, &associations);
            assert_eq!(ranked.len(), 4);
            ranked
        })
    });
}

/// Sends `body` to `room` as member `n % 8` would, in event `event`, and has it handled.
async fn say_in(service: &Service<QuietRoom>, room: &RoomId, event: &str, n: usize, body: String) {
    let message = Incoming::Message(IncomingMessage {
        room: room.clone(),
        event_id: EventId::new(event),
        sender: voter(n % 8),
        body,
        sent_at: Utc::now(),
        thread: None,
        in_reply_to: None,
    });
    service.handle(&message, Utc::now()).await.expect("handled");
}

/// The bot's settings, without limits that a benchmark would hit.
fn settings() -> ServiceSettings {
    ServiceSettings {
        default_language: Language::Fr,
        max_command_age: Duration::days(365 * 10),
        time_zone: chrono_tz::Europe::Paris,
        web_url: None,
        undecryptable_notice_after: Duration::seconds(30),
        rhythm_lead_days: 21,
        email: false,
        max_commands_per_minute: 0,
        email_update_delay: Duration::zero(),
        email_limits: concerto::domain::email::DailyLimits {
            per_recipient: 10,
            per_room: 200,
        },
        links: LinkKey::from_secret("a benchmark's passphrase"),
        retention: concerto::domain::retention::Retention::default(),
        controllers: Vec::new(),
        privacy_contact: Some("dpo@exemple.org".into()),
        max_mandates_per_holder: concerto::domain::mandate::DEFAULT_MAX_PER_HOLDER,
        contacts_confirm_after_days: 365,
        letter_follow_up_days: 30,
        letter_reply_to: Some("concertation77@exemple.org".into()),
        letter_place: Some("Melun".into()),
    }
}

/// A service on a new database in `dir`, in a room where nothing is ever sent.
async fn quiet_service(dir: &std::path::Path) -> (Store, Service<QuietRoom>) {
    let store = Store::open(&dir.join("concerto.sqlite3"))
        .await
        .expect("database");
    let service = Service::new(
        store.clone(),
        Texts::new().expect("texts"),
        Arc::new(QuietRoom),
        settings(),
        Wakeups::default(),
        Utc::now(),
    );
    (store, service)
}

fn commands(c: &mut Criterion) {
    let runtime = tokio::runtime::Runtime::new().expect("tokio runtime");
    let dir = tempfile::tempdir().expect("temporary directory");
    let (_, service) = runtime.block_on(quiet_service(dir.path()));
    let service = Arc::new(service);
    let sequence = AtomicU64::new(0);
    let message = |room: &RoomId, body: &str| {
        let n = sequence.fetch_add(1, Ordering::Relaxed);
        Incoming::Message(IncomingMessage {
            room: room.clone(),
            event_id: EventId::new(format!("$command{n}")),
            sender: voter(n as usize % 8),
            body: body.to_owned(),
            sent_at: Utc::now(),
            thread: None,
            in_reply_to: None,
        })
    };
    // The list is read from a room with a usual agenda (ten items), not from the room where
    // the additions pile up.
    let usual = RoomId::new("!usual:example.org");
    runtime.block_on(async {
        for n in 1..=10 {
            let add = message(&usual, &format!("!agenda ajouter Point {n}"));
            service.handle(&add, Utc::now()).await.expect("handled");
        }
    });
    let mut group = c.benchmark_group("command through grammar, service and SQLite");
    for (index, body) in ["!aide", "!agenda ajouter Point de mesure", "!agenda"]
        .into_iter()
        .enumerate()
    {
        let adds = AtomicU64::new(0);
        group.bench_function(body, |b| {
            b.to_async(&runtime).iter(|| {
                let room = match body {
                    "!agenda" => usual.clone(),
                    // Additions go to a new room every 20 items: an agenda of usual length,
                    // not one of thousands that only a benchmark would build.
                    _ => RoomId::new(format!(
                        "!room{index}-{}:example.org",
                        adds.fetch_add(1, Ordering::Relaxed) / 20
                    )),
                };
                let message = message(&room, body);
                let service = Arc::clone(&service);
                async move { service.handle(&message, Utc::now()).await.expect("handled") }
            })
        });
    }
    group.finish();
}

/// The procès-verbal's PDF of a meeting of 20 items, each with two notes, 10 decisions and
/// 10 actions: the document `!compte-rendu` queues, made through the service and SQLite, then
/// printed as the sender prints it.
fn minutes_pdf(c: &mut Criterion) {
    let runtime = tokio::runtime::Runtime::new().expect("tokio runtime");
    let dir = tempfile::tempdir().expect("temporary directory");
    let printable = runtime.block_on(async {
        let (store, service) = quiet_service(dir.path()).await;
        let room = RoomId::new("!pv:example.org");
        let mut n = 0;
        let mut say = async |body: String| {
            n += 1;
            say_in(&service, &room, &format!("$pv{n}"), n, body).await;
        };
        for item in 1..=20 {
            say(format!(
                "!agenda ajouter Point {item} : œuvres sociales, hébergement d'urgence et aide alimentaire"
            ))
            .await;
        }
        let mut tx = store.begin().await.expect("begin");
        let meeting = tx.planned_meetings(&room).await.expect("meetings")[0].clone();
        tx.schedule_meeting(meeting.id, Utc::now() - Duration::hours(1), Utc::now())
            .await
            .expect("dated");
        tx.commit().await.expect("commit");
        for item in 1..=20 {
            for note in 1..=2 {
                say(format!(
                    "!agenda note {item} Note {note} : les associations s'accordent à écrire au Préfet avant la fin du trimestre, avec copie au Conseil départemental"
                ))
                .await;
            }
            say(format!("!agenda traité {item}")).await;
        }
        for number in 1..=10 {
            say(format!(
                "!décision Décision {number} : la concertation signe la lettre commune sur l'accueil des jeunes majeurs"
            ))
            .await;
            say(format!(
                "!action Croix-Rouge Préparer le dossier {number} avant le 20/12/2030"
            ))
            .await;
        }
        say("!compte-rendu".to_owned()).await;
        store
            .pending_messages()
            .await
            .expect("outbox")
            .into_iter()
            .find_map(|message| match message.content {
                Content::Pdf(printable) => Some(printable),
                _ => None,
            })
            .expect("the minutes' PDF queued")
    });
    assert!(printable.markdown.matches("   - Note").count() == 40);
    c.bench_function("print the minutes of a 20-item meeting (PDF)", |b| {
        b.iter(|| {
            let pdf = concerto::pdf::render(&printable).expect("printed");
            assert!(pdf.starts_with(b"%PDF-"));
            pdf
        })
    });
}

/// A joint letter of two pages, co-signed by four associations, as its PDF is printed once
/// they all approved (#36: ≤ 100 ms).
fn letter_pdf(c: &mut Criterion) {
    use concerto::domain::letter::{Frozen, Letter, LetterRecipient};
    use concerto::domain::minutes::{Approval, ApprovalState, fingerprint};
    let texts = Texts::new().expect("texts");
    let wording = concerto::replies::Wording::new(&texts, Language::Fr, chrono_tz::Europe::Paris);
    let paragraph = "Les associations de la concertation départementale constatent que les gymnases \
        réquisitionnés pour l'hébergement d'urgence ne permettent ni l'intimité des familles, ni la \
        scolarité des enfants, ni l'accompagnement social que la loi prévoit. ";
    let body: Vec<String> = (0..10).map(|_| paragraph.repeat(3)).collect();
    let now = Utc::now();
    let letter = Letter {
        number: 2,
        title: "Lettre au Préfet sur l'hébergement en gymnase".to_owned(),
        poll: Some(4),
        created_by: UserId::new("@alice:example.org"),
        created_at: now,
        version: 3,
        text: Some(format!("Monsieur le Préfet,\n\n{}", body.join("\n\n"))),
        recipients: vec![
            LetterRecipient {
                name: "Cabinet du Préfet".to_owned(),
                address: "cabinet@prefet77.example".to_owned(),
            },
            LetterRecipient {
                name: "Conseil départemental".to_owned(),
                address: "presidence@departement77.example".to_owned(),
            },
        ],
        frozen: None,
        sent_at: None,
        sent_by: None,
        answers: Vec::new(),
        followed_up_at: None,
    };
    let state = ApprovalState {
        approved: [
            "Restos du Cœur",
            "Croix-Rouge",
            "Secours Catholique",
            "Secours populaire",
        ]
        .map(|association| Approval {
            association: association.to_owned(),
            by: UserId::new("@alice:example.org"),
            at: now,
            by_mandate: None,
        })
        .to_vec(),
        awaited: Vec::new(),
    };
    let text = concerto::replies::letter_signed_text(&wording, &letter, &state, Some("Melun"), now);
    let frozen = Frozen {
        version: 3,
        fingerprint: fingerprint(&text),
        text,
        at: now,
    };
    let printable =
        concerto::replies::letter_printable(&wording, &letter, &frozen, Some("Concertation 77"));
    c.bench_function("print a two-page joint letter (PDF)", |b| {
        b.iter(|| {
            let pdf = concerto::pdf::render(&printable).expect("printed");
            assert!(pdf.starts_with(b"%PDF-"));
            pdf
        })
    });
}

/// The sign-in sheet of a training session with sixty people from four associations: two
/// pages of ruled lines (#37, #38: ≤ 100 ms).
fn sign_in_sheet_pdf(c: &mut Criterion) {
    use concerto::domain::training::{Training, TrainingFields, When};
    let texts = Texts::new().expect("texts");
    let wording = concerto::replies::Wording::new(&texts, Language::Fr, chrono_tz::Europe::Paris);
    let training = Training {
        id: 1,
        number: 3,
        fields: TrainingFields {
            title: "Accueil des personnes exilées".to_owned(),
            when: When::At(Utc::now()),
            place: Some("Melun, salle des fêtes".to_owned()),
            seats: Some(60),
            description: None,
        },
        organiser: "Croix-Rouge".to_owned(),
        created_by: UserId::new("@alice:example.org"),
        created_at: Utc::now(),
        ballot: None,
        cancelled_at: None,
    };
    let associations = [
        "Restos du Cœur",
        "Croix-Rouge",
        "Secours Catholique",
        "Secours populaire",
    ];
    let people: Vec<(String, String)> = (0..60)
        .map(|n| {
            (
                format!("Bénévole n° {n} Dupont-Lefèvre"),
                associations[n % 4].to_owned(),
            )
        })
        .collect();
    let printable = concerto::replies::sheet_printable(&wording, &training, people);
    c.bench_function("print a sign-in sheet of sixty people (PDF)", |b| {
        b.iter(|| {
            let pdf = concerto::pdf::render(&printable).expect("printed");
            assert!(pdf.starts_with(b"%PDF-"));
            pdf
        })
    });
}

/// Decisions and agenda items a member brought in the exports' benchmark.
const EXPORTED: usize = 200;

/// The data exports, on a room where one member recorded 200 decisions and proposed 200
/// agenda items (#38: ≤ 100 ms each): the decisions as CSV (`concerto export decisions`),
/// and everything kept about that member as Markdown and as JSON (`concerto export person`,
/// the copy `!mes-données` sends).
fn exports(c: &mut Criterion) {
    use concerto::export::{self, Format, Wording};
    let runtime = tokio::runtime::Runtime::new().expect("tokio runtime");
    let dir = tempfile::tempdir().expect("temporary directory");
    let room = RoomId::new("!exports:example.org");
    let store = runtime.block_on(async {
        let (store, service) = quiet_service(dir.path()).await;
        for n in 0..EXPORTED {
            // Member 0 says every one of them (`say_in` picks the member `n % 8`).
            let decision = format!("!décision Lettre commune n° {n} au Préfet sur l'hébergement");
            say_in(&service, &room, &format!("$decision{n}"), n * 8, decision).await;
            let item = format!("!agenda ajouter Point n° {n} : bilan des permanences");
            say_in(&service, &room, &format!("$item{n}"), n * 8, item).await;
        }
        store
    });
    let texts = Texts::new().expect("texts");
    let wording = Wording {
        texts: &texts,
        language: Language::Fr,
        time_zone: chrono_tz::Europe::Paris,
    };
    let member = voter(0);
    let mut group = c.benchmark_group("data export");
    group.bench_function("the decisions as CSV (200)", |b| {
        b.to_async(&runtime).iter(|| async {
            let mut out = Vec::new();
            export::decisions(&store, &room, None, Format::Csv, &wording, &mut out)
                .await
                .expect("exported");
            assert!(out.len() > EXPORTED * 40);
            out
        })
    });
    for (label, json) in [
        ("a member's data as Markdown (400 entries)", false),
        ("a member's data as JSON (400 entries)", true),
    ] {
        group.bench_function(label, |b| {
            b.to_async(&runtime).iter(|| async {
                let mut out = Vec::new();
                export::person(&store, member.as_str(), &wording, json, &mut out)
                    .await
                    .expect("exported");
                assert!(out.len() > EXPORTED * 40);
                out
            })
        });
    }
    group.finish();
}

/// Ballots open at once in the room of the personal page's benchmark: the date proposal and
/// nine polls.
const OPEN_BALLOTS: usize = 10;
/// Voters who answered each of them already.
const PAGE_VOTERS: usize = 200;

/// The personal page (`GET /r/<token>`) of someone known by e-mail, in a room with ten open
/// ballots (a proposal of ten dates, nine polls of four options) that 200 people answered:
/// served by the web's router in process, from the token's look-up to the rendered HTML.
fn personal_page(c: &mut Criterion) {
    use concerto::domain::email::EmailPerson;
    use concerto::domain::tokens::{LinkPurpose, NONCE_BYTES, Nonce};
    use tower::ServiceExt;

    let runtime = tokio::runtime::Runtime::new().expect("tokio runtime");
    let dir = tempfile::tempdir().expect("temporary directory");
    let database = dir.path().join("concerto.sqlite3");
    let room = RoomId::new("!links:example.org");
    let key = settings().links;
    let nonce = Nonce::from_random([7; NONCE_BYTES]);
    let token = key.token(LinkPurpose::Personal, &nonce).as_str().to_owned();
    let router = runtime.block_on(async {
        let (store, service) = quiet_service(dir.path()).await;
        let mut n = 0;
        let mut say = async |body: String| {
            n += 1;
            say_in(&service, &room, &format!("$links{n}"), n, body).await;
        };
        let dates: Vec<String> = (1..=10).map(|day| format!("{day}/12/2030 14h")).collect();
        say(format!("!réunion proposer {}", dates.join(" ; "))).await;
        for number in 1..OPEN_BALLOTS {
            say(format!(
                "!sondage Position {number} : signons-nous la lettre commune au Préfet ? | oui | non | pas encore | abstention"
            ))
            .await;
        }
        let mut tx = store.begin().await.expect("begin");
        let person = EmailPerson {
            id: 0,
            number: 0,
            address: "jean.ledoux@restosducoeur.example".into(),
            association: ASSOCIATIONS[0].into(),
            name: "Jean Ledoux".into(),
            added_by: voter(0),
            link: key.link(LinkPurpose::Personal, nonce.clone()),
            unsubscribe_link: key.link(
                LinkPurpose::Unsubscribe,
                Nonce::from_random([8; NONCE_BYTES]),
            ),
            unsubscribed: false,
        };
        tx.add_email_person(&room, &person, Utc::now())
            .await
            .expect("a person known by e-mail");
        let ballots: Vec<BallotId> = store
            .open_ballots()
            .await
            .expect("ballots")
            .into_iter()
            .map(|ballot| ballot.id)
            .collect();
        assert_eq!(ballots.len(), OPEN_BALLOTS);
        for (index, ballot) in ballots.iter().enumerate() {
            for n in 0..PAGE_VOTERS {
                let answer = Answer {
                    event_id: EventId::new(format!("$page{index}-{n}")),
                    voter: voter(n),
                    option: Some(1 + n % 4),
                    channel: Channel::Reaction,
                    answered_at: Utc::now() - Duration::minutes(1),
                    if_need_be: false,
                };
                tx.record_answer(*ballot, &answer).await.expect("answer");
            }
        }
        tx.commit().await.expect("commit");
        let state = concerto::web::WebState {
            store: Store::open_read_only(&database).await.expect("read-only"),
            texts: Arc::new(Texts::new().expect("texts")),
            default_language: Language::Fr,
            time_zone: chrono_tz::Europe::Paris,
            room_names: Arc::new(|_| Some("Concertation 77".to_owned())),
            member_names: Arc::new(|_| Box::pin(async { HashMap::new() })),
            links: key.clone(),
            clock: Arc::new(concerto::clock::SystemClock::new()),
            personal: None,
            contacts_confirm_after_days: 365,
            privacy: settings().privacy(),
        };
        concerto::web::router(Arc::new(state))
    });
    let path = format!("/r/{token}");
    c.bench_function("personal page, 10 open ballots (GET /r/<token>)", |b| {
        b.to_async(&runtime).iter(|| {
            let request = axum::http::Request::get(path.as_str())
                .body(axum::body::Body::empty())
                .expect("a request");
            let router = router.clone();
            async move {
                let response = router.oneshot(request).await.expect("served");
                assert_eq!(response.status(), 200);
                let body = axum::body::to_bytes(response.into_body(), 1 << 20)
                    .await
                    .expect("the page");
                assert_eq!(
                    body.windows(12).filter(|w| w == b"<form method").count(),
                    OPEN_BALLOTS
                );
                body
            }
        })
    });
}

criterion_group!(
    benches,
    tallies,
    commands,
    minutes_pdf,
    letter_pdf,
    sign_in_sheet_pdf,
    exports,
    personal_page
);
criterion_main!(benches);
