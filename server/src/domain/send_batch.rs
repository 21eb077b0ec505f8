//! Group commit of sends: concurrent stored sends to conversations owned
//! here, with every member on this backend, are decided and stored
//! together, one transaction and one set of reads (conversations, members,
//! blocks, devices) for the whole batch.
//!
//! A send alone was about ten statements, each a round trip (on SQLite a
//! hand-off to the connection's thread), and a commit; a batch of many
//! costs little more than one send. Batches form by themselves: while a
//! worker stores one batch the next sends wait in the queue, so at low load
//! a batch is a single send with nothing added to its latency, and under
//! load the batches grow.
//!
//! Each send keeps its own answer: a client mismatch, a blocked 1:1 or a
//! caller who is not a member fails that send only; a repeated message id
//! gets the first send's time. The batch commits as a whole or not at all,
//! and when it fails every send in it is told to send again (nothing of it
//! was stored, and the message id makes the retry safe). A reply goes out
//! only after the commit and the publication of its events, as for every
//! write.

use super::Deps;
use super::batch_reads::{BatchReads, SharedReads};
use super::events::{Events, Outgoing, deliveries};
use super::ids::{BackendDomain, DeviceId, UserId};
use super::messages::{DeviceSets, Policy, SendInput, Sender, Sent, blocked, decide, earlier_send};
use super::model::{Conversation, ConversationKind, Mismatch};
use super::unit_of_work::{Admission, Start, Write, WriteGate};
use crate::error::{DomainError, DomainResult};
use futures_util::FutureExt;
use missive_db::entity::sent_message;
use missive_db::repo;
use missive_db::sea_orm::ConnectionTrait;
use missive_db::sqlite_writer::NewSend;
use std::collections::HashSet;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use tokio::sync::{Mutex, mpsc, oneshot};
use tracing::Instrument;
use uuid::Uuid;

/// Sends stored in one transaction at most.
pub const MAX_BATCH: usize = 64;

/// How sends are grouped.
pub struct GroupCommit {
    /// Bounds the sends in the pipeline (queued or being stored); under
    /// overload it refuses, as the write gate does for other writes.
    pub gate: Arc<WriteGate>,
    /// Batches stored at once, each a transaction holding a place at the
    /// write gate: one on SQLite (one writer), a few on PostgreSQL.
    pub workers: usize,
}

/// What became of a send handed to the batches.
pub(super) enum Outcome {
    Done(DomainResult<Sent>),
    /// The conversation has members on other backends, whose devices must
    /// be asked of them: a batch does not wait on the network, so the send
    /// goes its own way.
    Federated(SendInput),
}

struct Pending {
    sender: Sender,
    input: SendInput,
    reply: oneshot::Sender<Outcome>,
    /// The place at the send gate, freed once the send is answered.
    _place: Admission,
    /// The sender's call, which the batch's span continues.
    span: tracing::Span,
}

pub(super) struct SendBatches {
    gate: Arc<WriteGate>,
    queue: mpsc::UnboundedSender<Pending>,
}

impl SendBatches {
    pub(super) fn start(deps: Deps, events: Arc<Events>, settings: GroupCommit) -> SendBatches {
        let (queue, receiver) = mpsc::unbounded_channel();
        let receiver = Arc::new(Mutex::new(receiver));
        let shared = Arc::new(SharedReads::default());
        for _ in 0..settings.workers.max(1) {
            let reads = BatchReads::new(deps.writes.clone(), shared.clone());
            let worker = Worker { deps: deps.clone(), events: events.clone(), receiver: receiver.clone(), reads };
            tokio::spawn(worker.run());
        }
        SendBatches { gate: settings.gate, queue }
    }

    /// Decides and stores the send with whatever else is pending. The
    /// queue is unbounded because the gate bounds it.
    pub(super) async fn send(&self, sender: Sender, input: SendInput) -> Outcome {
        let place = match self.gate.enter().await {
            Ok(place) => place,
            Err(busy) => return Outcome::Done(Err(busy)),
        };
        let (reply, answer) = oneshot::channel();
        let span = if crate::telemetry::traces_on() { tracing::Span::current() } else { tracing::Span::none() };
        if self.queue.send(Pending { sender, input, reply, _place: place, span }).is_err() {
            return Outcome::Done(Err(DomainError::Unavailable("server shutting down; send again".into())));
        }
        answer.await.unwrap_or_else(|_| Outcome::Done(Err(not_stored("the batch was interrupted"))))
    }
}

struct Worker {
    deps: Deps,
    events: Arc<Events>,
    receiver: Arc<Mutex<mpsc::UnboundedReceiver<Pending>>>,
    reads: BatchReads,
}

/// A send's answer, given once the batch has committed.
enum Answer {
    Now(Outcome),
    Stored(i64, Mismatch),
    /// The sender's device used this message id before (or earlier in
    /// the batch): answered with the first send's time.
    Repeated,
}

impl Worker {
    async fn run(mut self) {
        loop {
            let batch = {
                let mut receiver = self.receiver.lock().await;
                let Some(first) = receiver.recv().await else { return };
                let mut batch = vec![first];
                while batch.len() < MAX_BATCH {
                    match receiver.try_recv() {
                        Ok(next) => batch.push(next),
                        Err(_) => break,
                    }
                }
                batch
            };
            // A bug that panics must not take the worker with it: every later
            // send would wait forever. The batch's sends are answered
            // UNAVAILABLE (their replies are dropped).
            // One span for the batch when a traced send is in it: a child
            // of the first such call, linked from the others.
            let mut traced = batch.iter().map(|pending| &pending.span).filter(|span| !span.is_disabled());
            let span = match traced.next() {
                Some(first) => {
                    let span = tracing::debug_span!(
                        target: crate::telemetry::STORAGE,
                        parent: first,
                        "send.group_commit",
                        missive.batch = batch.len()
                    );
                    for other in traced {
                        span.follows_from(other);
                    }
                    span
                }
                None => tracing::Span::none(),
            };
            if AssertUnwindSafe(self.store(batch, span)).catch_unwind().await.is_err() {
                tracing::error!("a batch of sends panicked; none was stored");
            }
        }
    }

    /// `span` covers the storage and ends before the first reply, so that
    /// a traced call always ends after its batch.
    async fn store(&mut self, mut batch: Vec<Pending>, span: tracing::Span) {
        let stored = self.decide_and_store(&mut batch).instrument(span).await;
        let answers = match stored {
            Ok(answers) => answers,
            Err(err) => {
                tracing::warn!(error = %err, sends = batch.len(), "a batch of sends failed; none was stored");
                for pending in batch {
                    let _ = pending.reply.send(Outcome::Done(Err(not_stored(&err.to_string()))));
                }
                return;
            }
        };
        for (pending, answer) in batch.into_iter().zip(answers) {
            let outcome = match answer {
                Answer::Now(outcome) => outcome,
                Answer::Stored(time_ms, mismatch) => {
                    crate::telemetry::metrics::message_accepted();
                    Outcome::Done(Ok(Sent { time_ms, mismatch }))
                }
                Answer::Repeated => {
                    Outcome::Done(earlier_send(&self.deps, &pending.sender, &pending.input.message_id).await)
                }
            };
            let _ = pending.reply.send(outcome);
        }
    }

    /// Reads what the batch needs, decides each send and stores those that
    /// pass, in one transaction; an answer per send, in order. A send
    /// answered `Federated` leaves its input behind an empty one.
    async fn decide_and_store(&mut self, batch: &mut [Pending]) -> DomainResult<Vec<Answer>> {
        let admission = self.deps.writes.enter_patiently().await;
        let work = Write::begin(&self.events, Start::Admitted(admission)).await?;
        let local = &self.deps.domain;
        match &work {
            Write::Transaction(txn) => read(&mut self.reads, txn.db(), batch, local).await?,
            // With the writer's turn held, the pool sees what a transaction would.
            Write::Direct(_) => read(&mut self.reads, &self.deps.db, batch, local).await?,
        }
        let reads = &self.reads;

        let now = self.deps.now_ms();
        let mut answers = Vec::with_capacity(batch.len());
        // Per send to store: its record and events, and the send's index.
        let mut sends: Vec<(sent_message::Model, Vec<Outgoing>)> = Vec::new();
        let mut indices: Vec<usize> = Vec::new();
        let mut keys: HashSet<(UserId, DeviceId, String)> = HashSet::new();
        for (index, pending) in batch.iter_mut().enumerate() {
            let conversation = match conversation_of(reads, pending) {
                Ok(conversation) => conversation,
                Err(refused) => {
                    answers.push(Answer::Now(Outcome::Done(Err(refused))));
                    continue;
                }
            };
            if conversation.members.iter().any(|m| m.user.domain != *local) {
                answers.push(Answer::Now(Outcome::Federated(take_input(&mut pending.input))));
                continue;
            }
            let sender = &pending.sender;
            if one_to_one_pair(conversation, pending).is_some_and(|pair| reads.blocked(&pair)) {
                answers.push(Answer::Now(Outcome::Done(Err(blocked()))));
                continue;
            }
            let expected: DeviceSets = conversation
                .members
                .iter()
                .filter_map(|m| Some((m.user.clone(), reads.devices(&m.user.id).filter(|d| !d.is_empty())?.clone())))
                .collect();
            let message_id = pending.input.message_id.clone();
            let input = take_input(&mut pending.input);
            let decision = match decide(local, sender, conversation, expected, &HashSet::new(), input, now) {
                Ok(decision) => decision,
                Err(refused) => {
                    answers.push(Answer::Now(Outcome::Done(Err(refused))));
                    continue;
                }
            };
            if !keys.insert((sender.user.id, sender.device.clone(), message_id.clone())) {
                // The same id twice in one batch: the first is the send.
                answers.push(Answer::Repeated);
                continue;
            }
            let record = sent_message::Model {
                sender_id: sender.user.id.0,
                sender_device_id: sender.device.as_str().to_owned(),
                message_id,
                sent_at: now,
            };
            sends.push((record, decision.outgoing));
            indices.push(index);
            answers.push(Answer::Stored(now, decision.report));
        }

        let first_time = commit_sends(&self.events, work, sends).await?;
        for (index, new) in indices.into_iter().zip(first_time) {
            if !new {
                answers[index] = Answer::Repeated;
            }
        }
        Ok(answers)
    }
}

/// Records each send, stores the events of those that are new, commits
/// and publishes. Per send, whether it was new (a repeated message id
/// stores nothing).
async fn commit_sends(
    events: &Events,
    work: Write<'_>,
    sends: Vec<(sent_message::Model, Vec<Outgoing>)>,
) -> DomainResult<Vec<bool>> {
    match work {
        Write::Transaction(mut work) => {
            let (records, outgoing): (Vec<sent_message::Model>, Vec<Vec<Outgoing>>) = sends.into_iter().unzip();
            let new = repo::messages::record_sent_many(work.db(), &records).await?;
            let outgoing = outgoing.into_iter().zip(&new).filter(|(_, new)| **new).flat_map(|(events, _)| events);
            work.emit(outgoing.collect()).await?;
            work.commit().await?;
            Ok(new)
        }
        Write::Direct(work) => {
            let now = events.now_ms();
            let mut rows = 0;
            let mut encoded = Vec::with_capacity(sends.len());
            let mut pending = Vec::with_capacity(sends.len());
            for (record, outgoing) in sends {
                let (new_events, send_pending) = events.encode(outgoing, now);
                rows += new_events.len() + 1;
                encoded.push(NewSend { record, events: new_events });
                pending.push(send_pending);
            }
            let stored = work.run(rows, |writer, heads, staged| writer.store_sends(encoded, now, heads, staged))?;
            let pending = pending.into_iter().zip(&stored.new).filter(|(_, new)| **new).flat_map(|(p, _)| p);
            work.finish(deliveries(pending.collect(), stored.events)).await;
            Ok(stored.new)
        }
    }
}

/// Reads what the batch needs (the conversations, the devices of their
/// members, whether a 1:1 is blocked) into `reads`, which first looks
/// whether what it remembers still holds.
async fn read<C: ConnectionTrait>(
    reads: &mut BatchReads,
    db: &C,
    batch: &[Pending],
    local: &BackendDomain,
) -> DomainResult<()> {
    reads.begin(db).await?;
    let mut ids: Vec<Uuid> = batch.iter().map(|p| p.input.conversation.id.0).collect();
    ids.sort_unstable();
    ids.dedup();
    reads.load_conversations(db, &ids, local).await?;
    let mut pairs: Vec<(Uuid, Uuid)> = Vec::new();
    let mut users: HashSet<UserId> = HashSet::new();
    for pending in batch {
        let Ok(conversation) = conversation_of(reads, pending) else { continue };
        users.extend(conversation.members.iter().map(|m| m.user.id));
        if let Some(pair) = one_to_one_pair(conversation, pending) {
            pairs.push(pair);
        }
    }
    reads.load_blocks_and_devices(db, &pairs, &users).await?;
    Ok(())
}

/// The conversation a send is for, if it exists and the sender is a member.
fn conversation_of<'r>(reads: &'r BatchReads, pending: &Pending) -> DomainResult<&'r Conversation> {
    let wanted = &pending.input.conversation;
    let conversation = reads
        .conversation(&wanted.id.0)
        .filter(|c| c.id == *wanted)
        .ok_or_else(|| DomainError::NotFound(format!("unknown conversation {}", wanted.id)))?;
    if !conversation.members.iter().any(|m| m.user == pending.sender.user) {
        return Err(DomainError::PermissionDenied(format!("not a member of conversation {}", wanted.id)));
    }
    super::messages::require_per_device(conversation)?;
    Ok(conversation)
}

/// (sender, other member) of a 1:1, whose block refuses the send.
fn one_to_one_pair(conversation: &Conversation, pending: &Pending) -> Option<(Uuid, Uuid)> {
    if conversation.kind != ConversationKind::OneToOne {
        return None;
    }
    let other = conversation.members.iter().find(|m| m.user != pending.sender.user)?;
    Some((pending.sender.user.id.0, other.user.id.0))
}

/// Moves the input out of a pending send, leaving an empty one: only its
/// message id is read again (for a repeated send's answer).
fn take_input(input: &mut SendInput) -> SendInput {
    let empty = SendInput {
        conversation: input.conversation.clone(),
        message_id: input.message_id.clone(),
        recipients: Vec::new(),
        policy: Policy::IgnoreAll,
        transient: input.transient,
    };
    std::mem::replace(input, empty)
}

/// The answer to every send of a batch that failed.
fn not_stored(why: &str) -> DomainError {
    DomainError::Unavailable(format!("the message was not stored ({why}); send it again"))
}
