//! The accept loop and what connections share (receivers for receipts, message IDs).

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use smpp_codec::pdu::{Body, Pdu};
use tokio::net::TcpListener;
use tokio::sync::{mpsc, watch};
use tokio::task::JoinHandle;

use crate::connection::serve;
use crate::{Faults, SimConfig};

/// A running simulator. Dropping it without [`Simulator::shutdown`] also stops it.
#[derive(Debug)]
pub struct Simulator {
    local_addr: SocketAddr,
    shared: Arc<Shared>,
    stop: watch::Sender<bool>,
    task: Option<JoinHandle<()>>,
}

/// A bound connection that can take deliver_sm (RX or TRX), by system_id.
#[derive(Debug)]
pub(crate) struct Receiver {
    pub system_id: String,
    pub connection: u64,
    pub tx: mpsc::Sender<Pdu>,
}

#[derive(Debug)]
pub(crate) struct Shared {
    pub config: SimConfig,
    faults: Mutex<Faults>,
    pub receivers: Mutex<Vec<Receiver>>,
    next_message_id: AtomicU64,
    next_connection: AtomicU64,
    /// submit_sm received on every connection (the throttle fault counts these).
    submits: AtomicU64,
}

impl Shared {
    /// Unique across restarts too: the counter starts at the current time in microseconds, so
    /// a database that outlives the simulator never sees an ID twice.
    pub fn message_id(&self) -> String {
        format!("{:X}", self.next_message_id.fetch_add(1, Ordering::Relaxed))
    }

    /// The fault switches as they are now (read per PDU, so a change applies at once).
    pub fn faults(&self) -> Faults {
        self.faults.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Counts one more submit_sm; returns how many there have been, this one included.
    pub fn count_submit(&self) -> u64 {
        self.submits.fetch_add(1, Ordering::Relaxed) + 1
    }

    pub fn connection_id(&self) -> u64 {
        self.next_connection.fetch_add(1, Ordering::Relaxed)
    }

    /// A receiver for `system_id`, preferring the connection the message came in on.
    pub fn receiver_for(&self, system_id: &str, preferred: u64) -> Option<mpsc::Sender<Pdu>> {
        let receivers = self.receivers.lock().unwrap_or_else(|e| e.into_inner());
        let mut candidates = receivers.iter().filter(|r| r.system_id == system_id && !r.tx.is_closed());
        let first = candidates.clone().find(|r| r.connection == preferred);
        first.or_else(|| candidates.next()).map(|r| r.tx.clone())
    }
}

impl Simulator {
    /// Listens on `addr` (port 0 picks a free one) and serves until shut down.
    pub async fn start(addr: &str, config: SimConfig) -> std::io::Result<Simulator> {
        let listener = TcpListener::bind(addr).await?;
        let local_addr = listener.local_addr()?;
        let start = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_micros() as u64)
            .unwrap_or(1);
        let shared = Arc::new(Shared {
            faults: Mutex::new(config.faults.clone()),
            config,
            receivers: Mutex::new(Vec::new()),
            next_message_id: AtomicU64::new(start),
            next_connection: AtomicU64::new(1),
            submits: AtomicU64::new(0),
        });
        let (stop, stop_rx) = watch::channel(false);
        let task = tokio::spawn(accept_loop(listener, shared.clone(), stop_rx));
        Ok(Simulator { local_addr, shared, stop, task: Some(task) })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// Switches faults on or off while running; open connections follow from their next PDU.
    pub fn set_faults(&self, faults: Faults) {
        *self.shared.faults.lock().unwrap_or_else(|e| e.into_inner()) = faults;
    }

    /// The fault switches in force.
    pub fn faults(&self) -> Faults {
        self.shared.faults()
    }

    /// Sends a mobile-originated message (a deliver_sm carrying `sm`) to an RX or TRX bind of
    /// `system_id`, as a handset's SMS would arrive. False when no such bind is up.
    pub async fn send_mo(&self, system_id: &str, sm: smpp_codec::pdu::ShortMessage) -> bool {
        match self.shared.receiver_for(system_id, u64::MAX) {
            Some(tx) => tx.send(Pdu::new(0, Body::DeliverSm(Box::new(sm)))).await.is_ok(),
            None => false,
        }
    }

    /// Stops accepting, unbinds every connection and waits for them to end.
    pub async fn shutdown(mut self) {
        let _ = self.stop.send(true);
        if let Some(t) = self.task.take() {
            let _ = t.await;
        }
    }
}

impl Drop for Simulator {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}

async fn accept_loop(listener: TcpListener, shared: Arc<Shared>, mut stop: watch::Receiver<bool>) {
    let mut connections = tokio::task::JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, peer)) => {
                    let _ = stream.set_nodelay(true);
                    tracing::debug!(%peer, "smsc-sim: connection");
                    connections.spawn(serve(stream, shared.clone(), stop.clone()));
                }
                Err(e) => tracing::warn!("smsc-sim: accept failed: {e}"),
            },
            _ = stop.changed() => break,
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
    // Give connections a moment to unbind politely, then stop them.
    let deadline = tokio::time::sleep(std::time::Duration::from_secs(2));
    tokio::pin!(deadline);
    loop {
        tokio::select! {
            next = connections.join_next() => if next.is_none() { break },
            () = &mut deadline => { connections.abort_all(); break }
        }
    }
}
