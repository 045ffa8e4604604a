//! `concerto-tour`: the demo that plays itself (`scripts/demo --tour`). Four demo members of
//! four associations, each with a real Matrix client, meet the running bot in a new encrypted
//! room and go through a short meeting cycle: who represents whom, the agenda (one item urgent),
//! a date proposal voted with reactions and closed, a poll on a joint position, a decision, a
//! reminder that rings. The conversation is printed as it happens, as one member's client shows
//! it: the bot's real answers, in plain text.
//!
//! It stops at the first thing that does not come (with what it waited for), so that the test
//! suite can run it in its short mode (`--short`: no pauses) and trust its exit status. The
//! first member's device turns key backup on: a client that logs in afterwards as that member
//! reads the tour's messages once given the recovery key printed at the end.

mod plain;
mod transcript;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, bail};
use chrono::{Days, Utc};
use clap::Parser;
use matrix_sdk::config::SyncSettings;
use matrix_sdk::deserialized_responses::TimelineEventKind;
use matrix_sdk::encryption::recovery::RecoveryState;
use matrix_sdk::room::MessagesOptions;
use matrix_sdk::ruma::api::client::room::create_room::v3::{Request as CreateRoom, RoomPreset};
use matrix_sdk::ruma::api::client::uiaa::{
    AuthData, MatrixUserIdentifier, Password, UserIdentifier,
};
use matrix_sdk::ruma::events::InitialStateEvent;
use matrix_sdk::ruma::events::poll::unstable_response::UnstablePollResponseEventContent;
use matrix_sdk::ruma::events::reaction::ReactionEventContent;
use matrix_sdk::ruma::events::relation::Annotation;
use matrix_sdk::ruma::events::room::encryption::RoomEncryptionEventContent;
use matrix_sdk::ruma::events::room::member::{MembershipState, OriginalSyncRoomMemberEvent};
use matrix_sdk::ruma::events::room::message::RoomMessageEventContent;
use matrix_sdk::ruma::{OwnedEventId, OwnedUserId, RoomId, UserId};
use matrix_sdk::{Client, Room};
use tokio::sync::watch;

use transcript::{Seen, Transcript, What};

/// Plays a short meeting cycle with the running bot and prints it.
#[derive(Parser)]
struct Args {
    /// The homeserver's address.
    #[arg(long)]
    homeserver: String,
    /// The bot's Matrix id.
    #[arg(long, default_value = "@concerto:localhost")]
    bot: OwnedUserId,
    /// The demo members' password (the same for the four).
    #[arg(long)]
    password: String,
    /// No pauses between messages (for the test suite).
    #[arg(long)]
    short: bool,
}

/// The four demo members: login, display name, association. The first one creates the room,
/// is its moderator, and is the one a real client can log in as afterwards.
const MEMBERS: [(&str, &str, &str); 4] = [
    ("demo", "Dominique", "Secours populaire"),
    ("claire", "Claire", "Restos du Cœur"),
    ("marc", "Marc", "Croix-Rouge"),
    ("sophie", "Sophie", "Secours Catholique"),
];
const DOMINIQUE: usize = 0;
const CLAIRE: usize = 1;
const MARC: usize = 2;
const SOPHIE: usize = 3;

/// How long a member seems to take to type, in the tour that people watch.
const TYPING: Duration = Duration::from_millis(1500);

struct Member {
    client: Client,
    user_id: OwnedUserId,
    room: Option<Room>,
    /// Whether this member's client has seen the bot join: what it sends from then on is
    /// encrypted for the bot too.
    bot_joined: watch::Receiver<bool>,
}

struct Tour {
    members: Vec<Member>,
    transcript: Arc<Transcript>,
    bot: OwnedUserId,
    pause: Duration,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let names: HashMap<OwnedUserId, String> = MEMBERS
        .iter()
        .map(|(login, name, association)| {
            (
                member_id(login, &args.bot),
                format!("{name} ({association})"),
            )
        })
        .chain([(args.bot.clone(), "Concerto".to_owned())])
        .collect();
    let transcript = Arc::new(Transcript::new(names, args.bot.clone()));

    let mut members = Vec::new();
    for (index, (login, name, _)) in MEMBERS.iter().enumerate() {
        let member = log_in(
            &args,
            login,
            name,
            (index == DOMINIQUE).then_some(&transcript),
        )
        .await
        .with_context(|| format!("logging in as {login}"))?;
        members.push(member);
    }
    let recovery_key = turn_backup_on(&members[DOMINIQUE].client, &args)
        .await
        .context("turning key backup on for the first member")?;

    let mut tour = Tour {
        members,
        transcript,
        bot: args.bot.clone(),
        pause: if args.short { Duration::ZERO } else { TYPING },
    };
    tour.meet().await?;
    tour.play().await?;

    let unencrypted = tour.transcript.unencrypted();
    if !unencrypted.is_empty() {
        bail!("these came unencrypted: {unencrypted:#?}");
    }
    let backups = tour.members[DOMINIQUE].client.encryption().backups();
    tokio::time::timeout(transcript::PATIENCE, backups.wait_for_steady_state())
        .await
        .context("backing the room keys up takes too long")?
        .context("backing the room keys up")?;
    let room_id = tour.room(DOMINIQUE)?.room_id().to_owned();
    let read = read_again(&args, &recovery_key, &room_id)
        .await
        .context("reading the room again from a new device with the recovery key")?;
    println!();
    println!(
        "Les messages et les sondages de ce salon sont chiffrés de bout en bout. Pour les relire"
    );
    println!(
        "dans un client Matrix sous le nom “demo”, donnez-lui cette clé de récupération quand"
    );
    println!("il demande de vérifier l'appareil (“Utiliser une clé de récupération”) :");
    println!("    {recovery_key}");
    println!("(Essayé : un nouvel appareil de “demo” relit ainsi les {read} derniers messages.)");
    Ok(())
}

/// What a client that logs in afterwards as the first member does with the recovery key: it
/// opens the key backup and decrypts the room's history. Returns how many encrypted events it
/// read; fails if one stays unreadable.
async fn read_again(args: &Args, key: &str, room_id: &RoomId) -> anyhow::Result<usize> {
    let client = Client::builder()
        .homeserver_url(&args.homeserver)
        .build()
        .await?;
    client
        .matrix_auth()
        .login_username(MEMBERS[DOMINIQUE].0, &args.password)
        .initial_device_display_name("Concerto : essai de la clé de récupération")
        .send()
        .await?;
    client.sync_once(SyncSettings::default()).await?;
    client.encryption().recovery().recover(key).await?;
    client
        .encryption()
        .backups()
        .download_room_keys_for_room(room_id)
        .await?;
    let room = client
        .get_room(room_id)
        .context("the room, seen from the new device")?;
    let mut options = MessagesOptions::backward();
    options.limit = 50u32.into();
    let history = room.messages(options).await?;
    let mut read = 0;
    for event in &history.chunk {
        match &event.kind {
            TimelineEventKind::Decrypted(_) => read += 1,
            TimelineEventKind::UnableToDecrypt { utd_info, .. } => {
                bail!("an event stays unreadable: {utd_info:?}")
            }
            TimelineEventKind::PlainText { .. } => {}
        }
    }
    client.matrix_auth().logout().await?;
    if read == 0 {
        bail!("nothing encrypted in the room's history");
    }
    Ok(read)
}

fn member_id(login: &str, bot: &UserId) -> OwnedUserId {
    let id = format!("@{login}:{}", bot.server_name());
    UserId::parse(id).expect("a demo member's id is valid")
}

/// Logs a member in (a new device, its keys uploaded by a first sync) and keeps its client
/// syncing. The observer's client reports the room to the transcript.
async fn log_in(
    args: &Args,
    login: &str,
    name: &str,
    observer: Option<&Arc<Transcript>>,
) -> anyhow::Result<Member> {
    let client = Client::builder()
        .homeserver_url(&args.homeserver)
        .build()
        .await?;
    client
        .matrix_auth()
        .login_username(login, &args.password)
        .initial_device_display_name("Visite guidée de Concerto")
        .send()
        .await?;
    client.account().set_display_name(Some(name)).await?;
    if let Some(transcript) = observer {
        transcript.listen(&client);
    }
    let (joined, bot_joined) = watch::channel(false);
    let bot = args.bot.clone();
    client.add_event_handler(move |event: OriginalSyncRoomMemberEvent| {
        let joined = joined.clone();
        let bot = bot.clone();
        async move {
            if event.state_key == bot && event.content.membership == MembershipState::Join {
                joined.send_replace(true);
            }
        }
    });
    client.sync_once(SyncSettings::default()).await?;
    let syncing = client.clone();
    tokio::spawn(async move {
        // A plain loop: the SDK's `sync()` sleeps a second after each quick sync.
        let settings = SyncSettings::default().timeout(Duration::from_secs(10));
        loop {
            if syncing.sync_once(settings.clone()).await.is_err() {
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
        }
    });
    let user_id = client.user_id().context("logged in")?.to_owned();
    Ok(Member {
        client,
        user_id,
        room: None,
        bot_joined,
    })
}

/// Cross-signs the member's device and turns key backup and recovery on; returns the
/// recovery key.
async fn turn_backup_on(client: &Client, args: &Args) -> anyhow::Result<String> {
    let encryption = client.encryption();
    if let Err(error) = encryption.bootstrap_cross_signing_if_needed(None).await {
        // The homeserver may ask for the password first.
        let Some(uiaa) = error.as_uiaa_response() else {
            return Err(error.into());
        };
        let user = client
            .user_id()
            .context("logged in")?
            .localpart()
            .to_owned();
        let mut password = Password::new(
            UserIdentifier::Matrix(MatrixUserIdentifier::new(user)),
            args.password.clone(),
        );
        password.session = uiaa.session.clone();
        encryption
            .bootstrap_cross_signing(Some(AuthData::Password(password)))
            .await?;
    }
    let recovery = encryption.recovery();
    let mut states = recovery.state_stream();
    let mut state = recovery.state();
    while state == RecoveryState::Unknown {
        use futures_util::StreamExt;
        state = states
            .next()
            .await
            .context("the recovery state never came")?;
    }
    Ok(recovery.enable().await?)
}

impl Tour {
    fn room(&self, who: usize) -> anyhow::Result<&Room> {
        self.members[who]
            .room
            .as_ref()
            .context("not in the room yet")
    }

    /// The first member creates the group's encrypted room and invites the bot and the
    /// others, who join; then everyone waits for the bot to be there.
    async fn meet(&mut self) -> anyhow::Result<()> {
        heading("Le salon du groupe, chiffré de bout en bout : la concertation y invite Concerto");
        let mut request = CreateRoom::new();
        request.name = Some("Concertation (démo)".to_owned());
        request.preset = Some(RoomPreset::PrivateChat);
        request.invite = std::iter::once(self.bot.clone())
            .chain(
                self.members
                    .iter()
                    .skip(1)
                    .map(|member| member.user_id.clone()),
            )
            .collect();
        request.initial_state = vec![
            InitialStateEvent::with_empty_state_key(
                RoomEncryptionEventContent::with_recommended_defaults(),
            )
            .to_raw_any(),
        ];
        let mark = self.transcript.mark();
        let room = self.members[DOMINIQUE].client.create_room(request).await?;
        self.transcript.follow(&room);
        let room_id = room.room_id().to_owned();
        self.members[DOMINIQUE].room = Some(room);
        for member in self.members.iter_mut().skip(1) {
            member.room = Some(member.client.join_room_by_id(&room_id).await?);
        }
        self.transcript
            .wait_for_bot(mark, "the bot's welcome", |what| {
                matches!(what, What::Message { .. })
            })
            .await?;
        for member in &mut self.members {
            let joined = member.bot_joined.wait_for(|joined| *joined);
            tokio::time::timeout(transcript::PATIENCE, joined)
                .await
                .context("a member's client never saw the bot join")??;
        }
        Ok(())
    }

    async fn play(&self) -> anyhow::Result<()> {
        heading(
            "Qui représente qui : Dominique, modérateur du salon, rattache chacun à son association",
        );
        for (login, _, association) in MEMBERS {
            let user = member_id(login, &self.bot);
            self.ask(DOMINIQUE, &format!("!association set {user} {association}"))
                .await?;
        }

        heading("L'ordre du jour : chacun ajoute ses points, dont un urgent");
        self.ask(
            CLAIRE,
            "!agenda ajouter Budget 2027 des épiceries solidaires",
        )
        .await?;
        self.ask(MARC, "!agenda urgent Fermeture du local de Melun")
            .await?;
        self.ask(SOPHIE, "!agenda").await?;

        heading("La date : Dominique propose trois dates, chacun vote par réaction, puis il clôt");
        let today = Utc::now().date_naive();
        let day = |days: u64| today.checked_add_days(Days::new(days)).unwrap_or(today);
        let proposal = self
            .ask(
                DOMINIQUE,
                &format!(
                    "!réunion proposer {} 14h ; {} 18h ; {} 14h",
                    day(14).format("%d/%m/%Y"),
                    day(15).format("%d/%m/%Y"),
                    day(21).format("%d/%m/%Y"),
                ),
            )
            .await?;
        // Every member can come on the second date; two of them on another too.
        for (who, keys) in [
            (CLAIRE, &["1️⃣", "2️⃣"][..]),
            (MARC, &["2️⃣"][..]),
            (SOPHIE, &["2️⃣", "3️⃣"][..]),
            (DOMINIQUE, &["2️⃣"][..]),
        ] {
            for key in keys {
                self.react(who, &proposal.event_id, key).await?;
            }
        }
        self.ask(MARC, "!réunion votes").await?;
        let mark = self.transcript.mark();
        self.ask(DOMINIQUE, "!réunion clore").await?;
        self.transcript
            .wait_for_bot(mark, "the meeting's invitation (.ics)", |what| {
                matches!(what, What::Message { file: true, .. })
            })
            .await?;

        heading("Une position commune : Sophie lance un sondage, chaque association répond");
        let mark = self.transcript.mark();
        self.say(
            SOPHIE,
            "!sondage Signons-nous la lettre commune au Préfet sur l'aide alimentaire ?",
        )
        .await?;
        let poll = self
            .transcript
            .wait_for_bot(mark, "the bot's poll", |what| {
                matches!(what, What::PollStart { .. })
            })
            .await?;
        let What::PollStart { answers } = &poll.what else {
            bail!("not a poll");
        };
        let (yes, _) = answers.first().context("a poll without answers")?;
        for who in [CLAIRE, MARC, DOMINIQUE, SOPHIE] {
            let mark = self.transcript.mark();
            let content =
                UnstablePollResponseEventContent::new(vec![yes.clone()], poll.event_id.clone());
            let sent = self.room(who)?.send(content).await?.response.event_id;
            self.seen(mark, &sent, "a poll answer").await?;
        }
        let mark = self.transcript.mark();
        self.ask(SOPHIE, "!sondage clore 1 enregistrer").await?;
        self.transcript
            .wait_for_bot(mark, "the poll's end", |what| matches!(what, What::PollEnd))
            .await?;

        heading("Le registre : une décision de plus, puis la liste");
        self.ask(
            MARC,
            "!décision La concertation demande un rendez-vous commun à la DDETS",
        )
        .await?;
        self.ask(CLAIRE, "!décisions").await?;

        heading("Un rappel : il sonne sur les téléphones, dans cinq secondes");
        let mark = self.transcript.mark();
        self.ask(
            CLAIRE,
            "!rappel dans 5 secondes Envoyer l'ordre du jour aux associations",
        )
        .await?;
        self.transcript
            .wait_for_bot(mark, "the reminder", |what| {
                matches!(
                    what,
                    What::Message {
                        notice: false,
                        file: false,
                        ..
                    }
                )
            })
            .await?;

        heading("La page du groupe, à ouvrir dans un navigateur");
        self.ask(DOMINIQUE, "!page").await?;
        Ok(())
    }

    /// `who` sends `text`; returns once the observer has printed it.
    async fn say(&self, who: usize, text: &str) -> anyhow::Result<OwnedEventId> {
        tokio::time::sleep(self.pause).await;
        let mark = self.transcript.mark();
        let sent = self
            .room(who)?
            .send(RoomMessageEventContent::text_plain(text))
            .await?
            .response
            .event_id;
        self.seen(mark, &sent, &format!("“{text}”")).await?;
        Ok(sent)
    }

    /// `who` sends the command `text` and waits for the bot's answer.
    async fn ask(&self, who: usize, text: &str) -> anyhow::Result<Seen> {
        let mark = self.transcript.mark();
        let command = self.say(who, text).await?;
        self.transcript.answer_to(mark, &command, text).await
    }

    /// `who` reacts with `key` under `target`; returns once the observer has printed it.
    async fn react(&self, who: usize, target: &OwnedEventId, key: &str) -> anyhow::Result<()> {
        tokio::time::sleep(self.pause / 3).await;
        let mark = self.transcript.mark();
        let content = ReactionEventContent::new(Annotation::new(target.clone(), key.to_owned()));
        let sent = self.room(who)?.send(content).await?.response.event_id;
        self.seen(mark, &sent, &format!("the reaction {key}")).await
    }

    async fn seen(&self, mark: usize, event: &OwnedEventId, what: &str) -> anyhow::Result<()> {
        self.transcript
            .wait_for(mark, what, |seen| &seen.event_id == event)
            .await
            .map(|_| ())
    }
}

fn heading(text: &str) {
    println!();
    println!("── {text}");
}
