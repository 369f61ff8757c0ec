//! One bind per profile: connect, keep the status and its counters, log every PDU, hand
//! deliver_sm on, pace submits (rate limit), and reconnect with jittered backoff when asked to.

use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use smpp_codec::pdu::{BindKind, mask_password};
use smpp_session::{Client, ClientEvent, Direction, SessionConfig, Transport};
use tokio::sync::{mpsc, oneshot, watch};

use crate::clock::{now_ms, rfc3339};
use crate::console::Inner;
use crate::db::log_writer::PduRow;
use crate::db::{connections, profile_hosts, profiles::Profile};
use crate::model::{BindState, BindStatus, ConsoleEvent};
use crate::rate::{RateMeter, TokenBucket};
use crate::receipts;

/// Whether a bind comes back by itself after the connection drops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reconnect {
    /// One attempt (smppctl): the caller reports the failure.
    Never,
    /// Retry with jittered exponential backoff (the profile's settings; by default 1 s
    /// doubling to 30 s), as the app does.
    WithBackoff,
}

/// How the first bind attempt ended: Ok, or the refusal's command_status (if the SMSC sent
/// one) and the reason in words.
pub(crate) type FirstAttempt = Result<(), (Option<u32>, String)>;

/// A live bind: its status, its counters and, when bound, the client to submit through.
#[derive(Debug)]
pub(crate) struct BindSlot {
    pub profile: Profile,
    /// "TX", "RX" or "TRX": what this session binds as (a TX+RX pair is two slots).
    pub kind: String,
    pub reconnect: Reconnect,
    status: Mutex<BindStatus>,
    client: watch::Sender<Option<(Client, i64)>>,
    counters: Counters,
    pacing: Mutex<Pacing>,
    stop: watch::Sender<bool>,
}

#[derive(Debug, Default)]
struct Counters {
    /// Bound at least once: a later loss is a drop to wait out, not a bind that never worked.
    ever_bound: AtomicBool,
    window_in_use: AtomicU32,
    throttled: AtomicU32,
    timeouts: AtomicU32,
    reconnects: AtomicU32,
}

#[derive(Debug)]
struct Pacing {
    bucket: Option<TokenBucket>,
    meter: RateMeter,
    /// When counters were last pushed to subscribers (they change too often to push each).
    last_published: Option<Instant>,
}

/// Counter changes reach subscribers at most this often; state changes go at once.
const COUNTER_PUBLISH_INTERVAL: Duration = Duration::from_millis(500);

impl BindSlot {
    /// Sets (or clears) the notice shown with the bind's state, and tells the UI.
    pub(crate) fn set_notice(&self, inner: &Inner, notice: Option<String>) {
        self.status.lock().unwrap_or_else(|e| e.into_inner()).notice = notice;
        inner.publish(ConsoleEvent::Bind { bind: self.status() });
    }

    /// Requests awaiting a response now (how busy the bind is).
    pub(crate) fn load(&self) -> u32 {
        self.counters.window_in_use.load(Ordering::Relaxed)
    }

    /// The status with live counters.
    pub fn status(&self) -> BindStatus {
        let mut s = self.status.lock().unwrap_or_else(|e| e.into_inner()).clone();
        let c = &self.counters;
        s.window_in_use = c.window_in_use.load(Ordering::Relaxed);
        s.throttled = c.throttled.load(Ordering::Relaxed);
        s.timeouts = c.timeouts.load(Ordering::Relaxed);
        s.reconnects = c.reconnects.load(Ordering::Relaxed);
        s.rate_per_second = self.pacing().meter.per_second(Instant::now());
        s
    }

    /// The client and its connection id, if bound.
    pub fn client(&self) -> Option<(Client, i64)> {
        self.client.borrow().clone()
    }

    /// A live client on a connection other than `not_on` (the one a part was just lost on),
    /// waiting up to `wait` for a lost bind to come back (only if this bind reconnects by
    /// itself and has not been stopped).
    pub async fn wait_for_client(&self, wait: Duration, not_on: Option<i64>) -> Option<(Client, i64)> {
        let usable = |c: &Option<(Client, i64)>| {
            c.as_ref().is_some_and(|(client, id)| !client.is_closed() && Some(*id) != not_on)
        };
        if usable(&self.client.borrow()) {
            return self.client();
        }
        if self.reconnect == Reconnect::Never || *self.stop.borrow() {
            return None;
        }
        let mut rx = self.client.subscribe();
        let mut stop = self.stop.subscribe();
        tokio::select! {
            r = tokio::time::timeout(wait, rx.wait_for(usable)) => match r {
                Ok(Ok(c)) => c.clone(),
                _ => None,
            },
            _ = stop.wait_for(|s| *s) => None,
        }
    }

    pub fn stop(&self) {
        let _ = self.stop.send(true);
    }

    /// Whether a missing client is a dropped connection that is coming back (so a send
    /// should wait for it) rather than a bind that never worked or was stopped.
    pub fn is_reconnecting(&self) -> bool {
        self.reconnect == Reconnect::WithBackoff
            && self.counters.ever_bound.load(Ordering::Relaxed)
            && !*self.stop.borrow()
    }

    /// Waits for the rate limit to allow one more segment, and counts it.
    pub async fn pace(&self) {
        loop {
            let now = Instant::now();
            let wait = {
                let mut p = self.pacing();
                match p.bucket.as_mut().map(|b| b.take(now)) {
                    None | Some(Ok(())) => {
                        p.meter.record(now);
                        return;
                    }
                    Some(Err(wait)) => wait,
                }
            };
            tokio::time::sleep(wait).await;
        }
    }

    pub fn submit_written(&self) {
        self.counters.window_in_use.fetch_add(1, Ordering::Relaxed);
    }

    pub fn submit_answered(&self) {
        // Saturating: never below zero whatever the order of events.
        let _ = self.counters.window_in_use.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_sub(1));
    }

    pub fn count_throttled(&self, inner: &Inner) {
        self.counters.throttled.fetch_add(1, Ordering::Relaxed);
        self.publish_counters(inner);
    }

    pub fn count_timeout(&self, inner: &Inner) {
        self.counters.timeouts.fetch_add(1, Ordering::Relaxed);
        self.publish_counters(inner);
    }

    fn pacing(&self) -> std::sync::MutexGuard<'_, Pacing> {
        self.pacing.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn publish_counters(&self, inner: &Inner) {
        let now = Instant::now();
        {
            let mut p = self.pacing();
            if p.last_published.is_some_and(|t| now.saturating_duration_since(t) < COUNTER_PUBLISH_INTERVAL) {
                return;
            }
            p.last_published = Some(now);
        }
        inner.publish(ConsoleEvent::Bind { bind: self.status() });
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
    kind: &str,
    (index, count): (usize, usize),
    password: String,
    reconnect: Reconnect,
    transport: Transport,
) -> (Arc<BindSlot>, oneshot::Receiver<FirstAttempt>) {
    let (stop, stop_rx) = watch::channel(false);
    let settings = &profile.settings;
    // The profile's rate limit is shared out among its binds.
    let count_u32 = u32::try_from(count.max(1)).unwrap_or(1);
    let rate_limit = settings.rate_limit.map(|r| r.div_ceil(count_u32).max(1));
    let status = BindStatus {
        profile_name: profile.name.clone(),
        state: BindState::Connecting,
        detail: None,
        host: profile.host.clone(),
        port: u16::try_from(profile.port).unwrap_or(0),
        bind_type: kind.to_string(),
        system_id: profile.system_id.clone(),
        since: rfc3339(now_ms()),
        bind_index: u32::try_from(index + 1).unwrap_or(1),
        bind_count: count_u32,
        window_size: settings.window_size,
        window_in_use: 0,
        rate_limit,
        rate_per_second: 0,
        throttled: 0,
        timeouts: 0,
        reconnects: 0,
        backing_off_until: None,
        notice: None,
    };
    let pacing = Pacing {
        bucket: rate_limit.map(|r| TokenBucket::new(r, Instant::now())),
        meter: RateMeter::default(),
        last_published: None,
    };
    let slot = Arc::new(BindSlot {
        profile,
        kind: kind.to_string(),
        reconnect,
        status: Mutex::new(status),
        client: watch::Sender::new(None),
        counters: Counters::default(),
        pacing: Mutex::new(pacing),
        stop,
    });
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
    // Failed attempts since the last successful bind: the backoff grows with them.
    let mut failures: u32 = 0;
    let mut attempts: u32 = 0;
    let p = &slot.profile;
    // Failover: the profile's host, then its further hosts in turn. A failed attempt moves to
    // the next host at once; backoff starts when every host has failed in a row.
    let mut hosts = vec![(p.host.clone(), u16::try_from(p.port).unwrap_or(0))];
    match profile_hosts::list_failover_hosts(&inner.db, p.id).await {
        Ok(more) => hosts.extend(more),
        Err(e) => tracing::error!("cannot read failover hosts of {}: {e}", p.name),
    }
    let mut at: usize = 0;
    loop {
        attempts += 1;
        if attempts > 1 {
            slot.counters.reconnects.fetch_add(1, Ordering::Relaxed);
        }
        let (host, port) = hosts[at % hosts.len()].clone();
        let addr = format!("{host}:{port}");
        let transport = transport_for(&transport, &p.host, &host);
        {
            let mut s = slot.status.lock().unwrap_or_else(|e| e.into_inner());
            s.host.clone_from(&host);
            s.port = port;
        }
        set_status(&inner, &slot, BindState::Connecting, None);
        let connection_id =
            match connections::insert_connection(&inner.db, p.id, &host, port, &slot.kind, now_ms()).await {
                Ok(id) => id,
                Err(e) => {
                    tracing::error!("cannot log connection: {e}");
                    0
                }
            };
        let config = session_config(p, &slot.kind, &password);
        let attempt = tokio::select! {
            r = Client::connect_via(&addr, &transport, config) => Some(r),
            _ = stop.changed() => None,
        };
        let Some(attempt) = attempt else { break };
        match attempt {
            Ok((client, events)) => {
                failures = 0;
                slot.counters.ever_bound.store(true, Ordering::Relaxed);
                let _ = connections::mark_connection_bound(&inner.db, connection_id, now_ms()).await;
                slot.client.send_replace(Some((client.clone(), connection_id)));
                set_status(&inner, &slot, BindState::Bound, None);
                if let Some(f) = first.take() {
                    let _ = f.send(Ok(()));
                }
                let reason = pump(&inner, &slot, connection_id, events, &client, &mut stop).await;
                inner.log.flush().await; // on disk before shutdown sees the bind gone
                slot.client.send_replace(None);
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
                inner.log.flush().await;
                let _ = connections::mark_connection_ended(&inner.db, connection_id, &format!("failed: {e}"), now_ms())
                    .await;
                let detail = if hosts.len() > 1 { format!("{addr}: {e}") } else { e.to_string() };
                if is_credential_refusal(e.command_status()) {
                    // The same credentials would be refused again, and retrying may lock the
                    // account: stop here until the user fixes them.
                    let detail = format!(
                        "{detail}. Not retrying: the same credentials would be refused again (and repeated \
                         attempts may lock the account). Fix the system_id or password, then Connect."
                    );
                    set_status(&inner, &slot, BindState::Error, Some(detail));
                    if let Some(f) = first.take() {
                        let _ = f.send(Err((e.command_status(), e.to_string())));
                    }
                    set_backing_off(&inner, &slot, None);
                    return;
                }
                set_status(&inner, &slot, BindState::Error, Some(detail));
                at += 1;
                if at.is_multiple_of(hosts.len()) {
                    // Every host failed in turn: the first attempt (one round) is over.
                    if let Some(f) = first.take() {
                        let _ = f.send(Err((e.command_status(), e.to_string())));
                    }
                } else if !*stop.borrow() {
                    // The next host, at once.
                    continue;
                }
            }
        }
        if reconnect == Reconnect::Never {
            break;
        }
        failures += 1;
        let backoff = p.settings.backoff(failures, rand::random::<f64>());
        set_backing_off(&inner, &slot, Some(now_ms() + i64::try_from(backoff.as_millis()).unwrap_or(i64::MAX)));
        tokio::select! {
            () = tokio::time::sleep(backoff) => {}
            _ = stop.changed() => break,
        }
        set_backing_off(&inner, &slot, None);
    }
    set_backing_off(&inner, &slot, None);
    set_status(&inner, &slot, BindState::Disconnected, None);
}

/// The session settings a bind of `p` as `kind` (TX, RX, TRX) uses: system_type, interface version,
/// address_range, window and timers.
pub(crate) fn session_config(p: &Profile, kind: &str, password: &str) -> SessionConfig {
    let mut config = SessionConfig::new(bind_kind(kind), &p.system_id, password);
    config.bind.system_type = p.system_type.clone();
    config.bind.interface_version = u8::try_from(p.interface_version).unwrap_or(smpp_codec::pdu::INTERFACE_VERSION_34);
    config.bind.address_range = p.address_range.clone();
    config.window = usize::try_from(p.settings.window_size.max(1)).unwrap_or(1);
    config.response_timeout = p.settings.response_timeout();
    config.enquire_link_interval = p.settings.enquire_link_interval();
    config
}

/// ESME_RINVPASWD (0x0E) and ESME_RINVSYSID (0x0F): the SMSC does not accept who we are.
pub(crate) fn is_credential_refusal(status: Option<u32>) -> bool {
    matches!(status, Some(0x0E | 0x0F))
}

/// The transport for a failover host: TLS verifies the host it connects to, unless the
/// caller named a different server than the profile's own host.
fn transport_for(transport: &Transport, profile_host: &str, host: &str) -> Transport {
    match transport {
        Transport::Tls { server_name, settings } if server_name == profile_host => {
            Transport::Tls { server_name: host.to_string(), settings: settings.clone() }
        }
        other => other.clone(),
    }
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
                receipts::handle_deliver(inner, &slot.profile, connection_id, *sm).await;
            }
            Some(ClientEvent::Closed { reason }) => return reason,
            None => return "session ended".into(),
        }
    }
}

/// Queues one PDU for the log writer with the bind password masked (waits while its queue
/// is full: back-pressure on the session rather than unbounded memory).
async fn log_frame(inner: &Inner, connection_id: i64, direction: Direction, bytes: &[u8], warnings: Vec<String>) {
    let bytes = mask_password(bytes);
    let warnings = (!warnings.is_empty()).then(|| warnings.join("; "));
    let row = PduRow { connection_id, inbound: direction == Direction::In, bytes, warnings, at: now_ms() };
    inner.log.pdu(row).await;
}

fn set_status(inner: &Inner, slot: &BindSlot, state: BindState, detail: Option<String>) {
    {
        let mut s = slot.status.lock().unwrap_or_else(|e| e.into_inner());
        if s.state == state && s.detail == detail {
            return;
        }
        s.state = state;
        s.detail = detail;
        s.since = rfc3339(now_ms());
    }
    inner.publish(ConsoleEvent::Bind { bind: slot.status() });
}

/// Says until when the bind waits before its next attempt (None: not waiting).
fn set_backing_off(inner: &Inner, slot: &BindSlot, until_ms: Option<i64>) {
    let until = until_ms.map(rfc3339);
    {
        let mut s = slot.status.lock().unwrap_or_else(|e| e.into_inner());
        if s.backing_off_until == until {
            return;
        }
        s.backing_off_until = until;
    }
    inner.publish(ConsoleEvent::Bind { bind: slot.status() });
}

#[cfg(test)]
mod tests {
    use smpp_session::TlsSettings;

    use super::*;

    #[test]
    fn failover_hosts_verify_their_own_tls_name_unless_another_was_given() {
        let tls = |name: &str| Transport::Tls { server_name: name.into(), settings: TlsSettings::default() };
        assert_eq!(transport_for(&tls("a.example"), "a.example", "b.example"), tls("b.example"));
        assert_eq!(transport_for(&tls("cert.example"), "a.example", "b.example"), tls("cert.example"));
        assert_eq!(transport_for(&Transport::Tcp, "a.example", "b.example"), Transport::Tcp);
    }
}
