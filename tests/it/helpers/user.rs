//! A member: a real Matrix client, what it sees (messages, reactions, polls, memberships), and
//! what it does.

use super::*;

/// A message as a member's client received it (decrypted if need be).
#[derive(Debug, Clone)]
pub struct Received {
    pub room_id: OwnedRoomId,
    pub sender: OwnedUserId,
    pub body: String,
    pub html: Option<String>,
    pub is_notice: bool,
    pub in_reply_to: Option<OwnedEventId>,
    /// The root of the thread it was posted in, if any.
    pub thread_root: Option<OwnedEventId>,
    pub was_encrypted: bool,
    pub event_id: OwnedEventId,
    /// The file, for file messages (such as the .ics invitation).
    pub file: Option<FileMessageEventContent>,
    /// The people the message mentions (`m.mentions`).
    pub mentions: Vec<OwnedUserId>,
    /// When the member's client received it (read by the benchmarks).
    #[allow(dead_code)]
    pub received_at: std::time::Instant,
}

/// A reaction as a member's client received it.
#[derive(Debug, Clone)]
pub struct SeenReaction {
    pub sender: OwnedUserId,
    pub target: OwnedEventId,
    pub key: String,
}

/// A poll event (`org.matrix.msc3381.poll.*`) as a member's client received it.
#[derive(Debug, Clone)]
pub struct SeenPoll {
    pub event_id: OwnedEventId,
    pub sender: OwnedUserId,
    pub was_encrypted: bool,
    pub what: PollEvent,
}

impl SeenPoll {
    /// The id of the poll's answer whose text is `text` (empty if none is).
    pub fn answer_id(&self, text: &str) -> String {
        match &self.what {
            PollEvent::Start { answers, .. } => answers
                .iter()
                .find(|(_, answer)| answer == text)
                .map(|(id, _)| id.clone())
                .unwrap_or_default(),
            PollEvent::End { .. } => String::new(),
        }
    }
}

#[derive(Debug, Clone)]
pub enum PollEvent {
    Start {
        question: String,
        /// (id, text) of each answer.
        answers: Vec<(String, String)>,
        disclosed: bool,
        max_selections: u64,
        /// The text for clients without polls.
        fallback: Option<String>,
    },
    End {
        poll: OwnedEventId,
        text: String,
    },
}

#[derive(Debug, Clone)]
struct MembershipChange {
    room_id: OwnedRoomId,
    user_id: OwnedUserId,
    membership: MembershipState,
    display_name: Option<String>,
}

/// A person in the rooms, with a real Matrix client that keeps syncing in the background.
pub struct TestUser {
    pub client: Client,
    pub user_id: OwnedUserId,
    messages: mpsc::UnboundedReceiver<Received>,
    memberships: mpsc::UnboundedReceiver<MembershipChange>,
    reactions: mpsc::UnboundedReceiver<SeenReaction>,
    polls: mpsc::UnboundedReceiver<SeenPoll>,
    /// Every poll event received so far, in order.
    pub polls_seen: Vec<SeenPoll>,
    /// Every reaction received so far, in order.
    pub reactions_seen: Vec<SeenReaction>,
    /// Every message received so far, in order.
    pub seen: Vec<Received>,
    sync: tokio::task::JoinHandle<()>,
    /// The account's login name and password, for another device.
    login: (String, String),
}

impl Drop for TestUser {
    fn drop(&mut self) {
        self.sync.abort();
    }
}

impl TestUser {
    pub async fn new(prefix: &str, admin: bool) -> TestUser {
        Self::new_on(homeserver(), prefix, admin).await
    }

    /// A user of the given homeserver (a test's own).
    pub async fn new_on(homeserver: &Homeserver, prefix: &str, admin: bool) -> TestUser {
        let name = unique_name(prefix);
        let password = format!("{name}-password");
        let user_id = homeserver.register(&name, &password, admin).await;
        let client = Client::builder()
            .homeserver_url(&homeserver.url)
            .build()
            .await
            .expect("client");
        client
            .matrix_auth()
            .login_username(&name, &password)
            .initial_device_display_name("test client")
            .send()
            .await
            .expect("login");

        let (message_tx, messages) = mpsc::unbounded_channel();
        client.add_event_handler(
            move |event: OriginalSyncRoomMessageEvent,
                  room: Room,
                  encryption: Option<EncryptionInfo>| {
                let message_tx = message_tx.clone();
                async move {
                    let (in_reply_to, thread_root) = match &event.content.relates_to {
                        Some(Relation::Reply(reply)) => {
                            (Some(reply.in_reply_to.event_id.clone()), None)
                        }
                        // In a thread: a genuine reply names its event; a fallback does not.
                        Some(Relation::Thread(thread)) => (
                            thread
                                .in_reply_to
                                .as_ref()
                                .filter(|_| !thread.is_falling_back)
                                .map(|reply| reply.event_id.clone()),
                            Some(thread.event_id.clone()),
                        ),
                        _ => (None, None),
                    };
                    let (body, html, is_notice) = match &event.content.msgtype {
                        MessageType::Notice(notice) => (
                            notice.body.clone(),
                            notice.formatted.as_ref().map(|f| f.body.clone()),
                            true,
                        ),
                        MessageType::Text(text) => (
                            text.body.clone(),
                            text.formatted.as_ref().map(|f| f.body.clone()),
                            false,
                        ),
                        other => (other.body().to_owned(), None, false),
                    };
                    let file = match &event.content.msgtype {
                        MessageType::File(file) => Some(file.clone()),
                        _ => None,
                    };
                    let _ = message_tx.send(Received {
                        room_id: room.room_id().to_owned(),
                        sender: event.sender.clone(),
                        body,
                        html,
                        is_notice,
                        in_reply_to,
                        thread_root,
                        was_encrypted: encryption.is_some(),
                        event_id: event.event_id.clone(),
                        file,
                        mentions: event
                            .content
                            .mentions
                            .as_ref()
                            .map(|mentions| mentions.user_ids.iter().cloned().collect())
                            .unwrap_or_default(),
                        received_at: std::time::Instant::now(),
                    });
                }
            },
        );
        let (reaction_tx, reactions) = mpsc::unbounded_channel();
        client.add_event_handler(move |event: OriginalSyncReactionEvent| {
            let reaction_tx = reaction_tx.clone();
            async move {
                let _ = reaction_tx.send(SeenReaction {
                    sender: event.sender.clone(),
                    target: event.content.relates_to.event_id.clone(),
                    key: event.content.relates_to.key.clone(),
                });
            }
        });
        let (poll_tx, polls) = mpsc::unbounded_channel();
        let start_tx = poll_tx.clone();
        client.add_event_handler(
            move |event: OriginalSyncUnstablePollStartEvent, encryption: Option<EncryptionInfo>| {
                let poll_tx = start_tx.clone();
                async move {
                    let start = event.content.poll_start();
                    let fallback = match &event.content {
                        matrix_sdk::ruma::events::poll::unstable_start::UnstablePollStartEventContent::New(new) => new.text.clone(),
                        _ => None,
                    };
                    let _ = poll_tx.send(SeenPoll {
                        event_id: event.event_id.clone(),
                        sender: event.sender.clone(),
                        was_encrypted: encryption.is_some(),
                        what: PollEvent::Start {
                            question: start.question.text.clone(),
                            answers: start
                                .answers
                                .iter()
                                .map(|answer| (answer.id.clone(), answer.text.clone()))
                                .collect(),
                            disclosed: start.kind == PollKind::Disclosed,
                            max_selections: start.max_selections.into(),
                            fallback,
                        },
                    });
                }
            },
        );
        client.add_event_handler(
            move |event: OriginalSyncUnstablePollEndEvent, encryption: Option<EncryptionInfo>| {
                let poll_tx = poll_tx.clone();
                async move {
                    let _ = poll_tx.send(SeenPoll {
                        event_id: event.event_id.clone(),
                        sender: event.sender.clone(),
                        was_encrypted: encryption.is_some(),
                        what: PollEvent::End {
                            poll: event.content.relates_to.event_id.clone(),
                            text: event.content.text.clone(),
                        },
                    });
                }
            },
        );
        let (membership_tx, memberships) = mpsc::unbounded_channel();
        client.add_event_handler(move |event: OriginalSyncRoomMemberEvent, room: Room| {
            let membership_tx = membership_tx.clone();
            async move {
                let _ = membership_tx.send(MembershipChange {
                    room_id: room.room_id().to_owned(),
                    user_id: event.state_key.clone(),
                    membership: event.content.membership.clone(),
                    display_name: event.content.displayname.clone(),
                });
            }
        });

        // The first sync uploads the device keys, so that the bot can encrypt for this user.
        client
            .sync_once(SyncSettings::default())
            .await
            .expect("first sync");
        let syncing = client.clone();
        let sync = tokio::spawn(async move {
            // A plain loop: the SDK's `sync()` sleeps a second after each quick sync.
            let settings = SyncSettings::default().timeout(Duration::from_secs(10));
            let mut failing = false;
            loop {
                match syncing.sync_once(settings.clone()).await {
                    Ok(_) => failing = false,
                    Err(error) => {
                        // Once per outage, not every 200 ms of it.
                        if !failing {
                            eprintln!("test client sync failed: {error}");
                        }
                        failing = true;
                        tokio::time::sleep(Duration::from_millis(200)).await;
                    }
                }
            }
        });
        TestUser {
            client,
            user_id,
            messages,
            memberships,
            reactions,
            reactions_seen: Vec::new(),
            polls,
            polls_seen: Vec::new(),
            seen: Vec::new(),
            sync,
            login: (name, password),
        }
    }

    /// Creates a room (encrypted or not) and invites `invitees`.
    pub async fn create_room(&self, encrypted: bool, invitees: &[&OwnedUserId]) -> Room {
        let mut request = CreateRoom::new();
        request.preset = Some(RoomPreset::PrivateChat);
        request.invite = invitees.iter().map(|user| (*user).clone()).collect();
        if encrypted {
            request.initial_state = vec![
                InitialStateEvent::with_empty_state_key(
                    RoomEncryptionEventContent::with_recommended_defaults(),
                )
                .to_raw_any(),
            ];
        }
        self.client.create_room(request).await.expect("create room")
    }

    pub async fn invite(&self, room: &Room, user: &OwnedUserId) {
        room.invite_user_by_id(user).await.expect("invite");
    }

    /// Sends a text message and returns its event id.
    pub async fn say(&self, room: &Room, body: &str) -> OwnedEventId {
        room.send(RoomMessageEventContent::text_plain(body))
            .await
            .expect("send message")
            .response
            .event_id
    }

    /// Reacts to an event with `key`; returns the reaction's event id (to redact it later).
    pub async fn react(&self, room: &Room, target: &OwnedEventId, key: &str) -> OwnedEventId {
        let content = ReactionEventContent::new(Annotation::new(target.clone(), key.to_owned()));
        room.send(content)
            .await
            .expect("send reaction")
            .response
            .event_id
    }

    /// Answers a poll as Element does (`org.matrix.msc3381.poll.response`).
    pub async fn answer_poll(
        &self,
        room: &Room,
        poll: &OwnedEventId,
        answer: &str,
    ) -> OwnedEventId {
        let content = UnstablePollResponseEventContent::new(vec![answer.to_owned()], poll.clone());
        room.send(content)
            .await
            .expect("send poll response")
            .response
            .event_id
    }

    /// Answers a poll with the stable event type (`m.poll.response`).
    pub async fn answer_poll_stable(
        &self,
        room: &Room,
        poll: &OwnedEventId,
        answer: &str,
    ) -> OwnedEventId {
        let content = PollResponseEventContent::new(vec![answer.to_owned()].into(), poll.clone());
        room.send(content)
            .await
            .expect("send poll response")
            .response
            .event_id
    }

    /// Waits for a poll event matching `wanted`.
    pub async fn wait_for_poll(
        &mut self,
        what: &str,
        wanted: impl Fn(&SeenPoll) -> bool,
    ) -> SeenPoll {
        if let Some(found) = self.polls_seen.iter().find(|poll| wanted(poll)) {
            return found.clone();
        }
        let deadline = tokio::time::Instant::now() + PATIENCE;
        loop {
            let poll = tokio::time::timeout_at(deadline, self.polls.recv())
                .await
                .unwrap_or_else(|_| {
                    panic!("waited {PATIENCE:?} for {what}; saw {:#?}", self.polls_seen)
                })
                .expect("poll channel open");
            self.polls_seen.push(poll.clone());
            if wanted(&poll) {
                return poll;
            }
        }
    }

    /// Removes (redacts) one of this user's events, such as a reaction.
    pub async fn redact(&self, room: &Room, event: &OwnedEventId) {
        room.redact(event, None, None).await.expect("redact");
    }

    /// Waits for a reaction matching `wanted`.
    pub async fn wait_for_reaction(
        &mut self,
        what: &str,
        wanted: impl Fn(&SeenReaction) -> bool,
    ) -> SeenReaction {
        if let Some(found) = self.reactions_seen.iter().find(|reaction| wanted(reaction)) {
            return found.clone();
        }
        let deadline = tokio::time::Instant::now() + PATIENCE;
        loop {
            let reaction = tokio::time::timeout_at(deadline, self.reactions.recv())
                .await
                .unwrap_or_else(|_| {
                    panic!(
                        "waited {PATIENCE:?} for {what}; saw {:#?}",
                        self.reactions_seen
                    )
                })
                .expect("reaction channel open");
            self.reactions_seen.push(reaction.clone());
            if wanted(&reaction) {
                return reaction;
            }
        }
    }

    /// Downloads (and decrypts) a file someone sent.
    pub async fn download(&self, file: &FileMessageEventContent) -> Vec<u8> {
        self.client
            .media()
            .get_file(file, false)
            .await
            .expect("download")
            .expect("file content")
    }

    /// Edits one of this user's messages (an `m.replace` event), as clients do.
    pub async fn edit(&self, room: &Room, original: &OwnedEventId, new_body: &str) -> OwnedEventId {
        let content = RoomMessageEventContent::text_plain(new_body)
            .make_replacement(ReplacementMetadata::new(original.clone(), None));
        room.send(content)
            .await
            .expect("send edit")
            .response
            .event_id
    }

    /// Joins a room this user was invited to.
    pub async fn join(&self, room: &Room) -> Room {
        self.client
            .join_room_by_id(room.room_id())
            .await
            .expect("join room")
    }

    /// Waits for the next message matching `wanted`; every message received on the way is kept
    /// in `seen`.
    pub async fn wait_for_message(
        &mut self,
        what: &str,
        wanted: impl Fn(&Received) -> bool,
    ) -> Received {
        self.wait_for_message_within(PATIENCE, what, wanted).await
    }

    /// [`TestUser::wait_for_message`] for a message due at a moment on the wall clock, which
    /// may come later than the usual patience.
    pub async fn wait_for_message_within(
        &mut self,
        patience: Duration,
        what: &str,
        wanted: impl Fn(&Received) -> bool,
    ) -> Received {
        if let Some(found) = self.seen.iter().find(|message| wanted(message)) {
            return found.clone();
        }
        let deadline = tokio::time::Instant::now() + patience;
        loop {
            let message = tokio::time::timeout_at(deadline, self.messages.recv())
                .await
                .unwrap_or_else(|_| {
                    panic!(
                        "{} waited {patience:?} for {what}; it saw: {:#?}",
                        self.user_id, self.seen
                    )
                })
                .expect("message channel open");
            self.seen.push(message.clone());
            if wanted(&message) {
                return message;
            }
        }
    }

    /// Waits for the bot's reply to the command `command`.
    pub async fn reply_to(&mut self, command: &OwnedEventId) -> Received {
        let command = command.clone();
        self.wait_for_message(&format!("a reply to {command}"), move |message| {
            message.in_reply_to.as_ref() == Some(&command)
        })
        .await
    }

    /// Waits until this member's client knows a device of `user` other than `known`, with its
    /// keys: what it encrypts from then on is shared with that device too. The client learns
    /// it from its own sync; nothing in the room shows it, so its store is asked again and again.
    pub async fn wait_for_device_of(&self, user: &OwnedUserId, known: &[String]) -> String {
        let what = format!("{} to see a new device of {user}", self.user_id);
        eventually(&what, PATIENCE, || async {
            let devices = self
                .client
                .encryption()
                .get_user_devices(user)
                .await
                .expect("devices");
            devices
                .devices()
                .map(|device| device.device_id().to_string())
                .find(|device| !known.contains(device))
                .ok_or_else(|| format!("{} device(s), all known", devices.devices().count()))
        })
        .await
    }

    /// Another device of this member (a new login, with keys of its own), synced once.
    pub async fn new_device(&self) -> Client {
        let client = Client::builder()
            .homeserver_url(homeserver_url_of(&self.client))
            .build()
            .await
            .expect("client");
        client
            .matrix_auth()
            .login_username(&self.login.0, &self.login.1)
            .initial_device_display_name("test client, second device")
            .send()
            .await
            .expect("login");
        client
            .sync_once(SyncSettings::default())
            .await
            .expect("first sync");
        client
    }

    /// Sends an encrypted event whose room key the bot never receives (as from a client that
    /// does not share its keys with the bot), straight through the client-server API.
    /// `relates_to`, when given, travels in clear beside the ciphertext, as clients send it.
    pub async fn send_unreadable(
        &self,
        room: &Room,
        session_id: &str,
        relates_to: Option<serde_json::Value>,
    ) -> OwnedEventId {
        let token = self.client.access_token().expect("token");
        let txn = unique_name("unreadable");
        let mut content = json!({
            "algorithm": "m.megolm.v1.aes-sha2",
            "sender_key": "nGkPt5gSgkJLSDyVh4fz/eUUXoZiOZHq3RLXW3ZeTw0",
            "device_id": self.client.device_id().expect("device").as_str(),
            "session_id": session_id,
            "ciphertext": "AwgAEnACgAkLmt6qF84IK++J7UDH2Za1YVchHyprqTqsg2yyOwAtHaZTwyNg37afzg8f3r9IsN9r4RNFg7MaZencUJe4qvELiDiopUjy5wYVDAtqdBzer5bWRD9ldxp1FLgbQvBcjkkywYjCsmsq6+hArLd9oAQZnGKn/qLsK+5uNX3PaWzDRC9wZPQvWYYPCTov3jCwXKTPsLKIiTrcCXDqMvnn8m+T3zF/I2zqxg158tnUwWWIw51UO",
        });
        if let Some(relation) = relates_to {
            content["m.relates_to"] = relation;
        }
        let response: serde_json::Value = reqwest::Client::new()
            .put(format!(
                "{}/_matrix/client/v3/rooms/{}/send/m.room.encrypted/{txn}",
                homeserver_url_of(&self.client),
                room.room_id()
            ))
            .bearer_auth(token)
            .json(&content)
            .send()
            .await
            .expect("send request")
            .json()
            .await
            .expect("send json");
        let event_id = response["event_id"]
            .as_str()
            .unwrap_or_else(|| panic!("not sent: {response}"));
        OwnedEventId::try_from(event_id).expect("event id")
    }

    /// The replies to `command` received so far.
    pub fn replies_seen(&self, command: &OwnedEventId) -> usize {
        self.seen
            .iter()
            .filter(|message| message.in_reply_to.as_ref() == Some(command))
            .count()
    }

    /// Changes the member's display name, and waits until `room` shows it: what they say
    /// afterwards comes after the change there.
    pub async fn set_display_name(&mut self, room: &Room, name: &str) {
        self.client
            .account()
            .set_display_name(Some(name))
            .await
            .expect("display name");
        let deadline = tokio::time::Instant::now() + PATIENCE;
        loop {
            let change = tokio::time::timeout_at(deadline, self.memberships.recv())
                .await
                .unwrap_or_else(|_| panic!("waited {PATIENCE:?} to be called {name}"))
                .expect("membership channel open");
            if change.room_id == room.room_id()
                && change.user_id == self.user_id
                && change.display_name.as_deref() == Some(name)
            {
                return;
            }
        }
    }

    /// Waits until `user`'s membership in `room` becomes `membership`.
    pub async fn wait_for_membership(
        &mut self,
        room: &Room,
        user: &OwnedUserId,
        membership: MembershipState,
    ) {
        let deadline = tokio::time::Instant::now() + PATIENCE;
        loop {
            let change = tokio::time::timeout_at(deadline, self.memberships.recv())
                .await
                .unwrap_or_else(|_| {
                    panic!(
                        "waited {PATIENCE:?} for {user} to be {membership} in {}",
                        room.room_id()
                    )
                })
                .expect("membership channel open");
            if change.room_id == room.room_id()
                && change.user_id == *user
                && change.membership == membership
            {
                return;
            }
        }
    }
}
