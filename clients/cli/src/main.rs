//! `missive`: register, connect and chat with a Missive backend from a terminal.
//!
//! MLS group conversations (`missive group …`) are end-to-end encrypted for
//! real, with openmls (`missive-mls`, docs/e2ee.md).
//!
//! PLACEHOLDER ENCRYPTION on the per-device path (1:1 conversations and
//! per-device groups): messages are sent as `PLACEHOLDER-NOT-ENCRYPTED:`
//! followed by the text. The server only ever sees opaque bytes, so that
//! protocol flow (prekey claims, per-device payloads, mismatch retries) is
//! real; its cryptography is not, and says so on every message.

mod assets;
mod groups;
mod profile;
mod sealed;
mod session;

use anyhow::{Context, bail};
use clap::{Parser, Subcommand};
use missive_proto::v1 as pb;
use session::Session;
use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

/// Prefix that marks the placeholder "ciphertext".
pub const PLACEHOLDER: &str = "PLACEHOLDER-NOT-ENCRYPTED:";

#[derive(Parser)]
#[command(name = "missive", version, about = "Command-line client of a Missive backend")]
struct Cli {
    /// Server URL.
    #[arg(long, env = "MISSIVE_SERVER", default_value = "http://127.0.0.1:50051", global = true)]
    server: String,
    /// PEM CA bundle trusted for an https:// server (instead of the public
    /// roots); remembered by the profile made at register or login.
    #[arg(long, env = "MISSIVE_CA_FILE", global = true)]
    ca_file: Option<PathBuf>,
    /// Directory that holds this device's keys and tokens.
    #[arg(long, env = "MISSIVE_PROFILE", default_value = ".missive-profile", global = true)]
    profile: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create an account with this device as its first device.
    Register {
        handle: String,
        #[arg(long)]
        display_name: Option<String>,
        /// Read from MISSIVE_PASSWORD, or asked on the terminal, when absent.
        #[arg(long, env = "MISSIVE_PASSWORD", hide_env_values = true)]
        password: Option<String>,
    },
    /// Add this device to an existing account by password.
    Login {
        handle: String,
        #[arg(long, env = "MISSIVE_PASSWORD", hide_env_values = true)]
        password: Option<String>,
    },
    /// Show who this profile is.
    Whoami,
    /// Find users by handle prefix or display name.
    Search { query: String },
    /// Ask a user (by handle) to connect.
    Connect { handle: String },
    /// Accept a user's connection request.
    Accept { handle: String },
    /// List connections.
    Connections,
    /// List conversations.
    Conversations,
    /// Send a text to a connected user's 1:1 conversation, or to --conversation.
    Send {
        /// Handle of a connected user (unless --conversation is given).
        to: Option<String>,
        /// Conversation id instead of a handle: `<id>`, or `<id>@<domain>`
        /// for a conversation of another backend.
        #[arg(long)]
        conversation: Option<String>,
        /// The text.
        #[arg(last = true, required = true)]
        text: Vec<String>,
    },
    /// Fetch the call configuration (ICE servers, TURN credentials) and send a
    /// call offer to a connected user as a transient message (docs/calls.md).
    Call {
        /// Handle of a connected user.
        to: String,
    },
    /// MLS group conversations: end-to-end encrypted with openmls.
    Group {
        #[command(subcommand)]
        action: GroupAction,
    },
    /// Upload or download an asset (a file your app has encrypted).
    Asset {
        #[command(subcommand)]
        action: AssetAction,
    },
    /// Print the live event stream (and what was queued), acknowledging as it goes.
    Listen {
        /// Exit after this many messages.
        #[arg(long)]
        count: Option<usize>,
        /// Exit after this many seconds without an event.
        #[arg(long)]
        idle_timeout: Option<u64>,
    },
}

#[derive(Subcommand)]
enum GroupAction {
    /// Create an MLS group with connected users and add their devices;
    /// prints the conversation id (send to it with `send --conversation`).
    Create {
        name: String,
        /// Handles of connected users.
        handles: Vec<String>,
    },
    /// Add a connected user's devices (a new member, or a member's new device).
    Add {
        #[arg(long)]
        conversation: String,
        handle: String,
    },
    /// Remove all of a user's devices; they leave the conversation.
    Remove {
        #[arg(long)]
        conversation: String,
        handle: String,
    },
    /// Propose removing all of a user's devices (any member may).
    ProposeRemove {
        #[arg(long)]
        conversation: String,
        handle: String,
    },
    /// Commit the changes members proposed in the group's current epoch.
    Commit {
        #[arg(long)]
        conversation: String,
    },
    /// The MLS 1:1 conversation with a connected user: makes its group and
    /// adds their devices unless their device did (then `listen` joins).
    OneToOne { handle: String },
}

#[derive(Subcommand)]
enum AssetAction {
    /// Upload a file in 1 MiB chunks; prints `<id>@<domain>` and the token.
    Put {
        file: PathBuf,
        /// Readable by anyone signed in, without a token.
        #[arg(long)]
        public: bool,
        /// eternal, persistent or volatile (28 days).
        #[arg(long, default_value = "persistent")]
        retention: String,
    },
    /// Download an asset (`<id>@<domain>`, or `<id>` on this backend) to a file.
    Get {
        asset: String,
        /// The token of a private asset (not needed by its owner).
        #[arg(long, default_value = "")]
        token: String,
        #[arg(long, short)]
        output: PathBuf,
    },
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    match run(cli).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("missive: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let server = session::Server { url: cli.server.clone(), ca_file: cli.ca_file.clone() };
    match cli.command {
        Command::Register { handle, display_name, password } => {
            let password = password_or_prompt(password)?;
            let session = Session::register(&server, &cli.profile, &handle, &password, display_name).await?;
            println!(
                "registered {} as {}@{} (device {})",
                handle, session.profile.user_id, session.profile.domain, session.profile.device_id
            );
        }
        Command::Login { handle, password } => {
            let password = password_or_prompt(password)?;
            let session = Session::login(&server, &cli.profile, &handle, &password).await?;
            println!("logged in {} with new device {}", handle, session.profile.device_id);
        }
        Command::Whoami => {
            let session = Session::open(&cli.profile).await?;
            let me = session.users().get_self(session.authed(pb::GetSelfRequest {})?).await?.into_inner();
            let me = me.user.context("server sent no user")?;
            println!(
                "{} ({}) device {} on {}",
                me.handle, me.display_name, session.profile.device_id, session.profile.server
            );
        }
        Command::Search { query } => {
            let session = Session::open(&cli.profile).await?;
            let request =
                pb::SearchUsersRequest { query, page_size: 20, page_token: String::new(), domain: String::new() };
            let found = session.users().search_users(session.authed(request)?).await?.into_inner().users;
            if found.is_empty() {
                println!("no users found");
            }
            for user in found {
                println!("{}\t{}\t{}", user.handle, user.display_name, user.id.map(|q| q.id).unwrap_or_default());
            }
        }
        Command::Connect { handle } => {
            let session = Session::open(&cli.profile).await?;
            let user = session.user_by_handle(&handle).await?;
            let request = pb::SendConnectionRequestRequest { user: user.id };
            let connection =
                session.connections().send_connection_request(session.authed(request)?).await?.into_inner();
            println!("connection with {handle}: {}", status_name(connection.connection.map(|c| c.status).unwrap_or(0)));
        }
        Command::Accept { handle } => {
            let session = Session::open(&cli.profile).await?;
            let user = session.user_by_handle(&handle).await?;
            let request =
                pb::UpdateConnectionRequest { user: user.id.clone(), status: pb::ConnectionStatus::Accepted as i32 };
            let connection = match session.connections().update_connection(session.authed(request)?).await {
                Ok(answer) => answer.into_inner().connection,
                // Their request has not reached this backend yet (it travels
                // from theirs): asking back accepts as well.
                Err(status) if status.code() == tonic::Code::NotFound => {
                    let request = pb::SendConnectionRequestRequest { user: user.id };
                    session
                        .connections()
                        .send_connection_request(session.authed(request)?)
                        .await?
                        .into_inner()
                        .connection
                }
                Err(status) => return Err(status.into()),
            };
            let connection = connection.context("server sent no connection")?;
            match connection.conversation {
                Some(conversation) => println!("connected with {handle}; conversation {}", conversation.id),
                // Across backends the 1:1 conversation may come from theirs a moment later.
                None => println!("connected with {handle}; the conversation follows from their backend"),
            }
        }
        Command::Connections => {
            let session = Session::open(&cli.profile).await?;
            let request = pb::ListConnectionsRequest { page_size: 500, page_token: String::new() };
            let list = session.connections().list_connections(session.authed(request)?).await?.into_inner();
            for connection in list.connections {
                let other = connection.other.clone().context("connection without user")?;
                let name = session.handle_of(&other).await.unwrap_or_else(|_| other.id.clone());
                println!("{name}\t{}", status_name(connection.status));
            }
        }
        Command::Conversations => {
            let session = Session::open(&cli.profile).await?;
            let request = pb::ListConversationsRequest { page_size: 500, page_token: String::new() };
            let list = session.conversations().list_conversations(session.authed(request)?).await?.into_inner();
            for conversation in list.conversations {
                let mut names = Vec::new();
                for member in &conversation.members {
                    if let Some(user) = &member.user {
                        names.push(session.handle_of(user).await.unwrap_or_else(|_| user.id.clone()));
                    }
                }
                let mut kind =
                    conversation.r#type().as_str_name().trim_start_matches("CONVERSATION_TYPE_").to_lowercase();
                if conversation.protocol() == pb::Protocol::Mls {
                    kind.push_str(" (mls)");
                }
                println!(
                    "{}\t{kind}\t{}\t{}",
                    conversation.id.map(|q| q.id).unwrap_or_default(),
                    conversation.name,
                    names.join(",")
                );
            }
        }
        Command::Send { to, conversation, text } => {
            let mut session = Session::open(&cli.profile).await?;
            let conversation = match (conversation, to) {
                (Some(id), _) => qualified(id, &session.profile.domain),
                (None, Some(handle)) => session.one_to_one_with(&handle).await?,
                (None, None) => bail!("say who to send to: a handle, or --conversation <id>"),
            };
            let text = text.join(" ");
            let request = pb::GetConversationRequest { id: Some(conversation.clone()) };
            let found = session.conversations().get_conversation(session.authed(request)?).await;
            let protocol = found.map_err(session::explain)?.into_inner().conversation.map(|c| c.protocol());
            if protocol == Some(pb::Protocol::Mls) {
                session.send_to_group(&conversation, &text).await?;
                println!("sent to the group, encrypted (MLS)");
            } else {
                let devices = session.send_text(&conversation, &text, false).await?;
                session.save()?;
                println!("sent to {devices} device(s)");
            }
        }
        Command::Call { to } => {
            let mut session = Session::open(&cli.profile).await?;
            let config = session.call_config().await?;
            if config.ice_servers.is_empty() {
                println!("no ICE servers: {}", config.unavailable_reason);
            }
            for server in &config.ice_servers {
                match server.username.as_str() {
                    "" => println!("ice server {}", server.urls.join(" ")),
                    user => println!("ice server {} user {user} (valid {} s)", server.urls.join(" "), config.ttl_secs),
                }
            }
            let conversation = session.one_to_one_with(&to).await?;
            // A real client sends its WebRTC offer (SDP), encrypted; the
            // placeholder says what it would be.
            let offer = format!("call-offer ice-servers={}", config.ice_servers.len());
            let devices = session.send_text(&conversation, &offer, true).await?;
            session.save()?;
            println!("call offer sent to {devices} device(s), live only (transient)");
        }
        Command::Group { action } => {
            let mut session = Session::open(&cli.profile).await?;
            let domain = session.profile.domain.clone();
            let id = |id: String| qualified(id, &domain);
            match action {
                GroupAction::Create { name, handles } => {
                    let (conversation, epoch) = session.create_group(&name, &handles).await?;
                    println!("created MLS conversation {} (epoch {epoch})", conversation.id);
                }
                GroupAction::Add { conversation, handle } => {
                    let (devices, epoch) = session.add_to_group(&id(conversation), &handle).await?;
                    println!("added {devices} device(s) of {handle} (epoch {epoch})");
                }
                GroupAction::Remove { conversation, handle } => {
                    let (devices, epoch) = session.remove_from_group(&id(conversation), &handle).await?;
                    println!("removed {devices} device(s) of {handle} (epoch {epoch})");
                }
                GroupAction::ProposeRemove { conversation, handle } => {
                    let proposals = session.propose_removal(&id(conversation), &handle).await?;
                    println!("proposed removing {proposals} device(s) of {handle}");
                }
                GroupAction::Commit { conversation } => {
                    let epoch = session.commit_proposals(&id(conversation)).await?;
                    println!("committed the proposals (epoch {epoch})");
                }
                GroupAction::OneToOne { handle } => match session.one_to_one_mls(&handle).await? {
                    (conversation, Some(epoch)) => {
                        println!(
                            "MLS 1:1 conversation {}@{} with {handle} (epoch {epoch})",
                            conversation.id, conversation.domain
                        )
                    }
                    (conversation, None) => println!(
                        "MLS 1:1 conversation {}@{} with {handle}: {handle}'s device made its group; run `missive listen` to join",
                        conversation.id, conversation.domain
                    ),
                },
            }
        }
        Command::Asset { action: AssetAction::Put { file, public, retention } } => {
            let session = Session::open(&cli.profile).await?;
            let asset = assets::put(&session, &file, public, assets::retention(&retention)?).await?;
            session.save()?;
            let id = asset.id.unwrap_or_default();
            println!("asset {}@{} {} bytes", id.id, id.domain, asset.size);
            if !asset.token.is_empty() {
                println!("token {}", asset.token);
            }
        }
        Command::Asset { action: AssetAction::Get { asset, token, output } } => {
            let session = Session::open(&cli.profile).await?;
            let id = match asset.split_once('@') {
                Some((id, domain)) => pb::QualifiedId { id: id.to_owned(), domain: domain.to_owned() },
                None => pb::QualifiedId { id: asset, domain: session.profile.domain.clone() },
            };
            let bytes = assets::get(&session, id, &token, &output).await?;
            session.save()?;
            println!("saved {bytes} bytes to {}", output.display());
        }
        Command::Listen { count, idle_timeout } => {
            let mut session = Session::open(&cli.profile).await?;
            listen(&mut session, count, idle_timeout.map(Duration::from_secs)).await?;
        }
    }
    Ok(())
}

async fn listen(session: &mut Session, count: Option<usize>, idle: Option<Duration>) -> anyhow::Result<()> {
    let request = pb::SubscribeRequest { since: session.profile.cursor };
    let mut stream = session.events().subscribe(session.authed(request)?).await?.into_inner();
    let mut messages = 0;
    loop {
        let next = match idle {
            Some(idle) => match tokio::time::timeout(idle, stream.message()).await {
                Ok(next) => next,
                Err(_) => return Ok(()),
            },
            None => stream.message().await,
        };
        let Some(response) = next? else { bail!("the server ended the stream") };
        let Some(pb::subscribe_response::Kind::Event(event)) = response.kind else { continue };
        let (line, mls_text) = match &event.payload {
            Some(payload @ (pb::event::Payload::MlsMessageAdded(_) | pb::event::Payload::MlsWelcome(_))) => {
                session.on_mls_event(payload).await?
            }
            Some(pb::event::Payload::DeviceRemoved(removed)) => {
                let mut lines = vec![session.describe(&event).await];
                if let Some(user) = &removed.user {
                    lines.extend(session.remove_deleted_device(user, &removed.device_id).await?);
                }
                (lines.join("\n"), false)
            }
            _ => (session.describe(&event).await, false),
        };
        println!("{line}");
        std::io::stdout().flush().ok();
        if event.cursor > 0 {
            session.events().ack(session.authed(pb::AckRequest { up_to: event.cursor })?).await?;
            session.profile.cursor = Some(event.cursor);
            session.save()?;
        }
        if mls_text || matches!(event.payload, Some(pb::event::Payload::MessageAdded(_))) {
            messages += 1;
            if count.is_some_and(|count| messages >= count) {
                return Ok(());
            }
        }
    }
}

fn status_name(status: i32) -> String {
    pb::ConnectionStatus::try_from(status)
        .map(|s| s.as_str_name().trim_start_matches("CONNECTION_STATUS_").to_lowercase())
        .unwrap_or_else(|_| format!("status {status}"))
}

fn password_or_prompt(password: Option<String>) -> anyhow::Result<String> {
    if let Some(password) = password {
        return Ok(password);
    }
    eprint!("password: ");
    std::io::stderr().flush().ok();
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).context("reading the password")?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

/// A conversation named on the command line: `<id>` on the profile's own
/// backend, or `<id>@<domain>` on another.
fn qualified(given: String, own_domain: &str) -> pb::QualifiedId {
    match given.split_once('@') {
        Some((id, domain)) => pb::QualifiedId { id: id.to_owned(), domain: domain.to_owned() },
        None => pb::QualifiedId { id: given, domain: own_domain.to_owned() },
    }
}
