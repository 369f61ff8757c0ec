//! One bind per profile: connect, keep the status, log every PDU, hand deliver_sm on, and
//! reconnect with backoff when asked to.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use smpp_codec::pdu::{BindKind, mask_password};
use smpp_session::{Client, ClientEvent, Direction, SessionConfig, Transport};
use tokio::sync::{mpsc, oneshot, watch};

use crate::clock::{now_ms, rfc3339};
use crate::console::Inner;
use crate::db::{connections, pdus, profiles::Profile};
use crate::model::{BindState, BindStatus, ConsoleEvent};
use crate::receipts;

/// Whether a bind comes back by itself after the connection drops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reconnect {
    /// One attempt (smppctl): the caller reports the failure.
    Never,
    /// Retry with exponential backoff (1 s doubling to 30 s), as the app does.
    WithBackoff,
}

/// How the first bind attempt ended: Ok, or the refusal's command_status (if the SMSC sent
/// one) and the reason in words.
pub(crate) type FirstAttempt = Result<(), (Option<u32>, String)>;

/// A live bind: its status and, when bound, the client to submit through.
#[derive(Debug)]
pub(crate) struct BindSlot {
    pub profile: Profile,
    pub status: Mutex<BindStatus>,
    pub client: Mutex<Option<(Client, i64)>>,
    stop: watch::Sender<bool>,
}

impl BindSlot {
    pub fn status(&self) -> BindStatus {
        self.status.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// The client and its connection id, if bound.
    pub fn client(&self) -> Option<(Client, i64)> {
        self.client.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    pub fn stop(&self) {
        let _ = self.stop.send(true);
    }
}

pub(crate) fn bind_kind(label: &str) -> BindKind {
    match label {
        "TX" => BindKind::Transmitter,
        "RX" => BindKind::Receiver,
        _ => BindKind::Transceiver,
    }
}

/// Starts the bind task; resolves the returned receiver with the first attempt's outcome.
pub(crate) fn start(
    inner: Arc<Inner>,
    profile: Profile,
    password: String,
    reconnect: Reconnect,
    transport: Transport,
) -> (Arc<BindSlot>, oneshot::Receiver<FirstAttempt>) {
    let (stop, stop_rx) = watch::channel(false);
    let status = BindStatus {
        profile_name: profile.name.clone(),
        state: BindState::Connecting,
        detail: None,
        host: profile.host.clone(),
        port: u16::try_from(profile.port).unwrap_or(0),
        bind_type: profile.bind_type.clone(),
        system_id: profile.system_id.clone(),
        since: rfc3339(now_ms()),
    };
    let slot = Arc::new(BindSlot { profile, status: Mutex::new(status), client: Mutex::new(None), stop });
    let (first_tx, first_rx) = oneshot::channel();
    tokio::spawn(run(inner, slot.clone(), password, reconnect, transport, stop_rx, first_tx));
    (slot, first_rx)
}

async fn run(
    inner: Arc<Inner>,
    slot: Arc<BindSlot>,
    password: String,
    reconnect: Reconnect,
    transport: Transport,
    mut stop: watch::Receiver<bool>,
    first: oneshot::Sender<FirstAttempt>,
) {
    let mut first = Some(first);
    let mut backoff = Duration::from_secs(1);
    let p = &slot.profile;
    let port = u16::try_from(p.port).unwrap_or(0);
    let addr = format!("{}:{}", p.host, port);
    loop {
        set_status(&inner, &slot, BindState::Connecting, None);
        let connection_id =
            match connections::insert_connection(&inner.db, p.id, &p.host, port, &p.bind_type, now_ms()).await {
                Ok(id) => id,
                Err(e) => {
                    tracing::error!("cannot log connection: {e}");
                    0
                }
            };
        let mut config = SessionConfig::new(bind_kind(&p.bind_type), &p.system_id, &password);
        config.bind.system_type = p.system_type.clone();
        let attempt = tokio::select! {
            r = Client::connect_via(&addr, &transport, config) => Some(r),
            _ = stop.changed() => None,
        };
        let Some(attempt) = attempt else { break };
        match attempt {
            Ok((client, events)) => {
                backoff = Duration::from_secs(1);
                let _ = connections::mark_connection_bound(&inner.db, connection_id, now_ms()).await;
                *slot.client.lock().unwrap_or_else(|e| e.into_inner()) = Some((client.clone(), connection_id));
                set_status(&inner, &slot, BindState::Bound, None);
                if let Some(f) = first.take() {
                    let _ = f.send(Ok(()));
                }
                let reason = pump(&inner, &slot, connection_id, events, &client, &mut stop).await;
                *slot.client.lock().unwrap_or_else(|e| e.into_inner()) = None;
                let _ = connections::mark_connection_ended(
                    &inner.db,
                    connection_id,
                    &format!("closed: {reason}"),
                    now_ms(),
                )
                .await;
                if *stop.borrow() {
                    break;
                }
                set_status(&inner, &slot, BindState::Error, Some(format!("Connection lost: {reason}")));
            }
            Err(e) => {
                // The refused exchange belongs in the PDU log: it is what support staff show
                // the provider.
                for (direction, bytes) in e.frames() {
                    log_frame(&inner, connection_id, *direction, bytes, Vec::new()).await;
                }
                let _ = connections::mark_connection_ended(&inner.db, connection_id, &format!("failed: {e}"), now_ms())
                    .await;
                set_status(&inner, &slot, BindState::Error, Some(e.to_string()));
                if let Some(f) = first.take() {
                    let _ = f.send(Err((e.command_status(), e.to_string())));
                }
            }
        }
        if reconnect == Reconnect::Never {
            break;
        }
        let wait = tokio::time::sleep(backoff);
        backoff = (backoff * 2).min(Duration::from_secs(30));
        tokio::select! {
            () = wait => {}
            _ = stop.changed() => break,
        }
    }
    set_status(&inner, &slot, BindState::Disconnected, None);
}

/// Handles the connection's events until it closes; returns why it closed.
async fn pump(
    inner: &Arc<Inner>,
    slot: &Arc<BindSlot>,
    connection_id: i64,
    mut events: mpsc::Receiver<ClientEvent>,
    client: &Client,
    stop: &mut watch::Receiver<bool>,
) -> String {
    let mut unbinding = false;
    loop {
        let ev = tokio::select! {
            ev = events.recv() => ev,
            _ = stop.changed(), if !unbinding => {
                unbinding = true;
                let c = client.clone();
                tokio::spawn(async move { c.unbind().await });
                continue;
            }
        };
        match ev {
            Some(ClientEvent::Frame { direction, bytes, warnings }) => {
                log_frame(inner, connection_id, direction, &bytes, warnings).await;
            }
            Some(ClientEvent::Deliver(sm)) => {
                if let Err(e) = receipts::handle_deliver(inner, &slot.profile, connection_id, *sm).await {
                    tracing::error!("cannot record deliver_sm: {e}");
                }
            }
            Some(ClientEvent::Closed { reason }) => return reason,
            None => return "session ended".into(),
        }
    }
}

/// Logs one PDU with the bind password masked.
async fn log_frame(inner: &Inner, connection_id: i64, direction: Direction, bytes: &[u8], warnings: Vec<String>) {
    let masked = mask_password(bytes);
    let warnings = (!warnings.is_empty()).then(|| warnings.join("; "));
    let new =
        pdus::NewPdu { connection_id, inbound: direction == Direction::In, bytes: &masked, warnings, at: now_ms() };
    if let Err(e) = pdus::insert_pdu(&inner.db, new).await {
        tracing::error!("cannot log PDU: {e}");
    }
}

fn set_status(inner: &Inner, slot: &BindSlot, state: BindState, detail: Option<String>) {
    let status = {
        let mut s = slot.status.lock().unwrap_or_else(|e| e.into_inner());
        if s.state == state && s.detail == detail {
            return;
        }
        s.state = state;
        s.detail = detail;
        s.since = rfc3339(now_ms());
        s.clone()
    };
    inner.publish(ConsoleEvent::Bind { bind: status });
}
