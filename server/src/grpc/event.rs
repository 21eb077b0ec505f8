//! `missive.v1.EventService`: the device's stream and its acknowledgements.
//!
//! The stream registers with the hub before reading the store (see
//! `Events::open_stream`), replays what is stored after the cursor, then
//! forwards live events. Every stored event carries its cursor, so the
//! hand-over needs no coordination: a live event at or below the last cursor
//! sent is a duplicate and skipped; one beyond the next expected cursor means
//! a wake-up overtook an earlier commit (or the buffer overflowed), and the
//! gap is read from the store.

use super::auth;
use crate::bus::{CloseReason, Live};
use crate::domain::events::{Events, REPLAY_PAGE, StreamStart};
use crate::domain::timestamp;
use crate::domain::tokens::AuthContext;
use missive_proto::v1 as pb;
use missive_proto::v1::event_service_server::EventService;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;
use tonic::{Request, Response, Status};

/// Responses buffered between the stream task and the HTTP/2 stream.
const OUTBOUND_BUFFER: usize = 256;

pub struct EventApi {
    pub events: Arc<Events>,
}

type Outbound = mpsc::Sender<Result<pb::SubscribeResponse, Status>>;

/// The client went away; stop quietly.
struct Gone;

#[tonic::async_trait]
impl EventService for EventApi {
    type SubscribeStream = ReceiverStream<Result<pb::SubscribeResponse, Status>>;

    /// `missive.v1.EventService/Subscribe`
    async fn subscribe(
        &self,
        request: Request<pb::SubscribeRequest>,
    ) -> Result<Response<Self::SubscribeStream>, Status> {
        let caller = auth::caller(&request)?;
        let start = self.events.open_stream(&caller, request.get_ref().since).await?;
        let (outbound, receiver) = mpsc::channel(OUTBOUND_BUFFER);
        tokio::spawn(run_stream(self.events.clone(), caller, start, outbound));
        Ok(Response::new(ReceiverStream::new(receiver)))
    }

    /// `missive.v1.EventService/Ack`
    async fn ack(&self, request: Request<pb::AckRequest>) -> Result<Response<pb::AckResponse>, Status> {
        let caller = auth::caller(&request)?;
        self.events.ack(&caller, request.get_ref().up_to).await?;
        Ok(Response::new(pb::AckResponse {}))
    }
}

async fn run_stream(events: Arc<Events>, caller: AuthContext, start: StreamStart, outbound: Outbound) {
    let StreamStart { mut subscription, after } = start;
    let mut last_sent = after;
    if catch_up(&events, &caller, &mut last_sent, &outbound).await.is_err() {
        return;
    }
    let mut heartbeat = tokio::time::interval(events.settings.heartbeat_interval);
    heartbeat.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    heartbeat.tick().await;
    loop {
        let step = tokio::select! {
            received = subscription.receiver.recv() => match received {
                Some(Live::Event(event)) => forward_live(&events, &caller, &mut last_sent, event, &outbound).await,
                Some(Live::CatchUp) => catch_up(&events, &caller, &mut last_sent, &outbound).await,
                None => {
                    let status = match subscription.close_reason() {
                        Some(CloseReason::Replaced) => {
                            Status::aborted("replaced by a newer Subscribe from this device")
                        }
                        Some(CloseReason::DeviceRemoved) => Status::unauthenticated("this device was removed"),
                        Some(CloseReason::ShuttingDown) | None => {
                            Status::unavailable("server shutting down; subscribe again with your cursor")
                        }
                    };
                    let _ = outbound.send(Err(status)).await;
                    return;
                }
            },
            _ = heartbeat.tick() => {
                // The safety net under every wake-up path: whatever was
                // missed, the store is read at least once per interval.
                match catch_up(&events, &caller, &mut last_sent, &outbound).await {
                    Ok(()) => {
                        let beat = pb::Heartbeat { time: Some(timestamp(events.now_ms())), head: last_sent as u64 };
                        send(&outbound, pb::subscribe_response::Kind::Heartbeat(beat)).await
                    }
                    Err(gone) => Err(gone),
                }
            }
            () = outbound.closed() => return,
        };
        if step.is_err() {
            return;
        }
        if subscription.lagged.swap(false, Ordering::SeqCst)
            && catch_up(&events, &caller, &mut last_sent, &outbound).await.is_err()
        {
            return;
        }
    }
}

async fn forward_live(
    events: &Events,
    caller: &AuthContext,
    last_sent: &mut i64,
    event: Arc<pb::Event>,
    outbound: &Outbound,
) -> Result<(), Gone> {
    let cursor = event.cursor as i64;
    if event.cursor == 0 {
        return send(outbound, pb::subscribe_response::Kind::Event(Arc::unwrap_or_clone(event))).await;
    }
    if cursor <= *last_sent {
        return Ok(());
    }
    if cursor == *last_sent + 1 {
        *last_sent = cursor;
        return send(outbound, pb::subscribe_response::Kind::Event(Arc::unwrap_or_clone(event))).await;
    }
    catch_up(events, caller, last_sent, outbound).await
}

/// Sends every stored event after `last_sent`, page by page.
async fn catch_up(events: &Events, caller: &AuthContext, last_sent: &mut i64, outbound: &Outbound) -> Result<(), Gone> {
    loop {
        let page = match events.read_after(caller, *last_sent).await {
            Ok(page) => page,
            Err(err) => {
                let _ = outbound.send(Err(err.into())).await;
                return Err(Gone);
            }
        };
        let full = page.len() as u64 == REPLAY_PAGE;
        for event in page {
            *last_sent = event.cursor as i64;
            send(outbound, pb::subscribe_response::Kind::Event(event)).await?;
        }
        if !full {
            return Ok(());
        }
    }
}

async fn send(outbound: &Outbound, kind: pb::subscribe_response::Kind) -> Result<(), Gone> {
    outbound.send(Ok(pb::SubscribeResponse { kind: Some(kind) })).await.map_err(|_| Gone)
}
